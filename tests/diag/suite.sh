# Diagnostics: each tests/diag/NAME.md gives the stderr in NAME.diag and,
# in its first line "# exit N", the expected exit status of lectern check.
for src in tests/diag/*.md; do
	name=${src%.md}
	lectern check "$src" > /dev/null 2> "$T/err"
	rc=$?
	want=$(sed -n '1s/^# exit \([0-9]\).*/\1/p' "$name.diag" 2>/dev/null)
	{ echo "# exit $rc"; cat "$T/err"; } > "$T/diag"
	expect_file "diag/${name##*/}" "$name.diag" "$T/diag"
	[ -z "$REGEN" ] && [ -n "$want" ] && [ "$want" != "$rc" ] &&
		fail "diag/${name##*/}/exit" "exit $rc, expected $want"
done
