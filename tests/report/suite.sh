# tests/report: `lectern pdf --report FILE`, the typographic report.
# Its figures must agree with the layout it describes (`lectern dump
# --layout`), name the source line of each problem, and the one-line
# summary of -v must be the report's own.
# Sourced by tests/run.sh.

R=$T/report
mkdir -p "$R"
REP_LEC=source/1.08-seven-thousand-cadre-conference.md

# The figure after WORD in the summary line of report file $1.
rep_fig() {
	sed -n 's/^lectern: report: [0-9]* lines, //p' "$1" | head -n 1 |
	    tr ',()' '\n\n\n' |
	    awk -v w="$2" '{ for (i = 1; i < NF; i++) if ($i == w) {
		print $(i + 1); exit } }'
}

if lectern pdf -v -o "$R/lec.pdf" --report "$R/lec.rep" "$REP_LEC" \
    2>"$R/lec.err" && [ -s "$R/lec.rep" ]; then
	pass report/lecture/exists
else
	fail report/lecture/exists "$(head -n 3 "$R/lec.err")"
fi
# The dump the figures are checked against: no dump, no check.
if lectern dump --layout -q "$REP_LEC" >"$R/lec.dump" 2>"$R/dump.err" &&
    grep -q '^page ' "$R/lec.dump"; then
	pass report/lecture/dump
else
	fail report/lecture/dump "$(head -n 3 "$R/dump.err")"
fi

# -v prints the report's summary line, once, on stderr.
if [ "$(grep -c '^lectern: report: ' "$R/lec.err")" = 1 ] &&
    grep '^lectern: report: ' "$R/lec.err" |
    cmp -s - "$(grep -m 1 '^lectern: report: ' "$R/lec.rep" >"$R/s1";
    echo "$R/s1")"; then
	pass report/lecture/verbose
else
	fail report/lecture/verbose "stderr: $(grep report: "$R/lec.err")"
fi

# Every paragraph block starts with the lecture's FILE:LINE:COL.
if grep -q "^$REP_LEC:[0-9]*:[0-9]*: paragraph, [0-9]* lines\?, page" \
    "$R/lec.rep" && ! grep -v '^#' "$R/lec.rep" | grep '^[^	l]' |
    grep -qv "^$REP_LEC:[0-9]*:[0-9]*: "; then
	pass report/lecture/positions
else
	fail report/lecture/positions "a block without FILE:LINE:COL"
fi

# The summary against the dump: justified lines are the body and note
# lines with a glue ratio (last lines have none); loose and tight by
# the thresholds the report's header states.
lim=$(sed -n 's/.*(loose > \([-0-9.]*\), tight < \([-0-9.]*\).*/\1 \2/p' \
    "$R/lec.rep")
awk -v lim="$lim" '
BEGIN { split(lim, l, " ") }
$1 == "page" { pages++ }
$1 ~ /^[0-9]+$/ && ($2 == "body" || $2 == "note") && $6 + 0 != 0 {
	n++; r[n] = $6 + 0
	if ($6 + 0 > l[1]) loose++
	if ($6 + 0 < l[2]) tight++
	if ($7 == 1) { h++; run++; if (run > maxrun) maxrun = run }
	else run = 0
}
$1 ~ /^[0-9]+$/ && ($2 == "body" || $2 == "note") && $6 + 0 == 0 { run = 0 }
END {
	# p95: the ceil(0.95 n)-th smallest ratio.
	for (i = 2; i <= n; i++) {
		v = r[i]
		for (j = i - 1; j >= 1 && r[j] > v; j--) r[j + 1] = r[j]
		r[j + 1] = v
	}
	k = int(0.95 * n); if (k < 0.95 * n) k++
	printf "lines %d p95 %.2f loose %d tight %d hyphens %d run %d pages %d\n",
	    n, r[k], loose, tight, h, maxrun, pages
}' "$R/lec.dump" >"$R/dump.fig"
printf 'lines %s p95 %s loose %s tight %s hyphens %s run %s pages %s\n' \
    "$(sed -n 's/^lectern: report: \([0-9]*\) lines.*/\1/p' "$R/lec.rep" |
    head -n 1)" "$(rep_fig "$R/lec.rep" p95)" \
    "$(rep_fig "$R/lec.rep" loose)" "$(rep_fig "$R/lec.rep" tight)" \
    "$(rep_fig "$R/lec.rep" hyphens)" "$(rep_fig "$R/lec.rep" run)" \
    "$(rep_fig "$R/lec.rep" pages)" >"$R/rep.fig"
echo "  report lecture: $(grep -m 1 '^lectern: report: ' "$R/lec.rep")"
if cmp -s "$R/dump.fig" "$R/rep.fig" && grep -q '^lines [1-9]' "$R/rep.fig"
then
	pass report/lecture/agrees-with-dump
else
	fail report/lecture/agrees-with-dump \
	    "report: $(cat "$R/rep.fig"); dump: $(cat "$R/dump.fig")"
fi

# Each hyphenated line the dump shows is listed with its source line.
nh=$(grep -c '	[^ ]*:[0-9]*:[0-9]*: line [0-9]*, page [0-9]*, hyphen,' \
    "$R/lec.rep")
if [ "$nh" -gt 0 ] && [ "$nh" -le "$(rep_fig "$R/lec.rep" hyphens)" ]; then
	pass report/lecture/hyphen-lines
else
	fail report/lecture/hyphen-lines "$nh hyphen entries"
fi

# The lecture keeps no widow or orphan, and nothing overfull.
if grep -q '^lectern: report: .*, widows 0, orphans 0, overfull 0, ' \
    "$R/lec.rep"; then
	pass report/lecture/no-widows
else
	fail report/lecture/no-widows "$(grep -m 1 '^lectern: report' "$R/lec.rep")"
fi

# A word wider than the line: its paragraph says so, with the word's
# own FILE:LINE:COL (as the warning has it), and the summary counts it.
if lectern pdf -q -o "$R/lw.pdf" --report "$R/lw.rep" \
    tests/layout/long-word.md 2>/dev/null &&
    grep -q '^	tests/layout/long-word.md:5:16: word too long for the line: 3f9a7c2e' \
    "$R/lw.rep" && grep -q '^tests/layout/long-word.md:5:1: paragraph' \
    "$R/lw.rep" && grep -q 'words too long 1$' "$R/lw.rep"; then
	pass report/long-word
else
	fail report/long-word "$(grep -v '^#' "$R/lw.rep" 2>/dev/null | head -n 3)"
fi

# A line left too loose (Thai words are long) is listed with its
# source line and column.
if lectern pdf -q -o "$R/th.pdf" --report "$R/th.rep" \
    tests/layout/thai.md 2>/dev/null &&
    grep -q '^	tests/layout/thai.md:7:48: line 3, page 1, loose, ratio' \
    "$R/th.rep"; then
	pass report/loose-line
else
	fail report/loose-line "$(grep -v '^#' "$R/th.rep" 2>/dev/null | head -n 3)"
fi

# No report without pdf; a report that cannot be written is an error
# and leaves nothing behind.
if lectern pdf -q -o "$R/x.pdf" --report "$R/nodir/x.rep" "$REP_LEC" \
    2>"$R/nodir.err"; then
	fail report/unwritable "exit 0"
elif grep -q "$R/nodir/x.rep" "$R/nodir.err"; then
	pass report/unwritable
else
	fail report/unwritable "$(head -n 1 "$R/nodir.err")"
fi

# Made-up paragraphs of 2 to 8 lines, where a page would end on a widow
# or an orphan if the layout let it: the report counts the breaks that
# moved, or the paragraphs set a line longer or shorter to fill a page
# instead (at least one of the two), and leaves none, as widows.awk
# finds in the dump too.  A widow avoided: its paragraph goes on from
# that page to the next; an orphan avoided: its paragraph starts on the
# next page.
if lectern pdf -q -o "$R/wo.pdf" --report "$R/wo.rep" tests/report/widows.md \
    2>/dev/null; then
	lectern dump --layout -q tests/report/widows.md >"$R/wo.dump" \
	    2>/dev/null || fail report/widows-dump "lectern dump --layout failed"
	av=$(sed -n 's/.*widows avoided \([0-9]*\), orphans avoided \([0-9]*\);.*/\1 \2/p' \
	    "$R/wo.rep")
	ok=$(awk '
	/: (paragraph|note|block), / {
		p0 = p1 = $0
		sub(/.*, pages? /, "", p0); sub(/[-,].*/, "", p0)
		sub(/.*, pages? ([0-9]*-)?/, "", p1); sub(/,.*/, "", p1)
	}
	/^\twidow avoided: page / { n++; if (p0 == $4 && p1 == $4 + 1) ok++ }
	/^\torphan avoided: page / { n++; if (p0 == $4 + 1) ok++ }
	END { print ok + 0, n + 0 }' "$R/wo.rep")
	reset=$(grep -c '^	set a line [a-z]* than its best, to fill page ' \
	    "$R/wo.rep")
	if [ -n "$av" ] && [ $((${av% *} + ${av#* } + reset)) -ge 1 ] &&
	    [ "$ok" = "$((${av% *} + ${av#* })) $((${av% *} + ${av#* }))" ] &&
	    grep -q ', widows 0, orphans 0, ' "$R/wo.rep" &&
	    [ "$(awk -f tests/typo/widows.awk "$R/wo.dump" | tail -n 1)" = \
	    "widows 0  orphans 0" ]; then
		pass report/widows-avoided
	else
		fail report/widows-avoided "avoided: $av, placed right: $ok"
	fi
else
	fail report/widows-avoided "lectern pdf failed"
fi

# The typographic targets at the default page (tests/typo measures the
# PDF itself): at most 15 % of the lines end in a hyphen (letter
# spacing is capped at 3 %, so hyphens take some of the strain), at most two
# in a row, at most 2 % loose (the issue's target).
hp=$(rep_fig "$R/lec.rep" hyphens)
hpc=$(sed -n 's/^lectern: report: .*hyphens [0-9]* (\([0-9.]*\)%.*/\1/p' \
    "$R/lec.rep" | head -n 1)
if [ -n "$hp" ] && awk -v p="$hpc" 'BEGIN { exit !(p <= 15) }' &&
    [ "$(rep_fig "$R/lec.rep" run)" -le 2 ] &&
    awk -v p="$(sed -n 's/^lectern: report: .*loose [0-9]* (\([0-9.]*\)%.*/\1/p' \
	"$R/lec.rep" | head -n 1)" 'BEGIN { exit !(p != "" && p <= 2) }'; then
	pass report/lecture/targets
else
	fail report/lecture/targets "hyphens $hp ($hpc%), run $(rep_fig "$R/lec.rep" run)"
fi
