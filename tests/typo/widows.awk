# Widows and orphans in `lectern dump --layout` output.
#
# Lines "PAGE ROLE X Y WIDTH RATIO HYPH TEXT...".  Only body lines
# count.  A line ends its paragraph when its glue ratio is 0 (the fill
# of a last line; headings and other unjustified lines too).  A line
# starts a paragraph when the body line before it ended one.
#   widow:  a page's first body line ends a paragraph that began on
#           an earlier page (the line before it did not end one).
#   orphan: a page's last body line starts a paragraph that goes on
#           to the next page (it does not end one itself).
# Prints each, then "widows N  orphans N".

$1 ~ /^[0-9]+$/ && $2 == "body" {
	n++
	page[n] = $1
	last[n] = ($6 + 0 == 0)
	text = ""
	for (k = 8; k <= NF; k++)
		text = text (k > 8 ? " " : "") $k
	txt[n] = substr(text, 1, 60)
}

END {
	for (i = 2; i <= n; i++) {
		if (page[i] == page[i - 1])
			continue
		# i is the first body line of its page, i-1 the last of the
		# previous one.
		if (last[i] && !last[i - 1]) {
			printf "widow p%d: %s\n", page[i], txt[i]
			widows++
		}
		first = (i - 1 == 1) || last[i - 2]
		if (first && !last[i - 1]) {
			printf "orphan p%d: %s\n", page[i - 1], txt[i - 1]
			orphans++
		}
	}
	printf "widows %d  orphans %d\n", widows, orphans
}
