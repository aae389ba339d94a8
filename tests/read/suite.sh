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
