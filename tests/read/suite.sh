# Reader: each tests/read/NAME.md dumps to the tree in NAME.tree.
for src in tests/read/*.md; do
	name=${src%.md}
	lectern dump "$src" > "$T/dump" 2> "$T/err"
	rc=$?
	if [ $rc -ne 0 ]; then
		fail "read/${name##*/}" "exit $rc: $(head -n 3 "$T/err")"
		continue
	fi
	expect_file "read/${name##*/}" "$name.tree" "$T/dump"
done
