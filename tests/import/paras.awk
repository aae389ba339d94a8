# Reads a tree dump: prints each top-level paragraph's text on one line
# (soft breaks as \n), and "BAD kind" for any node a page cannot hold.
function flush() { if (inpara) print cur; cur = ""; inpara = 0 }
/^meta / { next }
{
	match($0, /^ */); depth = RLENGTH / 2
	kind = substr($0, RLENGTH + 1); sub(/ .*/, "", kind)
}
depth == 0 { next }
depth == 1 { flush(); if (kind != "para") print "BAD " kind; else inpara = 1; next }
kind == "softbreak" { cur = cur "\\n"; next }
kind == "text" {
	s = $0; sub(/^[^"]*"/, "", s); sub(/"$/, "", s)
	gsub(/\\"/, "\"", s); gsub(/\\\\/, "\\", s)
	cur = cur s; next
}
kind == "lang" || kind == "link" { next }
{ print "BAD " kind }
END { flush() }
