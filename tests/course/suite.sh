# tests/course: many lectures, one book.  A course of three small
# lectures and a page saved as text (tests/course/book/, whose
# course.yaml lists no lectures: they go by number, 2.9 before 2.10),
# built from the course file and from the command line: epubcheck, the
# nav's nesting, links between lectures, ids unique across the book;
# the PDF's contents page against the pages the lectures start on,
# right-hand openings, page labels, the outline, PDF/UA.
# Sourced by tests/run.sh.

C=$T/course
BK=tests/course/book
EPUBCHECK_JAR=${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}
PY=/usr/bin/python3
mkdir -p "$C"

# course_epub NAME ARGS...: build $C/NAME.epub, unpacked in $C/NAME/.
course_epub() {
	_n=$1
	shift
	if lectern epub -o "$C/$_n.epub" "$@" 2>"$C/$_n.err"; then
		pass "course/$_n/epub"
	else
		fail "course/$_n/epub" "$(head -n 3 "$C/$_n.err")"
	fi
	rm -rf "$C/$_n" && mkdir -p "$C/$_n" &&
	    (cd "$C/$_n" && unzip -q "../$_n.epub")
}

# The titles of the book's lecture files, in reading order.
spine_titles() {
	_i=1
	while [ -f "$C/$1/OEBPS/lecture-$_i.xhtml" ]; do
		xmllint --xpath 'string(//*[local-name()="h1"])' \
		    "$C/$1/OEBPS/lecture-$_i.xhtml" | tr -d '\n'
		echo
		_i=$((_i + 1))
	done
}

course_epub yaml "$BK/course.yaml"
# The course's own lectures: not one message (a page saved as text,
# the lectures' course: key equal to the book's).
[ -s "$C/yaml.err" ] && fail course/yaml/quiet "$(head -n 3 "$C/yaml.err")" ||
	pass course/yaml/quiet
if [ -f "$EPUBCHECK_JAR" ]; then
	java -jar "$EPUBCHECK_JAR" "$C/yaml.epub" >"$C/yaml.check" 2>&1
	grep -q '^Messages: 0 fatals / 0 errors / 0 warnings / 0 infos' \
	    "$C/yaml.check" && pass course/yaml/epubcheck ||
		fail course/yaml/epubcheck "$(grep -E '^(ERROR|WARNING|INFO)' "$C/yaml.check" | head -n 5)"
fi
spine_titles yaml >"$C/yaml.order"
printf '%s\n' Beginnings Lists "Tables and Notes" "A Page Saved as Text" \
    >"$C/want.order"
cmp -s "$C/yaml.order" "$C/want.order" && pass course/yaml/by-number ||
	fail course/yaml/by-number "$(tr '\n' '/' <"$C/yaml.order")"

# The nav: the title page and four lectures; each lecture's sections
# nested under it, subsections under those.
NAV=$C/yaml/OEBPS/nav.xhtml
nav_count() {
	xmllint --xpath "count($1)" "$NAV" 2>/dev/null
}
TOC='//*[local-name()="nav"][@id="toc"]/*[local-name()="ol"]'
LI='/*[local-name()="li"]'
OL='/*[local-name()="ol"]'
[ "$(nav_count "$TOC$LI")" = 5 ] && pass course/nav/lectures ||
	fail course/nav/lectures "$(nav_count "$TOC$LI") entries"
# Sections: two in each lecture, one in the page; one subsection.
[ "$(nav_count "$TOC$LI$OL$LI")" = 7 ] && pass course/nav/sections ||
	fail course/nav/sections "$(nav_count "$TOC$LI$OL$LI")"
[ "$(nav_count "$TOC$LI$OL$LI$OL$LI")" = 1 ] && pass course/nav/subsections ||
	fail course/nav/subsections "$(nav_count "$TOC$LI$OL$LI$OL$LI")"
for lm in titlepage toc bodymatter; do
	grep -q "epub:type=\"$lm\"" "$NAV" && pass "course/nav/landmark-$lm" ||
		fail "course/nav/landmark-$lm"
done

# Previous and next: links to the neighbouring lecture's file.
grep -q 'href="lecture-3.xhtml">Next: 2.10 Tables and Notes' \
    "$C/yaml/OEBPS/lecture-2.xhtml" && pass course/links/next ||
	fail course/links/next
grep -q 'href="lecture-1.xhtml">Previous: 2.1 Beginnings' \
    "$C/yaml/OEBPS/lecture-2.xhtml" && pass course/links/previous ||
	fail course/links/previous
grep -q 'href="lecture-3.xhtml">Previous: 2.10' \
    "$C/yaml/OEBPS/lecture-4.xhtml" && pass course/links/from-page ||
	fail course/links/from-page
# Ids unique across the book: every note and heading of every lecture.
cat "$C"/yaml/OEBPS/lecture-*.xhtml | grep -o ' id="[^"]*"' | sort |
    uniq -d >"$C/dup.ids"
[ -s "$C/dup.ids" ] && fail course/unique-ids "$(head -n 3 "$C/dup.ids")" ||
	pass course/unique-ids
grep -q 'href="#lecture-3-a-table"' "$C/yaml/OEBPS/lecture-3.xhtml" &&
	pass course/links/inside || fail course/links/inside

# From the command line: the order given; a lecture of another course
# is a warning, and the book is still written.
sed 's/^course: .*/course: "Another Course"/' "$BK/2.9-lists.md" \
    >"$C/2.9-lists.md"
course_epub cli "$BK/2.10-tables.md" "$C/2.9-lists.md" "$BK/2.1-beginnings.md"
spine_titles cli >"$C/cli.order"
printf '%s\n' "Tables and Notes" Lists Beginnings >"$C/want.order"
cmp -s "$C/cli.order" "$C/want.order" && pass course/cli/order-given ||
	fail course/cli/order-given "$(tr '\n' '/' <"$C/cli.order")"
grep -q '2.9-lists.md:1:1: warning: lecture of another course: "Another Course", the book is "Numbers and Stories"' \
    "$C/cli.err" && pass course/cli/other-course ||
	fail course/cli/other-course "$(head -n 2 "$C/cli.err")"

# A broken course file: its line and column, what is expected.
printf 'title: "X"\nlectures: 3\n' >"$C/bad.yaml"
lectern epub -o "$C/bad.epub" "$C/bad.yaml" 2>"$C/bad.err"
[ $? = 1 ] && [ ! -f "$C/bad.epub" ] &&
    grep -q 'bad.yaml:2:1: error: course key lectures needs a list, e.g. lectures: \[' \
    "$C/bad.err" && pass course/bad-yaml || fail course/bad-yaml "$(cat "$C/bad.err")"

# The PDF book.
if lectern pdf -o "$C/book.pdf" "$BK/course.yaml" 2>"$C/pdf.err"; then
	pass course/pdf
else
	fail course/pdf "$(head -n 3 "$C/pdf.err")"
fi
# The contents page (iii: after the title page and its blank verso):
# each lecture's folio, and the page it opens on must say its title
# (the line starts with the lecture's number when it has one).
pdftotext -f 3 -l 3 -layout "$C/book.pdf" "$C/toc.txt"
nfront=$($PY -c '
import sys, pikepdf
p = pikepdf.open(sys.argv[1])
n = p.Root.PageLabels.Nums
print(int(n[2]) if len(n) > 2 else 0)' "$C/book.pdf" 2>/dev/null)
ok=1 starts=
for t in Beginnings Lists "Tables and Notes" "A Page Saved as Text"; do
	folio=$(grep -E "^ *([0-9][^ ]* )?$t +[0-9]" "$C/toc.txt" |
	    awk '{ print $NF }')
	[ -n "$folio" ] || { ok=0; echo "  no contents line for $t"; continue; }
	phys=$((nfront + folio))
	pdftotext -f $phys -l $phys "$C/book.pdf" - | grep -qF "$t" ||
	    { ok=0; echo "  $t not on page $folio"; }
	# A right-hand page: an odd folio and an odd sheet side.
	[ $((folio % 2)) = 1 ] && [ $((phys % 2)) = 1 ] ||
	    { ok=0; echo "  $t opens on a left-hand page ($folio)"; }
	starts="$starts $folio"
done
[ $ok = 1 ] && [ -n "$nfront" ] && pass course/pdf/contents-pages ||
	fail course/pdf/contents-pages "starts:$starts front: $nfront"
# The contents name each lecture by its number and title, in both
# books alike (check.c words the line once): the PDF's contents page
# and the nav's lecture entries.
nav_lines=$(xmllint --xpath "$TOC$LI/*[local-name()='a']/text()" "$NAV" \
    2>/dev/null | grep -E '^2\.[0-9]+ ')
toc_ok=1
for t in "2.1 Beginnings" "2.9 Lists" "2.10 Tables and Notes"; do
	grep -qE "^ *$t +[0-9]" "$C/toc.txt" || { toc_ok=0; echo "  PDF: $t"; }
	echo "$nav_lines" | grep -qx "$t" || { toc_ok=0; echo "  nav: $t"; }
done
[ $toc_ok = 1 ] && pass course/contents-numbers ||
	fail course/contents-numbers "$(grep -E '[0-9]$' "$C/toc.txt" | head -n 4)"
# Page labels: i, ii... for the front matter, 1, 2... from the first
# lecture; the outline: the title page, the contents, then each lecture
# with its sections below it.
$PY - "$C/book.pdf" >"$C/outline.txt" 2>&1 <<'PYEOF'
import sys, pikepdf
p = pikepdf.open(sys.argv[1])
n = p.Root.PageLabels.Nums
print("labels", str(n[1].S), int(n[2]), str(n[3].S), int(n[3].St))
def walk(items, d):
    for it in items:
        print("  " * d + str(it.title))
        walk(it.children, d + 1)
with p.open_outline() as o:
    walk(o.root, 0)
PYEOF
expect_file course/pdf/labels-outline "$TOP/tests/course/book.outline" \
    "$C/outline.txt"
# Running heads: the course on a left-hand page, the lecture on a
# right-hand one (Beginnings' pages 2 and 3).
pdftotext -f $((nfront + 2)) -l $((nfront + 2)) "$C/book.pdf" - | head -n 1 |
    grep -q 'Numbers and Stories' && pass course/pdf/verso-head ||
	fail course/pdf/verso-head
pdftotext -f $((nfront + 3)) -l $((nfront + 3)) "$C/book.pdf" - | head -n 1 |
    grep -q 'Beginnings' && pass course/pdf/recto-head ||
	fail course/pdf/recto-head
if $PY tests/pdfua/check.py "$C/book.pdf" >"$C/ua.txt" 2>&1; then
	pass course/pdf/pdfua
else
	fail course/pdf/pdfua "$(head -n 5 "$C/ua.txt")"
fi
qpdf --check "$C/book.pdf" >/dev/null 2>&1 && pass course/pdf/qpdf ||
	fail course/pdf/qpdf
lectern pdf -o "$C/book2.pdf" "$BK/course.yaml" 2>/dev/null
cmp -s "$C/book.pdf" "$C/book2.pdf" && pass course/pdf/reproducible ||
	fail course/pdf/reproducible

# The next lecture is laid out on a thread of its own while this one is
# drawn (relay.c): the book is the same, byte for byte, as the one laid
# out and drawn one lecture after the other (-j 1).
lectern pdf -j 1 -o "$C/book-j1.pdf" "$BK/course.yaml" 2>"$C/j1.err"
cmp -s "$C/book.pdf" "$C/book-j1.pdf" && pass course/pdf/jobs-same ||
	fail course/pdf/jobs-same "$(head -n 2 "$C/j1.err")"
lectern pdf -j 0 -o "$C/book-j0.pdf" "$BK/course.yaml" 2>"$C/j0.err"
[ $? = 2 ] && [ ! -e "$C/book-j0.pdf" ] &&
    grep -q '^lectern: -j takes a number of threads, 1 or more$' "$C/j0.err" &&
    pass course/pdf/jobs-usage || fail course/pdf/jobs-usage "$(head -n 1 "$C/j0.err")"
# A layout that fails stops the book on both threads: one message, no
# book and no temporary file left (and, under make asan, nothing leaked).
mkdir -p "$C/nofont" "$C/nofont-out"
printf 'body-font: No Such Family Anywhere\n' >"$C/nofont/print.yaml"
lectern pdf --style "$C/nofont" -o "$C/nofont-out/book.pdf" \
    "$BK/course.yaml" 2>"$C/nofont.err"
_st=$?
if [ $_st -ne 0 ] && [ -z "$(ls -A "$C/nofont-out")" ] &&
    [ "$(grep -c 'No Such Family Anywhere' "$C/nofont.err")" = 1 ]; then
	pass course/pdf/layout-fails
else
	fail course/pdf/layout-fails "status $_st, left: $(ls "$C/nofont-out"): $(head -n 3 "$C/nofont.err")"
fi
