"""Reading `mutool draw -F stext` output, for cjkcheck.py and margins.py."""

import xml.etree.ElementTree as ET


def read(path):
    """Pages, each a list of mutool's blocks, each a list of its lines,
    each a list of characters (char, origin x, quad x0, quad x1, font
    size), trailing white space dropped, empty lines left out.  Raises
    OSError or ET.ParseError."""
    pages = []
    for page in ET.parse(path).getroot().iter("page"):
        blocks = []
        for block in page.iter("block"):
            lines = []
            for line in block.iter("line"):
                chars = []
                for font in line.iter("font"):
                    size = float(font.get("size"))
                    for ch in font.iter("char"):
                        q = [float(v) for v in ch.get("quad").split()]
                        chars.append((ch.get("c"), float(ch.get("x")),
                                      q[0], q[2], size))
                while chars and chars[-1][0].isspace():
                    chars.pop()
                if chars:
                    lines.append(chars)
            if lines:
                blocks.append(lines)
        pages.append(blocks)
    return pages
