# tests/layout: `lectern dump --layout` of small inputs, each one behaviour,
# compared with the expected *.lines beside it (make regen rewrites them).
# Sourced by tests/run.sh.
#
# expect_lines compares page, role, hyphen and text exactly and
# positions, widths and glue ratios within 0.02 (lines.awk), so a
# change says which line moved and how; make regen rewrites an
# expected file only when that comparison fails.

# The words of a dump: pages, and per line its page, role, hyphen, text.
lines_shape() {
	awk '$1 == "page" { print; next }
	$1 ~ /^[0-9]+$/ { t = $0; for (i = 1; i <= 7; i++) sub(/^[^ ]* /, "", t)
		print $1, $2, "hyphen=" $7, t }' "$1"
}

# expect_lines NAME EXPECTED ACTUAL
expect_lines() {
	if [ ! -f "$2" ] && [ -z "$REGEN" ]; then
		fail "$1" "no expected file $2 (make regen)"
		return
	fi
	if [ ! -s "$3" ]; then
		fail "$1" "the dump is empty"
		return
	fi
	if [ -f "$2" ] && awk -f "$TOP/tests/layout/lines.awk" "$2" "$3" \
	    >"$3.why"; then
		pass "$1"
	elif [ -n "$REGEN" ]; then
		cp "$3" "$2"; pass "$1"
	else
		fail "$1" "differs from $2"
		lines_shape "$2" >"$3.want"
		lines_shape "$3" >"$3.got"
		if cmp -s "$3.want" "$3.got"; then
			head -n 20 "$3.why"
		else
			diff -U 1 "$3.want" "$3.got" | tail -n +3 | head -n 20
		fi
	fi
}

for f in "$TOP"/tests/layout/*.md; do
	n=$(basename "$f" .md)
	if lectern dump --layout "tests/layout/$n.md" >"$T/$n.lines" \
	    2>"$T/$n.err"; then
		pass "layout/$n/exit"
	else
		fail "layout/$n/exit" "status $?: $(head -n 3 "$T/$n.err")"
	fi
	expect_lines "layout/$n" "$TOP/tests/layout/$n.lines" "$T/$n.lines"
	# No line may cross the right margin (A5, 18 mm margins: 368.50 pt),
	# but for a hyphen, dash, stop, comma or quote hanging into it
	# (optical margins: at most half an em of 10.5 pt).
	if awk '$1 ~ /^[0-9]+$/ && $2 != "folio" {
	    hang = $NF ~ /([-.,:;'"'"'"]|’|”|–|—|‐|）|」|』|》|】|，|。|、|；|：|！|？)$/ ? 5.3 : 0
	    if ($3 + $5 > 368.51 + hang) bad = 1 } END { exit bad }' \
	    "$T/$n.lines"; then
		pass "layout/$n/within-measure"
	else
		fail "layout/$n/within-measure" "a line overhangs the margin"
	fi
done

# A word longer than the measure is broken and reported where it stands;
# a path breaks after its slashes (UAX #14) without a word.
if grep -q '^tests/layout/long-word.md:5:16: warning: word too long' \
    "$T/long-word.err" && ! grep -q ':8:' "$T/long-word.err"; then
	pass layout/long-word/diag
else
	fail layout/long-word/diag "$(cat "$T/long-word.err")"
fi

# A code line too long for the measure wraps with no warning, and its
# rest hangs further in than the line it continues.
if [ ! -s "$T/code-wrap.err" ] && awk '$1 ~ /^[0-9]+$/ && $2 == "body" {
    t = $0; for (i = 1; i <= 7; i++) sub(/^[^ ]* /, "", t)
    if (t ~ /^ +return/) ret = $3
    if (t ~ /^459\)/) rest = $3 }
    END { exit !(ret > 0 && rest > ret + 40) }' "$T/code-wrap.lines"; then
	pass layout/code-wrap/hang
else
	fail layout/code-wrap/hang "a warning, or the rest does not hang: $(head -n 1 "$T/code-wrap.err")"
fi

# Thai words break where libthai says, through Pango's log attributes:
# no word too long, and the two sentences take several lines.
if [ ! -s "$T/thai.err" ] &&
    [ "$(grep -c ' body ' "$T/thai.lines")" -ge 4 ]; then
	pass layout/thai/breaks
else
	fail layout/thai/breaks "$(cat "$T/thai.err")"
fi

# A Thai vowel or tone mark is read with its letter: its origin stood
# a hair past the next letter's, and pdftotext read "มีระดับ" as
# "มรี ะดับ" (pdf.c marks_before_next()).
if lectern pdf -q -o "$T/thai.pdf" tests/layout/thai.md &&
    pdftotext "$T/thai.pdf" - | tr -d '\n' |
    grep -q 'ภาษาไทยเป็นภาษาที่มีระดับเสียง'; then
	pass layout/thai/marks-read
else
	fail layout/thai/marks-read "$(pdftotext "$T/thai.pdf" - 2>&1 | grep -m 1 'ภาษา')"
fi

# Han runs break between characters and take no hyphen.
if awk '$2 == "body" && $6 == 1 && $NF ~ /[^ -~]-$/ { bad = 1 }
    END { exit bad }' "$T/cjk.lines"; then
	pass layout/cjk/no-hyphen
else
	fail layout/cjk/no-hyphen
fi

# The footnotes sit below the last body line of their page.
if awk '$2 == "body" { b = $4 } $2 == "note" && $4 <= b { bad = 1 }
    END { exit bad }' "$T/footnote.lines" &&
    [ "$(grep -c ' note ' "$T/footnote.lines")" -ge 3 ]; then
	pass layout/footnote/at-foot
else
	fail layout/footnote/at-foot
fi

# No page ends with a heading: its text follows it on the same page.
if awk '$1 == "page" && last == "heading" { bad = 1 }
    $1 == "page" { last = "" } $2 == "body" || $2 == "heading" { last = $2 }
    END { exit bad || last == "heading" }' "$T/heading.lines"; then
	pass layout/heading/keep
else
	fail layout/heading/keep
fi

# Margins mirror on facing pages: inner 25 mm (70.87 pt) on the left of
# page 1, outer 12 mm (34.02 pt) on the left of page 2; a line that
# starts with a quote hangs it into the margin (optical margins: a few
# points), so nothing on page 1 starts left of 66 pt.
lectern dump --layout --style tests/layout/mirror \
    source/1.08-seven-thousand-cadre-conference.md >"$T/mirror.lines" 2>&1
if awk '$2 == "body" && $1 == 1 && $3 == "70.87" { a = 1 }
    $2 == "body" && $1 == 2 && $3 == "34.02" { b = 1 }
    $2 == "body" && $1 == 1 && $3 + 0 < 66 { bad = 1 }
    END { exit !(a && b && !bad) }' "$T/mirror.lines"; then
	pass layout/mirror
else
	fail layout/mirror "$(head -n 5 "$T/mirror.lines")"
fi

# A list item that opens with a table keeps its marker, on row one.
if grep -q '^1 body [0-9.]* 125.37 [0-9.]* 0.000 0 1\. a$' \
    "$T/list-table.lines" && grep -q ' 0 • x$' "$T/list-table.lines"; then
	pass layout/list-table/marker
else
	fail layout/list-table/marker
fi

# The comparison itself, on justify.lines: a ratio 0.01 off holds; 0.05
# off, or a changed word, fails and names the line and the change.
_jl=$TOP/tests/layout/justify.lines
_ln=$(grep -n '^1 body ' "$_jl" | head -n 1 | cut -d: -f1)
awk -v n="$_ln" -v d=0.01 'NR == n { $6 = sprintf("%.3f", $6 + d) } 1' \
    "$_jl" >"$T/cmp-near.lines"
awk -v n="$_ln" -v d=0.05 'NR == n { $6 = sprintf("%.3f", $6 + d) } 1' \
    "$_jl" >"$T/cmp-far.lines"
awk -v n="$_ln" 'NR == n { $8 = "Changed" } 1' "$_jl" >"$T/cmp-word.lines"
if [ -n "$_ln" ] &&
    awk -f tests/layout/lines.awk "$_jl" "$T/cmp-near.lines" >/dev/null &&
    ! awk -f tests/layout/lines.awk "$_jl" "$T/cmp-far.lines" \
    >"$T/cmp-far.why" && grep -q "^line $_ln (page 1, body .*): ratio " \
    "$T/cmp-far.why" &&
    ! awk -f tests/layout/lines.awk "$_jl" "$T/cmp-word.lines" \
    >"$T/cmp-word.why" && grep -q "^line $_ln .*: text now \"Changed" \
    "$T/cmp-word.why"; then
	pass layout/compare-lines
else
	fail layout/compare-lines "$(cat "$T/cmp-far.why" "$T/cmp-word.why" 2>/dev/null | head -n 3)"
fi

# What check.c decided, the PDF shows: the closing lines in its words
# (a neighbour with a number and no title is "Previous: 1.07"), and
# only the links it let through are live (a relative lecture-2.html
# and #nowhere are text; the web, mail and telephone are links).
if lectern dump --layout tests/epub/policy.md >"$T/policy.lines" \
    2>/dev/null && grep -q ' body .* 0 Previous: 1\.07$' "$T/policy.lines" &&
    grep -q ' body .* 0 Next: 1\.09 The Next One$' "$T/policy.lines"; then
	pass layout/closing-words
else
	fail layout/closing-words "$(grep -i 'previous\|next' "$T/policy.lines")"
fi
if lectern pdf -q -o "$T/policy.pdf" tests/epub/policy.md 2>/dev/null &&
    qpdf --qdf --object-streams=disable "$T/policy.pdf" "$T/policy.qdf" &&
    grep -a '/URI (' "$T/policy.qdf" | sed 's/.*(\(.*\))$/\1/' | sort \
    >"$T/policy.uris" &&
    printf '%s\n' https://example.org/ mailto:a@example.org \
    tel:+44-20-7946-0000 | cmp -s - "$T/policy.uris"; then
	pass layout/links-as-checked
else
	fail layout/links-as-checked "URIs: $(cat "$T/policy.uris" 2>/dev/null)"
fi

# A no-break space (French « », 7 000, page 12) stretches and shrinks as
# the spaces of its justified line do, and no line breaks at one.
if lectern pdf -q -o "$T/nbsp.pdf" tests/layout/nbsp.md &&
    pdftotext -bbox "$T/nbsp.pdf" - | awk -F'"' '/<word/ { w = $0
	sub(/.*">/, "", w); sub(/<\/word>.*/, "", w); print $4, $2, $6, w }' \
    >"$T/nbsp.words" &&
    awk -f tests/layout/nbsp.awk "$T/nbsp.words" "$T/nbsp.words" \
    >"$T/nbsp.gaps"; then
	pass layout/nbsp/stretches
else
	fail layout/nbsp/stretches "$(grep -v ' 0\.[0-9]* pt, spaces' \
	    "$T/nbsp.gaps" | head -n 3; head -n 3 "$T/nbsp.gaps")"
fi
# The text of each body line of a dump.
body_text() {
	awk '$1 ~ /^[0-9]+$/ && $2 == "body" { t = $0
	for (i = 1; i <= 7; i++) sub(/^[^ ]* /, "", t); print t }' "$1"
}
if lectern dump --layout tests/layout/nbsp.md >"$T/nbsp.lines" &&
    [ "$(body_text "$T/nbsp.lines" | wc -l)" -ge 10 ] &&
    ! body_text "$T/nbsp.lines" | grep -q '^[»:;?!]\|« *$'; then
	pass layout/nbsp/no-break
else
	fail layout/nbsp/no-break "$(body_text "$T/nbsp.lines" |
	    grep '^[»:;?!]\|« *$' | head -n 3)"
fi
