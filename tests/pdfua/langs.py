"""The languages a lecture's two books tag its words with, compared.

usage: langs.py BOOK.pdf BOOK.epub

Lists each language tagged on words inside the body (not the whole
document's), with the kind of block holding them: a heading, a caption
or any other block; from the PDF's structure elements and from the
EPUB's chapters (the nav repeats the headings).  Exits 1 unless both
lists are the same: check.c decides each run's language once, and both
writers tag it.
"""
import sys
import zipfile
import xml.etree.ElementTree as ET

import pikepdf

XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def pdf_kind(tag):
    if tag in ("H", "H1", "H2", "H3", "H4", "H5", "H6"):
        return "heading"
    return "caption" if tag == "Caption" else "block"


def html_kind(tag):
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return "heading"
    return "caption" if tag == "figcaption" else "block"


def pdf_langs(path):
    out = set()
    with pikepdf.open(path) as pdf:
        roles = pdf.Root.StructTreeRoot.get("/RoleMap", {})
        stack = [(pdf.Root.StructTreeRoot.K, "block")]
        while stack:
            e, kind = stack.pop()
            if isinstance(e, pikepdf.Array):
                stack.extend((k, kind) for k in e)
                continue
            if not isinstance(e, pikepdf.Dictionary) or "/S" not in e:
                continue
            tag = str(e.S)[1:]
            tag = str(roles.get("/" + tag, "/" + tag))[1:]
            if tag in ("Document", "Part", "Sect", "Div"):
                here = "block"
            elif pdf_kind(tag) != "block":
                here = pdf_kind(tag)
            else:
                here = kind
            if "/Lang" in e:
                out.add((here, str(e.Lang)))
            if "/K" in e:
                stack.append((e.K, here))
    return out


def epub_langs(path):
    out = set()
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not name.endswith(".xhtml") or name.endswith("nav.xhtml"):
                continue
            body = ET.fromstring(z.read(name)).find(XHTML + "body")
            stack = [(body, "block")]
            while stack:
                e, kind = stack.pop()
                tag = e.tag.replace(XHTML, "")
                here = html_kind(tag) if html_kind(tag) != "block" else (
                    "block" if tag in ("section", "body") else kind)
                if e.get("lang") is not None and e is not body:
                    out.add((here, e.get("lang")))
                stack.extend((c, here) for c in e)
    return out


def main(argv):
    pdf, epub = pdf_langs(argv[1]), epub_langs(argv[2])
    show = lambda s: " ".join(f"{k}:{l}" for k, l in sorted(s))
    print("pdf: ", show(pdf))
    print("epub:", show(epub))
    return 0 if pdf == epub else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
