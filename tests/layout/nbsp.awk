# The words of `pdftotext -bbox` (y x0 x1 word, one a line, in reading
# order): on every justified line (its last word at the right edge, so
# neither a paragraph's last line nor the title), the space after « and
# before », which the source writes as no-break spaces, is as wide as the
# median of the line's other spaces: a no-break space stretches as a
# space does (TeX's ~).  Prints each line tested; exits 1 if one is off
# by more than 0.3 pt or fewer than two lines were tested.
function flush(   i, j, k, t, n, med, nb, g, bad) {
	if (nw < 3 || x1[nw] < right - 3) { nw = 0; return }
	n = 0; nb = 0
	for (i = 2; i <= nw; i++) {
		g = x0[i] - x1[i - 1]
		if (w[i - 1] == "«" || w[i] ~ /^»/) nbs[++nb] = g
		else other[++n] = g
	}
	nw = 0
	if (nb == 0 || n == 0) return
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && other[j - 1] > other[j]; j--) {
			t = other[j]; other[j] = other[j - 1]; other[j - 1] = t
		}
	med = n % 2 ? other[(n + 1) / 2] : (other[n / 2] + other[n / 2 + 1]) / 2
	for (k = 1; k <= nb; k++) {
		d = nbs[k] - med
		if (d < -0.3 || d > 0.3) failed = 1
		printf "line %s: no-break space %.2f pt, spaces %.2f pt\n", y, nbs[k], med
	}
	tested++
}
NR == FNR { if ($3 > right) right = $3; next }
$1 != y { flush(); y = $1 }
{ nw++; x0[nw] = $2; x1[nw] = $3; w[nw] = $4 }
END { flush(); exit failed || tested < 2 }
