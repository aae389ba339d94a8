# tests/tables: tables in print.  Columns share the measure by CSS 2.1's
# automatic table layout (no word broken while the longest words fit),
# GFM alignment, a long table continues with its header row repeated, a
# row taller than a page splits between lines and loses no word; in a
# right-to-left lecture the columns run from the right.
# Sourced by tests/run.sh.

# The dump's text lines (page role x y width ratio hyphen text).
tb_dump() {
	lectern dump --layout "tests/tables/$1.md" >"$T/tb-$1.lines" \
	    2>"$T/tb-$1.err" || fail "tables/$1/exit" "$(head -n 1 "$T/tb-$1.err")"
}

for _tb in narrow three-pages tall-row tall-head rtl; do
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

# The repeated header rows are artifacts: the structure tree holds the
# header row's three TH once, and 55 rows of TD.
if lectern pdf -q -o "$T/tb-3p.pdf" tests/tables/three-pages.md &&
    /usr/bin/python3 -c 'import sys, pikepdf
n = {}
def walk(e):
    if isinstance(e, pikepdf.Dictionary):
        if "/S" in e:
            n[str(e.S)] = n.get(str(e.S), 0) + 1
        k = e.get("/K")
        for c in (k if isinstance(k, pikepdf.Array) else [k]):
            walk(c)
walk(pikepdf.open(sys.argv[1]).Root.StructTreeRoot)
sys.exit(not (n.get("/TH") == 3 and n.get("/TD") == 165))' "$T/tb-3p.pdf"
then
	pass tables/three-pages/header-tagged-once
else
	fail tables/three-pages/header-tagged-once "the structure tree has the header row more than once, or lacks cells"
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

# A header row taller than a page (tests/gen's table-tall puts 900
# words in any cell): it splits between lines like any row, and is not
# repeated (a quarter of the text block at most is): every word once,
# no baseline below the text block (A5, 20 mm margins: 538.58 pt).
if lectern pdf -q -o "$T/tb-th.pdf" tests/tables/tall-head.md &&
    pdftotext "$T/tb-th.pdf" "$T/tb-th.txt"; then
	_tb_got=$(tr ' ' '\n' <"$T/tb-th.txt" | grep -c '^h[0-9]*$')
	_tb_b=$(tr ' ' '\n' <"$T/tb-th.txt" | grep -c '^b$')
	if [ "$_tb_got" -eq 900 ] && [ "$_tb_b" -eq 1 ] &&
	    ! grep -q repeated "$T/tb-tall-head.lines"; then
		pass tables/tall-head/every-word-once
	else
		fail tables/tall-head/every-word-once "$_tb_got of 900 words, b $_tb_b times"
	fi
else
	fail tables/tall-head/every-word-once "no pdf"
fi
if cat "$T/tb-tall-head.lines" "$T/tb-tall-row.lines" |
    awk '$1 ~ /^[0-9]+$/ && $2 == "body" && $4 > 538.58 { bad = 1 }
    END { exit bad }'; then
	pass tables/tall/inside-text-block
else
	fail tables/tall/inside-text-block "a line of a tall row below the foot of the text block"
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

# So is a short kana or Han term (kept whole in running text of another
# language): with the table's other words, "カタカナ" broke nowhere and
# ran over the next column ("overfull line" twice).
lectern pdf -o "$T/tb-kana.pdf" tests/tables/too-wide-kana.md \
    2>"$T/tb-kana.err"
if [ -s "$T/tb-kana.pdf" ] && [ "$(wc -l <"$T/tb-kana.err")" -eq 1 ] &&
    grep -q 'warning: table too wide for the page' "$T/tb-kana.err"; then
	pass tables/too-wide/kana-breaks
else
	fail tables/too-wide/kana-breaks "$(head -n 3 "$T/tb-kana.err")"
fi

# A right-to-left lecture (lang: ar): the first column at the right, as
# the EPUB's table under <html dir="rtl">, the table against the right
# margin (368.50 pt), and GFM's ":--" and "--:" the sides CSS's
# text-align left and right are: the numbers of column 1 share their
# left edge, the years of column 3 their right edge.  On each row,
# pdftotext's boxes: the number right of every Arabic letter, the year
# left of them.
if lectern pdf -q -o "$T/tb-rtl.pdf" tests/tables/rtl.md &&
    pdftotext -bbox-layout "$T/tb-rtl.pdf" "$T/tb-rtl.html"; then
	if awk -F'"' '/<word / {
		t = $0; sub(/^.*">/, "", t); sub(/<.*$/, "", t)
		y = int($4); x0 = $2; x1 = $6
		if (t ~ /^(1|22|333)$/) { num[y] = x0; nl[t] = x0; nr[y] = x1 }
		else if (t ~ /^(1200|900|150)$/) { year[y] = x1; yr[t] = x1 }
		else if (t !~ /^[ -~]*$/) {
			if (!(y in lo) || x0 < lo[y]) lo[y] = x0
			if (!(y in hi) || x1 > hi[y]) hi[y] = x1
			if (x1 > right) right = x1
		} }
	    function near(a, b) { return a - b < 0.05 && b - a < 0.05 }
	    END { for (y in num) { rows++
		if (!(y in year) || !(y in lo) || num[y] < hi[y] ||
		    year[y] > lo[y]) bad = 1 }
		exit bad || rows != 3 || !near(right, 368.50) ||
		    !near(nl["1"], nl["333"]) || !near(nl["22"], nl["333"]) ||
		    !near(yr["1200"], yr["900"]) || !near(yr["150"], yr["900"]) }' \
	    "$T/tb-rtl.html"; then
		pass tables/rtl/columns-from-right
	else
		fail tables/rtl/columns-from-right "column 1 is not right of column 2, or the sides are not as the EPUB's"
	fi
else
	fail tables/rtl/columns-from-right "no pdf"
fi

# Parity reads a table cell by cell (the dump's "cell" records), and it
# still sees every word: narrow.md's words equal the EPUB's; a word
# taken out of a cell of several lines, on either side, is a
# difference; without the records the rows interleave and it fails.
# three-pages.md: the header row repeated atop pages 2 and 3 is read
# once, and only because the dump says "repeated".
. "$TOP/tests/tools/build.sh"
# tb_parity NAME [DUMP [PDFHTML [EPUBDIR]]]: parity's status on NAME's
# books, or on damaged copies of their parts.
tb_parity() {
	"$T/tools/parity" --layout "${2:-$T/tb-$1.dump}" \
	    --epub "${4:-$T/tb-$1.x}" "${3:-$T/tb-$1.bb}" >"$T/tb-$1.par" 2>&1
}
if ! tool_build parity "libxml-2.0 fribidi" "$TOP/tests/tools/bbox.c"; then
	fail tables/parity "tests/tools/parity does not build"
else
	for _tb in narrow three-pages; do
		rm -rf "$T/tb-$_tb.x"
		mkdir -p "$T/tb-$_tb.x"
		lectern epub -q -o "$T/tb-$_tb.epub" "tests/tables/$_tb.md"
		lectern pdf -q -o "$T/tb-$_tb.pdf" "tests/tables/$_tb.md"
		(cd "$T/tb-$_tb.x" && unzip -q "../tb-$_tb.epub")
		pdftotext -bbox-layout "$T/tb-$_tb.pdf" "$T/tb-$_tb.bb"
		lectern dump --layout -q "tests/tables/$_tb.md" >"$T/tb-$_tb.dump"
		if tb_parity $_tb; then
			pass "tables/$_tb/parity"
		else
			fail "tables/$_tb/parity" "$(head -n 1 "$T/tb-$_tb.par")"
		fi
	done
	# "characters" starts the second line of a cell of six.
	grep -v '>characters</word>' "$T/tb-narrow.bb" >"$T/tb-lost.bb"
	if ! tb_parity narrow "" "$T/tb-lost.bb" &&
	    grep -q 'pdf "were", epub "characters"' "$T/tb-narrow.par"; then
		pass tables/narrow/parity-lost-pdf-word
	else
		fail tables/narrow/parity-lost-pdf-word "$(head -n 1 "$T/tb-narrow.par")"
	fi
	cp -r "$T/tb-narrow.x" "$T/tb-lost.x"
	sed -i 's/the pith of a reed/the pith of reed/' \
	    "$T/tb-lost.x/OEBPS/lecture.xhtml"
	if ! tb_parity narrow "" "" "$T/tb-lost.x" &&
	    grep -q 'pdf "a", epub "reed;"' "$T/tb-narrow.par"; then
		pass tables/narrow/parity-lost-epub-word
	else
		fail tables/narrow/parity-lost-epub-word "$(head -n 1 "$T/tb-narrow.par")"
	fi
	grep -v '^cell' "$T/tb-narrow.dump" >"$T/tb-nocell.dump"
	if ! tb_parity narrow "$T/tb-nocell.dump"; then
		pass tables/narrow/parity-needs-cells
	else
		fail tables/narrow/parity-needs-cells "the rows read right without the cells"
	fi
	sed 's/ repeated$//' "$T/tb-three-pages.dump" >"$T/tb-norep.dump"
	if ! tb_parity three-pages "$T/tb-norep.dump"; then
		pass tables/three-pages/parity-header-once
	else
		fail tables/three-pages/parity-header-once "the repeated header read without the dump's word"
	fi
fi
