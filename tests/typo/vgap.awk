# vgap.awk: the vertical measure of a print PDF, from the output of
# `pdftotext -bbox-layout`.  Prints per page (with -v verbose=1) and
# then, as its last line,
#   pages N  max-gap G  short S  left-alone A
# G: the largest extra space between two consecutive lines of plain
#    paragraphs, in pt: the distance between their baselines minus the
#    leading (the most common such distance);
# S: pages (but the last) whose last line of text stands above the
#    lowest last line of any page by half a leading or more;
# A: short left-hand pages (even numbers) whose right-hand page is not.
# With -v max_gap=G, max_short=FRACTION (of the pages but the last),
# it exits 1 when a figure is over its limit or A is not 0.
#
# A line is body text when its words are as tall as the most common
# word (pdftotext gives a word the font's height, so one size of one
# font is one height).  A line of plain paragraph text starts at the
# column's left edge L (the leftmost body line of its page) or one
# indent in (-v indent=PT, the style's; else the most common start,
# within two ems, of a line under one that starts elsewhere); lists,
# quotations and tables start elsewhere.  Two such lines are
# consecutive paragraph lines when the lower is indented (a new
# paragraph) or the upper reaches the right edge (a justified line
# within a paragraph, not the end of a title block).  Baselines are the words'
# bottoms: one font, one descent.  Furniture is the running head, what
# stands above the highest body line of the whole document, and the
# folio, a number alone lowest on its page.  Notes are text: a page
# whose notes end on the last line of the text block is full, however
# high its body text ends above them.

function num(s, key,   a) {
	if (!match(s, key "=\"[-0-9.]*\""))
		return 0
	a = substr(s, RSTART + length(key) + 2, RLENGTH - length(key) - 3)
	return a + 0
}

/<page / { np++; ph[np] = num($0, "height") }
/<line / { nl++; lp[nl] = np; lx[nl] = num($0, "xMin")
	lx1[nl] = num($0, "xMax"); ly0[nl] = num($0, "yMin")
	ly1[nl] = num($0, "yMax"); lw[nl] = 0 }
/<word / { h = sprintf("%.1f", num($0, "yMax") - num($0, "yMin"))
	hcount[h]++
	if (lw[nl] == 0) { lh[nl] = h; lb[nl] = num($0, "yMax") }
	w = $0; sub(/^.*">/, "", w); sub(/<.*$/, "", w)
	if (w !~ /^[0-9ivxlcdm]+$/) notnum[nl] = 1
	lw[nl]++ }

END {
	for (h in hcount)
		if (hcount[h] > best) { best = hcount[h]; bodyh = h }
	top = 1e9
	for (i = 1; i <= nl; i++) {
		body[i] = lw[i] > 0 && lh[i] == bodyh
		if (lw[i] > 0 && (!(lp[i] in lowest) || ly1[i] > ly1[lowest[lp[i]]]))
			lowest[lp[i]] = i
		if (!body[i])
			continue
		if (ly0[i] < top) top = ly0[i]
		if (!(lp[i] in left) || lx[i] < left[lp[i]])
			left[lp[i]] = lx[i]
		if (!(lp[i] in right) || lx1[i] > right[lp[i]])
			right[lp[i]] = lx1[i]
	}
	em = bodyh + 0
	# The leading, and the indent: the most common step and offset.
	for (i = 2; i <= nl; i++) {
		if (!body[i] || !body[i - 1] || lp[i] != lp[i - 1])
			continue
		d = sprintf("%.1f", lb[i] - lb[i - 1]) + 0
		if (d > 0) steps[d]++
		o = sprintf("%.1f", lx[i] - left[lp[i]]) + 0
		# A first line: the line above starts elsewhere.
		if (o > 2 && o < 2 * em && (lx[i - 1] - lx[i] > 0.3 ||
		    lx[i] - lx[i - 1] > 0.3))
			offs[o]++
	}
	best = 0
	for (d in steps) if (steps[d] > best) { best = steps[d]; lead = d + 0 }
	best = 0
	for (o in offs) if (offs[o] > best) { best = offs[o]; ind = o + 0 }
	if (indent != "")
		ind = indent + 0
	# The largest extra gap per page between plain lines.
	for (i = 2; i <= nl; i++) {
		if (!body[i] || !body[i - 1] || lp[i] != lp[i - 1] ||
		    !plain(i) || !plain(i - 1) ||
		    (!indented(i) && lx1[i - 1] < right[lp[i]] - 1))
			continue
		g = lb[i] - lb[i - 1] - lead
		if (g > gap[lp[i]]) gap[lp[i]] = g
	}
	# Each page's last line of text (notes too), furniture left out.
	for (p in lowest)
		folio[lowest[p]] = !notnum[lowest[p]]
	for (i = 1; i <= nl; i++)
		if (lw[i] > 0 && ly0[i] >= top - 1 && !folio[i] &&
		    (!(lp[i] in last) || lb[i] > last[lp[i]]))
			last[lp[i]] = lb[i]
	low = -1e9
	for (p = 1; p < np; p++) if (p in last && last[p] > low) low = last[p]
	for (p = 1; p <= np; p++) {
		isshort[p] = p < np && (!(p in last) ||
		    low - last[p] >= lead / 2)
		nshort += isshort[p]
		if (gap[p] > maxgap) maxgap = gap[p]
	}
	for (p = 2; p < np; p += 2)
		alone += isshort[p] && !isshort[p + 1]
	if (verbose)
		for (p = 1; p <= np; p++)
			printf "page %d  gap %.1f  end %.1f%s\n", p, gap[p],
			    last[p], isshort[p] ? "  short" : ""
	printf "pages %d  max-gap %.1f  short %d  left-alone %d\n", np,
	    maxgap, nshort, alone
	over = 0
	if (max_gap != "" && maxgap > max_gap + 0.05) over = 1
	if (max_short != "" && np > 1 && nshort > max_short * (np - 1)) over = 1
	if ((max_gap != "" || max_short != "") && alone > 0) over = 1
	exit over
}

# Is line i plain paragraph text: flush left or indented once?
function plain(i,   o) {
	o = lx[i] - left[lp[i]]
	return (o > -0.5 && o < 0.5) || indented(i)
}

function indented(i,   o) {
	o = lx[i] - left[lp[i]]
	return ind > 0 && o > ind - 0.3 && o < ind + 0.3
}
