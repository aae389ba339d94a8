#!/usr/bin/python3
"""Chinese and Japanese setting of a print PDF, checked on its characters.

Usage: cjkcheck.py STEXT BBOX

STEXT is `mutool draw -F stext` of the PDF (each character with its
origin and advance), BBOX is `pdftotext -bbox` of it (its words).
Counts, over the lines holding at least MIN_HAN Han or kana characters:

  spaced     two words of BBOX on one line, the first ending and the
             second starting in Han or kana, less than SPACED of the
             first's height apart (about 0.3 em): the spread of a
             justified line read as a word gap (a table's columns
             stand further apart)
  fullpair   two full-width marks side by side, the second starting a
             full em (more than FULL_PAIR of the size) after the first:
             not compressed to one and a half ems (clreq 3.1.6, jlreq 3.1.4)
  start      a line starting with a mark no line may start with
  openfull   a line starting with an opening mark at full width: its
             origin within OPEN_TOL of an em of the left edge most CJK
             lines share on that page side, not half an em left of it
             (set half width there, jlreq 3.1.5; a paragraph's first
             line, indented, is not at the edge)
  end        a line ending with a mark no line may end with
  closefull  a line of a paragraph that goes on ending in a closing
             mark or a stop set full width: its advance ends at the
             block's edge R (within EDGE_TOL) instead of hanging its
             blank half past it (set half width, clreq 3.1.6, jlreq 3.8.2);
             a line before a list item's marker ends that item
  ragged     a line of a paragraph that goes on (not the last of its
             mutool block) whose right edge misses the block's edge R
             (the rightmost of its lines that go on and end in no
             mark, else the edge most such lines share on that page
             side) by less than an em (a line shorter by more ends a
             list item or a table cell that mutool joined to the next)
             by more than EDGE_TOL, or by more than half an em past it
             where a closing mark ends the line (set half width)

Prints the figures on one line and each fault above it; exits 1 if any
count is not 0, 2 if the input cannot be read.
"""

import html
import re
import sys
import xml.etree.ElementTree as ET

import stext
from collections import Counter

MIN_HAN = 3
SPACED = 0.2
FULL_PAIR = 0.75
EDGE_TOL = 1.0
OPEN_TOL = 0.25

# Marks that take a full em in CJK text, and what each may not touch.
OPENING = set("（〔［｛〈《「『【〘〖〝‘“｟«")
CLOSING = set("）〕］｝〉》」』】〙〗〟’”｠»")
STOPS = set("、。，．：；！？")
FULLWIDTH = OPENING | CLOSING | STOPS | set("・")
NO_START = CLOSING | STOPS | set("・ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〻")
NO_END = OPENING
BULLETS = set("•◦▪‣–")


def han(c):
    o = ord(c)
    return (0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x4DBF or
            0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or
            0x20000 <= o <= 0x3FFFF)


def lines_of(path):
    """Pages of blocks of lines of (char, x, advance, size)."""
    return [[[[(c, x, x1 - x0, size) for c, x, x0, x1, size in line]
              for line in lines] for lines in blocks]
            for blocks in stext.read(path)]


def cjk(line):
    return sum(1 for c in line if han(c[0])) >= MIN_HAN


def right(line):
    c = line[-1]
    return c[1] + c[2]


def edges(pages):
    """The right edge most CJK lines that go on share, per page side."""
    votes = [Counter(), Counter()]
    for n, blocks in enumerate(pages):
        for lines in blocks:
            for line in lines[:-1]:
                if cjk(line) and line[-1][0] not in CLOSING | STOPS:
                    votes[n % 2][round(right(line))] += 1
    return [v.most_common(1)[0][0] if v else None for v in votes]


def left_edges(pages):
    """The left edge most CJK lines share, per page side."""
    votes = [Counter(), Counter()]
    for n, blocks in enumerate(pages):
        for lines in blocks:
            for line in lines:
                if cjk(line) and line[0][0] not in OPENING:
                    votes[n % 2][round(line[0][1])] += 1
    return [v.most_common(1)[0][0] if v else None for v in votes]


def block_edge(lines, R):
    """A block's own edge (a quotation's, a list's): the rightmost
    edge of its lines that go on and end in no mark, else of those
    ending in a mark less its half-width hang, else R."""
    v = [right(l) for l in lines[:-1]
         if cjk(l) and l[-1][0] not in CLOSING | STOPS]
    if not v:       # each ends in a mark, set half width past the edge
        v = [right(l) - l[-1][3] / 2 for l in lines[:-1] if cjk(l)]
    return max(v) if v else R


def item_start(line):
    """Does line start a list item (its marker first)?  The line
    before it ended an item, a paragraph, where no mark hangs."""
    text = "".join(c[0] for c in line)
    return text[:1] in BULLETS or re.match(r"[0-9]+[.)]", text) is not None


def show(what, n, line):
    print("  %s p%d: %s" % (what, n + 1, "".join(c[0] for c in line)))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    try:
        pages = lines_of(sys.argv[1])
        text = open(sys.argv[2], encoding="utf-8").read()
    except (OSError, ET.ParseError) as e:
        print("cjkcheck: %s" % e, file=sys.stderr)
        sys.exit(2)
    count = Counter(lines=0, spaced=0, fullpair=0, start=0, openfull=0,
                    end=0, closefull=0, ragged=0)
    words = [(float(m.group(1)), float(m.group(2)), float(m.group(3)),
              float(m.group(4)), html.unescape(m.group(5)))
             for m in re.finditer(r'<word xMin="([^"]+)" yMin="([^"]+)" '
                                  r'xMax="([^"]+)" yMax="([^"]+)">([^<]*)'
                                  r'</word>', text)]
    for a, b in zip(words, words[1:]):
        if (abs(a[1] - b[1]) < 1 and 0 <= b[0] - a[2] < SPACED * (a[3] - a[1]) and
                a[4] and b[4] and han(a[4][-1]) and han(b[4][0])):
            count["spaced"] += 1
            if count["spaced"] <= 5:
                print("  spaced: %s %s" % (a[4], b[4]))
    rs = edges(pages)
    ls = left_edges(pages)
    for n, blocks in enumerate(pages):
        for lines in blocks:
            R = block_edge(lines, rs[n % 2])
            for k, line in enumerate(lines):
                if not cjk(line):
                    continue
                count["lines"] += 1
                for a, b in zip(line, line[1:]):
                    if (a[0] in FULLWIDTH and b[0] in FULLWIDTH and
                            b[1] - a[1] > FULL_PAIR * a[3]):
                        count["fullpair"] += 1
                        show("fullpair " + a[0] + b[0], n, line)
                if line[0][0] in NO_START:
                    count["start"] += 1
                    show("start", n, line)
                L = ls[n % 2]
                if (line[0][0] in OPENING and L is not None and
                        abs(line[0][1] - L) < OPEN_TOL * line[0][3]):
                    count["openfull"] += 1
                    show("openfull", n, line)
                if line[-1][0] in NO_END:
                    count["end"] += 1
                    show("end", n, line)
                if k == len(lines) - 1 or R is None:
                    continue
                over = right(line) - R
                half = line[-1][0] in CLOSING | STOPS
                if over < -line[-1][3]:
                    continue        # an item's or a cell's end
                if (half and abs(over) <= EDGE_TOL and
                        not item_start(lines[k + 1])):
                    count["closefull"] += 1
                    show("closefull", n, line)
                    continue
                if not (abs(over) <= EDGE_TOL or
                        (half and -EDGE_TOL <= over <=
                         line[-1][3] / 2 + EDGE_TOL)):
                    count["ragged"] += 1
                    show("ragged %+.1f" % over, n, line)
    print("cjk-lines %(lines)d  spaced %(spaced)d  fullpair %(fullpair)d  "
          "start %(start)d  openfull %(openfull)d  end %(end)d  "
          "closefull %(closefull)d  ragged %(ragged)d" % count)
    sys.exit(1 if any(count[k] for k in count if k != "lines") or
             count["lines"] == 0 else 0)


main()
