# tests/tables: tables in print.  Columns share the measure by CSS 2.1's
# automatic table layout (no word broken while the longest words fit),
# GFM alignment, a long table continues with its header row repeated, a
# row taller than a page splits between lines and loses no word.
# Sourced by tests/run.sh.

# The dump's text lines (page role x y width ratio hyphen text).
tb_dump() {
	lectern dump --layout "tests/tables/$1.md" >"$T/tb-$1.lines" \
	    2>"$T/tb-$1.err" || fail "tables/$1/exit" "$(head -n 1 "$T/tb-$1.err")"
}

for _tb in narrow three-pages tall-row; do
	tb_dump $_tb
	# An ordinary table warns nothing.
	if [ -s "$T/tb-$_tb.err" ]; then
		fail "tables/$_tb/quiet" "$(head -n 1 "$T/tb-$_tb.err")"
	else
		pass "tables/$_tb/quiet"
	fi
	# Cells of one row never overlap: on each baseline, every line
	# ends before the next one to its right starts, and the last
	# before the right margin (A5, 18 mm margins: 368.50 pt).
	if awk '$1 ~ /^[0-9]+$/ && $2 == "body" { print $1, $4, $3, $3 + $5 }' \
	    "$T/tb-$_tb.lines" | sort -k1,1n -k2,2n -k3,3n |
	    awk '$1 == p && $2 == y && $3 < e - 0.01 || $4 > 368.51 { bad = 1 }
	    { p = $1; y = $2; e = $4 } END { exit bad }'; then
		pass "tables/$_tb/no-overlap"
	else
		fail "tables/$_tb/no-overlap" "two cells share room, or one overhangs the margin"
	fi
done

# Narrow columns: every word whole, no line ends in a broken word.
if lectern pdf -q -o "$T/tb-narrow.pdf" tests/tables/narrow.md &&
    pdftotext -raw "$T/tb-narrow.pdf" "$T/tb-narrow.txt"; then
	_tb_miss=
	for _tb_w in Surface Bamboo Papyrus Parchment Pergamon Period onwards \
	    Notes scholar’s; do
		grep -qw -- "$_tb_w" "$T/tb-narrow.txt" || _tb_miss="$_tb_miss $_tb_w"
	done
	if [ -z "$_tb_miss" ]; then
		pass tables/narrow/words-whole
	else
		fail tables/narrow/words-whole "pdftotext lacks:$_tb_miss"
	fi
else
	fail tables/narrow/words-whole "no pdf"
fi
if awk '$1 ~ /^[0-9]+$/ && $2 == "body" && $7 == 1 && $NF !~ /-$/ { bad = 1 }
    END { exit bad }' "$T/tb-narrow.lines" &&
    ! grep -q 'Surfac$\|Bambo$\|Papyru$\|Parchmen$' "$T/tb-narrow.lines"; then
	pass tables/narrow/no-mid-word-break
else
	fail tables/narrow/no-mid-word-break
fi

# One-letter columns: "a" and "x" get a column at least as wide as
# themselves, so "b" and "y" start after them.
if awk '$1 ~ /^[0-9]+$/ { x[$NF] = $3; w[$NF] = $5 }
    END { exit !(x["b"] >= x["a"] + w["a"] && x["y"] >= x["x"] + w["x"] &&
	x["c"] >= x["b"] + w["b"] && w["a"] > 3) }' "$T/tb-narrow.lines"; then
	pass tables/narrow/one-letter-column
else
	fail tables/narrow/one-letter-column
fi

# GFM alignment: Surface left, Where centred, Period right.
if awk '$1 ~ /^[0-9]+$/ && $2 == "body" {
	t = $0; for (i = 1; i <= 7; i++) sub(/^[^ ]* /, "", t)
	l[t] = $3; c[t] = $3 + $5 / 2; r[t] = $3 + $5 }
    function near(a, b) { return a - b < 0.05 && b - a < 0.05 }
    END { exit !(near(l["Surface"], l["Bamboo"]) &&
	near(l["Bamboo"], l["Parchment"]) &&
	near(c["Where"], c["China"]) && near(c["China"], c["Pergamon"]) &&
	near(c["Egypt"], c["Pergamon"]) && !near(l["China"], l["Pergamon"]) &&
	near(r["Period"], r["1200 BCE"]) && near(r["200 BCE"], r["onwards"]) &&
	!near(l["200 BCE"], l["1200 BCE"])) }' "$T/tb-narrow.lines"; then
	pass tables/narrow/alignment
else
	fail tables/narrow/alignment "left, centre, right columns misplaced"
fi

# Three pages of table: the header row heads every page, every row is
# there once, the header is its first line on the page.
if awk '$1 == "page" { np++ }
    $1 ~ /^[0-9]+$/ && $2 == "body" && !($1 in first) { first[$1] = $NF }
    $1 ~ /^[0-9]+$/ && $NF == "No." { head[$1]++ }
    $1 ~ /^[0-9]+$/ && $NF ~ /^Item[0-9]+$/ { rows[$NF]++ }
    END { if (np != 3) exit 1
	for (p = 2; p <= np; p++) if (first[p] != "No." || head[p] != 1) exit 1
	for (i = 1; i <= 55; i++) if (rows["Item" i] != 1) exit 1 }' \
    "$T/tb-three-pages.lines"; then
	pass tables/three-pages/header-repeated
else
	fail tables/three-pages/header-repeated
fi

# A header row never stands alone at a page foot: a table after text
# of every length around a page's worth.
_tb_bad=
for _tb_n in 18 19 20 21 22 23 24 25 26 27; do
	{
		printf -- '---\ntitle: Header At The Foot\n---\n\n'
		_tb_i=0
		while [ $_tb_i -lt "$_tb_n" ]; do
			printf 'Line %d of the text before the table.\\\n' $_tb_i
			_tb_i=$((_tb_i + 1))
		done
		printf 'The end.\n\n| Head one | Head two |\n|---|---|\n'
		printf '| cell %d | more %d |\n' 1 1 2 2 3 3
	} >"$T/tb-foot.md"
	lectern dump --layout "$T/tb-foot.md" >"$T/tb-foot.lines" 2>/dev/null
	if ! awk '$1 ~ /^[0-9]+$/ && $2 == "body" { last[$1] = $NF }
	    END { for (p in last) if (last[p] == "two") exit 1 }' \
	    "$T/tb-foot.lines"; then
		_tb_bad="$_tb_bad $_tb_n"
	fi
done
if [ -z "$_tb_bad" ]; then
	pass tables/header-not-alone
else
	fail tables/header-not-alone "header alone at the foot after$_tb_bad lines"
fi

# A row taller than a page (the repro of issue 9): every word of its
# 900-word cell printed, each inside the page.
if lectern pdf -q -o "$T/tb-tall.pdf" tests/tables/tall-row.md &&
    pdftotext "$T/tb-tall.pdf" "$T/tb-tall.txt" &&
    pdftotext -bbox "$T/tb-tall.pdf" "$T/tb-tall.html"; then
	_tb_want=$(tr ' |' '\n\n' <tests/tables/tall-row.md | grep -c '^w[0-9]*$')
	_tb_got=$(tr ' ' '\n' <"$T/tb-tall.txt" | grep -c '^w[0-9]*$')
	if [ "$_tb_want" -gt 100 ] && [ "$_tb_got" -eq "$_tb_want" ]; then
		pass tables/tall-row/every-word
	else
		fail tables/tall-row/every-word "$_tb_got of $_tb_want words"
	fi
	if awk -F'"' '/<page /{ w = $2; h = $4 }
	    /<word / { if ($2 < 0 || $4 < 0 || $6 > w || $8 > h) bad = 1; n++ }
	    END { exit bad || n == 0 }' "$T/tb-tall.html"; then
		pass tables/tall-row/inside-page
	else
		fail tables/tall-row/inside-page "a word lies off the page"
	fi
else
	fail tables/tall-row/every-word "no pdf"
fi

# Longest words wider than the page together: broken, said once, at
# the table, in words a lecturer can act on.
lectern pdf -o "$T/tb-wide.pdf" tests/tables/too-wide.md 2>"$T/tb-wide.err"
if [ -s "$T/tb-wide.pdf" ] && [ "$(wc -l <"$T/tb-wide.err")" -eq 1 ] &&
    grep -q '^tests/tables/too-wide.md:5:1: warning: table too wide for the page: its 5 columns' \
    "$T/tb-wide.err"; then
	pass tables/too-wide/said-once
else
	fail tables/too-wide/said-once "$(head -n 3 "$T/tb-wide.err")"
fi
