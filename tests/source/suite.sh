# The lecture as source: every word of the page we received stays, in
# order; only the page's leftovers went.  seed.txt is the page exactly
# as we received it (shared/seeds/000_e3a5bbdf8ba366c1.txt).
seed=$TOP/tests/source/seed.txt
lec=source/1.08-seven-thousand-cadre-conference.md
if [ ! -f "$seed" ]; then
	fail source/seed-words "no seed at $seed"
else
	# Words of the seed without its leftovers, the title block and the
	# PREVIOUS/NEXT lines (they went to the front matter).
	sed 's/\xc2\xa0/ /g' "$seed" |
	    grep -v -e '^top of page$' -e '^bottom of page$' -e '^TOP$' \
		-e '^PREVIOUS:' -e '^NEXT:' -e '^1\.08 ' -e '^6 March 2018$' |
	    tr -s ' \t' '\n\n' | grep -v '^$' > "$T/seed.words"
	awk 'NR == 1 && /^---$/ { fm = 1; next } fm && /^---$/ { fm = 0; next }
	    !fm' "$lec" | sed 's/^## //' | tr -s ' \t' '\n\n' | grep -v '^$' \
	    > "$T/source.words"
	if cmp -s "$T/seed.words" "$T/source.words"; then
		pass source/seed-words
	else
		fail source/seed-words "$(diff "$T/seed.words" "$T/source.words" | head -n 6)"
	fi
fi

# The front matter the issue asks for, as the reader sees it.
lectern dump "$lec" > "$T/lec.tree" 2> "$T/lec.err"
for want in 'meta number "1.08"' 'meta title "Seven Thousand Cadre Conference (1962)"' \
    'meta date "2018-03-06"' 'meta lang "en"' 'meta previous.number "1.07"' \
    'meta next.number "1.09"' \
    'meta next.title "The Socialist Education Movement (1963 - 1966)"'; do
	grep -qF "$want" "$T/lec.tree" && pass "source/$want" || fail "source/$want"
done
[ "$(grep -c '^  section generated' "$T/lec.tree")" = 3 ] &&
	pass source/three-sections || fail source/three-sections
[ -s "$T/lec.err" ] && fail source/no-messages "$(cat "$T/lec.err")" || pass source/no-messages
[ "$(grep -c '^ *lang [0-9:]* lang=zh-Hans' "$T/lec.tree")" = 5 ] && pass source/han-runs || fail source/han-runs
