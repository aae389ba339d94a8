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
bidi_check override NotoSansHebrew "keeps  שלום עולם"

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
# keycaps) in colour from Noto Color Emoji (cairo's colour glyphs: a
# Type 3 font), CJK Extension B from HanaMin (fonts-hanazono).
if lectern pdf -q -o "$T/emoji.pdf" tests/repros/in/lost-glyphs-emoji-extb.md &&
    pdffonts "$T/emoji.pdf" >"$T/emoji.fonts" &&
    grep -q 'Type 3' "$T/emoji.fonts" && grep -q 'HanaMinB' "$T/emoji.fonts" &&
    ! grep -q 'DejaVuSans ' "$T/emoji.fonts"; then
	pass bidi/emoji-fonts
else
	fail bidi/emoji-fonts "$(tail -n +3 "$T/emoji.fonts" 2>/dev/null | awk '{print $1, $2}' | tr '\n' ' ')"
fi
