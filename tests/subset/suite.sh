# src/subset.c: a CJK font cut down by hb-subset keeps the glyphs asked
# for, with the outlines of the original, and little else.
#
# tests/subset/probe.c is built against src/subset.c; it writes the cut
# font and prints, per character, its glyph and ink extents in the cut
# font and in the original.

sb_out=$T/subset
sb_font=/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc
sb_index=2	# Noto Serif CJK SC in the collection
sb_text='中国共产党七千人大会'
mkdir -p "$sb_out"

# sb_glyphs_ok NAME REPORT: every character has a glyph (not .notdef)
# with ink, drawn as large as in the original font.
sb_glyphs_ok() {
	_bad=$(awk 'NR > 1 && ($2 == 0 || $3 <= 0 || $3 != $5 || $4 != $6)' \
	    "$2")
	_n=$(awk 'NR > 1' "$2" | wc -l)
	if [ "$_n" -eq "$(printf %s "$sb_text" | wc -m)" ] && [ -z "$_bad" ]
	then
		pass "subset/$1: every character keeps its glyph"
	else
		fail "subset/$1: every character keeps its glyph" \
		    "$_n characters; wrong: $_bad"
	fi
}

if ! cc -std=c11 -D_XOPEN_SOURCE=700 -o "$sb_out/probe" \
    tests/subset/probe.c src/subset.c src/util.c src/diag.c src/progress.c \
    $(pkg-config --cflags --libs harfbuzz-subset fontconfig glib-2.0) 2>"$sb_out/cc.err"; then
	fail "subset: probe builds" "$(head -n 3 "$sb_out/cc.err")"
elif [ ! -f "$sb_font" ]; then
	fail "subset: Noto Serif CJK installed" "no $sb_font (make deps)"
else
	# By code points: a font for the EPUB's @font-face.
	if "$sb_out/probe" u "$sb_font" $sb_index "$sb_out/u.otf" \
	    "$sb_text" >"$sb_out/u.txt" 2>"$sb_out/u.err"; then
		sb_glyphs_ok unicodes "$sb_out/u.txt"
		# 10 ideographs, .notdef and the tables: a few KB, where the
		# collection is tens of MB.
		_size=$(wc -c <"$sb_out/u.otf")
		if [ "$_size" -lt 16000 ]; then
			pass "subset/unicodes: small ($_size bytes)"
		else
			fail "subset/unicodes: small" "$_size bytes"
		fi
		# fontconfig reads it as a font covering exactly those.
		_want=$(printf %s "$sb_text" | iconv -f UTF-8 -t UTF-32BE |
		    od -An -tx1 -v | tr -d ' \n' |
		    sed 's/\(........\)/\1\n/g' | sed '/^$/d; s/^0*//' |
		    sort | tr '\n' ' ')
		_got=$(fc-query -f '%{charset}' "$sb_out/u.otf" |
		    tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' ')
		if [ "$_got" = "$_want" ]; then
			pass "subset/unicodes: fontconfig reads its characters"
		else
			fail "subset/unicodes: fontconfig reads its characters" \
			    "got '$_got', want '$_want'"
		fi
	else
		fail "subset/unicodes: subsets" "$(head -n 3 "$sb_out/u.err")"
	fi
	# By glyph ids, keeping them: what a PDF's CID font needs.
	if "$sb_out/probe" g "$sb_font" $sb_index "$sb_out/g.otf" \
	    "$sb_text" >"$sb_out/g.txt" 2>"$sb_out/g.err"; then
		sb_glyphs_ok glyphs "$sb_out/g.txt"
		_count=$(sed -n 's/^glyphs //p' "$sb_out/g.txt")
		_maxgid=$(awk 'NR > 1 && $2 > m { m = $2 } END { print m }' \
		    "$sb_out/g.txt")
		if [ "$_count" -gt "$_maxgid" ]; then
			pass "subset/glyphs: glyph ids retained"
		else
			fail "subset/glyphs: glyph ids retained" \
			    "$_count glyphs, highest id $_maxgid"
		fi
	else
		fail "subset/glyphs: subsets" "$(head -n 3 "$sb_out/g.err")"
	fi
	# A missing font is a message naming it, and a failure.
	if "$sb_out/probe" u "$sb_out/none.otf" 0 "$sb_out/n.otf" "$sb_text" \
	    >/dev/null 2>"$sb_out/n.err"; then
		fail "subset/missing: fails"
	elif grep -q "^$sb_out/none.otf: error: cannot read" "$sb_out/n.err"; then
		pass "subset/missing: fails with a message"
	else
		fail "subset/missing: fails with a message" "$(cat "$sb_out/n.err")"
	fi
fi
