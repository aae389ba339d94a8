# The page importer: a lecture page saved as text (tests/import/*.txt,
# the seed in tests/source) read as a lecture, and written as Markdown.

# dump_words FILE: a tree dump without positions (they point into
# different files when the same lecture comes from .txt and .md).
dump_words() { sed 's/ [0-9]*:[0-9]*//' "$1"; }

# The project's own source is the importer's output for the seed.
lec=source/1.08-seven-thousand-cadre-conference.md
lectern import tests/source/seed.txt > "$T/imp-seed.md" 2> "$T/imp-seed.err"
if [ $? -eq 0 ] && [ ! -s "$T/imp-seed.err" ] && cmp -s "$lec" "$T/imp-seed.md"
then pass import/seed-is-the-source
else fail import/seed-is-the-source "$(cat "$T/imp-seed.err"; diff "$lec" "$T/imp-seed.md" | head -n 6)"
fi
rm -f "$T/imp-o.md"
if lectern import -o "$T/imp-o.md" tests/source/seed.txt &&
    cmp -s "$lec" "$T/imp-o.md"
then pass import/seed-o
else fail import/seed-o "lectern import -o does not write the source"
fi
# Read directly, the page gives the tree the source gives.
lectern dump tests/source/seed.txt > "$T/imp-seed.tree" 2> "$T/imp-seed.err"
lectern dump "$lec" > "$T/imp-lec.tree"
if [ ! -s "$T/imp-seed.err" ] &&
    dump_words "$T/imp-seed.tree" > "$T/imp-a" &&
    dump_words "$T/imp-lec.tree" > "$T/imp-b" && cmp -s "$T/imp-a" "$T/imp-b"
then pass import/seed-tree
else fail import/seed-tree "$(cat "$T/imp-seed.err"; diff "$T/imp-a" "$T/imp-b" | head -n 6)"
fi

# A page of our own: another date form, a question that stays a
# paragraph, every Markdown mark, leftovers, no-break spaces.
page=tests/import/page.txt
lectern import -v "$page" > "$T/imp-page.md" 2> "$T/imp-page.log"
expect_file import/page-md tests/import/page.md "$T/imp-page.md"
expect_file import/page-log tests/import/page.log "$T/imp-page.log"
lectern dump "$page" > "$T/imp-page.tree" 2> "$T/imp-page.err"
cp "$T/imp-page.md" "$T/imp-page2.md"
lectern dump "$T/imp-page2.md" > "$T/imp-page2.tree"
dump_words "$T/imp-page.tree" > "$T/imp-a"
dump_words "$T/imp-page2.tree" > "$T/imp-b"
[ ! -s "$T/imp-page.err" ] && cmp -s "$T/imp-a" "$T/imp-b" &&
	pass import/page-tree || fail import/page-tree "$(diff "$T/imp-a" "$T/imp-b" | head -n 6)"
# Each mark comes back as the page's own characters.
for mark in '*stars*' '_underscores_' 'a #hash' '[brackets](like-a-link)' \
    '<b>tags</b>' '`backticks`' 'back\\slash' 'pipe | and a tilde ~strike~' \
    '&amp; entity, AT&T and &#42;.' '"1. This line starts' '"---"' \
    '"# Not a heading' '"- Not a list item' '"> Not a quote.' \
    '"1. Not a list."' '"2) Nor this."' '"An indented line'; do
	grep -qF -- "$mark" "$T/imp-page.tree" && pass "import/mark $mark" ||
		fail "import/mark $mark" "not in the tree"
done
for want in 'meta number "3.04"' 'meta title "Reading *Primary* Sources_ #1"' \
    'meta date "2024-03-09"' 'meta previous.number "3.03"' \
    'meta previous.title "Archives and Their Keepers"' \
    'meta next.number "IV"' 'meta next.title "Oral History"'; do
	grep -qF "$want" "$T/imp-page.tree" && pass "import/$want" ||
		fail "import/$want"
done
# One heading; the question, the lone last line, the hash line are paragraphs.
[ "$(grep -c '^ *heading ' "$T/imp-page.tree")" = 1 ] &&
	pass import/one-heading || fail import/one-heading "$(grep heading "$T/imp-page.tree")"
grep -B1 -F '"What did the Party want?"' "$T/imp-page.tree" | grep -q '^ *para ' &&
	pass import/question-is-paragraph || fail import/question-is-paragraph
# Every position points into the page: each reported line holds its text.
bad=
while IFS= read -r l; do
	n=$(echo "$l" | sed -n 's/^[^:]*:\([0-9]*\): heading "\(.*\)"$/\1/p')
	h=$(echo "$l" | sed -n 's/^[^:]*:[0-9]*: heading "\(.*\)"$/\1/p')
	[ -n "$n" ] || continue
	sed -n "${n}p" "$page" | grep -qF "$h" || bad="$bad $n"
	grep -q "^ *heading $n:1 " "$T/imp-page.tree" || bad="$bad tree:$n"
done < "$T/imp-page.log"
grep -q ': heading "' "$T/imp-page.log" && [ -z "$bad" ] &&
	pass import/positions || fail import/positions "lines$bad"
grep -q '^  para 28:5$' "$T/imp-page.tree" && pass import/column ||
	fail import/column "the indented line is not at 28:5"

# The same words from the page as from its Markdown, in both books.
mkdir -p "$T/imp-par/a" "$T/imp-par/b"
cp "$page" "$T/imp-par/page.txt"
cp "$T/imp-page.md" "$T/imp-par/page.md"
if lectern epub -q -o "$T/imp-par/a.epub" "$T/imp-par/page.txt" &&
    lectern epub -q -o "$T/imp-par/b.epub" "$T/imp-par/page.md" &&
    (cd "$T/imp-par/a" && unzip -q ../a.epub) &&
    (cd "$T/imp-par/b" && unzip -q ../b.epub) &&
    diff -r "$T/imp-par/a" "$T/imp-par/b" > "$T/imp-par/diff"
then pass import/epub-parity
else fail import/epub-parity "$(head -n 6 "$T/imp-par/diff")"
fi
if lectern pdf -q -o "$T/imp-par/a.pdf" "$T/imp-par/page.txt" &&
    lectern pdf -q -o "$T/imp-par/b.pdf" "$T/imp-par/page.md" &&
    pdftotext "$T/imp-par/a.pdf" "$T/imp-par/a.txt" &&
    pdftotext "$T/imp-par/b.pdf" "$T/imp-par/b.txt" &&
    grep -qF '*stars*, _underscores_' "$T/imp-par/a.txt" &&
    cmp -s "$T/imp-par/a.txt" "$T/imp-par/b.txt"
then pass import/pdf-parity
else fail import/pdf-parity "$(diff "$T/imp-par/a.txt" "$T/imp-par/b.txt" | head -n 6)"
fi
lectern check "$page" 2> "$T/imp-check.err" && [ ! -s "$T/imp-check.err" ] &&
	pass import/check || fail import/check "$(head -n 3 "$T/imp-check.err")"

# The ISO date, a roman number, a paragraph of two lines.
printf 'IV\302\240 Oral History\n\n2018-03-06\n\nOne line\nand the next.\n' \
    > "$T/imp-iso.txt"
lectern dump "$T/imp-iso.txt" > "$T/imp-iso.tree" 2>&1
grep -q 'meta date "2018-03-06"' "$T/imp-iso.tree" &&
    grep -q 'meta number "IV"' "$T/imp-iso.tree" &&
    grep -q '^    softbreak 5:1$' "$T/imp-iso.tree" &&
    grep -q '^    text 6:1 "and the next."' "$T/imp-iso.tree" &&
	pass import/iso-roman || fail import/iso-roman "$(cat "$T/imp-iso.tree")"

# Bad pages: messages at the page's lines, and no file written.
printf '\n\n' > "$T/imp-empty.txt"
rm -f "$T/imp-empty.md"
lectern import -o "$T/imp-empty.md" "$T/imp-empty.txt" 2> "$T/imp-empty.err"
[ $? -eq 1 ] && [ ! -e "$T/imp-empty.md" ] &&
    grep -q "^$T/imp-empty.txt:1:1: error: no title: the page's first line" "$T/imp-empty.err" &&
	pass import/no-title || fail import/no-title "$(cat "$T/imp-empty.err")"
printf '1.01  A Title\n\nGood line.\n\nBad \377 byte.\n' > "$T/imp-utf.txt"
lectern check "$T/imp-utf.txt" 2> "$T/imp-utf.err"
[ $? -eq 1 ] && grep -q "^$T/imp-utf.txt:5:5: error: invalid UTF-8" "$T/imp-utf.err" &&
	pass import/bad-utf8-line || fail import/bad-utf8-line "$(cat "$T/imp-utf.err")"

# Front matter as people type it: previous/next as one string or as a
# mapping, author as a list, the date in words: the same tree.
lectern dump tests/read/previous-string.md > "$T/imp-ps.tree"
lectern dump tests/read/previous-mapping.md > "$T/imp-pm.tree"
dump_words "$T/imp-ps.tree" > "$T/imp-a"
dump_words "$T/imp-pm.tree" > "$T/imp-b"
grep -q 'meta previous.number "2.12"' "$T/imp-a" && cmp -s "$T/imp-a" "$T/imp-b" &&
	pass import/previous-both-forms ||
	fail import/previous-both-forms "$(diff "$T/imp-a" "$T/imp-b" | head -n 6)"

# Every Markdown mark, at random, in 900 paragraphs and as whole lines:
# each paragraph of the page comes back as its own characters, text
# and nothing else (tests/import/marks.awk writes the page).
for seed in 1 2 3; do
	awk -v seed=$seed -v want="$T/imp-want.txt" -f tests/import/marks.awk \
	    > "$T/imp-marks.txt"
	lectern dump "$T/imp-marks.txt" 2>&1 | awk -f tests/import/paras.awk \
	    > "$T/imp-got.txt"
	cmp -s "$T/imp-want.txt" "$T/imp-got.txt" && pass "import/marks-$seed" ||
		fail "import/marks-$seed" "$(diff "$T/imp-want.txt" "$T/imp-got.txt" | head -n 6)"
done
