# Writes a page of paragraphs made of Markdown's marks, for the importer
# test: run with -v seed=N.  Each paragraph also goes, one line each
# (lines joined by \n), to the file named by -v want=FILE.  Quotes,
# hyphens and dots are left out: cmark-gfm sets those typographically.
BEGIN {
	srand(seed)
	n = split("* ** _ __ # ## [ ] ( ) < > ! | ~ ~~ ` `` \\ & &amp; &#42; " \
	    "&#x2A; ; : = + 1) 2. 10. ^ { } $ % @ word x_y a*b [^1] [a](b) " \
	    "![i](p.png) <b> </b> <!x> <http://x.org> 3. 4) === http://x.org/a_b " \
	    "www.y.org/*s* https://z.org/~u/_ (http://q.org/p_) " \
	    "http://r.org/<i> www.s.org&amp; a_b@t.org", tok, " ")
	print "9.99  Random Marks"
	print ""
	for (p = 1; p <= 300; p++) {
		line = ""
		k = 1 + int(rand() * 8)
		for (i = 0; i < k; i++)
			line = line (i && rand() < 0.7 ? " " : "") tok[1 + int(rand() * n)]
		line = line " end;"
		print line
		print line > want
		print ""
	}
	# Lines that mean something to Markdown only as whole lines, inside
	# one paragraph.
	split("First line@===@+ plus@> quote@1. one@# hash@``` fence@" \
	    "~~~ tilde@<div>@* * *@| a | b |@last;", whole, "@")
	for (i = 1; i <= 12; i++) {
		print whole[i]
		printf "%s%s", (i > 1 ? "\\n" : ""), whole[i] > want
	}
	print "" > want
}
