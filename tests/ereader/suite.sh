# make ereader (src/ereader.sh) against fake mounts: a Kobo, a Kindle,
# another reader, and none.  Each gets its kind of book, and nothing is
# written anywhere but into the readers (and the AZW3 beside the EPUB).

er=$T/ereader
er_books=$er/out
mkdir -p "$er_books" "$er/media/student/KOBOeReader/.kobo" \
    "$er/media/student/Kindle/documents" "$er/media/student/Kindle/system" \
    "$er/run/media/student/PocketBook/Books" "$er/mnt/usbstick/photos" \
    "$er/empty" "$er/plain"

# er_tree: every file under $er but the books, for before and after.
er_tree() {
	(cd "$er" && find . -path ./out -prune -o -type f -print | sort)
}

if lectern epub -o "$er_books/minimal.epub" tests/epub/minimal.md 2>/dev/null &&
    lectern epub --kepub -o "$er_books/minimal.kepub.epub" \
    tests/epub/minimal.md 2>/dev/null; then
	er_tree >"$T/er-before"
	EREADER_ROOTS="$er/media/*/* $er/run/media/*/* $er/mnt/*" \
	    sh src/ereader.sh "$er_books/minimal.epub" >"$T/er-out.txt" 2>&1
	er_rc=$?
	er_tree >"$T/er-after"
	er_new=$(comm -13 "$T/er-before" "$T/er-after" | tr '\n' ' ')
	er_want="./media/student/KOBOeReader/minimal.kepub.epub"
	er_want="$er_want ./run/media/student/PocketBook/Books/minimal.epub"
	if command -v ebook-convert >/dev/null; then
		er_want="./media/student/Kindle/documents/minimal.azw3 $er_want"
		er_rc_want=0
	else
		er_rc_want=1
	fi
	# Sorted as find lists them.
	er_want=$(printf '%s\n' $er_want | sort | tr '\n' ' ')
	if [ "$er_new" = "$er_want" ]; then
		pass "ereader: Kobo, Kindle and another reader get their books, nothing else"
	else
		fail "ereader: Kobo, Kindle and another reader get their books, nothing else" \
		    "new files: $er_new"
		head -n 5 "$T/er-out.txt"
	fi
	if cmp -s "$er_books/minimal.kepub.epub" \
	    "$er/media/student/KOBOeReader/minimal.kepub.epub" &&
	    cmp -s "$er_books/minimal.epub" \
	    "$er/run/media/student/PocketBook/Books/minimal.epub"; then
		pass "ereader: the Kobo edition to the Kobo, the EPUB to the other"
	else
		fail "ereader: the Kobo edition to the Kobo, the EPUB to the other"
	fi
	if [ "$er_rc" -eq "$er_rc_want" ]; then
		pass "ereader: exit status $er_rc"
	else
		fail "ereader: exit status" "$er_rc, want $er_rc_want"
	fi
	if command -v ebook-convert >/dev/null; then
		if head -c 68 "$er/media/student/Kindle/documents/minimal.azw3" |
		    tail -c 8 | grep -q BOOKMOBI; then
			pass "ereader: the Kindle gets an AZW3 made by Calibre"
		else
			fail "ereader: the Kindle gets an AZW3 made by Calibre"
		fi
	else
		if grep -q 'Send to Kindle' "$T/er-out.txt"; then
			pass "ereader: without Calibre, says how to Send to Kindle"
		else
			fail "ereader: without Calibre, says how to Send to Kindle"
		fi
	fi
	# EREADER names the reader; a plain folder takes the EPUB at its root.
	if EREADER=$er/plain EREADER_ROOTS="$er/media/*/*" \
	    sh src/ereader.sh "$er_books/minimal.epub" >/dev/null 2>&1 &&
	    cmp -s "$er_books/minimal.epub" "$er/plain/minimal.epub" &&
	    [ ! -f "$er/media/student/KOBOeReader/minimal.epub" ]; then
		pass "ereader: EREADER=DIR, and only there"
	else
		fail "ereader: EREADER=DIR, and only there"
	fi
	# None mounted: said, and a failure.
	if EREADER_ROOTS="$er/empty/*" sh src/ereader.sh \
	    "$er_books/minimal.epub" >/dev/null 2>"$T/er-none.err"; then
		fail "ereader: no reader is a failure"
	elif grep -q 'no e-reader mounted' "$T/er-none.err"; then
		pass "ereader: no reader is a failure that says so"
	else
		fail "ereader: no reader is a failure that says so" \
		    "$(cat "$T/er-none.err")"
	fi
else
	fail "ereader: books to copy build"
fi
