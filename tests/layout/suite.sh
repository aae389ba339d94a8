# tests/layout: `lectern dump --layout` of small inputs, each one behaviour,
# compared with the expected *.lines beside it (make regen rewrites them).
# Sourced by tests/run.sh.

for f in "$TOP"/tests/layout/*.md; do
	n=$(basename "$f" .md)
	if lectern dump --layout "tests/layout/$n.md" >"$T/$n.lines" \
	    2>"$T/$n.err"; then
		pass "layout/$n/exit"
	else
		fail "layout/$n/exit" "status $?: $(head -n 3 "$T/$n.err")"
	fi
	expect_file "layout/$n" "$TOP/tests/layout/$n.lines" "$T/$n.lines"
	# No line may cross the right margin (A5, 18 mm margins: 368.50 pt).
	if awk '$1 ~ /^[0-9]+$/ && $2 != "folio" && $3 + $5 > 368.51 {
	    bad = 1 } END { exit bad }' "$T/$n.lines"; then
		pass "layout/$n/within-measure"
	else
		fail "layout/$n/within-measure" "a line overhangs the margin"
	fi
done

# A word longer than the measure is broken and reported where it stands.
if grep -q '^tests/layout/long-word.md:5:14: warning: word too long' \
    "$T/long-word.err"; then
	pass layout/long-word/diag
else
	fail layout/long-word/diag "$(cat "$T/long-word.err")"
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
# page 1, outer 12 mm (34.02 pt) on the left of page 2.
lectern dump --layout --style tests/layout/mirror \
    source/1.08-seven-thousand-cadre-conference.md >"$T/mirror.lines" 2>&1
if awk '$2 == "body" && $1 == 1 && $3 == "70.87" { a = 1 }
    $2 == "body" && $1 == 2 && $3 == "34.02" { b = 1 }
    $2 == "body" && $1 == 1 && $3 + 0 < 70 { bad = 1 }
    END { exit !(a && b && !bad) }' "$T/mirror.lines"; then
	pass layout/mirror
else
	fail layout/mirror "$(head -n 5 "$T/mirror.lines")"
fi

# A list item that opens with a table keeps its marker, on row one.
if grep -q '^1 body [0-9.]* 120.37 [0-9.]* 0.000 0 1\. a$' \
    "$T/list-table.lines" && grep -q ' 0 • x$' "$T/list-table.lines"; then
	pass layout/list-table/marker
else
	fail layout/list-table/marker
fi
