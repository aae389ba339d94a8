# inpage.awk: reads `pdftotext -bbox-layout` output; prints the first
# words set outside their page (at most three) and exits 1 if any is.
/<page / { match($0, /width="[0-9.]*"/); w = substr($0, RSTART + 7, RLENGTH - 8) + 0
	match($0, /height="[0-9.]*"/); h = substr($0, RSTART + 8, RLENGTH - 9) + 0; p++ }
/<word / { split($0, a, "\""); x0 = a[2]; y0 = a[4]; x1 = a[6]; y1 = a[8]
	if (x0 < -1 || y0 < -1 || x1 > w + 1 || y1 > h + 1) {
		t = $0; sub(/.*">/, "", t); sub(/<.*/, "", t)
		printf "page %d: \"%s\" at %.0f,%.0f-%.0f,%.0f outside %.0fx%.0f\n", p, t, x0, y0, x1, y1, w, h
		bad++
		if (bad >= 3) exit 1
	} }
END { exit bad > 0 }
