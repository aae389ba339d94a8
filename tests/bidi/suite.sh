# Right-to-left phrases in a left-to-right lecture: each input builds a
# PDF (no Pango assertion), qpdf finds it sound, its Arabic or Hebrew is
# set in the font chosen for it (Noto Naskh Arabic, Noto Sans Hebrew;
# lay_shape.c), and pdftotext reads each phrase back in logical order.
#
# bidi_check NAME FONT PHRASE...: every PHRASE in the PDF's text.
bidi_check() {
	_bc_n=$1 _bc_font=$2
	shift 2
	if ! lectern pdf -q -o "$T/bidi-$_bc_n.pdf" "tests/bidi/$_bc_n.md" \
	    2>"$T/bidi-$_bc_n.err"; then
		fail "bidi-$_bc_n" "lectern pdf: $(head -n 1 "$T/bidi-$_bc_n.err")"
		return
	fi
	pass "bidi-$_bc_n"
	if qpdf --check "$T/bidi-$_bc_n.pdf" >/dev/null 2>&1; then
		pass "bidi-$_bc_n-qpdf"
	else
		fail "bidi-$_bc_n-qpdf"
	fi
	if pdffonts "$T/bidi-$_bc_n.pdf" | grep -q "+$_bc_font-"; then
		pass "bidi-$_bc_n-font"
	else
		fail "bidi-$_bc_n-font" "no $_bc_font in pdffonts"
	fi
	# pdftotext marks right-to-left text with U+202A..U+202E: dropped.
	pdftotext "$T/bidi-$_bc_n.pdf" - |
	    LC_ALL=C sed 's/\xe2\x80[\xaa-\xae]//g' | tr '\n' ' ' \
	    >"$T/bidi-$_bc_n.txt"
	for _bc_p in "$@"; do
		if grep -qF "$_bc_p" "$T/bidi-$_bc_n.txt"; then
			pass "bidi-$_bc_n-text"
		else
			fail "bidi-$_bc_n-text" "'$_bc_p' not in: $(cut -c 1-200 "$T/bidi-$_bc_n.txt")"
		fi
	done
}

# pdftotext moves the space before a right-to-left phrase to its end
# and a bracket around it aside: phrases are checked on their own.
bidi_check arabic-phrase NotoNaskhArabic "book is  كتاب" \
    "مكتبة الجامعة" "بيت الحكمة" "کتاب خانه" "گھر"
bidi_check hebrew-phrase NotoSansHebrew "greeting  שלום עליכם" \
    "ספר בית"
bidi_check note NotoNaskhArabic "root كتب كتابة, to write"
bidi_check table-cell NotoNaskhArabic "كتاب كبير" "بيت الحكمة"
bidi_check table-cell NotoSansHebrew "ספר גדול" "בית ספר"
bidi_check title NotoNaskhArabic "كتاب كتاب" "ספר ספר"
# An override (U+202E) draws "one two" turned around; the PDF gives its
# characters as one /ActualText, so extraction reads them as written.
bidi_check override NotoSansHebrew "keeps  שלום עולם" "turns one two around" \
    "turned: façade इतिहास read"
bidi_check lecture-arabic NotoNaskhArabic "هذه محاضرة عن تاريخ الصين الحديث"

# The runs are in visual order on the page: of "שלום עליכם" the first
# word stands right of the second.  ש is only in the first, ע only in
# the second (pdftotext -bbox-layout gives what is drawn, left to
# right; a word may come as single letters).
# bidi_xmin FILE LETTER: the left edge of the first word holding LETTER.
bidi_xmin() {
	awk -v w="$2" -F'"' '/<word / && index($0, w ">") + index($0, w) > 0 {
	    print $2; exit }' "$1"
}
if pdftotext -bbox-layout "$T/bidi-hebrew-phrase.pdf" "$T/bidi-bbox.html"
then
	_bx_first=$(bidi_xmin "$T/bidi-bbox.html" "ש")
	_bx_second=$(bidi_xmin "$T/bidi-bbox.html" "ע")
	if [ -n "$_bx_first" ] && [ -n "$_bx_second" ] &&
	    awk -v a="$_bx_first" -v b="$_bx_second" 'BEGIN { exit !(a > b) }'
	then pass bidi-visual-order
	else fail bidi-visual-order "שלום at ${_bx_first:-?}, עליכם at ${_bx_second:-?}"
	fi
else
	fail bidi-visual-order "pdftotext -bbox-layout"
fi

# Language decides: a Traditional Chinese lecture (lang zh-TW) is set
# in the TC face, its <span lang="ja"> in JP and <span lang="zh-Hans">
# in SC (the span wins), with its labels in Chinese; a lecture in a
# language lectern has no words for says them in English, tagged so.
if lectern pdf -q -o "$T/zht.pdf" tests/read/lang-zh-hant.md &&
    pdffonts "$T/zht.pdf" >"$T/zht.fonts" &&
    grep -q 'NotoSerifCJKtc' "$T/zht.fonts" &&
    grep -q 'NotoSerifCJKsc' "$T/zht.fonts" &&
    grep -q 'NotoSerifCJKjp' "$T/zht.fonts" &&
    pdftotext "$T/zht.pdf" - | grep -q '第3.04講'; then
	pass bidi/lang-zh-hant-fonts
else
	fail bidi/lang-zh-hant-fonts "$(cat "$T/zht.fonts" 2>/dev/null | tail -n +3 | awk '{print $1}' | tr '\n' ' ')"
fi
if lectern epub -q -o "$T/zht.epub" tests/read/lang-zh-hant.md &&
    unzip -p "$T/zht.epub" OEBPS/lecture.xhtml >"$T/zht.xhtml" &&
    grep -q '<h2>註釋</h2>' "$T/zht.xhtml" &&
    grep -q '<span lang="zh-Hans" xml:lang="zh-Hans">简体字</span>' "$T/zht.xhtml" &&
    ! grep -q 'lang="zh-Hans" xml:lang="zh-Hans"><span' "$T/zht.xhtml" &&
    unzip -p "$T/zht.epub" OEBPS/nav.xhtml | grep -q '<h1>目錄</h1>'; then
	pass bidi/lang-zh-hant-epub
else
	fail bidi/lang-zh-hant-epub "labels or span languages wrong"
fi
if lectern epub -q -o "$T/sw.epub" tests/read/lang-fallback.md &&
    unzip -p "$T/sw.epub" OEBPS/lecture.xhtml >"$T/sw.xhtml" &&
    grep -q '<p><span lang="en" xml:lang="en">Previous:</span> 1 Utangulizi</p>' "$T/sw.xhtml" &&
    grep -q '<p><span lang="en" xml:lang="en">Lecture 2</span></p>' "$T/sw.xhtml" &&
    unzip -p "$T/sw.epub" OEBPS/nav.xhtml | grep -q '<h1 lang="en" xml:lang="en">Contents</h1>'; then
	pass bidi/labels-fallback-en
else
	fail bidi/labels-fallback-en "English words not tagged lang=en"
fi

# A font for every character: emoji (ZWJ sequences, skin tones, flags,
# keycaps) in colour from Noto Color Emoji (cairo paints each colour
# glyph as a picture: the line's ten emoji are ten images), their text
# carried under /ActualText (pdftotext reads the sequences whole), CJK
# Extension B from HanaMin (fonts-hanazono), never DejaVu's few.
if lectern pdf -q -o "$T/emoji.pdf" tests/repros/in/lost-glyphs-emoji-extb.md &&
    pdffonts "$T/emoji.pdf" >"$T/emoji.fonts" &&
    [ "$(pdfimages -f 1 -l 1 -list "$T/emoji.pdf" | awk 'NR > 2' | wc -l)" -ge 10 ] &&
    pdftotext "$T/emoji.pdf" - | grep -q '👍🏽 👨‍👩‍👧‍👦 🏳️‍🌈' &&
    grep -q 'HanaMinB' "$T/emoji.fonts" &&
    ! grep -q 'DejaVuSans ' "$T/emoji.fonts"; then
	pass bidi/emoji-fonts
else
	fail bidi/emoji-fonts "$(tail -n +3 "$T/emoji.fonts" 2>/dev/null | awk '{print $1, $2}' | tr '\n' ' ')"
fi

# An emoji's text on a line whose baseline falls on a whole point: the
# two blank glyphs that carry it stood level, and cairo, whose box for
# them was then no height, dropped them as drawing nothing (a generated
# lecture lost one so; pdf.c SHADOW_RISE).  This top margin puts every
# body line of the lecture on a whole point.
mkdir -p "$T/whole-point"
printf 'margin-top: 57.32421875pt\n' >"$T/whole-point/print.yaml"
if lectern pdf -q --style "$T/whole-point" -o "$T/whole-point.pdf" \
    tests/bidi/emoji-whole-point.md &&
    [ "$(pdftotext "$T/whole-point.pdf" - | grep -o '👍🏽\|👨‍👩‍👧' |
    wc -l)" -eq 3 ]; then
	pass bidi/emoji-whole-point
else
	fail bidi/emoji-whole-point "not every emoji in pdftotext: $(pdftotext "$T/whole-point.pdf" - 2>&1 | tr '\n' ' ' | cut -c 1-160)"
fi

# A right-to-left lecture's pages (lang ar): lines start at the right,
# so every line of a paragraph, its last too, ends at the text block's
# right edge R; list markers stand right of their item's text, in the
# indent; the folio stands outer, and a right-to-left book's rectos
# (inner margin on the left) are its even pages: with the inner margin
# wider than the outer, page 2's text block starts further left than
# page 3's.  The PDF asks viewers to lay facing pages right to left.
mkdir -p "$T/rtl-style"
sed 's/^margin-inner:.*/margin-inner: 30/; s/^margin-outer:.*/margin-outer: 12/' \
    styles/print.yaml >"$T/rtl-style/print.yaml"
cp styles/epub.css "$T/rtl-style/"
if lectern dump --layout --style "$T/rtl-style" \
    tests/bidi/lecture-arabic-pages.md >"$T/rtl.lines" 2>"$T/rtl.err"
then
	# R per page: the right edge most body lines share.
	if awk '$1 ~ /^[0-9]+$/ && $2 == "body" { r = sprintf("%.1f", $3 + $5)
		n[$1 " " r]++; if (n[$1 " " r] > best[$1]) { best[$1] = n[$1 " " r]; R[$1] = r } }
	    $2 == "body" && /ملاحظة/ { last = $1 " " sprintf("%.1f", $3 + $5); lx = $3 }
	    END { split(last, a, " "); exit !(a[2] == R[a[1]] && lx > 150) }' \
	    "$T/rtl.lines"
	then pass bidi/rtl-flush-right
	else fail bidi/rtl-flush-right "the last line of the first paragraph does not end at the right edge"
	fi
	# A marker line "• ..." ends right of the line after it (the
	# item's second line, flush right on the item's narrower measure).
	if awk '$2 == "body" { e = $3 + $5 } mk { ok += (me > e + 4); n++; mk = 0 }
	    $2 == "body" && $8 == "•" { mk = 1; me = e }
	    END { exit !(n > 0 && ok == n) }' "$T/rtl.lines"
	then pass bidi/rtl-list-marker
	else fail bidi/rtl-list-marker "a bullet is not right of its item's text"
	fi
	if awk '$2 == "folio" && $1 == 2 { a = ($3 > 200) }
	    $2 == "folio" && $1 == 3 { b = ($3 + $5 < 200) }
	    $2 == "body" && $1 == 2 && (x2 == "" || $3 < x2) { x2 = $3 }
	    $2 == "body" && $1 == 3 && (x3 == "" || $3 < x3) { x3 = $3 }
	    END { exit !(a && b && x2 > x3 + 10) }' "$T/rtl.lines"
	then pass bidi/rtl-folio-margins
	else fail bidi/rtl-folio-margins "$(grep folio "$T/rtl.lines" | tr '\n' ' ')"
	fi
else
	fail bidi/rtl-pages "$(head -n 1 "$T/rtl.err")"
fi
if lectern pdf -q -o "$T/rtl.pdf" tests/bidi/lecture-arabic-pages.md &&
    /usr/bin/python3 -c 'import sys, pikepdf
v = pikepdf.open(sys.argv[1]).Root.ViewerPreferences
sys.exit(0 if str(v.get("/Direction", "")) == "/R2L" else 1)' "$T/rtl.pdf" &&
    /usr/bin/python3 -c 'import sys, pikepdf
v = pikepdf.open(sys.argv[1]).Root.ViewerPreferences
sys.exit(1 if "/Direction" in v else 0)' "$T/bidi-arabic-phrase.pdf"
then pass bidi/rtl-direction
else fail bidi/rtl-direction "no /ViewerPreferences /Direction /R2L (or one in a left-to-right lecture)"
fi

# A character no installed font has is never a silent box: with
# fontconfig shown every font but Noto Color Emoji, an emoji is an
# error at its place naming the package to install, and no PDF is
# written; a character no Debian 12 package has a font for (CJK
# Extension H) is a warning, and the PDF is made.
mkdir -p "$T/nofont/fonts"
for _nf in /usr/share/fonts/truetype/noto/* /usr/share/fonts/truetype/dejavu/*; do
	case $_nf in *Emoji*) ;; *) ln -sf "$_nf" "$T/nofont/fonts/" ;; esac
done
cat >"$T/nofont/fonts.conf" <<EOC
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>$T/nofont/fonts</dir><cachedir>$T/nofont/cache</cachedir></fontconfig>
EOC
printf -- '---\ntitle: Faces\n---\n\nA face 🧑 and a flag here.\n' >"$T/nofont/emoji.md"
FONTCONFIG_FILE="$T/nofont/fonts.conf" lectern pdf -o "$T/nofont/emoji.pdf" \
    "$T/nofont/emoji.md" 2>"$T/nofont/emoji.err"
_nf_st=$?
if [ $_nf_st -eq 1 ] && [ ! -e "$T/nofont/emoji.pdf" ] &&
    grep -qx "$T/nofont/emoji.md:5:8: error: U+1F9D1 (an emoji) has no font; install the Debian package fonts-noto-color-emoji" \
    "$T/nofont/emoji.err"
then pass bidi/no-font-error
else fail bidi/no-font-error "status $_nf_st: $(head -n 1 "$T/nofont/emoji.err")"
fi
if lectern pdf -o "$T/nofont/exth.pdf" tests/read/cjk-scripts.md \
    2>"$T/nofont/exth.err" && [ -s "$T/nofont/exth.pdf" ] &&
    grep -q ': warning: U+31350 (CJK Extension H) has no font installed' \
    "$T/nofont/exth.err" && [ "$(grep -c 'has no font' "$T/nofont/exth.err")" -eq 1 ]
then pass bidi/no-font-warning
else fail bidi/no-font-warning "$(head -n 2 "$T/nofont/exth.err")"
fi

# A quotation (<q>) takes the marks of its language and depth, decided
# once (check.c): the same words in both books, and a heading's span
# keeps its language in the EPUB's navigation.
if lectern epub -q -o "$T/q.epub" tests/bidi/quotes.md &&
    lectern pdf -q -o "$T/q.pdf" tests/bidi/quotes.md &&
    unzip -p "$T/q.epub" OEBPS/lecture.xhtml >"$T/q.xhtml" &&
    pdftotext "$T/q.pdf" - | tr '\n' ' ' >"$T/q.txt"; then
	_q_ok=1
	_nb=$(printf '\302\240')	# French sets « » apart by no-break spaces
	for _q in '“the plan ‘as given’ was kept”' '„der Plan wurde gehalten“' \
	    '「計劃已執行」'; do
		grep -qF "$_q" "$T/q.txt" || _q_ok=0
	done
	for _q in '<q>“the plan <q>‘as given’</q> was kept”</q>' \
	    '<q lang="de" xml:lang="de">„der Plan wurde gehalten“</q>' \
	    "<q>«${_nb}le plan a été tenu${_nb}»</q>" '<q>「計劃已執行」</q>'; do
		grep -qF "$_q" "$T/q.xhtml" || _q_ok=0
	done
	if [ $_q_ok = 1 ]; then pass bidi/q-marks
	else fail bidi/q-marks "$(cut -c 1-200 "$T/q.txt")"
	fi
	if unzip -p "$T/q.epub" OEBPS/nav.xhtml | grep -qF \
	    'The <span lang="de" xml:lang="de">Vorlesung</span> and “the lecture”</a>'
	then pass bidi/nav-label-lang
	else fail bidi/nav-label-lang "$(unzip -p "$T/q.epub" OEBPS/nav.xhtml | grep -i vorlesung)"
	fi
else
	fail bidi/q-marks "tests/bidi/quotes.md does not build"
fi
