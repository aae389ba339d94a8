# tests/pdfua: PDF/UA-1 and PDF/A-2b through tests/pdfua/check.py, fonts
# cut to what they draw, /Lang, page labels against the printed folios,
# artifacts, and rebuilds, on the lecture, a Chinese and a Japanese one,
# and an English one quoting Greek, Arabic and Chinese.
# Sourced by tests/run.sh.

U=$T/pdfua
mkdir -p "$U"
PY=/usr/bin/python3
CHECK=tests/pdfua/check.py
# No embedded font program larger than this per glyph it holds: a font
# copied whole (cairo 1.16 with Noto Serif CJK's subroutines) is far above.
PER_GLYPH=3072

# stem source lang: the three lectures and the language each declares.
set -- \
    lec source/1.08-seven-thousand-cadre-conference.md en \
    zh tests/pdfua/zh-hant.md zh-Hant \
    ja tests/pdfua/ja.md ja \
    quotes tests/corpus/quotations.md en \
    scripts tests/pdfua/scripts.md en
while [ $# -ge 3 ]; do
	stem=$1 src=$2 lang=$3
	shift 3
	if ! lectern pdf -o "$U/$stem.pdf" "$src" 2>"$U/$stem.err"; then
		fail "pdfua/$stem/exit" "$(head -n 3 "$U/$stem.err")"
		continue
	fi
	# No warning on an ordinary lecture (LSan's summary of suppressed
	# library leaks under make asan is not one).
	if grep -q 'warning:\|error:' "$U/$stem.err"; then
		fail "pdfua/$stem/quiet" "$(head -n 3 "$U/$stem.err")"
	else
		pass "pdfua/$stem/quiet"
	fi
	if $PY $CHECK --max-font-per-glyph $PER_GLYPH "$U/$stem.pdf" \
	    >"$U/$stem.check" 2>&1; then
		pass "pdfua/$stem/checker"
	else
		fail "pdfua/$stem/checker" "$(head -n 10 "$U/$stem.check")"
	fi
	if qpdf --check "$U/$stem.pdf" >/dev/null 2>&1; then
		pass "pdfua/$stem/qpdf"
	else
		fail "pdfua/$stem/qpdf" "$(qpdf --check "$U/$stem.pdf" 2>&1 | tail -n 3)"
	fi
	lectern pdf -o "$U/$stem.2.pdf" "$src" 2>/dev/null
	if cmp -s "$U/$stem.pdf" "$U/$stem.2.pdf"; then
		pass "pdfua/$stem/reproducible"
	else
		fail "pdfua/$stem/reproducible"
	fi

	# pdffonts: every font embedded, subset, with a ToUnicode map.
	pdffonts "$U/$stem.pdf" >"$U/$stem.fonts" 2>&1
	if [ "$(tail -n +3 "$U/$stem.fonts" | wc -l)" -gt 0 ] &&
	    tail -n +3 "$U/$stem.fonts" | awk '$(NF-4) != "yes" ||
	    $(NF-3) != "yes" || $(NF-2) != "yes" { bad = 1 } END { exit bad }'
	then
		pass "pdfua/$stem/fonts"
	else
		fail "pdfua/$stem/fonts" "$(cat "$U/$stem.fonts")"
	fi

	# The catalog says the lecture's language; Han runs of a lecture
	# in English are Spans with theirs.
	got=$($PY -c 'import sys, pikepdf
print(pikepdf.open(sys.argv[1]).Root.Lang)' "$U/$stem.pdf" 2>&1)
	if [ "$got" = "$lang" ]; then
		pass "pdfua/$stem/lang"
	else
		fail "pdfua/$stem/lang" "Lang $got, want $lang"
	fi

	# Words in another language than the lecture's carry the same
	# languages in both books (check.c decides; Pango's guess from a
	# script never reaches the PDF): el, ar... in quotations.md.
	if lectern epub -o "$U/$stem.epub" "$src" 2>>"$U/$stem.err" &&
	    $PY tests/pdfua/langs.py "$U/$stem.pdf" "$U/$stem.epub" \
	    >"$U/$stem.langs" 2>&1; then
		pass "pdfua/$stem/langs-as-epub"
	else
		fail "pdfua/$stem/langs-as-epub" "$(head -n 3 "$U/$stem.langs")"
	fi

	# Page labels: each page's label is the folio printed on it (the
	# last line pdftotext finds there, when it is a number).
	n=$(pdfinfo "$U/$stem.pdf" | awk '/^Pages:/ { print $2 }')
	$PY -c 'import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
for p in pdf.pages: print(p.label)' "$U/$stem.pdf" \
	    >"$U/$stem.labels" 2>&1
	i=1 bad= seen=0
	while [ "$i" -le "$n" ]; do
		folio=$(pdftotext -f "$i" -l "$i" -layout "$U/$stem.pdf" - |
		    tr -d '\f' | awk 'NF { last = $0 } END { gsub(/^[ \t]+|[ \t\f]+$/, "",
		    last); print last }')
		label=$(sed -n "${i}p" "$U/$stem.labels")
		case $folio in
		*[!0-9]* | '') ;;
		*)	seen=$((seen + 1))
			[ "$folio" = "$label" ] ||
			    bad="$bad page $i prints $folio, label '$label';" ;;
		esac
		i=$((i + 1))
	done
	if [ -z "$bad" ] && [ "$seen" -gt 0 ]; then
		pass "pdfua/$stem/page-labels"
	else
		fail "pdfua/$stem/page-labels" "${bad:-no folio found}"
	fi

	# The running head (the title, from page 2 on) is drawn inside
	# /Artifact on every page that has one; with the checker's rules
	# (no MCID in an artifact, every MCID in the parent tree) it is in
	# no structure element.
	if $PY - "$U/$stem.pdf" >"$U/$stem.heads" 2>&1 <<'EOF'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
title = str(pdf.docinfo["/Title"])
bad = []
for n, page in enumerate(pdf.pages[1:], 2):
    depth, text = 0, []
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op in ("BMC", "BDC"):
            depth += depth or str(operands[0]) == "/Artifact"
        elif op == "EMC" and depth:
            depth -= 1
        elif depth and op == "TJ":
            text += [bytes(x) for x in operands[0]
                     if isinstance(x, pikepdf.String)]
        elif depth and op == "Tj":
            text.append(bytes(operands[0]))
    if title.isascii() and title.encode() not in b"".join(text):
        bad.append(n)
    if not text:
        bad.append(n)
print(bad)
sys.exit(1 if bad else 0)
EOF
	then
		pass "pdfua/$stem/head-artifact"
	else
		fail "pdfua/$stem/head-artifact" "pages $(cat "$U/$stem.heads")"
	fi
done

# Sizes: the Chinese three-pager at most 120 KB (cairo 1.16 alone made
# 645 KB); the lecture at most half of the 132 KB cairo alone made.
size=$(wc -c <"$U/zh.pdf" 2>/dev/null || echo 0)
if [ "$size" -gt 0 ] && [ "$size" -le 122880 ]; then
	pass pdfua/zh/size
else
	fail pdfua/zh/size "$size bytes"
fi
size=$(wc -c <"$U/lec.pdf" 2>/dev/null || echo 0)
if [ "$size" -gt 0 ] && [ "$size" -le 66056 ]; then
	pass pdfua/lec/size
else
	fail pdfua/lec/size "$size bytes"
fi

# The figures' alt text, the lists, the tables and the links of the
# features lecture, through the checker, and what it must find there.
if lectern pdf -o "$U/feat.pdf" tests/pdf/features.md 2>/dev/null &&
    lectern pdf -o "$U/img.pdf" tests/pdf/images.md 2>/dev/null &&
    $PY $CHECK --max-font-per-glyph $PER_GLYPH "$U/feat.pdf" "$U/img.pdf" \
    >"$U/feat.check" 2>&1; then
	pass pdfua/features/checker
else
	fail pdfua/features/checker "$(head -n 10 "$U/feat.check")"
fi
if $PY - "$U/feat.pdf" "$U/img.pdf" >"$U/feat.tree" 2>&1 <<'EOF'
import sys, pikepdf
seen = {}
def walk(e):
    if isinstance(e, pikepdf.Dictionary) and "/S" in e:
        s = str(e.S)[1:]
        seen.setdefault(s, []).append(e)
        k = e.get("/K")
        for x in (k if isinstance(k, pikepdf.Array) else [k]):
            walk(x)
for f in sys.argv[1:]:
    walk(pikepdf.open(f).Root.StructTreeRoot.K[0])
alts = [str(e.Alt) for e in seen.get("Figure", [])]
ok = (all(alts) and len(alts) >= 3 and
      all("/Scope" in e.A for e in seen.get("TH", [])) and seen.get("TH") and
      len(seen.get("Lbl", [])) == len(seen.get("LI", [])) > 0 and
      len(seen.get("LBody", [])) == len(seen.get("LI", [])) and
      all(str(e.Lang).lower().startswith("zh") for e in seen.get("Span", [])
          if "/Lang" in e) and
      any("/Lang" in e for e in seen.get("Span", [])))
print(sorted((k, len(v)) for k, v in seen.items()), alts)
sys.exit(0 if ok else 1)
EOF
then
	pass pdfua/features/structure
else
	fail pdfua/features/structure "$(cat "$U/feat.tree")"
fi

# The checker can fail: the lecture without /Lang, a figure without Alt,
# a page without its output intent's profile are each caught.
if $PY - "$U/img.pdf" "$U/broken.pdf" <<'EOF' >/dev/null 2>&1
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
del pdf.Root["/Lang"]
del pdf.Root["/OutputIntents"]
def strip(e):
    if isinstance(e, pikepdf.Dictionary):
        if e.get("/S") == pikepdf.Name.Figure and "/Alt" in e:
            del e["/Alt"]
        k = e.get("/K")
        for x in (k if isinstance(k, pikepdf.Array) else [k]):
            strip(x)
strip(pdf.Root.StructTreeRoot)
pdf.save(sys.argv[2])
EOF
then
	$PY $CHECK "$U/broken.pdf" >"$U/broken.check" 2>&1
	rc=$?
	if [ "$rc" -eq 1 ] && grep -q 'M 11-006' "$U/broken.check" &&
	    grep -q 'M 13-004' "$U/broken.check" &&
	    grep -q 'A 6.2.3' "$U/broken.check"; then
		pass pdfua/checker-fails
	else
		fail pdfua/checker-fails "exit $rc: $(head -n 5 "$U/broken.check")"
	fi
else
	fail pdfua/checker-fails "cannot make the broken copy"
fi
