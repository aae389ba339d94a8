#!/usr/bin/env python3
"""Write generated lectures: every construct lectern reads, in combination.

usage: gen.py [--skip "WORD ..."] [--seed N] OUTDIR FIRST COUNT

Writes OUTDIR/gNNNNN.md for cases FIRST .. FIRST+COUNT-1 and their
pictures in OUTDIR/img/.  Case k is drawn from random.Random(seed, k)
alone, so a case is the same file whatever FIRST and COUNT are, on every
run and every machine (Python 3's random is stable for a given seed).

--skip names constructs to leave out (suite.sh's GEN_SKIP says which
issue-9 failure class each waits for):
  bidi          two right-to-left words in a row, bidi controls
  figure-top    pictures after the opening (one can land first on a page)
  image-twice   the same picture twice in a lecture
  gif-svg       GIF and SVG pictures
  trunc-jpeg    a truncated JPEG
  wrong-ext     a JPEG named .png
  list-10       ordered lists of 10 items or more
  note-100      100 notes or more
  note-self     a note that references itself
  note-from-note  a note referenced only from another note
  note-long     notes longer than a page (two references on one line)
  deep-nesting  quotes and lists nested 20 deep or more
  table-narrow  table columns of short words next to long cells
  table-tall    a table row taller than a page
  emoji         emoji and CJK Extension B (no font: hex boxes)
  empty-heading an empty heading
  controls      C0 and C1 controls (the PDF draws hex boxes), and
                invisible ones (U+200B, U+00AD, U+2028) parity cannot
                see
"""

import os
import random
import struct
import sys
import zlib

# Words by script.  Right-to-left ones are kept apart: see "bidi".
SCRIPTS = {
    "latin": "the lecture of seven thousand cadres spoke about grain and "
             "steel policy in the provinces while delegates listened".split(),
    "diacritics": "café naïve façade Ærø Łódź São crème brûlée "
                  "Dvořák Ångström smörgåsbord".split(),
    "greek": "λόγος ἀρχή φιλοσοφία πόλις δημοκρατία ἱστορία".split(),
    "cyrillic": "съезд партии пятилетка рабочий колхоз история".split(),
    "han": "中央 工作会议 七千人 大会 人民 公社 经济 调整".split(),
    "kana": "こんにちは カタカナ ひらがな の 会議 です".split(),
    "hangul": "안녕하세요 역사 회의 경제 정책".split(),
    "thai": "ภาษาไทย ประวัติศาสตร์ การประชุม".split(),
    "devanagari": "नमस्ते इतिहास सम्मेलन अर्थव्यवस्था".split(),
}
RTL = {
    "arabic": "مرحبا تاريخ مؤتمر اقتصاد".split(),
    "hebrew": "שלום היסטוריה כנס כלכלה".split(),
}
EMOJI = ["😀", "👍🏽", "👨‍👩‍👧", "🇫🇷", "1️⃣", "𠀀", "𪚥"]
NONCHARS = ["\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe",
            "\U0010ffff", "&#xFFFF;", "&#xFDD0;", "&#x10FFFE;"]
CONTROLS = ["\x01", "\x07", "\x1b", "\x7f", "\u0085", "\u200b", "\u00ad",
            "\u2028"]
NARROW = ["Surface", "Bamboo", "Papyrus", "Parchment", "a", "b", "I", "x",
          "1", "22"]

# Pictures the generator draws: name -> (kind, width, height).
PICTURES = {
    "dot.png": ("png", 1, 1),
    "small.png": ("png", 120, 80),
    "wide.png": ("png", 2000, 60),
    "tall.png": ("png", 40, 1200),
    "big.png": ("png", 900, 900),
    "red.png": ("png", 4, 4),
    "blue.png": ("png", 64, 64),
    "square.gif": ("gif", 1, 1),
    "box.svg": ("svg", 40, 20),
    "tall.svg": ("svg", 30, 900),
}
JPEG_SIZES = {"python.jpg": ("jpg", 16, 16), "photo.jpg": ("jpg", 400, 300)}
JPEGS = sorted(JPEG_SIZES)	# copied: see COPIED


def png(w, h, seed):
    """A w x h RGB PNG, one colour per row, drawn with zlib."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + \
            struct.pack(">I", zlib.crc32(body) & 0xffffffff)
    rows = b"".join(b"\0" + bytes(((seed * 40 + y) % 256, (y * 7) % 256,
                                   200)) * w for y in range(h))
    return (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


GIF_1X1 = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff"
           b"!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01"
           b"\x00\x00\x02\x02D\x01\x00;")


def svg(w, h):
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" '
            'height="%d"><rect width="%d" height="%d" fill="teal"/>'
            '<circle cx="%d" cy="%d" r="%d" fill="orange"/></svg>\n'
            % (w, h, w, h, w // 2, h // 2, min(w, h) // 3)).encode()


# JPEGs taken from the tests: name here -> path from the top folder.
TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
COPIED = {
    "python.jpg": "tests/pdf/img/python.jpg",
    "photo.jpg": "tests/repros/in/notpng.png",	# a JPEG, 400 x 300
    "notpng.png": "tests/repros/in/notpng.png",	# wrong-ext
    "trunc.jpg": "tests/repros/in/trunc.jpg",	# trunc-jpeg
}


def write_pictures(imgdir):
    os.makedirs(imgdir, exist_ok=True)
    for name, path in COPIED.items():
        with open(os.path.join(TOP, path), "rb") as f, \
                open(os.path.join(imgdir, name), "wb") as g:
            g.write(f.read())
    for i, (name, (kind, w, h)) in enumerate(sorted(PICTURES.items())):
        data = png(w, h, i) if kind == "png" else \
            GIF_1X1 if kind == "gif" else svg(w, h)
        with open(os.path.join(imgdir, name), "wb") as f:
            f.write(data)


class Case:
    """One lecture being written: its blocks, notes and what it used."""

    def __init__(self, rng, skip):
        self.rng = rng
        self.skip = skip
        self.notes = []		# (label, text) definitions, in order
        self.headings = []	# ids to link to
        self.pictures_used = set()
        self.opening = True	# still on the first page, roughly
        self.last_rtl = False	# the last word was right-to-left
        self.scripts = ["latin"] + rng.sample(sorted(SCRIPTS), 3)

    def on(self, word):
        return word not in self.skip

    # -- inline material --------------------------------------------
    def word(self):
        r = self.rng
        x = r.random()
        if x < 0.02 and self.on("emoji"):
            return r.choice(EMOJI)
        if x < 0.03:
            return r.choice(NONCHARS)
        if x < 0.04 and self.on("controls"):
            return "w" + r.choice(CONTROLS) + "x"
        was_rtl, self.last_rtl = self.last_rtl, False
        if x < 0.07:
            rtl = RTL[r.choice(sorted(RTL))]
            # Two right-to-left words in a row crash Pango (bidi).
            if self.on("bidi"):
                return " ".join(r.sample(rtl, 2))
            if not was_rtl:
                self.last_rtl = True
                return r.choice(rtl)
        return r.choice(SCRIPTS[r.choice(self.scripts)])

    def words(self, n):
        return " ".join(self.word() for _ in range(n))

    def picture(self):
        """A picture file name for this case, or None."""
        r = self.rng
        names = sorted(PICTURES) + JPEGS
        if not self.on("gif-svg"):
            names = [n for n in names if PICTURES.get(n, ("jpg",))[0]
                     not in ("gif", "svg")]
        if not self.on("image-twice"):
            names = [n for n in names if n not in self.pictures_used]
        if not self.on("figure-top"):
            # One small picture, early, so that none can be pushed to
            # the top of page 2.
            if self.pictures_used:
                return None
            names = [n for n in names if PICTURES.get(n, JPEG_SIZES.get(
                n))[2] <= 80]
        if not names:
            return None
        name = r.choice(names)
        if self.on("trunc-jpeg") and r.random() < 0.05:
            name = "trunc.jpg"
        elif self.on("wrong-ext") and r.random() < 0.05:
            name = "notpng.png"
        self.pictures_used.add(name)
        return "img/" + name

    def note_ref(self, long_ok=True):
        r = self.rng
        if not self.on("note-100") and len(self.notes) >= 95:
            return ""
        label = "n%d" % (len(self.notes) + 1)
        size = r.choice([3, 8, 30, 120])
        if long_ok and self.on("note-long") and r.random() < 0.1:
            size = 1500
        text = self.words(size)
        if self.on("note-self") and r.random() < 0.1:
            text += " (see [^%s])" % label
        if self.on("note-from-note") and r.random() < 0.1:
            inner = "n%di" % (len(self.notes) + 1)
            self.notes.append((inner, self.words(6)))
            text += " [^%s]" % inner
        self.notes.append((label, text))
        return "[^%s]" % label

    def inline(self, n=12, in_table=False):
        """A run of text with emphasis, code, links, notes, pictures."""
        r = self.rng
        out = []
        for _ in range(n):
            x = r.random()
            w = self.word()
            if x < 0.05:
                out.append("*%s*" % w)
            elif x < 0.08:
                out.append("**%s**" % w)
            elif x < 0.10:
                out.append("~~%s~~" % w)
            elif x < 0.13:
                out.append("`%s`" % w.replace("`", ""))
            elif x < 0.16:
                target = r.choice(["#" + h for h in self.headings] +
                                  ["#nowhere", "https://example.org/a?b=1",
                                   "mailto:a@example.org", "#"])
                out.append("[%s](%s)" % (w, target))
            elif x < 0.19 and not in_table:
                out.append(w + self.note_ref())
            elif x < 0.20 and (self.opening or self.on("figure-top")):
                pic = self.picture()
                out.append("![%s](%s)" % (w, pic) if pic else w)
            elif x < 0.21:
                out.append(r.choice(["<span>%s</span>" % w, "<br>",
                                     "<kbd>%s</kbd>" % w]))
            elif x < 0.22 and self.on("bidi"):
                out.append("\u202e%s %s\u202c" % (w, self.word()))
            else:
                out.append(w)
        return " ".join(out).replace("|", "/")

    # -- blocks -----------------------------------------------------
    def heading(self):
        r = self.rng
        level = r.choice([2, 2, 3, 3, 4, 5, 6])
        if self.on("empty-heading") and r.random() < 0.05:
            return ["#" * level, ""]
        if r.random() < 0.5:
            return ["%s %s" % ("#" * level, self.words(r.randint(1, 6))),
                    ""]
        # Plain ASCII words: their id is known, so links can reach it.
        words = ["part", str(len(self.headings) + 1),
                 self.latin_short(), self.latin_short()]
        self.headings.append("-".join(words))
        return ["%s %s" % ("#" * level, " ".join(words).capitalize()), ""]

    def para(self):
        return [self.inline(self.rng.randint(3, 80)), ""]

    def figure(self):
        if not (self.opening or self.on("figure-top")):
            return self.para()
        pic = self.picture()
        if pic is None:
            return self.para()
        return ["![%s](%s)" % (self.words(self.rng.randint(0, 8)), pic),
                ""]

    def items(self, ordered, n, depth):
        r = self.rng
        out = []
        start = r.choice([1, 1, 1, 0, 7, 98]) if ordered else 1
        if not self.on("list-10") and ordered:
            start = min(start, 1)
            n = min(n, 9 - start)
        for i in range(n):
            mark = "%d." % (start + i) if ordered else r.choice("-*+")
            pad = " " * (len(mark) + 1)
            out.append("%s %s" % (mark, self.inline(r.randint(1, 20))))
            if depth < 3 and r.random() < 0.15:
                sub = self.items(r.random() < 0.5, r.randint(1, 4),
                                 depth + 1)
                out += [pad + s if s else "" for s in sub]
        return out

    def lst(self):
        r = self.rng
        n = r.choice([1, 3, 5, 9, 12, 30, 120])
        return self.items(r.random() < 0.5, n, 0) + [""]

    def quote(self):
        r = self.rng
        depth = r.choice([1, 1, 2, 3, 5, 8, 21, 30])
        if not self.on("deep-nesting"):
            depth = min(depth, 8)
        body = self.inner_blocks(r.randint(1, 3))
        return [">" * depth + " " + s if s else ">" * depth
                for s in body] + [""]

    def nested_list(self):
        r = self.rng
        depth = r.choice([4, 10, 22])
        if not self.on("deep-nesting"):
            depth = min(depth, 8)
        out = []
        for d in range(depth):
            out.append("  " * d + "- " + self.inline(r.randint(1, 6)))
        return out + [""]

    def table(self):
        r = self.rng
        ncols = r.randint(1, 8)
        nrows = r.choice([0, 1, 2, 4, 12])
        narrow = self.on("table-narrow") and r.random() < 0.3

        def cell():
            x = r.random()
            if narrow and x < 0.4:
                return r.choice(NARROW)
            if x < 0.1:
                return ""
            if x < 0.15 and self.on("table-tall"):
                return self.words(900)
            # Narrow columns break words: keep cells to words that fit
            # when there are many columns (table-narrow).
            n = r.choice([1, 2, 3, 6, 25])
            if not self.on("table-narrow"):
                n = min(n, max(1, 24 // ncols))
                return " ".join(self.latin_short() for _ in range(n))
            return self.inline(n, in_table=True)

        aligns = [r.choice(["---", ":--", "--:", ":-:"]) for _ in
                  range(ncols)]
        rows = ["| " + " | ".join(cell() for _ in range(ncols)) + " |"
                for _ in range(nrows + 1)]
        return [rows[0], "|" + "|".join(aligns) + "|"] + rows[1:] + [""]

    def latin_short(self):
        return self.rng.choice(["grain", "steel", "year", "plan", "work",
                                "land", "tax", "rice", "men", "war"])

    def code(self):
        r = self.rng
        lines = [self.words(r.randint(1, 10)).replace("```", "")
                 for _ in range(r.randint(1, 6))]
        return ["```" + r.choice(["", "c", "python"])] + lines + ["```", ""]

    def html(self):
        r = self.rng
        return [r.choice(["<div>%s</div>", "<!-- %s -->",
                          "<table><tr><td>%s</td></tr></table>",
                          "<p align=center>%s</p>"]) % self.words(5), ""]

    def rule(self):
        return ["---", ""] if self.rng.random() < 0.5 else ["***", ""]

    def inner_blocks(self, n):
        out = []
        for _ in range(n):
            out += self.rng.choice([self.para, self.lst, self.code,
                                    self.figure, self.table])()
        return out

    BLOCKS = ["heading", "para", "para", "para", "lst", "quote",
              "nested_list", "table", "table", "figure", "code", "html",
              "rule", "many_notes"]

    def many_notes(self):
        r = self.rng
        n = r.choice([2, 5, 12])
        if self.on("note-100") and r.random() < 0.2:
            n = 105
        if not self.on("note-100"):
            n = min(n, 99 - len(self.notes))
        return [" ".join(self.word() + self.note_ref(long_ok=False)
                         for _ in range(max(n, 0))), ""]

    def two_refs_long(self):
        """Two references on one line, the first note a page long."""
        a = self.note_ref(long_ok=False)
        self.notes[-1] = (self.notes[-1][0], self.words(900))
        return [self.words(5) + a + " x" + self.note_ref(False) + " end.",
                ""]

    def front(self):
        r = self.rng
        title = self.words(r.randint(1, 8)).replace('"', "")
        lines = ["---", 'title: "%s"' % title.replace("\\", "")]
        if r.random() < 0.5:
            lines.append("number: %d.%02d" % (r.randint(1, 9),
                                              r.randint(1, 40)))
        if r.random() < 0.3:
            lines.append("lang: " + r.choice(["en", "de", "zh-Hans", "ja",
                                              "el", "ru"]))
        if r.random() < 0.3:
            lines.append("cjk-lang: " + r.choice(["zh-Hans", "zh-Hant",
                                                  "ja"]))
        if r.random() < 0.3:
            lines.append('author: "%s"' % self.words(2).replace('"', ""))
        if r.random() < 0.3:
            lines.append("date: 2018-03-%02d" % r.randint(1, 28))
        return lines + ["---", ""]

    def lecture(self):
        r = self.rng
        out = self.front()
        # The opening: a few short blocks that stay on the first page,
        # where a picture cannot be first on a later page (figure-top).
        for _ in range(r.randint(0, 2)):
            out += r.choice([self.figure, self.para])()
        self.opening = False
        # Headings first, so links can point forward and back.
        nblocks = r.randint(3, 14)
        for _ in range(nblocks):
            out += getattr(self, r.choice(self.BLOCKS))()
        if self.on("note-long") and r.random() < 0.1:
            out += self.two_refs_long()
        for label, text in self.notes:
            out.append("[^%s]: %s" % (label, text))
            if self.rng.random() < 0.2:
                out += ["", "    " + self.words(20)]
            out.append("")
        return "\n".join(out) + "\n"


def main(argv):
    skip, seed = set(), 1
    while argv and argv[0].startswith("--"):
        if argv[0] == "--skip":
            skip = set(argv[1].split())
        elif argv[0] == "--seed":
            seed = int(argv[1])
        else:
            sys.exit(__doc__)
        argv = argv[2:]
    if len(argv) != 3:
        sys.exit(__doc__)
    outdir, first, count = argv[0], int(argv[1]), int(argv[2])
    write_pictures(os.path.join(outdir, "img"))
    for k in range(first, first + count):
        rng = random.Random("%d/%d" % (seed, k))
        text = Case(rng, skip).lecture()
        with open(os.path.join(outdir, "g%05d.md" % k), "w",
                  encoding="utf-8", errors="surrogatepass") as f:
            f.write(text)


if __name__ == "__main__":
    main(sys.argv[1:])
