#!/bin/sh
# The test suite: runs every tests/*/suite.sh and ends with "N passed, N failed".
#
# Usage: sh tests/run.sh [LECTERN]   (REGEN=1 rewrites expected files;
# LECTERN_WRAP="valgrind ..." runs every lectern call under a wrapper.)
#
# A suite is a shell fragment sourced here.  It calls
#   pass NAME            one assertion held
#   fail NAME [WHY]      one assertion failed (WHY is printed)
#   expect_file NAME EXPECTED ACTUAL   compare (or regenerate) a file
#   lectern ARGS...      the binary under test (with LECTERN_WRAP)
# and may use $T (a scratch folder, removed at the end) and $TOP.

TOP=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$TOP/lectern}
case $BIN in /*) ;; *) BIN=$TOP/$BIN ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/lectern-test.XXXXXX")
# An interrupted run stops (rather than going on with the next suite) and
# still removes its scratch folder.
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
export SOURCE_DATE_EPOCH=1520294400
export LC_ALL=C.UTF-8
npass=0
nfail=0

pass() { npass=$((npass + 1)); [ -n "$VERBOSE" ] && echo "ok   $1"; return 0; }
fail() { nfail=$((nfail + 1)); echo "FAIL $1${2:+: $2}"; return 0; }
lectern() { $LECTERN_WRAP "$BIN" "$@"; }

# expect_file NAME EXPECTED ACTUAL
expect_file() {
	if [ -n "$REGEN" ]; then
		cp "$3" "$2"; pass "$1"
	elif [ ! -f "$2" ]; then
		fail "$1" "no expected file $2 (make regen)"
	elif cmp -s "$2" "$3"; then
		pass "$1"
	else
		fail "$1" "differs from $2"
		diff -u "$2" "$3" | head -n 20
	fi
}

for suite in "$TOP"/tests/*/suite.sh; do
	[ -f "$suite" ] || continue
	[ -n "$ONLY" ] && case $suite in *"$ONLY"*) ;; *) continue ;; esac
	cd "$TOP" || exit 3
	. "$suite"
done

echo "$npass passed, $nfail failed"
[ "$nfail" -eq 0 ]
