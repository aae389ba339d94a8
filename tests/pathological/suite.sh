# Hostile inputs (made by gen.sh): each must end with status 0 or 1 within
# 20 s (never a signal, never a hang), explain an error as
# FILE:LINE:COL: error: ..., leave no output file behind on error, and
# never package anything from outside the source folder.  Both writers.

pat_dir=$T/pat
sh "$TOP/tests/pathological/gen.sh" "$pat_dir"
# A wrapper (valgrind) is slow: give it room, a hang still shows.
pat_limit=20
[ -n "$LECTERN_WRAP" ] && pat_limit=300

# NAME STATUS [LINE:COL]: STATUS 0, 1, or 01 for either; LINE:COL (or
# LINE:) is where the error message must point.
pat_cases='
nested-quotes 1
nested-lists 1
nested-lists-indented 01
paragraph-1mb 0
word-200kb 0
yaml-broken 1
yaml-alias-bomb 1 12:
bom 0
crlf 0
utf8-body 1 6:5
utf8-front 1 2:
nul 1 5:5
empty 1 1:
front-only 0
no-title 1
image-passwd 1 5:
image-outside 1 5:
image-symlink 1 5:
link-javascript 1 5:
'

# pat_run NAME FORMAT WANT POS: one input through one writer.
pat_run() {
	_pr_src=$pat_dir/src/$1.md
	_pr_out=$pat_dir/out-$1-$2
	rm -rf "$_pr_out"
	mkdir -p "$_pr_out"
	# shellcheck disable=SC2086
	timeout "$pat_limit" $LECTERN_WRAP "$BIN" "$2" -o "$_pr_out/book.$2" \
	    "$_pr_src" >/dev/null 2>"$_pr_out.err" </dev/null
	_pr_rc=$?
	_pr_name="pathological-$1-$2"
	case $_pr_rc in
	124)	fail "$_pr_name" "no answer within ${pat_limit}s"; return ;;
	0|1)	;;
	*)	fail "$_pr_name" "exit status $_pr_rc: $(tail -n 1 "$_pr_out.err")"
		return ;;
	esac
	case $3 in
	01)	;;
	"$_pr_rc") ;;
	*)	fail "$_pr_name" "exit status $_pr_rc, wanted $3: $(head -n 1 "$_pr_out.err")"
		return ;;
	esac
	if [ "$_pr_rc" = 1 ]; then
		if ! grep -q "^$_pr_src:[0-9][0-9]*:[0-9][0-9]*: error: " \
		    "$_pr_out.err"; then
			fail "$_pr_name" "no FILE:LINE:COL: error: message: $(head -n 1 "$_pr_out.err")"
			return
		fi
		if [ -n "$4" ] && ! grep -q "^$_pr_src:$4" "$_pr_out.err"; then
			fail "$_pr_name" "error not at $4: $(grep ': error: ' "$_pr_out.err" | head -n 1)"
			return
		fi
		if [ -n "$(ls -A "$_pr_out")" ]; then
			fail "$_pr_name" "left behind: $(ls -A "$_pr_out" | tr '\n' ' ')"
			return
		fi
	elif [ ! -s "$_pr_out/book.$2" ]; then
		fail "$_pr_name" "status 0 but no book.$2"
		return
	fi
	# Whatever the status, nothing from outside the source folder
	# (the cover lectern draws is the one picture of its own).
	if [ -f "$_pr_out/book.epub" ]; then
		mkdir -p "$_pr_out/x"
		(cd "$_pr_out/x" && unzip -q ../book.epub 2>/dev/null)
		if grep -rq 'root:x:0:' "$_pr_out/x" ||
		    [ -n "$(find "$_pr_out/x" -name '*.png' \
		    ! -path '*/OEBPS/cover.png')" ]; then
			fail "$_pr_name" "packaged a file from outside the source folder"
			return
		fi
		if grep -rqi 'href="javascript:' "$_pr_out/x"; then
			fail "$_pr_name" "a javascript: link reached the book"
			return
		fi
	fi
	pass "$_pr_name"
}

# A here-document, not a pipe: the loop must count in this shell.
while read -r _pc_name _pc_want _pc_pos; do
	[ -n "$_pc_name" ] || continue
	for _pc_fmt in epub pdf; do
		pat_run "$_pc_name" "$_pc_fmt" "$_pc_want" "$_pc_pos"
	done
done <<EOF
$pat_cases
EOF
