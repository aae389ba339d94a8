# tests/pdffix: the repros of issue 9 that are fixed, each a lecture that
# once aborted, gave an invalid PDF or lost words.  Every NAME.md here
#   status   builds a PDF with status 0 (error-NAME.md: status 1 and a
#            FILE:LINE:COL: error: message, no PDF)
#   qpdf     a PDF qpdf --check finds clean
#   words    every word of the source's text in pdftotext's output
#   inpage   every word inside its page (pdftotext -bbox-layout)
# tests/parity compares each with its EPUB.  Assertions particular to
# one repro follow the loop.
# Sourced by tests/run.sh.

FX=$T/pdffix
mkdir -p "$FX"

# fx_words NAME: the words of NAME.md's text (no front matter, no
# Markdown marks, no picture references) each found in the PDF's text.
fx_words() {
	sed '1,/^---$/d; 1,/^---$/d' "tests/pdffix/$1.md" |
	    sed 's/!\[[^]]*\]([^)]*)//g; s/\[\^[^]]*\]:\{0,1\}//g' |
	    tr -c 'A-Za-z0-9\n' ' ' | tr ' ' '\n' | grep -E '^[A-Za-z]{2,}$' |
	    sort -u >"$FX/$1.want"
	tr -c 'A-Za-z0-9\n' ' ' <"$FX/$1.txt" | tr ' ' '\n' | sort -u \
	    >"$FX/$1.have"
	_fw_lost=$(comm -23 "$FX/$1.want" "$FX/$1.have" | head -n 5 | tr '\n' ' ')
	if [ -z "$_fw_lost" ]; then pass "pdffix-$1-words"
	else fail "pdffix-$1-words" "not in the PDF: $_fw_lost"
	fi
}

# fx_inpage NAME: every word box inside its page.
fx_inpage() {
	if awk -f tests/tools/inpage.awk "$FX/$1.html" >"$FX/$1.inpage"
	then pass "pdffix-$1-inpage"
	else fail "pdffix-$1-inpage" "$(head -n 1 "$FX/$1.inpage")"
	fi
}

for _fx_md in tests/pdffix/*.md; do
	[ -f "$_fx_md" ] || continue
	_fx=${_fx_md##*/}
	_fx=${_fx%.md}
	lectern pdf -q -o "$FX/$_fx.pdf" "$_fx_md" 2>"$FX/$_fx.err"
	_fx_rc=$?
	case $_fx in
	error-*)
		if [ $_fx_rc -eq 1 ] && [ ! -e "$FX/$_fx.pdf" ] &&
		    grep -q "^$_fx_md:[0-9]*:[0-9]*: error: " "$FX/$_fx.err"
		then pass "pdffix-$_fx-status"
		else fail "pdffix-$_fx-status" "status $_fx_rc: $(head -n 1 "$FX/$_fx.err")"
		fi
		continue ;;
	esac
	if [ $_fx_rc -ne 0 ] || [ ! -s "$FX/$_fx.pdf" ]; then
		fail "pdffix-$_fx-status" "status $_fx_rc: $(head -n 1 "$FX/$_fx.err")"
		continue
	fi
	pass "pdffix-$_fx-status"
	if qpdf --check "$FX/$_fx.pdf" >"$FX/$_fx.qpdf" 2>&1; then
		pass "pdffix-$_fx-qpdf"
	else
		fail "pdffix-$_fx-qpdf" "$(grep -m 1 -iE 'error|warning' "$FX/$_fx.qpdf")"
	fi
	pdftotext "$FX/$_fx.pdf" "$FX/$_fx.txt"
	pdftotext -bbox-layout "$FX/$_fx.pdf" "$FX/$_fx.html"
	fx_words "$_fx"
	fx_inpage "$_fx"
done

# A picture first on page 2: the page keeps its structure (a Figure
# element in the tagged PDF for each of the two pictures).
if [ -s "$FX/figure-top-of-page.pdf" ] &&
    [ "$(qpdf --qdf --object-streams=disable "$FX/figure-top-of-page.pdf" - |
    grep -a -c '/S /Figure')" = 2 ]
then pass pdffix-figure-top-of-page-tags
else fail pdffix-figure-top-of-page-tags "not two Figure elements"
fi

# fx_has NAME TEXT: pdftotext finds the line TEXT in NAME's PDF.
fx_has() {
	if grep -qxF "$2" "$FX/$1.txt"; then pass "pdffix-$1-has-$2"
	else fail "pdffix-$1-has-$2" "no line \"$2\" in the PDF's text"
	fi
}

# Markers as wide as their text: "10." keeps its point, note 100 its
# digits, each beside its text.
fx_has list-number-10-plus "10. c"
fx_has list-number-10-plus "11. d"
fx_has footnote-number-100-plus "99. note 99"
fx_has footnote-number-100-plus "100. note 100"
fx_has footnote-number-100-plus "105. note 105"
for _fx in list-number-10-plus footnote-number-100-plus; do
	lectern pdf -o "$FX/loud.pdf" "tests/pdffix/$_fx.md" 2>&1
done >"$FX/markers.err"
if grep -q 'too long' "$FX/markers.err"; then
	fail pdffix-markers-quiet "a marker is still too long for its indent"
else
	pass pdffix-markers-quiet
fi

# GIF and SVG print: the GIF's first frame (red; the second is green)
# is the PDF's one picture, and the SVG is vectors, its orange circle a
# filled path, not a picture.
_fx_gs=$FX/gif-svg.pdf
if [ -s "$_fx_gs" ] &&
    [ "$(pdfimages -list "$_fx_gs" | awk 'NR > 2 && $3 == "image"' | wc -l)" = 1 ]
then pass pdffix-gif-svg-one-picture
else fail pdffix-gif-svg-one-picture "not one picture (the GIF) in the PDF"
fi
_fx_obj=$(pdfimages -list "$_fx_gs" 2>/dev/null | awk 'NR == 3 { print $11 }')
if [ -n "$_fx_obj" ] &&
    [ "$(qpdf --show-object="$_fx_obj" --filtered-stream-data "$_fx_gs" |
    od -An -tu1 -v -w3 | sort -u | tr -s ' ')" = " 255 0 0" ]
then pass pdffix-gif-first-frame
else fail pdffix-gif-first-frame "the GIF's picture is not all red"
fi
if qpdf --qdf --object-streams=disable "$_fx_gs" - 2>/dev/null |
    grep -a -q '^1 0.647059 0 rg .* c '
then pass pdffix-svg-vectors
else fail pdffix-svg-vectors "no orange path from the SVG"
fi

# A figure taller than what is left of its page floats (issue 9): it
# stands first on the next page, the paragraph after it in the source
# starts on the page before, and every full page ends on the text
# block's last line (no hole where the figure would not fit).
lectern dump --layout -q tests/pdffix/figure-floats.md >"$FX/floats.dump" 2>&1
_fx_after=$(sed -n '/^!\[/{n;n;p;q}' tests/pdffix/figure-floats.md | cut -d' ' -f1-3)
awk -v after="$_fx_after" '
	$1 == "page" { p = $2; nth = 0; next }
	$2 == "body" || $2 == "heading" {
		nth++
		if ($2 == "body" && NF == 7 && fig == "") fig = p " " nth
		if (after != "" && index($0, " 0 " after) && at == "") at = p
		end[p] = $4; np = p
	}
	END {
		for (i = 1; i < np; i++) if (end[i] > low) low = end[i]
		for (i = 1; i < np; i++) if (low - end[i] >= 7) short++
		printf "figure %s  after-on %s  short %d\n", fig, at, short
	}' "$FX/floats.dump" >"$FX/floats.sum"
if [ "$(cat "$FX/floats.sum")" = "figure 2 1  after-on 1  short 0" ]; then
	pass pdffix-figure-floats
else
	fail pdffix-figure-floats "want figure 2 1  after-on 1  short 0, got $(cat "$FX/floats.sum")"
fi
