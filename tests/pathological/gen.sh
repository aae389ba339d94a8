#!/bin/sh
# Write the hostile inputs of tests/pathological into DIR/src (sources)
# and DIR (an image outside the source folder).  Usage: sh gen.sh DIR
#
# Each NAME.md is one attack; suite.sh holds what each must give.

set -e
D=$1
mkdir -p "$D/src"
S=$D/src

# front TITLE: a minimal front matter.
front() { printf -- '---\ntitle: %s\n---\n\n' "$1"; }

# A 1x1 grey PNG, outside the source folder and (by a symlink) inside.
printf '\211\120\116\107\015\012\032\012\000\000\000\015\111\110\104\122\000\000\000\001\000\000\000\001\010\000\000\000\000\072\176\233\125\000\000\000\012\111\104\101\124\170\234\143\140\000\000\000\002\000\001\110\257\244\161\000\000\000\000\111\105\116\104\256\102\140\202' \
    >"$D/outside.png"
ln -sf ../outside.png "$S/link.png"

{ front "Quotes"; awk 'BEGIN { s = ""; for (i = 0; i < 10000; i++) s = s ">"; print s " deep" }'; } >"$S/nested-quotes.md"
{ front "Lists"; awk 'BEGIN { s = ""; for (i = 0; i < 10000; i++) s = s "- "; print s "deep" }'; } >"$S/nested-lists.md"
{ front "Indented lists"; awk 'BEGIN { s = ""; for (i = 0; i < 1000; i++) { print s "- level " i; s = s "  " } }'; } >"$S/nested-lists-indented.md"
# 1 MB of words in one paragraph (lines of 14 words, no blank line).
{ front "Long paragraph"; awk 'BEGIN { for (i = 0; i < 12000; i++) { printf "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut\n" } }'; } >"$S/paragraph-1mb.md"
{ front "Long word"; awk 'BEGIN { s = "a"; while (length(s) < 204800) s = s s; print "Before " substr(s, 1, 204800) " after." }'; } >"$S/word-200kb.md"
printf -- '---\ntitle: [unclosed\ndate: 2018-03-06\n---\n\nText.\n' >"$S/yaml-broken.md"
{
	printf -- '---\ntitle: Laughs\n'
	printf 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
	p=a
	for k in b c d e f g h i; do
		printf '%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n' \
		    $k $k $p $p $p $p $p $p $p $p $p
		p=$k
	done
	printf 'keywords: *i\n---\n\nText.\n'
} >"$S/yaml-alias-bomb.md"
{ printf '\357\273\277'; front "Byte order mark"; echo "Text after a BOM."; } >"$S/bom.md"
{ front "Carriage returns"; printf 'One line.\nAnother *line*.\n\n## A heading\n\nText.\n'; } | sed 's/$/\r/' >"$S/crlf.md"
{ front "Bad body"; printf 'Good text here.\nBad \377 byte.\n'; } >"$S/utf8-body.md"
printf -- '---\ntitle: Bad\377title\n---\n\nText.\n' >"$S/utf8-front.md"
{ front "Nul"; printf 'Some\000text.\n'; } >"$S/nul.md"
: >"$S/empty.md"
printf -- '---\ntitle: Only front matter\ndate: 2018-03-06\n---\n' >"$S/front-only.md"
printf -- '---\ndate: 2018-03-06\n---\n\nNo title here.\n' >"$S/no-title.md"
{ front "Passwd"; echo '![secrets](../../etc/passwd)'; } >"$S/image-passwd.md"
{ front "Outside"; echo '![outside](../outside.png)'; } >"$S/image-outside.md"
{ front "Symlink"; echo '![through a link](link.png)'; } >"$S/image-symlink.md"
{ front "Script"; echo 'A [link](javascript:alert(1)) here.'; } >"$S/link-javascript.md"
