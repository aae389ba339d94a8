#!/usr/bin/python3
"""Optical margins of a print PDF, checked on its characters.

Usage: margins.py STEXT

STEXT is `mutool draw -F stext` of the PDF.  Over the lines of body
size (the size most characters have, within 5 %: a justified line's
expansion widens its font) that go on within their mutool block: R, for each page side, is the median right edge of those that
end in a letter.  Then

  hyphens   lines ending in a hyphen (U+002D, U+2010)
  hung      of them, those whose hyphen passes R by HYPHEN_HANG of its
            advance (within TOL): it hangs into the margin
  out       lines ending in a letter whose edge passes R by more than TOL

and at the left edge, over all lines of body size: the edges, for each
page side, are the left edges (within TOL) that at least two lines
starting with a letter share, not the first of their mutool block
(the text block's, a quotation's, a list item's text: not a
paragraph's indent, after which nothing hangs), and

  leaders   lines starting with a quote, a dash, a hyphen or an opening
            bracket (LEFT_HANG: the share of its advance lay_hlist.c
            hangs it by) at an edge, hanging or not (others, after an
            indent or a list marker, are not counted)
  lhung     of them, those whose mark starts that share of its advance
            left of the edge (within TOL): it hangs into the margin;
            one starting at the edge is set flush, a fault

Prints the figures on one line and each fault above it; exits 1 unless
every hyphen and every leader hung and none is out; 2 if the input
cannot be read.
"""

import statistics
import sys
import xml.etree.ElementTree as ET

import stext
from collections import Counter

HYPHEN_HANG = 0.7
TOL = 0.3
LEFT_HANG = {"-": 0.5, "\u2010": 0.5, "\u2013": 0.5, "\u2014": 0.3,
             "'": 0.7, '"': 0.5, "\u2018": 0.7, "\u201c": 0.5,
             "\u00ab": 0.5, "\u00bb": 0.5, "(": 0.2, "[": 0.2}


def read(path):
    """Pages of blocks of lines of (char, x0, x1, size)."""
    return [[[[(c, x0, x1, size) for c, x, x0, x1, size in line]
              for line in lines] for lines in blocks]
            for blocks in stext.read(path)]


def left_edges(pages, body):
    """Per page side, the left edges at least two lines starting with
    a letter share."""
    votes = [Counter(), Counter()]
    for n, blocks in enumerate(pages):
        for lines in blocks:
            for l in lines[1:]:
                if l[0][0].isalpha() and abs(l[0][3] - body) <= 0.05 * body:
                    votes[n % 2][round(l[0][1] / TOL)] += 1
    return [[k * TOL for k, v in side.items() if v >= 2] for side in votes]


def leaders(pages, body, count):
    """Count the lines starting with a mark that should hang, and
    those that do; print the others."""
    edges = left_edges(pages, body)
    for n, blocks in enumerate(pages):
        for lines in blocks:
            for l in lines:
                c, x0, x1, size = l[0]
                if c not in LEFT_HANG or abs(size - body) > 0.05 * body:
                    continue
                want = LEFT_HANG[c] * (x1 - x0)
                off = [e - x0 for e in edges[n % 2]]
                if any(abs(d - want) <= TOL for d in off):
                    count["leaders"] += 1
                    count["lhung"] += 1
                elif any(abs(d) <= TOL for d in off):
                    count["leaders"] += 1
                    print("  leader flush, not %+.2f: %s" %
                          (-want, "".join(ch[0] for ch in l)))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    try:
        pages = read(sys.argv[1])
    except (OSError, ET.ParseError) as e:
        print("margins: %s" % e, file=sys.stderr)
        sys.exit(2)
    sizes = Counter(c[3] for p in pages for b in p for l in b for c in l)
    body = sizes.most_common(1)[0][0]
    going = [[], []]        # per page side: lines that go on
    for n, blocks in enumerate(pages):
        for lines in blocks:
            going[n % 2] += [l for l in lines[:-1]
                             if abs(l[-1][3] - body) <= 0.05 * body]
    edge = []
    for side in going:
        v = [l[-1][2] for l in side if l[-1][0].isalpha()]
        edge.append(statistics.median(v) if v else None)
    count = Counter(hyphens=0, hung=0, out=0, leaders=0, lhung=0)
    for side, lines in enumerate(going):
        R = edge[side]
        if R is None:
            continue
        for l in lines:
            c, x0, x1, size = l[-1]
            text = "".join(ch[0] for ch in l)
            if c in "-\u2010":
                count["hyphens"] += 1
                want = HYPHEN_HANG * (x1 - x0)
                if abs(x1 - R - want) <= TOL:
                    count["hung"] += 1
                else:
                    print("  hyphen %+.2f, not %+.2f: %s" % (x1 - R, want,
                                                          text))
            elif c.isalpha() and x1 > R + TOL:
                count["out"] += 1
                print("  out %+.2f: %s" % (x1 - R, text))
    leaders(pages, body, count)
    print("hyphens %(hyphens)d  hung %(hung)d  out %(out)d  "
          "leaders %(leaders)d  lhung %(lhung)d" % count)
    ok = (count["hung"] == count["hyphens"] and count["out"] == 0 and
          count["lhung"] == count["leaders"])
    sys.exit(0 if ok else 1)


main()
