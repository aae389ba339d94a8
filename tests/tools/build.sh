# Sourced by suites: build a test tool from tests/tools into $T/tools.
#
# tool_build NAME "PKG..." [EXTRA_SOURCE...]  builds tests/tools/NAME.c
# once per run; returns non-zero (compiler errors on stderr) if it fails.

tool_build() {
	_tb_n=$1 _tb_p=$2
	shift 2
	[ -x "$T/tools/$_tb_n" ] && return 0
	mkdir -p "$T/tools"
	# shellcheck disable=SC2046,SC2086
	cc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Wpedantic \
	    $(pkg-config --cflags $_tb_p) -o "$T/tools/$_tb_n" \
	    "$TOP/tests/tools/$_tb_n.c" "$@" $(pkg-config --libs $_tb_p) -lm
}
