# Typography of the print PDF, measured on pdftotext's word boxes.
#
# typomeasure (tests/tools) first proves itself on a fixture drawn with
# known faults, then measures the lecture at the default page (styles/)
# and at a4 and 6x9in (a copy of styles/ with print.yaml's page: key
# changed).  Targets, at each size: p95 gap ratio <= 1.25, loose lines
# <= 2 %, no overfull line, at most 2 hyphenated lines in a row; and no
# widow or orphan in `lectern dump --layout` (widows.awk).  The figures
# of every run are printed.
#
# vgap.awk measures the pages from the PDF: the most space added
# between two lines of plain paragraphs (at most 1 pt), pages ending
# short of the others (at most one in ten) and short left-hand pages
# beside a full right-hand one (none).  It proves itself first on a
# made-up pdftotext page set with one of each (vgap-fixture.html).
#
# The corpus (tests/corpus: lists, nested lists, notes, tables,
# quotations, Arabic, Greek and Chinese quotations, a Chinese lecture
# in simplified and one in traditional characters) is measured the
# same way at the same sizes (vgap.awk too), list items and notes
# included: p95 <=
# 1.35 and loose lines <= 2 % over its Latin lines; a Chinese or
# Japanese lecture (lang zh*, ja) is checked by cjkcheck.py instead
# (no space read between Han characters, no two full-width marks side
# by side at full width, no prohibited mark at a line's start or end,
# no opening mark at a line's start nor closing mark at its end set
# full width, lines flush at both ends; zh-hant at 6x9in has loose lines whose Han runs digits split,
# 0.1 em and more between two characters, the spread lay_lines.c draws
# as glyphs for extraction).  margins.py checks the optical margins
# of the lecture: a hyphen ending a line hangs 0.7 of its width past
# the text block's edge, a letter stays inside (at A5 and 6x9in the
# lecture has such hyphens; at a4 barely one, at a paragraph's end),
# and a quote, bracket or dash starting a line at the left edge hangs
# past it by its share (lay_hlist.c's table); margins-fixture.md has
# ten such lines at every size.

typo_lecture=source/1.08-seven-thousand-cadre-conference.md
typo_targets="--max-p95 1.25 --max-loose 2 --max-hyph-run 2 --max-overfull 0"
typo_corpus_targets="--max-p95 1.35 --max-loose 2 --max-overfull 0"
# Short pages: at most one in ten (issue 14), and no short left-hand
# page alone, for the lecture and every lecture of the corpus at each
# size (a page whose notes end on the text block's last line is full).
typo_vtargets="-v indent=14 -v max_gap=1 -v max_short=0.1"

. "$TOP/tests/tools/build.sh"

# typo_widows NAME STYLE: widows and orphans from the layout dump.
typo_widows() {
	if ! lectern dump --layout -q --style "$2" "$typo_lecture" \
	    >"$T/$1.dump" 2>"$T/$1.err" || ! grep -q '^page ' "$T/$1.dump"
	then
		fail "$1" "lectern dump --layout gave no pages ($(head -n 1 "$T/$1.err"))"
		return
	fi
	awk -f tests/typo/widows.awk "$T/$1.dump" >"$T/$1.wo"
	echo "  typo $1: $(tail -n 1 "$T/$1.wo")"
	if [ "$(tail -n 1 "$T/$1.wo")" = "widows 0  orphans 0" ]; then
		pass "$1"
	else
		fail "$1" "$(head -n 1 "$T/$1.wo")"
	fi
}

# typo_leaders SIZE STYLE: margins.py on margins-fixture.md, whose ten
# lines starting with a quote, a bracket, a dash or a hyphen must all
# hang into the left margin (a build without it: lhung 0).
typo_leaders() {
	_f=$T/typo-leaders-$1
	if lectern pdf -q --style "$2" -o "$_f.pdf" \
	    tests/typo/margins-fixture.md 2>"$_f.err" &&
	    mutool draw -F stext -o "$_f.stext" "$_f.pdf" 2>/dev/null &&
	    /usr/bin/python3 -B tests/typo/margins.py "$_f.stext" >"$_f.sum" &&
	    grep -q ' leaders 10  lhung 10$' "$_f.sum"; then
		pass "typo-leaders-$1"
	else
		fail "typo-leaders-$1" "$(head -n 3 "$_f.sum" "$_f.err" 2>/dev/null)"
	fi
	echo "  typo typo-leaders-$1: $(tail -n 1 "$_f.sum")"
}

# typo_cjk NAME PDF: cjkcheck.py on the PDF, its figures printed.
typo_cjk() {
	if ! mutool draw -F stext -o "$T/$1.stext" "$2" 2>"$T/$1.err" ||
	    ! pdftotext -bbox "$2" "$T/$1.bb" 2>>"$T/$1.err"; then
		fail "$1" "mutool or pdftotext: $(head -n 1 "$T/$1.err")"
		return 1
	fi
	/usr/bin/python3 -B tests/typo/cjkcheck.py "$T/$1.stext" "$T/$1.bb" \
	    >"$T/$1.sum" 2>&1
	_rc=$?
	echo "  typo $1: $(tail -n 1 "$T/$1.sum")"
	return $_rc
}

# typo_vgap NAME PDF: vgap.awk on the PDF against typo_vtargets.
typo_vgap() {
	pdftotext -bbox-layout "$2" "$T/typo-$1.html" 2>/dev/null
	# shellcheck disable=SC2086
	awk $typo_vtargets -f tests/typo/vgap.awk "$T/typo-$1.html" \
	    >"$T/typo-$1.sum"
	_rc=$?
	echo "  typo $1: $(cat "$T/typo-$1.sum")"
	if [ $_rc -eq 0 ]; then
		pass "typo-$1"
	else
		fail "typo-$1" "targets: $typo_vtargets"
	fi
}

# typo_style SIZE: a copy of styles/ for page SIZE (default: styles/).
typo_style() {
	if [ "$1" = default ]; then
		echo styles
		return
	fi
	_st=$T/typo-s/$1
	if [ ! -f "$_st/print.yaml" ]; then
		mkdir -p "$_st"
		cp -R styles/. "$_st/" 2>/dev/null
		if grep -q '^page:' "$_st/print.yaml" 2>/dev/null; then
			sed "s/^page:.*/page: $1/" "$_st/print.yaml" \
			    >"$_st/p" && mv "$_st/p" "$_st/print.yaml"
		else
			echo "page: $1" >>"$_st/print.yaml"
		fi
	fi
	echo "$_st"
}

# typo_measure NAME PDF LIMITS...: run typomeasure, print its figures.
typo_measure() {
	_n=$1 _pdf=$2
	shift 2
	if ! pdftotext -bbox-layout "$_pdf" "$T/$_n.html" 2>"$T/$_n.err"; then
		fail "$_n" "pdftotext: $(head -n 1 "$T/$_n.err")"
		return 1
	fi
	"$T/tools/typomeasure" "$@" "$T/$_n.html" >"$T/$_n.sum" 2>&1
	_rc=$?
	echo "  typo $_n: $(tail -n 1 "$T/$_n.sum")"
	return $_rc
}

if ! tool_build typomeasure libxml-2.0 "$TOP/tests/tools/bbox.c" ||
    ! tool_build typofixture "pangocairo cairo-pdf"; then
	fail typo-tools "tests/tools do not build"
else
	pass typo-tools

	# The fixture: the figures its drawing code promises.
	"$T/tools/typofixture" "$T/fx.pdf"
	typo_measure typo-fixture "$T/fx.pdf"
	if grep -qx 'lines 36  p95 1.00  loose 2.8%  hyph-ends 6  max-run 3  overfull 1' \
	    "$T/typo-fixture.sum"; then
		pass typo-fixture
	else
		fail typo-fixture "expected lines 36 loose 2.8% hyph-ends 6 max-run 3 overfull 1"
	fi
	# Each limit trips on the fixture's fault and holds just above it.
	for _l in "--max-hyph-run 2" "--max-overfull 0" "--max-loose 2.5" \
	    "--max-p95 0.99"; do
		# shellcheck disable=SC2086
		if "$T/tools/typomeasure" $_l "$T/typo-fixture.html" >/dev/null
		then fail "typo-limit $_l" "did not trip on the fixture"
		else pass "typo-limit $_l"
		fi
	done
	if "$T/tools/typomeasure" --max-hyph-run 3 --max-overfull 1 \
	    --max-loose 3 --max-p95 1.01 "$T/typo-fixture.html" >/dev/null
	then pass typo-limits-hold
	else fail typo-limits-hold "limits above the fixture's figures tripped"
	fi

	# widows.awk on a made-up dump with one of each.
	if [ "$(awk -f tests/typo/widows.awk tests/typo/widows-fixture.dump |
	    tail -n 1)" = "widows 1  orphans 1" ]; then
		pass typo-widows-fixture
	else
		fail typo-widows-fixture "widows.awk misses the fixture's widow or orphan"
	fi

	# vgap.awk on its fixture: the figures, and each limit trips.
	_vf=tests/typo/vgap-fixture.html
	if [ "$(awk -f tests/typo/vgap.awk "$_vf")" = \
	    "pages 4  max-gap 5.0  short 1  left-alone 1" ]; then
		pass typo-vgap-fixture
	else
		fail typo-vgap-fixture "$(awk -f tests/typo/vgap.awk "$_vf")"
	fi
	# A folio under page 2's short text is furniture: still short.  A
	# note ending on the text block's last line (231) fills the page.
	_vfolio='        <line xMin="51" yMin="250" xMax="56" yMax="259"><word xMin="51" yMin="250" xMax="56" yMax="259">2</word></line>'
	_vnote='        <line xMin="51" yMin="220" xMax="368" yMax="231"><word xMin="51" yMin="220" xMax="368" yMax="231">note</word></line>'
	sed "68a\\
$_vfolio" "$_vf" >"$T/vgap-folio.html"
	sed "68a\\
$_vnote\\
$_vfolio" "$_vf" >"$T/vgap-note.html"
	if [ "$(awk -f tests/typo/vgap.awk "$T/vgap-folio.html")" = \
	    "pages 4  max-gap 5.0  short 1  left-alone 1" ] &&
	    [ "$(awk -f tests/typo/vgap.awk "$T/vgap-note.html")" = \
	    "pages 4  max-gap 5.0  short 0  left-alone 0" ]; then
		pass typo-vgap-notes-folio
	else
		fail typo-vgap-notes-folio "a folio counted as text, or a note not"
	fi
	for _l in "max_gap=4.9" "max_short=0.3" "max_gap=5"; do
		if awk -v "$_l" -f tests/typo/vgap.awk "$_vf" >/dev/null
		then fail "typo-vgap-limit $_l" "did not trip on the fixture"
		else pass "typo-vgap-limit $_l"
		fi
	done

	# cjkcheck.py on a page of Chinese drawn with one of each fault:
	# each count trips, and the fixture's lines are all found.
	if ! tool_build cjkfixture "pangocairo cairo-pdf"; then
		fail typo-cjk-fixture "tests/tools/cjkfixture does not build"
	elif "$T/tools/cjkfixture" "$T/cjkfx.pdf" &&
	    ! typo_cjk typo-cjk-fixture "$T/cjkfx.pdf"; then
		for _c in "cjk-lines 9" "spaced [1-9][0-9]*" "fullpair 1" "start 1" \
		    "openfull 1" "end 1" "closefull 1" "ragged 1"; do
			if grep -q "^cjk-lines.* $_c\b\|^$_c\b" \
			    "$T/typo-cjk-fixture.sum"; then
				pass "typo-cjk-fixture $_c"
			else
				fail "typo-cjk-fixture $_c" "$(tail -n 1 "$T/typo-cjk-fixture.sum")"
			fi
		done
	else
		fail typo-cjk-fixture "cjkcheck.py passed a page with every fault"
	fi

	# The lecture, at the default style and two other page sizes.
	mkdir -p "$T/typo-s"
	for _size in default a4 6x9in; do
		_st=$(typo_style $_size)
		typo_widows "typo-widows-$_size" "$_st"
		lectern pdf -q --style "$_st" -o "$T/typo-$_size.pdf" \
		    "$typo_lecture" 2>"$T/typo-$_size.err"
		_rc=$?
		if [ $_rc -ne 0 ] || [ ! -s "$T/typo-$_size.pdf" ]; then
			fail "typo-lecture-$_size" "lectern pdf: status $_rc, no pdf ($(head -n 1 "$T/typo-$_size.err"))"
			continue
		fi
		# Optical margins: line-final hyphens hang, letters do not.
		if mutool draw -F stext -o "$T/typo-$_size.stext" \
		    "$T/typo-$_size.pdf" 2>/dev/null &&
		    /usr/bin/python3 -B tests/typo/margins.py \
		    "$T/typo-$_size.stext" >"$T/typo-margins-$_size.sum" &&
		    { [ "$_size" = a4 ] || ! grep -q '^hyphens 0 ' \
		    "$T/typo-margins-$_size.sum"; }; then
			pass "typo-margins-$_size"
		else
			fail "typo-margins-$_size" "$(head -n 3 "$T/typo-margins-$_size.sum")"
		fi
		echo "  typo typo-margins-$_size: $(tail -n 1 "$T/typo-margins-$_size.sum")"
		typo_leaders "$_size" "$_st"
		typo_vgap "vgap-$_size" "$T/typo-$_size.pdf"
		# shellcheck disable=SC2086
		if typo_measure "typo-lecture-$_size" "$T/typo-$_size.pdf" \
		    $typo_targets; then
			pass "typo-lecture-$_size"
		else
			fail "typo-lecture-$_size" "targets: $typo_targets"
			[ -n "$VERBOSE" ] && "$T/tools/typomeasure" -v \
			    "$T/typo-lecture-$_size.html" | grep '^  '
		fi
	done

	# The corpus, at the same sizes.
	for _md in tests/corpus/*.md; do
		_cn=$(basename "$_md" .md)
		_cjk=
		grep -Eq '^lang: *"?(zh|ja)' "$_md" && _cjk=1
		for _size in default a4 6x9in; do
			_st=$(typo_style $_size)
			_pdf=$T/typo-$_cn-$_size.pdf
			if ! lectern pdf -q --style "$_st" -o "$_pdf" "$_md" \
			    2>"$T/typo-$_cn.err" || [ ! -s "$_pdf" ]; then
				fail "typo-$_cn-$_size" "lectern pdf: $(head -n 1 "$T/typo-$_cn.err")"
				continue
			fi
			if [ -s "$T/typo-$_cn.err" ]; then
				fail "typo-$_cn-$_size" "a warning on an ordinary lecture: $(head -n 1 "$T/typo-$_cn.err")"
				continue
			fi
			typo_vgap "vgap-$_cn-$_size" "$_pdf"
			if [ -n "$_cjk" ]; then
				if typo_cjk "typo-cjk-$_cn-$_size" "$_pdf"; then
					pass "typo-cjk-$_cn-$_size"
				else
					fail "typo-cjk-$_cn-$_size" "$(head -n 3 "$T/typo-cjk-$_cn-$_size.sum")"
				fi
				continue
			fi
			# shellcheck disable=SC2086
			if typo_measure "typo-$_cn-$_size" "$_pdf" \
			    $typo_corpus_targets; then
				pass "typo-$_cn-$_size"
			else
				fail "typo-$_cn-$_size" "targets: $typo_corpus_targets"
			fi
		done
	done
fi
