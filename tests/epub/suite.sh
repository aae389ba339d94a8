# The EPUB writer: package files against expected ones, the zip's layout,
# epubcheck, MuPDF's reading of the text, reproducible and atomic builds.
#
# tests/epub/NAME.md is built and its OEBPS/content.opf, nav.xhtml,
# toc.ncx and lecture.xhtml compared with tests/epub/NAME/.  epubcheck
# runs from its jar: Debian's /usr/bin/epubcheck is the jar itself,
# which only runs where binfmt_misc knows jars.

ep_in=$TOP/tests/epub
ep_out=$T/epub
EPUBCHECK_JAR=${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}
LECTURE=$TOP/source/1.08-seven-thousand-cadre-conference.md
mkdir -p "$ep_out"

# epub_build NAME SOURCE [ARGS]: build $ep_out/NAME.epub, unpack it
# to $ep_out/NAME/.
epub_build() {
	_n=$1 _s=$2
	shift 2
	rm -rf "${ep_out:?}/$_n"
	if lectern epub "$@" -o "$ep_out/$_n.epub" "$_s" 2>"$ep_out/$_n.err" &&
	    unzip -q "$ep_out/$_n.epub" -d "$ep_out/$_n"; then
		pass "epub/$_n: builds and unzips"
		return 0
	fi
	fail "epub/$_n: builds and unzips" "$(head -n 3 "$ep_out/$_n.err")"
	return 1
}

# epub_zip_ok NAME: mimetype is the first entry, stored, with no extra
# field, so its bytes sit at offset 30 where readers sniff them.
epub_zip_ok() {
	_first=$(zipinfo -1 "$ep_out/$1.epub" | head -n 1)
	_meth=$(zipinfo -v "$ep_out/$1.epub" | sed -n \
	    '/^  mimetype$/,/compression method/s/.*compression method: *//p')
	_magic=$(head -c 58 "$ep_out/$1.epub" | tail -c 28)
	if [ "$_first" = mimetype ] && [ "$_meth" = "none (stored)" ] &&
	    [ "$_magic" = "mimetypeapplication/epub+zip" ]; then
		pass "epub/$1: mimetype first and stored"
	else
		fail "epub/$1: mimetype first and stored" \
		    "first=$_first method=$_meth magic=$_magic"
	fi
}

# epub_check_ok NAME: epubcheck -u finds no fatal, error, warning or
# info, and no usage but HTM-010 on toc.ncx (epubcheck 4.2 notes the
# NCX namespace of every toc.ncx, which EPUB 2 readers need) and its
# notes that the book has print page markers and a page list
# (HTM-050 pagebreak, NAV-002 page-list): features, not faults.
epub_check_ok() {
	java -jar "$EPUBCHECK_JAR" -u "$ep_out/$1.epub" >"$ep_out/$1.check" 2>&1
	_sum=$(grep '^Messages:' "$ep_out/$1.check")
	_ncx='^USAGE(HTM-010): .*/OEBPS/toc\.ncx([0-9,]*): Namespace uri'
	_ncx="$_ncx \"http://www\\.daisy\\.org/z3986/2005/ncx/\" was found\\.\$"
	_pb='^USAGE(HTM-050): .*/OEBPS/lecture\.xhtml([0-9,]*): Found'
	_pb="$_pb epub:type=\"pagebreak\" attribute in content document\\.\$"
	_pl='^USAGE(NAV-002): .*/OEBPS/nav\.xhtml([0-9,]*): Found'
	_pl="$_pl epub:type=\"page-list\" in nav document\$"
	_other=$(grep -E '^(FATAL|ERROR|WARNING|INFO|USAGE)' \
	    "$ep_out/$1.check" | grep -v -e "$_ncx" -e "$_pb" -e "$_pl")
	case $_sum in
	"Messages: 0 fatals / 0 errors / 0 warnings / 0 infos / "*)
		if [ -z "$_other" ]; then
			pass "epub/$1: epubcheck clean"
			return
		fi ;;
	esac
	fail "epub/$1: epubcheck clean" "${_sum:-no summary from epubcheck}"
	printf '%s\n' "$_other" | head -n 10
}

# epub_text_ok NAME: MuPDF's text of the book holds every paragraph and
# heading of the chapter.  Whitespace is dropped on both sides: MuPDF
# breaks lines and pages (\f), and between Han characters a line end
# is no space.
epub_text_ok() {
	_x=$ep_out/$1/OEBPS/lecture.xhtml
	_q="//*[local-name()='p' or local-name()='h1' or local-name()='h2'"
	_q="$_q or local-name()='h3']"
	mutool draw -F txt -o "$ep_out/$1.txt" "$ep_out/$1.epub" 2>/dev/null
	tr -d ' \t\r\n\f' <"$ep_out/$1.txt" >"$ep_out/$1.flat"
	_count=$(xmllint --xpath "count($_q)" "$_x" 2>/dev/null)
	_i=1 _missing=0
	while [ "$_i" -le "${_count:-0}" ]; do
		_p=$(xmllint --xpath "string(($_q)[$_i])" "$_x" |
		    tr -d ' \t\r\n')
		if ! grep -qF -- "$_p" "$ep_out/$1.flat"; then
			_missing=$((_missing + 1))
			printf '  not in the text: %.100s\n' "$_p"
		fi
		_i=$((_i + 1))
	done
	if [ "${_count:-0}" -gt 0 ] && [ "$_missing" -eq 0 ]; then
		pass "epub/$1: MuPDF reads all $_count blocks"
	else
		fail "epub/$1: MuPDF reads every block" \
		    "$_missing of ${_count:-0} missing"
	fi
}

# The small inputs: expected package files, zip layout, epubcheck.
for _src in "$ep_in"/*.md; do
	_name=$(basename "$_src" .md)
	epub_build "$_name" "$_src" || continue
	for _f in content.opf nav.xhtml toc.ncx lecture.xhtml; do
		expect_file "epub/$_name/$_f" "$ep_in/$_name/$_f" \
		    "$ep_out/$_name/OEBPS/$_f"
	done
	if cmp -s "$TOP/styles/epub.css" "$ep_out/$_name/OEBPS/epub.css"; then
		pass "epub/$_name: stylesheet copied"
	else
		fail "epub/$_name: stylesheet copied"
	fi
	epub_zip_ok "$_name"
	epub_check_ok "$_name"
done

# The image inside the source folder goes in unchanged.
if cmp -s "$ep_in/img/red.png" "$ep_out/full/OEBPS/images/red.png"; then
	pass "epub/full: image packaged"
else
	fail "epub/full: image packaged"
fi
epub_text_ok full

# Same lecture, same identifier; another lecture, another one.
_id_full=$(sed -n 's/.*<dc:identifier id="uid">\(.*\)<.*/\1/p' \
    "$ep_out/full/OEBPS/content.opf")
_id_min=$(sed -n 's/.*<dc:identifier id="uid">\(.*\)<.*/\1/p' \
    "$ep_out/minimal/OEBPS/content.opf")
case $_id_full in
urn:uuid:????????-????-5???-????-????????????)
	if [ "$_id_full" != "$_id_min" ]; then
		pass "epub: identifiers are v5 UUIDs, one per lecture"
	else
		fail "epub: identifiers are v5 UUIDs, one per lecture" \
		    "both $_id_full"
	fi ;;
*)	fail "epub: identifiers are v5 UUIDs, one per lecture" "$_id_full" ;;
esac

# The real lecture.
if [ -f "$LECTURE" ] && epub_build lecture "$LECTURE"; then
	epub_zip_ok lecture
	epub_check_ok lecture
	epub_text_ok lecture
fi

# Reproducible: the same bytes again, whatever the time zone and umask;
# another SOURCE_DATE_EPOCH changes the stamps.
if epub_build again "$ep_in/full.md" &&
    cmp -s "$ep_out/full.epub" "$ep_out/again.epub"; then
	pass "epub: rebuild byte-identical"
else
	fail "epub: rebuild byte-identical"
fi
if (umask 077; TZ=Asia/Tokyo lectern epub -o "$ep_out/tz.epub" \
    "$ep_in/full.md" 2>/dev/null) &&
    cmp -s "$ep_out/full.epub" "$ep_out/tz.epub"; then
	pass "epub: byte-identical in another time zone and umask"
else
	fail "epub: byte-identical in another time zone and umask"
fi
if SOURCE_DATE_EPOCH=1600000000 lectern epub -o "$ep_out/later.epub" \
    "$ep_in/full.md" 2>/dev/null &&
    ! cmp -s "$ep_out/full.epub" "$ep_out/later.epub" &&
    unzip -p "$ep_out/later.epub" OEBPS/content.opf |
    grep -q '"dcterms:modified">2020-09-13T12:26:40Z<' &&
    zipinfo -T "$ep_out/later.epub" mimetype | grep -q '20200913\.122640'; then
	pass "epub: SOURCE_DATE_EPOCH stamps the package and the zip"
else
	fail "epub: SOURCE_DATE_EPOCH stamps the package and the zip"
fi

# A failed run leaves the earlier book as it was and no temporary file:
# first an error in the input, then one in the writer (no stylesheet).
mkdir -p "$ep_out/atomic"
_book=$ep_out/atomic/book.epub
if lectern epub -o "$_book" "$ep_in/minimal.md" 2>/dev/null; then
	cp "$_book" "$ep_out/before.epub"
	lectern epub -o "$_book" "$ep_in/bad/yaml.md" 2>/dev/null
	_rc=$?
	if [ "$_rc" -eq 1 ] &&
	    cmp -s "$ep_out/before.epub" "$_book" &&
	    [ "$(ls -A "$ep_out/atomic")" = book.epub ]; then
		pass "epub: input error keeps the old book, no temp file"
	else
		fail "epub: input error keeps the old book, no temp file" \
		    "exit $_rc; $(ls -A "$ep_out/atomic" | tr '\n' ' ')"
	fi
	lectern epub --style "$ep_out/no-such-dir" -o "$_book" \
	    "$ep_in/full.md" 2>"$ep_out/atomic.err"
	_rc=$?
	if [ "$_rc" -eq 3 ] &&
	    cmp -s "$ep_out/before.epub" "$_book" &&
	    [ "$(ls -A "$ep_out/atomic")" = book.epub ] &&
	    grep -q 'no-such-dir/epub.css: error: cannot read' \
	    "$ep_out/atomic.err"
	then
		pass "epub: writer error keeps the old book, no temp file"
	else
		fail "epub: writer error keeps the old book, no temp file" \
		    "exit $_rc; $(head -n 1 "$ep_out/atomic.err")"
	fi
else
	fail "epub: atomic output" "the first build failed"
fi
