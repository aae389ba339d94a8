# The same tree, the same words: the PDF's text (pdftotext's word
# boxes, line-end hyphens undone, running heads and folios dropped)
# equals the EPUB's text word for word, in order, body and notes, for
# the lecture and every test input that builds both.
#
# tests/tools/parity does the comparing; it first proves itself on a
# drawn fixture (tests/tools/parityfixture.c) and its twin
# tests/parity/fixture.xhtml, equal, then with one word changed.

. "$TOP/tests/tools/build.sh"

# par_check NAME SOURCE: build both books from SOURCE and compare.
# Returns 2 when the epub does not build (the input is meant to fail),
# 3 when the pdf does not, else 0 (pass or fail counted).
par_check() {
	_pc_n=$1 _pc_src=$2
	rm -rf "$T/par-$_pc_n"
	mkdir -p "$T/par-$_pc_n/x"
	if ! lectern epub -q -o "$T/par-$_pc_n/b.epub" "$_pc_src" \
	    2>"$T/par-$_pc_n/err"; then
		return 2	# expected to fail, or the epub suite says why
	fi
	lectern pdf -q -o "$T/par-$_pc_n/b.pdf" "$_pc_src" 2>"$T/par-$_pc_n/err"
	_pc_st=$?
	if [ $_pc_st -ne 0 ] || [ ! -s "$T/par-$_pc_n/b.pdf" ]; then
		fail "parity-$_pc_n" "lectern pdf: status $_pc_st, no pdf ($(head -n 1 "$T/par-$_pc_n/err"))"
		return 3
	fi
	if ! (cd "$T/par-$_pc_n/x" && unzip -q ../b.epub) ||
	    ! pdftotext -bbox-layout "$T/par-$_pc_n/b.pdf" \
	    "$T/par-$_pc_n/b.html"; then
		fail "parity-$_pc_n" "cannot unpack the epub or read the pdf"
		return 1
	fi
	# Running heads and folios where the layout put them (bbox.c).
	lectern dump --layout -q "$_pc_src" >"$T/par-$_pc_n/dump" 2>/dev/null
	"$T/tools/parity" --layout "$T/par-$_pc_n/dump" \
	    --epub "$T/par-$_pc_n/x" "$T/par-$_pc_n/b.html" \
	    >"$T/par-$_pc_n/out" 2>&1
	_pc_same=$?
	_pc_known=$(awk -v n="$_pc_n" '$1 == n { $1 = ""; print; exit }' \
	    tests/parity/known-differences)
	if [ -n "$_pc_known" ]; then
		if [ $_pc_same -ne 0 ]; then
			pass "parity-$_pc_n (known difference)"
		else
			fail "parity-$_pc_n" "agrees now: remove it from tests/parity/known-differences"
		fi
	elif [ $_pc_same -eq 0 ]; then
		pass "parity-$_pc_n"
		[ -n "$VERBOSE" ] && sed 's/^/  /' "$T/par-$_pc_n/out"
	else
		fail "parity-$_pc_n" "$_pc_src"
		sed 's/^/  /' "$T/par-$_pc_n/out" | head -n 12
	fi
	return 0
}

if ! tool_build parity "libxml-2.0 fribidi" "$TOP/tests/tools/bbox.c" ||
    ! tool_build parityfixture "pangocairo cairo-pdf"; then
	fail parity-tools "tests/tools do not build"
else
	pass parity-tools
	"$T/tools/parityfixture" "$T/par-fx.pdf" &&
	    pdftotext -bbox-layout "$T/par-fx.pdf" "$T/par-fx.html"
	if "$T/tools/parity" "$T/par-fx.html" tests/parity/fixture.xhtml \
	    >"$T/par-fx.out" 2>&1 &&
	    grep -q '^body: 38 words the same (3 line ends joined)$' \
	    "$T/par-fx.out" &&
	    grep -q '^notes: 6 words the same' "$T/par-fx.out"; then
		pass parity-fixture
	else
		fail parity-fixture "$(head -n 3 "$T/par-fx.out")"
	fi
	# A hyphen the source has must stay: hyphen-ated is another word.
	sed 's/hyphenated/hyphen-ated/' tests/parity/fixture.xhtml \
	    >"$T/par-fx2.xhtml"
	if ! "$T/tools/parity" "$T/par-fx.html" "$T/par-fx2.xhtml" \
	    >"$T/par-fx2.out" 2>&1 &&
	    grep -q '^body: first difference at word 31 ' "$T/par-fx2.out"
	then pass parity-fixture-hyphen
	else fail parity-fixture-hyphen "$(head -n 1 "$T/par-fx2.out")"
	fi
	sed 's/small type/smaller type/' tests/parity/fixture.xhtml \
	    >"$T/par-fx3.xhtml"
	if ! "$T/tools/parity" "$T/par-fx.html" "$T/par-fx3.xhtml" \
	    >"$T/par-fx3.out" 2>&1 &&
	    grep -q '^notes: first difference at word 5 ' "$T/par-fx3.out"
	then pass parity-fixture-notes
	else fail parity-fixture-notes "$(head -n 1 "$T/par-fx3.out")"
	fi

	par_check lecture source/1.08-seven-thousand-cadre-conference.md
	_pc_rc=$?
	[ $_pc_rc -eq 2 ] && fail parity-lecture "the lecture's epub does not build"
	# Every test input that builds both books (those meant to fail
	# do not build an epub, and are left to their own suites).
	[ $_pc_rc -eq 3 ] ||	# no pdf at all: one failure says it
	for _pc_md in tests/*/*.md; do
		[ -f "$_pc_md" ] || continue
		case $_pc_md in tests/pathological/*) continue ;; esac
		_pc_name=$(echo "$_pc_md" | sed 's|^tests/||; s|\.md$||; s|/|-|g')
		par_check "$_pc_name" "$_pc_md"
	done
	# A row holding right-to-left text reads in the layout dump's order
	# only when the PDF gives exactly the dump's characters: a letter
	# the PDF changed is a difference, and so is a dump that orders the
	# row's words otherwise than the EPUB.
	_pc_d=$T/par-bidi-harakat
	sed '0,/>ك</s//>ل</' "$_pc_d/b.html" >"$_pc_d/letter.html"
	if ! "$T/tools/parity" --layout "$_pc_d/dump" --epub "$_pc_d/x" \
	    "$_pc_d/letter.html" >"$_pc_d/letter.out" 2>&1 &&
	    grep -q '^body: first difference' "$_pc_d/letter.out"; then
		pass parity-rtl-row-letter
	else
		fail parity-rtl-row-letter "a changed Arabic letter went unseen"
	fi
	sed 's/الطالبُ الدرسَ/الدرسَ الطالبُ/' "$_pc_d/dump" >"$_pc_d/swap.dump"
	if ! cmp -s "$_pc_d/dump" "$_pc_d/swap.dump" &&
	    ! "$T/tools/parity" --layout "$_pc_d/swap.dump" --epub "$_pc_d/x" \
	    "$_pc_d/b.html" >"$_pc_d/swap.out" 2>&1 &&
	    grep -q '^body: first difference' "$_pc_d/swap.out"; then
		pass parity-rtl-row-order
	else
		fail parity-rtl-row-order "two words of an Arabic row swapped went unseen"
	fi
fi
