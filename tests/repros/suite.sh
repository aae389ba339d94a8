# Repros: the small inputs of issue 9 (tests/repros/in/, with their
# pictures), each one way `lectern pdf` or `epub` went wrong.  Each
# must now build both books with status 0 (or, in repro_refused, end
# with an error at its reference and no book); the PDF must pass qpdf
# --check, set every word inside the page and hold the EPUB's words
# (tests/tools/parity); the EPUB must pass epubcheck.
#
# repro_waiting names those that fail today, each with the issue-9
# class it waits for (tests/gen/suite.sh's GEN_SKIP has the same
# words).  They are counted, not failed; one that passes is named, to
# be taken off the list.
# Kept under in/ so that the parity suite's
# tests/*/*.md leaves them to this suite.
repro_waiting='
'
# repro_refused names those whose fix is a refusal: both commands end
# with status 1, a FILE:LINE:COL: error: at the reference, and no book.
repro_refused='
badpdf-truncated-jpeg
'
rp_dir=$T/repros
EPUBCHECK_JAR=${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}
mkdir -p "$rp_dir"

. "$TOP/tests/tools/build.sh"

# rp_refused NAME: status 1, the error at its reference, no book.
rp_refused() {
	for _rp_f in epub pdf; do
		# shellcheck disable=SC2086
		timeout 60 $LECTERN_WRAP "$BIN" $_rp_f -q -o "$_rp_o.$_rp_f" \
		    "$_rp_src" >/dev/null 2>"$_rp_o.$_rp_f.err" </dev/null
		_rp_rc=$?
		if [ $_rp_rc -ne 1 ] || [ -e "$_rp_o.$_rp_f" ] ||
		    ! grep -q "^$_rp_src:[0-9]*:[0-9]*: error: " "$_rp_o.$_rp_f.err"
		then
			echo "$_rp_f: status $_rp_rc, not 1 with an error at the reference"
			return 1
		fi
	done
	return 0
}

# rp_check NAME [waiting]: every assertion on one repro, quietly; prints the
# first that fails and returns 1, or returns 0.
rp_check() {
	_rp_src=tests/repros/in/$1.md _rp_o=$rp_dir/$1
	rm -rf "$_rp_o.x"
	case " $(echo $repro_refused) " in *" $1 "*)
		rp_refused "$1"
		return ;;
	esac
	for _rp_f in epub pdf; do
		# shellcheck disable=SC2086
		timeout 60 $LECTERN_WRAP "$BIN" $_rp_f -q -o "$_rp_o.$_rp_f" \
		    "$_rp_src" >/dev/null 2>"$_rp_o.$_rp_f.err" </dev/null
		_rp_rc=$?
		if [ $_rp_rc -ne 0 ]; then
			echo "$_rp_f: status $_rp_rc: $(grep -m 1 -E 'ssert|error' "$_rp_o.$_rp_f.err" | cut -c1-100)"
			return 1
		fi
	done
	if ! qpdf --check "$_rp_o.pdf" >"$_rp_o.qpdf" 2>&1; then
		echo "qpdf: $(grep -m 1 -iE 'error|warning' "$_rp_o.qpdf")"
		return 1
	fi
	pdftotext -bbox-layout "$_rp_o.pdf" "$_rp_o.html" || return 1
	if ! awk '
	/<page / { split($0, a, "\""); w = a[2]; h = a[4] }
	/<word / { split($0, a, "\"")
		if (a[2] < -1 || a[4] < -1 || a[6] > w + 1 || a[8] > h + 1)
			exit 1 }' "$_rp_o.html"; then
		echo "a word outside the page"
		return 1
	fi
	mkdir -p "$_rp_o.x"
	(cd "$_rp_o.x" && unzip -q "../$1.epub") || return 1
	# Running heads and folios where the layout put them (bbox.c).
	"$BIN" dump --layout -q "$_rp_src" >"$_rp_o.dump" 2>/dev/null </dev/null
	if ! "$T/tools/parity" --layout "$_rp_o.dump" --epub "$_rp_o.x" \
	    "$_rp_o.html" >"$_rp_o.parity" 2>&1; then
		echo "parity: $(grep -m 1 difference "$_rp_o.parity")"
		return 1
	fi
	# epubcheck takes seconds: only where the EPUB is the point, or
	# the repro is asserted.
	[ "$2" = waiting ] && case $1 in epub-*) ;; *) return 0 ;; esac
	java -jar "$EPUBCHECK_JAR" "$_rp_o.epub" >"$_rp_o.check" 2>&1
	if ! grep -q '^Messages: 0 fatals / 0 errors' "$_rp_o.check"; then
		echo "epubcheck: $(grep -m 1 -E '^(FATAL|ERROR)' "$_rp_o.check")"
		return 1
	fi
	return 0
}

if ! tool_build parity "libxml-2.0 fribidi" "$TOP/tests/tools/bbox.c"; then
	fail repros-tools "tests/tools/parity does not build"
else
	rp_waiting=0 rp_now=
	for _rp_md in tests/repros/in/*.md; do
		_rp_n=${_rp_md##*/}
		_rp_n=${_rp_n%.md}
		_rp_class=$(printf '%s\n' "$repro_waiting" |
		    awk -v n="$_rp_n" '$1 == n { print $2 }')
		if [ -n "$_rp_class" ]; then
			rp_waiting=$((rp_waiting + 1))
			# Said, not failed: the fix lands on another branch.
			if _rp_why=$(rp_check "$_rp_n" waiting); then
				rp_now="$rp_now $_rp_n"
			elif [ -n "$VERBOSE" ]; then
				echo "wait $_rp_n ($_rp_class): $_rp_why"
			fi
			continue
		fi
		if _rp_why=$(rp_check "$_rp_n"); then
			pass "repro-$_rp_n"
		else
			fail "repro-$_rp_n" "$_rp_why"
		fi
	done
	echo "repros: $rp_waiting waiting for issue-9 fixes (repro_waiting in tests/repros/suite.sh)"
	[ -n "$rp_now" ] &&
	    echo "repros: passing now, take off repro_waiting:$rp_now"
fi

# The noncharacter repro's own point: U+FFFD in the PDF, and a warning
# at the entity's line.
if lectern pdf -o "$rp_dir/nonchar.pdf" tests/repros/in/fail-noncharacter.md \
    2>"$rp_dir/nonchar.err" &&
    pdftotext "$rp_dir/nonchar.pdf" - | grep -q "noncharacter $(printf '\357\277\275') in" &&
    grep -q '^tests/repros/in/fail-noncharacter.md:5:1: warning: noncharacter U+FFFF replaced by U+FFFD$' \
    "$rp_dir/nonchar.err"
then pass repro-noncharacter-replaced
else fail repro-noncharacter-replaced "$(head -n 1 "$rp_dir/nonchar.err")"
fi

# The emoji title's own point: a page that begins with a colour glyph
# (cairo paints it as an image) builds, with Noto Color Emoji (the
# glyph is there, as a picture) and without it (fontconfig told to
# reject the font).
rp_noemoji=$rp_dir/noemoji.conf
cat >"$rp_noemoji" <<'EOF'
<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<selectfont><rejectfont><glob>*NotoColorEmoji*</glob></rejectfont></selectfont>
</fontconfig>
EOF
if ! fc-list | grep -q NotoColorEmoji; then
	echo "repros: no Noto Color Emoji: the emoji title is built without it only"
elif lectern pdf -q -o "$rp_dir/emoji.pdf" tests/repros/in/crash-emoji-title.md &&
    qpdf --check "$rp_dir/emoji.pdf" >/dev/null 2>&1 &&
    [ "$(pdfimages -f 1 -l 1 -list "$rp_dir/emoji.pdf" | awk 'NR > 2' | wc -l)" -ge 1 ]
then pass repro-emoji-title-colour
else fail repro-emoji-title-colour "no PDF, a bad one, or no emoji on page 1"
fi
if FONTCONFIG_FILE=$rp_noemoji lectern pdf -q -o "$rp_dir/noemoji.pdf" \
    tests/repros/in/crash-emoji-title.md &&
    qpdf --check "$rp_dir/noemoji.pdf" >/dev/null 2>&1
then pass repro-emoji-title-no-emoji-font
else fail repro-emoji-title-no-emoji-font "no PDF or a bad one without the emoji font"
fi

# The empty heading's words, from its place, in the nav, the PDF's
# text and its outline alike.
if lectern epub -q -o "$rp_dir/eh.epub" tests/repros/in/epub-invalid-empty-heading.md &&
    lectern pdf -q -o "$rp_dir/eh.pdf" tests/repros/in/epub-invalid-empty-heading.md &&
    unzip -p "$rp_dir/eh.epub" OEBPS/nav.xhtml |
    grep -q '<a href="lecture.xhtml#section-1">Section 1</a>' &&
    pdftotext "$rp_dir/eh.pdf" - | grep -qx 'Section 1' &&
    qpdf --qdf --object-streams=disable "$rp_dir/eh.pdf" - |
    grep -a -q '/Title (Section 1)'
then pass repro-empty-heading-words
else fail repro-empty-heading-words "no \"Section 1\" in the nav, the PDF or its outline"
fi
