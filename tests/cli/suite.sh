# The command line: exit statuses, usage, outputs through a temporary file.

# expect_status NAME WANT CMD...: run lectern, check its exit status.
expect_status() {
	_name=$1 _want=$2
	shift 2
	lectern "$@" > "$T/cli.out" 2> "$T/cli.err"
	_rc=$?
	if [ "$_rc" = "$_want" ]; then pass "cli/$_name"
	else fail "cli/$_name" "exit $_rc, expected $_want: $(head -c 300 "$T/cli.err")"; fi
}

expect_status version 0 --version
grep -q '^lectern [0-9]' "$T/cli.out" && pass cli/version-text || fail cli/version-text
expect_status help 0 --help
grep -q 'usage: lectern epub' "$T/cli.out" && pass cli/help-text || fail cli/help-text
expect_status no-args 2
expect_status unknown-command 2 frobnicate x.md
expect_status unknown-option 2 check --bogus tests/read/lists.md
expect_status no-source 2 epub
# Several sources with -o are one book (tests/course); --kepub is one
# lecture's edition.
expect_status o-two-sources 0 epub -o "$T/x.epub" tests/read/lists.md tests/read/han.md
expect_status book-kepub 2 epub --kepub -o "$T/x.epub" tests/read/lists.md tests/read/han.md
expect_status layout-not-dump 2 epub --layout tests/read/lists.md
expect_status missing-file 3 check "$T/does-not-exist.md"
grep -q "does-not-exist.md: error: cannot read: No such file" "$T/cli.err" &&
	pass cli/missing-file-message || fail cli/missing-file-message "$(cat "$T/cli.err")"
expect_status check-ok 0 check tests/read/lists.md
expect_status check-error 1 check tests/diag/no-title.md
expect_status strict 1 check --strict tests/diag/duplicate-key.md
expect_status quiet 0 check -q tests/diag/duplicate-key.md
[ -s "$T/cli.err" ] && fail cli/quiet-silent "$(cat "$T/cli.err")" || pass cli/quiet-silent

# Every finding in one run, not only the first.
lectern check tests/diag/images.md 2> "$T/cli.err"
[ "$(grep -c ': error: ' "$T/cli.err")" -ge 5 ] && pass cli/all-findings ||
	fail cli/all-findings "$(cat "$T/cli.err")"

# Without -o the output is STEM.epub in the current folder.
mkdir -p "$T/cwd"
cp tests/read/lists.md "$T/cwd/"
(cd "$T/cwd" && lectern epub lists.md) 2> "$T/cli.err"
[ -f "$T/cwd/lists.epub" ] && pass cli/default-output || fail cli/default-output "$(cat "$T/cli.err")"

# A build that fails leaves the last good output as it was, and no
# temporary file beside it.
for kind in epub pdf; do
	mkdir -p "$T/keep-$kind"
	lectern $kind -o "$T/keep-$kind/lec.$kind" tests/read/lists.md 2> /dev/null
	cp "$T/keep-$kind/lec.$kind" "$T/keep-$kind.orig" 2> /dev/null
	lectern $kind -o "$T/keep-$kind/lec.$kind" tests/diag/yaml-syntax.md 2> /dev/null
	rc=$?
	if [ $rc -eq 1 ] && cmp -s "$T/keep-$kind/lec.$kind" "$T/keep-$kind.orig" &&
	    [ "$(ls "$T/keep-$kind")" = "lec.$kind" ]; then
		pass "cli/failed-$kind-keeps-old"
	else
		fail "cli/failed-$kind-keeps-old" "exit $rc; folder: $(ls "$T/keep-$kind" | tr '\n' ' ')"
	fi
done

# An output folder that cannot be written is a system error (3).
expect_status unwritable 3 epub -o "$T/no/such/dir/x.epub" tests/read/lists.md

# --no-layout belongs to check: it skips the print layout.
expect_status no-layout-not-pdf 2 pdf --no-layout tests/read/lists.md
expect_status check-no-layout 0 check --no-layout tests/read/lists.md

# dump checks its standard output: a full one is a system error.
if [ -w /dev/full ]; then
	lectern dump tests/read/lists.md > /dev/full 2> "$T/cli.err"
	rc=$?
	[ $rc = 3 ] && grep -q 'cannot write: No space left' "$T/cli.err" &&
		pass cli/dump-full || fail cli/dump-full "exit $rc: $(cat "$T/cli.err")"
	lectern dump --layout tests/read/lists.md > /dev/full 2> "$T/cli.err"
	rc=$?
	[ $rc = 3 ] && pass cli/dump-layout-full ||
		fail cli/dump-layout-full "exit $rc: $(cat "$T/cli.err")"
fi
