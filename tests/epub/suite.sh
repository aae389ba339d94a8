# The EPUB writer: package files against expected ones, the zip's layout,
# epubcheck, Ace, MuPDF's reading of the text, the cover, series, the CJK
# font subset, the Kobo edition, reproducible and atomic builds.
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

# epub_check_ok NAME [KOBO]: epubcheck -u finds no fatal, error, warning or
# info, and no usage but HTM-010 on toc.ncx (epubcheck 4.2 notes the
# NCX namespace of every toc.ncx, which EPUB 2 readers need), CSS-028
# on epub.css (it notes each @font-face of an embedded font) and its
# notes that the book has print page markers and a page list
# (HTM-050 pagebreak, NAV-002 page-list): features, not faults.
epub_check_ok() {
	java -jar "$EPUBCHECK_JAR" -u "$ep_out/$1.epub" >"$ep_out/$1.check" 2>&1
	_sum=$(grep '^Messages:' "$ep_out/$1.check")
	_ncx='^USAGE(HTM-010): .*/OEBPS/toc\.ncx([0-9,]*): Namespace uri'
	_ncx="$_ncx \"http://www\\.daisy\\.org/z3986/2005/ncx/\" was found\\.\$"
	_css='^USAGE(CSS-028): .*/OEBPS/epub\.css([0-9,]*): Use of Font-face'
	_pb='^USAGE(HTM-050): .*/OEBPS/lecture\.xhtml([0-9,]*): Found'
	_pb="$_pb epub:type=\"pagebreak\" attribute in content document\\.\$"
	_pl='^USAGE(NAV-002): .*/OEBPS/nav\.xhtml([0-9,]*): Found'
	_pl="$_pl epub:type=\"page-list\" in nav document\$"
	_levels='FATAL|ERROR|WARNING|INFO|USAGE'
	# A Kobo edition: epubcheck's usage notes on its thousands of
	# spans (no CSS rule for koboSpan, many spans) are Kobo's format.
	[ -n "$2" ] && _levels='FATAL|ERROR|WARNING|INFO'
	_other=$(grep -E "^($_levels)" "$ep_out/$1.check" |
	    grep -v -e "$_ncx" -e "$_css" -e "$_pb" -e "$_pl")
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

# epub_ace_ok NAME: Ace by DAISY finds no accessibility violation, of
# any impact.  Where Ace is not installed (make ace) the check is
# skipped, and says so: a skip is not a pass.
ACE=${ACE:-/opt/ace/node_modules/.bin/ace-cli}
epub_ace_ok() {
	if [ ! -x "$ACE" ]; then
		echo "SKIP epub/$1: Ace not installed at $ACE (make ace)"
		return
	fi
	rm -rf "$ep_out/$1.ace"
	PUPPETEER_EXECUTABLE_PATH=${CHROMIUM:-/usr/bin/chromium} \
	    "$ACE" -s -E -f -o "$ep_out/$1.ace" "$ep_out/$1.epub" \
	    >"$ep_out/$1.ace.log" 2>&1
	_rc=$?
	_report=$ep_out/$1.ace/report.json
	_fails=$(grep -c '"earl:outcome": "fail"' "$_report" 2>/dev/null)
	if [ "$_rc" -eq 0 ] && [ "${_fails:-1}" -eq 0 ]; then
		pass "epub/$1: Ace finds no violation"
	else
		fail "epub/$1: Ace finds no violation" \
		    "exit $_rc, ${_fails:-no report} failed"
		sed -n 's/.*"dct:title": "\(.*\)",*$/  \1/p' "$_report" \
		    2>/dev/null | sort -u | head -n 10
		[ -f "$_report" ] || head -n 5 "$ep_out/$1.ace.log"
	fi
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
	# styles/epub.css as written, then any @font-face lectern adds.
	if head -c "$(wc -c <"$TOP/styles/epub.css")" \
	    "$ep_out/$_name/OEBPS/epub.css" | cmp -s "$TOP/styles/epub.css" -
	then
		pass "epub/$_name: stylesheet copied"
	else
		fail "epub/$_name: stylesheet copied"
	fi
	epub_zip_ok "$_name"
	epub_check_ok "$_name"
	epub_ace_ok "$_name"
done

# The image inside the source folder goes in unchanged.
if cmp -s "$ep_in/img/red.png" "$ep_out/full/OEBPS/images/red.png"; then
	pass "epub/full: image packaged"
else
	fail "epub/full: image packaged"
fi
epub_text_ok full

# The cover: drawn at 1600 x 2560 where the front matter names none,
# the author's picture where it does; in the manifest, not the spine.
if file "$ep_out/full/OEBPS/cover.png" |
    grep -q 'PNG image data, 1600 x 2560,'; then
	pass "epub/full: cover drawn, 1600 x 2560"
else
	fail "epub/full: cover drawn, 1600 x 2560" \
	    "$(file "$ep_out/full/OEBPS/cover.png")"
fi
# The cover's pixels are written by lectern's own PNG encoder: a whole
# cover, readable, in 8-bit RGB (no alpha: readers show it on white).
if /usr/bin/python3 -c '
import sys
from PIL import Image
im = Image.open(sys.argv[1])
im.load()
sys.exit(0 if im.mode == "RGB" and im.size == (1600, 2560) and
    im.getpixel((5, 5)) != im.getpixel((800, 425)) else 1)
' "$ep_out/full/OEBPS/cover.png" 2>"$ep_out/cover.err"; then
	pass "epub/full: cover decodes whole, RGB, ground and rule differ"
else
	fail "epub/full: cover decodes whole, RGB, ground and rule differ" \
	    "$(head -c 300 "$ep_out/cover.err")"
fi
# Pictures are compressed already: stored, not deflated again; the
# XHTML is deflated.
_meths=$(zipinfo "$ep_out/full.epub" | awk '$1 ~ /^-/ { print $NF ": " $6 }')
if printf '%s\n' "$_meths" | grep -q '^OEBPS/cover.png: stor$' &&
    printf '%s\n' "$_meths" | grep -q '^OEBPS/images/red.png: stor$' &&
    printf '%s\n' "$_meths" | grep -q '^OEBPS/lecture.xhtml: defN$'; then
	pass "epub/full: pictures stored, text deflated"
else
	fail "epub/full: pictures stored, text deflated" "$_meths"
fi
if cmp -s "$ep_in/img/b/red.png" "$ep_out/covered/OEBPS/cover.png"; then
	pass "epub/covered: the front matter's cover picture"
else
	fail "epub/covered: the front matter's cover picture"
fi
for _name in full minimal covered; do
	_opf=$ep_out/$_name/OEBPS/content.opf
	_href=$(xmllint --xpath 'string(//*[local-name()="item"][@properties="cover-image"]/@href)' "$_opf" 2>/dev/null)
	_id=$(xmllint --xpath 'string(//*[local-name()="meta"][@name="cover"]/@content)' "$_opf" 2>/dev/null)
	_idref=$(xmllint --xpath "count(//*[local-name()='itemref'][@idref='$_id'])" "$_opf" 2>/dev/null)
	if [ -n "$_href" ] && [ -f "$ep_out/$_name/OEBPS/$_href" ] &&
	    [ "$(xmllint --xpath "string(//*[local-name()='item'][@id='$_id']/@href)" "$_opf")" = "$_href" ] &&
	    [ "$_idref" = 0 ]; then
		pass "epub/$_name: cover-image and EPUB 2 cover meta, not in the spine"
	else
		fail "epub/$_name: cover-image and EPUB 2 cover meta, not in the spine" \
		    "href=$_href id=$_id in spine=$_idref"
	fi
done
# A cover the front matter names but the folder lacks: an error at
# the front matter, and no book.
sed 's|^cover: .*|cover: img/none.png|' "$ep_in/covered.md" \
    >"$ep_out/nocover.md"
if lectern epub -o "$ep_out/nocover.epub" "$ep_out/nocover.md" \
    2>"$ep_out/nocover.err"; then
	fail "epub: missing cover picture is an error"
elif grep -q 'nocover.md:1:1: error: image not found: img/none.png' \
    "$ep_out/nocover.err" && [ ! -f "$ep_out/nocover.epub" ]; then
	pass "epub: missing cover picture is an error"
else
	fail "epub: missing cover picture is an error" \
	    "$(head -n 2 "$ep_out/nocover.err")"
fi
# Calibre (the library most readers' books pass through) takes our
# cover as the book's.
if command -v ebook-meta >/dev/null; then
	ebook-meta --get-cover="$ep_out/full.calibre-cover.png" \
	    "$ep_out/full.epub" >/dev/null 2>&1
	if cmp -s "$ep_out/full/OEBPS/cover.png" \
	    "$ep_out/full.calibre-cover.png"; then
		pass "epub/full: Calibre finds the cover"
	else
		fail "epub/full: Calibre finds the cover"
	fi
else
	echo "SKIP epub/full: Calibre's ebook-meta not installed: its cover not checked"
fi

# Series: the course, the lecture's number its place, as Calibre reads
# it (Kobo and Apple Books read the EPUB 3 collection, compared above).
if command -v ebook-meta >/dev/null; then
	ebook-meta "$ep_out/covered.epub" >"$ep_out/covered.meta" 2>&1
	ebook-meta "$ep_out/minimal.epub" >"$ep_out/minimal.meta" 2>&1
	if grep -q '^Series *: Visual Sources #3\.02$' "$ep_out/covered.meta" &&
	    ! grep -q '^Series' "$ep_out/minimal.meta"; then
		pass "epub/covered: Calibre reads the series and its index"
	else
		fail "epub/covered: Calibre reads the series and its index" \
		    "$(grep '^Series' "$ep_out/covered.meta")"
	fi
else
	echo "SKIP epub/covered: Calibre's ebook-meta not installed: series not checked"
fi

# Han text: a subset of the CJK font for each language's runs, with
# every character of those runs (as fontconfig reads the subset), and
# the font's licence beside it.
# ep_chars FILE: the code points of FILE's text, in lowercase hex,
# one a line, sorted, without the white space around words.
ep_chars() {
	tr -d ' \n' <"$1" | iconv -f UTF-8 -t UTF-32BE | od -An -tx1 -v |
	    tr -d ' \n' | sed 's/\(........\)/\1\n/g' |
	    sed '/^$/d; s/^0*//' | sort -u
}
# ep_font_chars FONT: the code points fontconfig finds in FONT, the
# same way; its ranges ("8bad-8bae") spelt out.
ep_font_chars() {
	for _r in $(fc-query -f '%{charset}' "$1" 2>/dev/null); do
		case $_r in
		*-*)	_a=$((0x${_r%-*})) _b=$((0x${_r#*-}))
			while [ "$_a" -le "$_b" ]; do
				printf '%x\n' "$_a"
				_a=$((_a + 1))
			done ;;
		*)	echo "$_r" ;;
		esac
	done | sort -u
}
_x=$ep_out/full/OEBPS/lecture.xhtml
xmllint --xpath '//*[@lang="ja"]//text()' "$_x" >"$ep_out/full.ja" 2>/dev/null
ep_chars "$ep_out/full.ja" >"$ep_out/full.ja.cps"
ep_font_chars "$ep_out/full/OEBPS/fonts/cjk-ja.otf" >"$ep_out/full.font.cps"
_missing=$(comm -23 "$ep_out/full.ja.cps" "$ep_out/full.font.cps" | tr '\n' ' ')
if [ -s "$ep_out/full.ja.cps" ] && [ -z "$_missing" ] &&
    grep -q 'SIL Open Font License' "$ep_out/full/OEBPS/fonts/cjk-ja.txt" &&
    grep -q '^@font-face' "$ep_out/full/OEBPS/epub.css" &&
    grep -q 'href="fonts/cjk-ja.otf" media-type="font/otf"' \
    "$ep_out/full/OEBPS/content.opf"; then
	pass "epub/full: Japanese font subset with every character, licence"
else
	fail "epub/full: Japanese font subset with every character, licence" \
	    "missing: $_missing"
fi
# embed-cjk-font: never leaves it out; the seed lecture grows by less
# than 40 KB with it.
mkdir -p "$ep_out/never"
cp "$TOP"/styles/* "$ep_out/never/"
printf 'embed-cjk-font: never\n' >>"$ep_out/never/print.yaml"
if [ -f "$LECTURE" ] &&
    lectern epub -o "$ep_out/auto.epub" "$LECTURE" 2>/dev/null &&
    lectern epub --style "$ep_out/never" -o "$ep_out/never.epub" \
    "$LECTURE" 2>/dev/null; then
	_with=$(wc -c <"$ep_out/auto.epub")
	_without=$(wc -c <"$ep_out/never.epub")
	_grow=$((_with - _without))
	if zipinfo -1 "$ep_out/auto.epub" | grep -q '^OEBPS/fonts/cjk-zh-Hans\.otf$' &&
	    ! zipinfo -1 "$ep_out/never.epub" | grep -q fonts/ &&
	    [ "$_grow" -gt 0 ] && [ "$_grow" -lt 40960 ]; then
		pass "epub/lecture: CJK font adds $_grow bytes (< 40 KB); never: none"
	else
		fail "epub/lecture: CJK font adds < 40 KB; never: none" \
		    "$_grow bytes"
	fi
else
	fail "epub/lecture: builds with embed-cjk-font: never"
fi

# A figure's title is its caption: a figcaption in the figure, and no
# title on the picture (tests/pdf/images.md; epubcheck and Ace clean).
if epub_build figures "$TOP/tests/pdf/images.md"; then
	epub_check_ok figures
	epub_ace_ok figures
	_fx=$ep_out/figures/OEBPS/lecture.xhtml
	if grep -q '<figure><img src="[^"]*" alt="The Python logo"/><figcaption>Figure 1\. The logo, embedded as the JPEG it is\.</figcaption></figure>' "$_fx" &&
	    ! grep -q 'title="Figure 1' "$_fx"; then
		pass epub/figures/caption
	else
		fail epub/figures/caption "$(grep -m 1 '<figure' "$_fx")"
	fi
fi

# A lecture in Chinese: auto, like always, embeds a subset of every Han
# character it shows (a reader may have no CJK font).  (In
# lang/, out of the parity suite's reach: the PDF sets Chinese text
# with spaces pdftotext reads between the characters.)
if epub_build chinese "$ep_in/lang/chinese.md"; then
	epub_check_ok chinese
	epub_ace_ok chinese
fi
mkdir -p "$ep_out/always"
cp "$TOP"/styles/* "$ep_out/always/"
printf 'embed-cjk-font: always\n' >>"$ep_out/always/print.yaml"
if epub_build chinese.always "$ep_in/lang/chinese.md" --style "$ep_out/always"; then
	epub_check_ok chinese.always
	xmllint --xpath '//*[local-name()="body"]//text()' \
	    "$ep_out/chinese.always/OEBPS/lecture.xhtml" >"$ep_out/zh.txt"
	ep_chars "$ep_out/zh.txt" | while read -r _cp; do
		# Only the Han the subset must hold; Latin falls back.
		[ "$((0x$_cp))" -ge 19968 ] && [ "$((0x$_cp))" -le 40959 ] &&
		    echo "$_cp"
	done >"$ep_out/zh.han"
	ep_font_chars "$ep_out/chinese.always/OEBPS/fonts/cjk-zh-Hans.otf" \
	    >"$ep_out/zh.font"
	_missing=$(comm -23 "$ep_out/zh.han" "$ep_out/zh.font" | tr '\n' ' ')
	if zipinfo -1 "$ep_out/chinese.epub" | grep -q fonts/cjk-zh-Hans.otf &&
	    [ -s "$ep_out/zh.han" ] && [ -z "$_missing" ]; then
		pass "epub/chinese: auto and always embed every Han character"
	else
		fail "epub/chinese: auto and always embed every Han character" \
		    "missing: $_missing"
	fi
fi

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
	epub_ace_ok lecture
	epub_text_ok lecture
fi

# The Kobo edition: the same text, each sentence in a koboSpan with
# an id of its own, valid, accessible; STEM.kepub.epub by default.
for _name in full lecture; do
	_src=$ep_in/$_name.md
	[ "$_name" = lecture ] && _src=$LECTURE
	epub_build "$_name.kepub" "$_src" --kepub || continue
	epub_check_ok "$_name.kepub" kobo
	epub_ace_ok "$_name.kepub"
	_plain=$ep_out/$_name/OEBPS/lecture.xhtml
	_kobo=$ep_out/$_name.kepub/OEBPS/lecture.xhtml
	_q='string(//*[local-name()="body"])'
	_spans=$(xmllint --xpath 'count(//*[@class="koboSpan"])' "$_kobo")
	_ids=$(xmllint --xpath '//*[@class="koboSpan"]/@id' "$_kobo" |
	    sort -u | grep -c 'id="kobo\.[0-9]*\.[0-9]*"')
	_paras=$(xmllint --xpath 'count(//*[local-name()="p"])' "$_plain")
	_loose=$(xmllint --xpath '//*[local-name()="p"]/text()' "$_kobo" \
	    2>/dev/null | tr -d ' \n\t')
	if [ "$(xmllint --xpath "$_q" "$_plain")" = \
	    "$(xmllint --xpath "$_q" "$_kobo")" ] &&
	    [ "$_spans" -gt "$_paras" ] && [ "$_ids" -eq "$_spans" ] &&
	    [ -z "$_loose" ]; then
		pass "epub/$_name.kepub: same text, $_spans koboSpans, ids unique"
	else
		fail "epub/$_name.kepub: same text in koboSpans" \
		    "$_spans spans, $_ids ids, $_paras paragraphs; loose: $_loose"
	fi
done
# One span a sentence: a sentence ends at its stop and the space after.
if grep -q '">Mao felt this stood the true situation on its head\. </span><span class="koboSpan" id="kobo\.[0-9]*\.[0-9]*">Liu also' \
    "$ep_out/lecture.kepub/OEBPS/lecture.xhtml"; then
	pass "epub/lecture.kepub: a span ends with its sentence"
else
	fail "epub/lecture.kepub: a span ends with its sentence"
fi
mkdir -p "$ep_out/kobo-here"
if (cd "$ep_out/kobo-here" && lectern epub --kepub "$ep_in/minimal.md" \
    2>/dev/null) && [ -f "$ep_out/kobo-here/minimal.kepub.epub" ]; then
	pass "epub --kepub: STEM.kepub.epub by default"
else
	fail "epub --kepub: STEM.kepub.epub by default" \
	    "$(ls "$ep_out/kobo-here")"
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
