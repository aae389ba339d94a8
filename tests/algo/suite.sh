# tests/algo: line breaking, hyphenation and page building, through a
# small C driver (algotest.c) built against src/linebreak.c, hyph.c,
# pagebreak.c and util.c.  Each "ok NAME" / "FAIL NAME: why" line the
# driver prints is one assertion; the rest of its output (breaks,
# ratios, pages) is compared with tests/algo/PART.expected.

ALGO=$T/algotest
if ${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic \
    -g -I"$TOP/src" -o "$ALGO" "$TOP/tests/algo/algotest.c" \
    "$TOP/src/linebreak.c" "$TOP/src/hyph.c" "$TOP/src/pagebreak.c" \
    "$TOP/src/util.c" $(pkg-config --cflags --libs glib-2.0) -lhyphen -lm \
    2>"$T/algo.cc"; then
	pass algo-build
	# Our files compile without a warning (util.c is not ours).
	if grep -q 'algotest\.c\|linebreak\.c\|hyph\.c\|pagebreak\.c' \
	    "$T/algo.cc"; then
		fail algo-warnings "$(head -n 3 "$T/algo.cc")"
	else
		pass algo-warnings
	fi
	for part in lines hyph pages; do
		$LECTERN_WRAP "$ALGO" "$part" >"$T/algo-$part.out" 2>&1
		# 0: all held, 1: some failed; anything else: it crashed.
		_rc=$?
		if [ "$_rc" -le 1 ]; then
			pass "algo-$part-exit"
		else
			fail "algo-$part-exit" "status $_rc"
		fi
		while read -r word name why; do
			case $word in
			ok)	pass "algo-$name" ;;
			FAIL)	fail "algo-${name%:}" "$why" ;;
			esac
		done <"$T/algo-$part.out"
		grep -v '^ok \|^FAIL ' "$T/algo-$part.out" >"$T/algo-$part.txt"
		expect_file "algo-$part-output" \
		    "$TOP/tests/algo/$part.expected" "$T/algo-$part.txt"
	done
else
	fail algo-build "$(head -n 5 "$T/algo.cc")"
fi
