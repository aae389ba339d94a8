# The EPUB's print page numbers: each page-list entry and the word after
# each pagebreak marker against pdftotext of that page of the PDF built
# from the same source and style.
#
# tests/epubpages/starts.md is made so that pages begin inside a list, a
# table cell, a code block and with a heading, and a long note runs on
# at a page's foot.  What the EPUB does there: the marker goes before
# the first word of the page's body text (a list item's words after
# its marker, a cell's first word, a code line's start); a page that
# begins with a heading is marked before the heading; notes at the
# foot of a page do not count (the EPUB has them at the end, where a
# marker would be out of page order); page 1 is marked before the
# title block.

pl_out=$T/epubpages
pl_src=$TOP/tests/epubpages/starts.md
mkdir -p "$pl_out"

# epubcheck as the EPUB suite runs it (ONLY=epub runs both suites).
pl_check() {
	if ! command -v epub_check_ok >/dev/null 2>&1; then
		fail "pagelist/$1: epubcheck" "run with the EPUB suite: ONLY=epub"
		return
	fi
	_keep=$ep_out
	ep_out=$pl_out
	epub_check_ok "$1"
	ep_out=$_keep
}

# pl_first_word: the first word of the text on stdin, as compared: list
# bullets and numbers dropped, punctuation around it stripped.
pl_first_word() {
	tr -s ' \t\n' '\n\n\n' | grep -v -E '^(•|[0-9]+\.?)?$' | head -n 1 |
	    sed 's/^[[:punct:]]*//; s/[[:punct:]]*$//'
}

# pl_pdf_word N: the first body word of page N: the running head (on
# every page but the first) is the first line of pdftotext's text.
pl_pdf_word() {
	pdftotext -f "$1" -l "$1" "$pl_out/s.pdf" - 2>/dev/null |
	    sed '/^[[:space:]]*$/d' | sed '1d' |
	    sed '1{/^Event$/d;}' | pl_first_word
}

# (A table's header row repeated at a page's top is an artifact: the
# page's marker stands before the row under it.)
# pl_epub_word N: the first word of the text after page N's marker.
pl_epub_word() {
	sed -n "s/.*<span epub:type=\"pagebreak\"[^>]* id=\"page-$1\"[^>]*\\/>//p" \
	    "$pl_out/s/OEBPS/lecture.xhtml" | head -n 1 |
	    sed 's/<li>//g; s/<[^>]*>/ /g' | pl_first_word
}

if lectern epub -o "$pl_out/s.epub" "$pl_src" 2>"$pl_out/err" &&
    lectern pdf -o "$pl_out/s.pdf" "$pl_src" 2>>"$pl_out/err" &&
    unzip -q "$pl_out/s.epub" -d "$pl_out/s"; then
	pass "pagelist: EPUB and PDF of one source"
	pl_x=$pl_out/s/OEBPS/lecture.xhtml
	pl_nav=$pl_out/s/OEBPS/nav.xhtml
	pl_pages=$(pdfinfo "$pl_out/s.pdf" | sed -n 's/^Pages: *//p')
	# The page list's entries, their labels and targets, in order.
	pl_list=$(sed -n '/epub:type="page-list"/,/<\/nav>/s/.*href="lecture\.xhtml#page-\([0-9]*\)">\([0-9]*\)<.*/\1 \2/p' \
	    "$pl_nav")
	pl_want=$(seq 1 "$pl_pages" | sed 's/.*/& &/')
	if [ "$pl_list" = "$pl_want" ] && [ "${pl_pages:-0}" -gt 10 ]; then
		pass "pagelist: one entry per PDF page, labelled with its folio"
	else
		fail "pagelist: one entry per PDF page, labelled with its folio" \
		    "PDF has ${pl_pages:-?} pages; list: $(echo $pl_list)"
	fi
	# The printed folio of page N is N: the number at its foot.
	pl_bad=
	for pl_n in $(seq 2 "$pl_pages"); do
		pdftotext -f "$pl_n" -l "$pl_n" "$pl_out/s.pdf" - |
		    sed '/^[[:space:]]*$/d' | grep -qx "$pl_n" ||
		    pl_bad="$pl_bad $pl_n"
	done
	if [ -z "$pl_bad" ]; then
		pass "pagelist: each PDF page prints its number"
	else
		fail "pagelist: each PDF page prints its number" "not on:$pl_bad"
	fi
	pl_bad=
	for pl_n in $(seq 2 "$pl_pages"); do
		pl_e=$(pl_epub_word "$pl_n")
		pl_p=$(pl_pdf_word "$pl_n")
		[ -n "$pl_e" ] && [ "$pl_e" = "$pl_p" ] ||
		    pl_bad="$pl_bad page $pl_n: epub '$pl_e' pdf '$pl_p';"
	done
	if [ -z "$pl_bad" ]; then
		pass "pagelist: the word after each marker begins that PDF page"
	else
		fail "pagelist: the word after each marker begins that PDF page" \
		    "$pl_bad"
	fi
	# The places the lecture was made for.
	for pl_where in '<li><span epub:type="pagebreak"' \
	    '<td><span epub:type="pagebreak"' \
	    'epub:type="pagebreak"[^>]*/>line_[0-9]* = compute' \
	    '<span epub:type="pagebreak"[^>]*/><h2 '; do
		if grep -q "$pl_where" "$pl_x"; then
			pass "pagelist: a page begins at $pl_where"
		else
			fail "pagelist: a page begins at $pl_where" \
			    "tests/epubpages/starts.md no longer breaks there"
		fi
	done
	if sed -n '/<section[^>]*footnotes/,$p' "$pl_x" |
	    grep -q 'epub:type="pagebreak"'; then
		fail "pagelist: no marker among the notes"
	else
		pass "pagelist: no marker among the notes"
	fi
	if grep -q 'property="pbs:pageBreakSource">urn:uuid:' \
	    "$pl_out/s/OEBPS/content.opf" &&
	    grep -q 'property="source-of">pagination<' \
	    "$pl_out/s/OEBPS/content.opf" &&
	    grep -q 'refines="#print" property="dcterms:format">application/pdf; 148 x 210 mm<' \
	    "$pl_out/s/OEBPS/content.opf"; then
		pass "pagelist: the OPF names the print edition and its page size"
	else
		fail "pagelist: the OPF names the print edition and its page size"
	fi
	pl_check s
	if lectern epub -o "$pl_out/s2.epub" "$pl_src" 2>/dev/null &&
	    cmp -s "$pl_out/s.epub" "$pl_out/s2.epub"; then
		pass "pagelist: reproducible"
	else
		fail "pagelist: reproducible"
	fi
else
	fail "pagelist: EPUB and PDF of one source" "$(head -n 3 "$pl_out/err")"
fi

# --no-page-list: no layout, no markers, no page list, still clean.
if lectern epub --no-page-list -o "$pl_out/n.epub" "$pl_src" 2>/dev/null &&
    unzip -q "$pl_out/n.epub" -d "$pl_out/n" &&
    ! grep -q pagebreak "$pl_out/n/OEBPS/lecture.xhtml" &&
    ! grep -q page-list "$pl_out/n/OEBPS/nav.xhtml" &&
    ! grep -q pageBreakSource "$pl_out/n/OEBPS/content.opf"; then
	pass "pagelist: --no-page-list leaves them out"
	pl_check n
else
	fail "pagelist: --no-page-list leaves them out"
fi
if lectern pdf --no-page-list "$pl_src" 2>/dev/null; then
	fail "pagelist: --no-page-list goes with epub only"
else
	pass "pagelist: --no-page-list goes with epub only"
fi
