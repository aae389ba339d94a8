# Reader and checker: each tests/read/NAME.md dumps to the tree in
# NAME.tree.  Where NAME.err exists it holds the expected messages,
# after a first line "# exit N" with the expected status; without it
# the dump must succeed.
for src in tests/read/*.md; do
	name=${src%.md}
	lectern dump "$src" > "$T/dump" 2> "$T/err"
	rc=$?
	if [ -f "$name.err" ] || { [ -n "$REGEN" ] && [ -s "$T/err" ]; }; then
		{ echo "# exit $rc"; cat "$T/err"; } > "$T/diag"
		expect_file "read/${name##*/}/messages" "$name.err" "$T/diag"
	elif [ $rc -ne 0 ]; then
		fail "read/${name##*/}" "exit $rc: $(head -n 3 "$T/err")"
		continue
	fi
	expect_file "read/${name##*/}" "$name.tree" "$T/dump"
done

# Inline HTML: no tag reaches either book as text, and the allowed
# elements reach the EPUB as elements.
_ih=tests/read/inline-html.md
if lectern epub -q -o "$T/ih.epub" "$_ih" && lectern pdf -q -o "$T/ih.pdf" "$_ih" &&
    unzip -p "$T/ih.epub" OEBPS/lecture.xhtml >"$T/ih.xhtml" &&
    pdftotext "$T/ih.pdf" "$T/ih.txt"; then
	if grep -q '&lt;' "$T/ih.xhtml" || grep -q '<' "$T/ih.txt" ||
	    grep -qi 'alert\|never shown' "$T/ih.xhtml" "$T/ih.txt"; then
		fail read/inline-html-books "a tag or a dropped content shows as text"
	elif grep -q '<sub>2</sub>' "$T/ih.xhtml" &&
	    grep -q '<abbr title="World Health Organization">WHO</abbr>' "$T/ih.xhtml" &&
	    grep -q '<span lang="fr" xml:lang="fr" dir="ltr">Un bloc' "$T/ih.xhtml" &&
	    grep -q 'H2O' "$T/ih.txt"; then
		pass read/inline-html-books
	else
		fail read/inline-html-books "allowed elements missing from the EPUB or the PDF"
	fi
else
	fail read/inline-html-books "does not build"
fi

# Dates as the lecture's language prints them (labels.c's table), and
# ones that are no date at all.
_dates='2023-10-12|12. Oktober 2023|12 octobre 2023|12 de octubre de 2023|12 ottobre 2023|12 de outubro de 2023|2023年10月12日|2023년 10월 12일|12 октября 2023 г.|12 Οκτωβρίου 2023|October 12, 2023|12 OCTOBER 2023'
_IFS=$IFS; IFS='|'
for _d in $_dates; do
	printf -- '---\ntitle: T\ndate: "%s"\n---\n\nText.\n' "$_d" >"$T/date.md"
	if lectern dump "$T/date.md" 2>"$T/date.err" | grep -q '^meta date "2023-10-12"$'; then
		pass "read/date/$_d"
	else
		fail "read/date/$_d" "not read as 2023-10-12: $(head -n 1 "$T/date.err")"
	fi
done
for _d in '31. Februar 2023' '12 Oktobre 2023' '12. 10. 2023' '2023年13月1日'; do
	printf -- '---\ntitle: T\ndate: "%s"\n---\n\nText.\n' "$_d" >"$T/date.md"
	if ! lectern check -q "$T/date.md" 2>"$T/date.err" &&
	    grep -q 'error: date must be a date such as' "$T/date.err"; then
		pass "read/date-refused/$_d"
	else
		fail "read/date-refused/$_d" "taken as a date"
	fi
done
IFS=$_IFS
