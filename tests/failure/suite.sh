# Bad days: a full disk, a warning under --strict, a signal.  Each leaves
# the previous output byte for byte as it was and no temporary file.

F=$T/failure
mkdir -p "$F"

# keep_check NAME WANT RC DIR FILE...: exit status WANT, every FILE the
# same as its FILE.orig, and nothing in DIR but those files.
keep_check() {
	_name=$1 _want=$2 _rc=$3 _dir=$4
	shift 4
	_why=
	[ "$_rc" = "$_want" ] || _why="exit $_rc, expected $_want"
	for _f in "$@"; do
		cmp -s "$_f" "$_f.orig" || _why="$_why; $(basename "$_f") changed"
	done
	_left=$(ls -A "$_dir" | grep '\.tmp\.')
	[ -z "$_left" ] || _why="$_why; left behind: $_left"
	if [ -z "$_why" ]; then pass "failure/$_name"
	else fail "failure/$_name" "$_why: $(head -c 300 "$F/err")"; fi
}

# --- a full disk ------------------------------------------------------

# full_disk HOW DIR [N]: exit 3 naming the output, the old one kept.
# With N, the write hook fails every write past N bytes with ENOSPC.
full_disk() {
	for kind in pdf epub; do
		lectern $kind -o "$2/lec.$kind" tests/read/lists.md 2> "$F/err"
		cp "$2/lec.$kind" "$F/$1-lec.$kind.orig"
	done
	# Fill what is left but a few pages: the old outputs still fit,
	# the new ones cannot.
	[ "$1" = tmpfs ] && { dd if=/dev/zero of="$2/fill" bs=4k 2> /dev/null
		truncate -s -8k "$2/fill"; }
	for kind in pdf epub; do
		[ -n "$3" ] && export LECTERN_FAIL_WRITE_AFTER="$3"
		lectern $kind -o "$2/lec.$kind" \
		    source/1.08-seven-thousand-cadre-conference.md 2> "$F/err"
		rc=$?
		unset LECTERN_FAIL_WRITE_AFTER
		cp "$F/$1-lec.$kind.orig" "$F/lec.$kind.orig"
		cp "$2/lec.$kind" "$F/lec.$kind"
		keep_check "$1-full-$kind" 3 $rc "$2" "$F/lec.$kind"
		if grep -q "^$2/lec.$kind: error: cannot write: No space left" \
		    "$F/err"; then pass "failure/$1-full-$kind-message"
		else fail "failure/$1-full-$kind-message" "$(cat "$F/err")"; fi
	done
}

mkdir -p "$F/disk"
if [ "$(id -u)" = 0 ] &&
    mount -t tmpfs -o size=256k tmpfs "$F/disk" 2> /dev/null; then
	full_disk tmpfs "$F/disk"
	umount "$F/disk"
else
	echo "  failure: no tmpfs (not root, or mount refused): the write hook only"
fi
# The write hook: the same path through cairo's stream and the EPUB's
# one write, on any machine.
mkdir -p "$F/hook"
full_disk hook "$F/hook" 2000
export LECTERN_FAIL_WRITE_AFTER=2000
lectern pdf -o "$F/hook/new.pdf" tests/read/lists.md 2> "$F/err"
rc=$?
unset LECTERN_FAIL_WRITE_AFTER
[ $rc = 3 ] && [ ! -e "$F/hook/new.pdf" ] && pass failure/hook-new-output ||
	fail failure/hook-new-output "exit $rc: $(cat "$F/err")"

# --- one verdict before any output ------------------------------------

printf -- '---\ntitle: Long\n---\n\nA 1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890 word.\n' \
    > "$F/long.md"
mkdir -p "$F/out" "$F/bad" "$F/unknown"
cp styles/epub.css styles/print.yaml "$F/bad/"
cp styles/epub.css styles/print.yaml "$F/unknown/"
echo 'body-size: huge' >> "$F/bad/print.yaml"
echo 'colour: red' >> "$F/unknown/print.yaml"
lectern pdf -o "$F/out/lec.pdf" --report "$F/out/lec.txt" tests/read/lists.md
cp "$F/out/lec.pdf" "$F/lec.pdf.orig"
cp "$F/out/lec.txt" "$F/lec.txt.orig"

# verdict NAME WANT ARGS...: build into $F/out; PDF and report kept.
verdict() {
	_name=$1 _want=$2
	shift 2
	lectern pdf -o "$F/out/lec.pdf" --report "$F/out/lec.txt" "$@" \
	    2> "$F/err"
	_rc=$?
	cp "$F/out/lec.pdf" "$F/out/lec.txt" "$F/"
	keep_check "$_name" "$_want" $_rc "$F/out" "$F/lec.pdf" "$F/lec.txt"
}
verdict strict-long-word 1 --strict "$F/long.md"
grep -q 'long.md:5:3: error: word too long' "$F/err" &&
	pass failure/strict-long-word-message ||
	fail failure/strict-long-word-message "$(cat "$F/err")"
verdict bad-style-value 1 --style "$F/bad" "$F/long.md"
verdict strict-unknown-style-key 1 --strict --style "$F/unknown" \
    tests/read/lists.md
# The report goes with its PDF: a report that cannot be written keeps
# the PDF too.
lectern pdf -o "$F/out/lec.pdf" --report "$F/no/such/dir/lec.txt" \
    "$F/long.md" 2> "$F/err"
rc=$?
cp "$F/out/lec.pdf" "$F/"
keep_check report-unwritable 3 $rc "$F/out" "$F/lec.pdf"
# An EPUB under --strict: a warning is enough to keep the old one.
mkdir -p "$F/eout"
lectern epub -o "$F/eout/lec.epub" tests/read/lists.md
cp "$F/eout/lec.epub" "$F/lec.epub.orig"
lectern epub --strict -o "$F/eout/lec.epub" tests/diag/duplicate-key.md \
    2> "$F/err"
rc=$?
cp "$F/eout/lec.epub" "$F/lec.epub"
keep_check strict-epub 1 $rc "$F/eout" "$F/lec.epub"
# Without --strict the same builds are written (the warning is not
# fatal), so the tests above do test the verdict.
lectern pdf -o "$F/out/lec.pdf" "$F/long.md" 2> "$F/err"
rc=$?
[ $rc = 0 ] && ! cmp -s "$F/out/lec.pdf" "$F/lec.pdf.orig" &&
	pass failure/long-word-written || fail failure/long-word-written "exit $rc"
# An ordinary file, as the umask says, not mkstemp's 0600.
(umask 022; lectern pdf -o "$F/out/mode.pdf" tests/read/lists.md)
[ "$(stat -c %a "$F/out/mode.pdf")" = 644 ] && pass failure/output-mode ||
	fail failure/output-mode "$(stat -c %a "$F/out/mode.pdf")"

# `check` lays out too, so it says what `pdf` would.
for f in "$F/long.md" tests/read/lists.md tests/read/han.md; do
	lectern check --strict "$f" > /dev/null 2> "$F/check.err"
	c=$?
	lectern pdf --strict -o "$F/agree.pdf" "$f" > /dev/null 2> "$F/pdf.err"
	p=$?
	n=$(basename "$f" .md)
	if [ $c = $p ] && cmp -s "$F/check.err" "$F/pdf.err"; then
		pass "failure/check-agrees-$n"
	else
		fail "failure/check-agrees-$n" "check $c, pdf $p: $(diff "$F/check.err" "$F/pdf.err" | head -5)"
	fi
done
lectern check --strict --no-layout "$F/long.md" 2> "$F/err"
[ $? = 0 ] && pass failure/check-no-layout || fail failure/check-no-layout "$(cat "$F/err")"

# --- signals -----------------------------------------------------------

# A lecture whose PDF takes a few seconds: the layout first, then the
# drawing into the temporary file.
sh tests/tools/biglecture.sh 1000000 > "$F/big.md"
mkdir -p "$F/sig"
lectern pdf -o "$F/sig/lec.pdf" tests/read/lists.md
cp "$F/sig/lec.pdf" "$F/lec.pdf.orig"

# interrupt SIG WANT: start a build, send SIG once its temporary file
# exists; exit WANT, the file gone, the old PDF kept.  Prints the
# temporary file's name to $F/SIG.name.  (A shell starts background
# jobs with SIGINT ignored, which lectern respects; perl, part of every
# Debian, gives it back its default first.)
interrupt() {
	perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV or die' -- \
	    $LECTERN_WRAP "$BIN" pdf -o "$F/sig/lec.pdf" "$F/big.md" 2> "$F/err" &
	_pid=$!
	_tmp= _i=0
	while [ $_i -lt 6000 ] && kill -0 $_pid 2> /dev/null; do
		_tmp=$(ls -A "$F/sig" | grep '\.tmp\.')
		[ -n "$_tmp" ] && break
		sleep 0.01
		_i=$((_i + 1))
	done
	kill -$1 $_pid 2> /dev/null
	wait $_pid 2> /dev/null
	_rc=$?
	echo "$_tmp" > "$F/$1.name"
	cp "$F/sig/lec.pdf" "$F/lec.pdf"
	if [ -z "$_tmp" ]; then
		fail "failure/signal-$1" "no temporary file seen (exit $_rc)"
	else
		keep_check "signal-$1" $2 $_rc "$F/sig" "$F/lec.pdf"
	fi
}
interrupt TERM 143
interrupt HUP 129
interrupt INT 130
# An abort (a failed library assertion) cleans up too, and still dies
# of SIGABRT.
interrupt ABRT 134
# Temporary names cannot be guessed: two runs, two names, neither the
# old NAME.tmpPID.
a=$(cat "$F/TERM.name") b=$(cat "$F/HUP.name")
if [ -n "$a" ] && [ "$a" != "$b" ] && ! echo "$a $b" | grep -q 'tmp[0-9]*$'; then
	pass failure/temp-names-differ
else
	fail failure/temp-names-differ "'$a' and '$b'"
fi
