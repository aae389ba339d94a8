# Compare a `lectern dump --layout` (ACTUAL) with its expected *.lines
# (EXPECTED): page, role, hyphen and text exactly, positions, widths and
# glue ratios within tol (default 0.02).  Prints one line per change,
# naming the line, and exits 1 if there is any.
#
#   awk -v tol=0.02 -f tests/layout/lines.awk EXPECTED ACTUAL
#
# A dump line: "PAGE ROLE X Y WIDTH RATIO HYPH TEXT..."; "size W H" and
# "page N" lines also count.

function kind(s) {
	if (s ~ /^size /) return "size"
	if (s ~ /^page /) return "page"
	return "line"
}

# Fields 1..7 of a text line, and its text (the rest, spaces kept).
function parse(s, f,    i, t) {
	split(s, f, " ")
	t = s
	for (i = 1; i <= 7; i++)
		sub(/^[^ ]* /, "", t)
	f["text"] = t
}

function off(a, b) {
	a -= b
	return a < 0 ? -a : a
}

function short(s) {
	return length(s) > 50 ? substr(s, 1, 47) "..." : s
}

BEGIN {
	if (tol == "") tol = 0.02
	nnum = split("x y width ratio", names, " ")
}

FNR == NR { want[++ne] = $0; next }
{ got[++na] = $0 }

END {
	bad = 0
	# The shape of the layout first: which lines, on which pages, in
	# which roles, with which words.  If that differs, say where.
	for (i = 1; i <= ne || i <= na; i++) {
		if (i > ne) { printf "line %d: added: %s\n", i, got[i]; bad++; continue }
		if (i > na) { printf "line %d: removed: %s\n", i, want[i]; bad++; continue }
		ke = kind(want[i]); ka = kind(got[i])
		if (ke != ka || ke == "page" && want[i] != got[i]) {
			printf "line %d: was \"%s\", now \"%s\"\n", i, want[i], got[i]
			bad++
			continue
		}
		if (ke == "size") {
			split(want[i], e, " "); split(got[i], a, " ")
			if (off(e[2], a[2]) > tol || off(e[3], a[3]) > tol) {
				printf "line %d: page size %s x %s -> %s x %s\n",
				    i, e[2], e[3], a[2], a[3]
				bad++
			}
			continue
		}
		if (ke == "page")
			continue
		parse(want[i], e); parse(got[i], a)
		where = sprintf("line %d (page %s, %s \"%s\")", i, e[1], e[2],
		    short(e["text"]))
		if (e[1] != a[1] || e[2] != a[2]) {
			printf "%s: now page %s, %s\n", where, a[1], a[2]; bad++
		}
		if (e["text"] != a["text"]) {
			printf "%s: text now \"%s\"\n", where, short(a["text"]); bad++
		}
		if (e[7] != a[7]) {
			printf "%s: hyphenated %s -> %s\n", where, e[7], a[7]; bad++
		}
		for (k = 1; k <= nnum; k++)
			if (off(e[k + 2], a[k + 2]) > tol) {
				printf "%s: %s %s -> %s\n", where, names[k],
				    e[k + 2], a[k + 2]
				bad++
			}
		# After 20 findings the rest is noise.
		if (bad >= 20) { print "..."; break }
	}
	exit bad > 0
}
