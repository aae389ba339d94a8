#!/bin/sh
# A large lecture for scale and failure tests, the same bytes on every
# machine: sh tests/tools/biglecture.sh BYTES > big.md
#
# Sections and subsections of paragraphs of English words (with a
# footnote, a link, emphasis and code here and there), lists, a table,
# and quotations in Greek and Chinese, until about BYTES bytes.  (No
# Arabic yet: any Arabic phrase stops `lectern pdf` with a Pango
# assertion, pango_glyph_item_iter_next_cluster, in the layout.)
# Words come from a fixed list picked by a Park-Miller generator, whose
# products stay below 2^53 so every awk computes the same sequence.

BYTES=${1:?usage: biglecture.sh BYTES}
exec awk -v bytes="$BYTES" '
function rnd(n) { seed = (seed * 16807) % 2147483647; return seed % n }
function word() { return vocab[rnd(nv) + 1] }
function sentence(   s, k, n) {
	n = 6 + rnd(14)
	s = word()
	s = toupper(substr(s, 1, 1)) substr(s, 2)
	for (k = 1; k < n; k++) {
		r = rnd(40)
		if (r == 0) s = s " *" word() "*"
		else if (r == 1) s = s " **" word() " " word() "**"
		else if (r == 2) s = s " `" word() "()`"
		else if (r == 3) s = s ", " word()
		else s = s " " word()
	}
	return s "."
}
function para(   p, k, n) {
	n = 3 + rnd(6)
	p = sentence()
	for (k = 1; k < n; k++) p = p " " sentence()
	if (rnd(6) == 0) {
		notes++
		p = p "[^n" notes "]"
		pending = pending "[^n" notes "]: " sentence() "\n\n"
	}
	if (rnd(8) == 0) p = p " See [the " word() " notes](https://example.org/" word() ")."
	return p
}
function out(s) { printf "%s", s; total += length(s) }
BEGIN {
	seed = 20240601
	nv = split("the of and to in a that is was he for it with as his on be at by " \
	    "had not are but from or have an they which one you were her all she " \
	    "there would their we him been has when who will more no if out so said " \
	    "what up its about into than them can only other new some could time " \
	    "these two may then do first any my now such like our over man me even " \
	    "most made after also did many before must through back years where much " \
	    "your way well down should because each just those people how too little " \
	    "state good very make world still own see men work long get here between " \
	    "both life being under never day same another know while last might us " \
	    "great old year off come since against go came right used take three " \
	    "conference cadre party province harvest famine policy report committee " \
	    "chairman leadership movement rectification commune production grain " \
	    "statistics assessment recovery deficit ministry finance agriculture " \
	    "industry collective countryside reform campaign socialist education " \
	    "discipline criticism responsibility documents archives historians", vocab, " ")
	print "---"
	print "title: \"A Very Long Lecture\""
	print "date: 2018-03-06"
	print "lang: en"
	print "---"
	print ""
	while (total < bytes) {
		sec++
		out("## Part " sec ": the " word() " " word() "\n\n")
		for (part = 1; part <= 4 && total < bytes; part++) {
			w = word()
			out("### " toupper(substr(w, 1, 1)) substr(w, 2) " and " word() "\n\n")
			for (k = 0; k < 6; k++) out(para() "\n\n")
			r = rnd(5)
			if (r == 0) {
				for (k = 1; k <= 4; k++) out("- " sentence() "\n")
				out("\n")
			} else if (r == 1) {
				for (k = 1; k <= 3; k++) out(k ". " sentence() "\n")
				out("\n")
			} else if (r == 2) {
				out("| Year | " word() " | " word() " |\n|---|---:|---:|\n")
				for (k = 0; k < 4; k++)
					out("| " 1958 + k " | " rnd(1000) " | " rnd(100) "." rnd(10) " |\n")
				out("\n")
			} else if (r == 3) {
				if (rnd(2) == 0) out("> Ἐν ἀρχῇ ἦν ὁ λόγος, καὶ ὁ λόγος ἦν πρὸς τὸν θεόν.\n\n")
				else out("> 实事求是，群众路线，独立自主。\n\n")
			}
			out(pending)
			pending = ""
		}
	}
}'
