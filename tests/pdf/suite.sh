# tests/pdf: the print PDF as a file: structure, fonts, outline, links,
# page labels, page size, styles, and reproducibility.
# Sourced by tests/run.sh.

P=$T/pdf
mkdir -p "$P/a4" "$P/nofont" "$P/badkey"
LEC=source/1.08-seven-thousand-cadre-conference.md
FEAT=tests/pdf/features.md

# yes if the command succeeds, for one-line assertions.
check() {
	name=$1
	shift
	if "$@" >/dev/null 2>&1; then pass "$name"; else fail "$name"; fi
}

if lectern pdf -o "$P/lec.pdf" "$LEC" 2>"$P/lec.err"; then
	pass pdf/lecture/exit
else
	fail pdf/lecture/exit "$(head -n 3 "$P/lec.err")"
fi
lectern pdf -o "$P/lec2.pdf" "$LEC" 2>/dev/null
check pdf/lecture/reproducible cmp "$P/lec.pdf" "$P/lec2.pdf"
check pdf/lecture/qpdf qpdf --check "$P/lec.pdf"

pdfinfo "$P/lec.pdf" >"$P/lec.info" 2>&1
check pdf/lecture/tagged grep -q '^Tagged: *yes' "$P/lec.info"
check pdf/lecture/title \
    grep -q '^Title: *Seven Thousand Cadre Conference (1962)$' "$P/lec.info"
check pdf/lecture/creator grep -q '^Creator: *lectern ' "$P/lec.info"
check pdf/lecture/date grep -q '^CreationDate: *Tue Mar  6 00:00:00 2018' \
    "$P/lec.info"
# pdfinfo prints 419.528 x 595.276: round to hundredths.
size=$(awk '/^Page size:/ { printf "%.2f x %.2f", $3, $5 }' "$P/lec.info")
if [ "$size" = "419.53 x 595.28" ]; then
	pass pdf/lecture/a5
else
	fail pdf/lecture/a5 "page size $size"
fi

# Every font embedded and subset; the CJK text in the configured family only.
pdffonts "$P/lec.pdf" >"$P/lec.fonts" 2>&1
if [ "$(tail -n +3 "$P/lec.fonts" | wc -l)" -gt 0 ] &&
    tail -n +3 "$P/lec.fonts" | awk '$(NF-4) != "yes" || $(NF-3) != "yes" {
    bad = 1 } END { exit bad }'; then
	pass pdf/lecture/fonts-embedded
else
	fail pdf/lecture/fonts-embedded "$(cat "$P/lec.fonts")"
fi
check pdf/lecture/cjk-font grep -q 'NotoSerifCJKsc-' "$P/lec.fonts"
if grep -i 'cjk\|han\|ming\|song\|hei' "$P/lec.fonts" |
    grep -qv 'NotoSerifCJKsc-'; then
	fail pdf/lecture/one-cjk-family "$(grep -i cjk "$P/lec.fonts")"
else
	pass pdf/lecture/one-cjk-family
fi
pdftotext "$P/lec.pdf" "$P/lec.txt" 2>/dev/null
for term in 彭真 朱德 北戴河 单干 八届十中全会; do
	check "pdf/lecture/text-$term" grep -q "$term" "$P/lec.txt"
done

# The outline: the title, then one entry per section of the source.
mutool show "$P/lec.pdf" outline >"$P/lec.outline" 2>/dev/null
nsec=$(grep -c '^## ' "$LEC")
if head -n 1 "$P/lec.outline" | grep -q '"Seven Thousand Cadre Conference' &&
    [ "$(grep -c '^|' "$P/lec.outline")" -eq "$nsec" ] && [ "$nsec" -gt 0 ]
then
	pass pdf/lecture/outline
else
	fail pdf/lecture/outline "$(cat "$P/lec.outline")"
fi

# Page labels 1, 2, ...
check pdf/lecture/page-labels sh -c "mutool show '$P/lec.pdf' grep |
    grep -q '/PageLabels'"

# The typographic targets (tests/typo) and the EPUB/PDF word parity
# (tests/parity) have suites of their own.

# Features: links for every note reference and web link, note dests.
if lectern pdf -o "$P/feat.pdf" "$FEAT" 2>"$P/feat.err"; then
	pass pdf/features/exit
else
	fail pdf/features/exit "$(head -n 3 "$P/feat.err")"
fi
mutool show "$P/feat.pdf" grep >"$P/feat.objs" 2>/dev/null
nref=$(( $(grep -o '\[\^[^]]*\]' "$FEAT" | wc -l) - $(grep -c '^\[\^' "$FEAT") ))
nfn=$(grep -o '/Dest(fn-[0-9]*)' "$P/feat.objs" | wc -l)
if [ "$nfn" -eq "$nref" ] && [ "$nref" -gt 0 ]; then
	pass pdf/features/note-links
else
	fail pdf/features/note-links "$nfn links to notes for $nref references"
fi
check pdf/features/back-links grep -q '/Dest(fnref-2)' "$P/feat.objs"
check pdf/features/web-link \
    grep -q '/URI(https://example.org/leap?x=1&y=2)' "$P/feat.objs"
check pdf/features/dests grep -q '/Dests' "$P/feat.objs"
check pdf/features/qpdf qpdf --check "$P/feat.pdf"
pdftotext "$P/feat.pdf" "$P/feat.txt" 2>/dev/null
check pdf/features/cjk-traditional grep -q '大躍' "$P/feat.txt"
pdffonts "$P/feat.pdf" >"$P/feat.fonts" 2>&1
check pdf/features/cjk-sc grep -q 'NotoSerifCJKsc-' "$P/feat.fonts"
pdfinfo "$P/feat.pdf" >"$P/feat.info" 2>&1
check pdf/features/author grep -q '^Author: *A. Lecturer$' "$P/feat.info"
check pdf/features/keywords grep -q '^Keywords: *pdf, layout$' "$P/feat.info"

# A style asking for A4.
printf 'page: a4\n' >"$P/a4/print.yaml"
if lectern pdf --style "$P/a4" -o "$P/a4.pdf" "$LEC" 2>"$P/a4.err"; then
	size=$(pdfinfo "$P/a4.pdf" 2>/dev/null |
	    awk '/^Page size:/ { printf "%.2f x %.2f", $3, $5 }')
	if [ "$size" = "595.28 x 841.89" ]; then
		pass pdf/style/a4
	else
		fail pdf/style/a4 "page size $size"
	fi
else
	fail pdf/style/a4 "$(head -n 3 "$P/a4.err")"
fi

# A font fontconfig does not know is an error naming it; no PDF is left.
printf 'body-font: No Such Family Anywhere\n' >"$P/nofont/print.yaml"
if lectern pdf --style "$P/nofont" -o "$P/nofont.pdf" "$LEC" \
    2>"$P/nofont.err"; then
	fail pdf/style/font-missing "exit 0"
elif grep -q 'No Such Family Anywhere' "$P/nofont.err" &&
    [ ! -e "$P/nofont.pdf" ]; then
	pass pdf/style/font-missing
else
	fail pdf/style/font-missing "$(cat "$P/nofont.err")"
fi

# An unknown key is a warning at its line; the PDF is still made.
printf 'page: a5\ncolour: red\n' >"$P/badkey/print.yaml"
if lectern pdf --style "$P/badkey" -o "$P/badkey.pdf" "$LEC" \
    2>"$P/badkey.err" && grep -q 'print.yaml:2:1: warning: .*colour' \
    "$P/badkey.err"; then
	pass pdf/style/unknown-key
else
	fail pdf/style/unknown-key "$(cat "$P/badkey.err")"
fi

# Pictures: PNG drawn from its pixels, JPEG embedded as it is (DCT).
if lectern pdf -o "$P/img.pdf" tests/pdf/images.md 2>"$P/img.err"; then
	pdfimages -list "$P/img.pdf" >"$P/img.list" 2>&1
	if [ "$(tail -n +3 "$P/img.list" | wc -l)" -eq 3 ] &&
	    [ "$(awk '$9 == "jpeg"' "$P/img.list" | wc -l)" -eq 1 ]; then
		pass pdf/images/drawn
	else
		fail pdf/images/drawn "$(cat "$P/img.list")"
	fi
else
	fail pdf/images/drawn "$(head -n 3 "$P/img.err")"
fi

# A figure's title is its caption: under the picture, its Caption
# beside the picture's Figure in one Div, and the caption's words.
if [ -f "$P/img.pdf" ] && /usr/bin/python3 - "$P/img.pdf" <<'PYEOF'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
def kids(e):
    k = e.get("/K")
    return [x for x in (k if isinstance(k, pikepdf.Array) else [k])
            if isinstance(x, pikepdf.Dictionary) and "/S" in x]
def walk(e):
    yield e
    for k in kids(e):
        yield from walk(k)
elems = list(walk(pdf.Root.StructTreeRoot))
figs = [e for e in elems if e.get("/S") == "/Figure"]
# cairo marks content only in leaves: a Div holds Figure and Caption.
divs = [e for e in elems if e.get("/S") == "/Div" and
        [k.get("/S") for k in kids(e)] == ["/Figure", "/Caption"]]
sys.exit(0 if len(figs) == 3 and len(divs) == 1 else 1)
PYEOF
then
	if pdftotext "$P/img.pdf" - | grep -q '^Figure 1\. The logo, embedded as the JPEG it is\.$'; then
		pass pdf/images/caption
	else
		fail pdf/images/caption "the caption's words are not under the figure"
	fi
else
	fail pdf/images/caption "no Figure with a Caption inside"
fi

# The features file builds to the same bytes twice, too.
lectern pdf -o "$P/feat2.pdf" "$FEAT" 2>/dev/null
check pdf/features/reproducible cmp "$P/feat.pdf" "$P/feat2.pdf"

# Struck-out text keeps its words and gets one filled rule through
# both ("x y w h re f" in the page stream: its run goes on past the
# space, so the rule does too), about as wide as "struck words" (the
# plain paragraph gets none).
if lectern pdf -o "$P/strike.pdf" tests/pdf/strike.md 2>"$P/strike.err" &&
    qpdf --qdf --object-streams=disable "$P/strike.pdf" "$P/strike.q.pdf"
then
	grep -a ' re f$' "$P/strike.q.pdf" >"$P/strike.re"
	pdftotext "$P/strike.pdf" - | grep -c 'Some struck words here' \
	    >"$P/strike.txt"
	if [ "$(wc -l <"$P/strike.re")" -eq 1 ] &&
	    awk '{ w += $3 } END { exit !(w > 50 && w < 80) }' "$P/strike.re" &&
	    [ "$(cat "$P/strike.txt")" = 1 ]; then
		pass pdf/strike
	else
		fail pdf/strike "rules: $(cat "$P/strike.re" | tr '\n' ';')"
	fi
else
	fail pdf/strike "$(head -n 3 "$P/strike.err")"
fi

# Every PDF made above passes the PDF/UA-1 and PDF/A-2b checker
# (tests/pdfua/check.py), fonts cut to at most 3 KB a glyph.
for f in lec feat a4 badkey img strike; do
	[ -f "$P/$f.pdf" ] || { fail "pdf/$f/checker" "no $f.pdf"; continue; }
	if /usr/bin/python3 tests/pdfua/check.py --max-font-per-glyph 3072 \
	    "$P/$f.pdf" >"$P/$f.check" 2>&1; then
		pass "pdf/$f/checker"
	else
		fail "pdf/$f/checker" "$(head -n 5 "$P/$f.check")"
	fi
done
