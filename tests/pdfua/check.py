#!/usr/bin/python3
"""PDF/UA-1 and PDF/A-2b checks for the PDFs lectern writes (veraPDF is not in Debian).

Usage: python3 tests/pdfua/check.py [--max-font-per-glyph BYTES] FILE.pdf...
Prints one line per failed rule, "FILE: RULE: what", and exits 1 if any
failed.  Needs Debian's python3-pikepdf.

Every machine-checkable rule that applies to what lectern writes, each
with where it comes from: "M" is a failure condition of the Matterhorn
Protocol 1.1 (PDF/UA-1, ISO 14289-1), "A" a clause of ISO 19005-2
(PDF/A-2, level B), "U" a clause of ISO 14289-1 (PDF/UA-1) with the
Matterhorn checkpoint it falls under where we did not pin the failure
condition's number, "L" lectern's own.

  A 6.1.2     header %PDF-1.n, then a comment of four bytes above 127
  A 6.1.3     trailer has an ID; no Encrypt
  A 6.1.7.1   no stream has F, FFilter or FDecodeParms
  A 6.1.7.2   no LZWDecode filter
  A 6.2.3     one PDF/A output intent (GTS_PDFA1) whose DestOutputProfile
              is an ICC profile (acsp) with N matching its colour space
  A 6.2.4.3   DeviceRGB used only with an RGB output intent
  A 6.2.11.3.2 every CIDFontType2 has a CIDToGIDMap
  A 6.2.11.4.1 every font used has its program embedded
  A 6.2.11.5  CID TrueType widths (W) equal the program's hmtx advances
  A 6.3.2     annotations: F present, Print set, Hidden/Invisible/NoView clear
  A 6.5.1     no Launch, JavaScript, ImportData, ResetForm... actions
  A 6.6.2.1   catalog Metadata: an XMP packet (xpacket without bytes or
              encoding attributes), unfiltered
  A 6.6.2.3.1 properties outside the schemas of ISO 19005-2 (pdfuaid)
              are described by a PDF/A extension schema
  A 6.6.3     the information dictionary agrees with the XMP (Title,
              Author, Subject, Keywords, Creator, Producer, dates)
  A 6.6.4     pdfaid:part 2, pdfaid:conformance B
  M 01-003    no artifact inside tagged content
  M 01-004    no tagged content (MCID) inside an artifact
  M 01-005    every text, path and image is inside tagged content or an
              artifact (ISO 14289-1, 7.1)
  M 01-007    MarkInfo Suspects is not true
  U 7.1       MarkInfo Marked is true (ISO 14289-1, Matterhorn checkpoint 01)
  M 02-001    every structure type is a standard one or role-mapped (7.1)
  M 06-001    the catalog has an XMP Metadata stream (7.1)
  M 06-002    the XMP has pdfuaid:part (5)
  M 06-003    the XMP has dc:title (7.1)
  M 07-001    ViewerPreferences has DisplayDocTitle
  M 07-002    DisplayDocTitle is true
  M 09-004    TR only in Table/THead/TBody/TFoot, TH/TD only in TR (7.5)
  M 09-005    LI only in L, Lbl/LBody only in LI (7.6)
  M 11-006    the catalog has /Lang, a well-formed BCP 47 tag (7.2); so
              does every /Lang on a structure element (11-001..11-005)
  M 13-004    every Figure has Alt or ActualText (7.3)
  M 14-002    the first numbered heading is H1 (7.4.2)
  M 14-003    numbered headings skip no level going down (7.4.2)
  M 15-003    every TH has a Scope (tables without Headers/IDs; 7.5)
  M 19-003    every Note has an ID (7.9)
  M 19-004    Note IDs are unique (7.9)
  U 7.18.1    every annotation (here: links) has Contents (checkpoint 28)
  U 7.18.3    a page with annotations has Tabs /S (checkpoint 28)
  U 7.18.5    every link annotation is an OBJR kid of a Link element
              (checkpoint 28)
  U 7.21.4.1  every font program is embedded (checkpoint 31)
  U 7.21.7    every font used has a ToUnicode map (checkpoints 10, 31)
  L 1         the parent tree maps every MCID in content to the element
              that holds it (ISO 32000-1, 14.7.4.4)
  L 2         no page label range is empty (/PageLabels has entries)
  L 3         no embedded font program is larger than the given bytes per
              glyph it holds (--max-font-per-glyph)
"""

import re
import struct
import sys
import xml.etree.ElementTree as ET

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
}

# ISO 32000-1, 14.8.4: the standard structure types.
STANDARD = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index
NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead
TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP
Warichu WT WP Figure Formula Form""".split())

# BCP 47, the shape of it (RFC 5646, 2.1), enough to catch junk.
BCP47 = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")

FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm",
                     "/ImportData", "/JavaScript", "/Hide", "/SetOCGState",
                     "/Rendition", "/Trans", "/GoTo3DView"}

TEXT_OPS = {"Tj", "TJ", "'", '"'}
PAINT_OPS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do",
             "BI", "INLINE IMAGE"}


class Checker:
    def __init__(self, path, max_per_glyph):
        self.path = path
        self.max_per_glyph = max_per_glyph
        self.failures = []
        self.pdf = pikepdf.open(path)
        self.root = self.pdf.Root

    def fail(self, rule, what):
        self.failures.append(f"{self.path}: {rule}: {what}")

    # --- file level (ISO 19005-2, 6.1) ---

    def header(self):
        with open(self.path, "rb") as f:
            head = f.read(64)
        if not re.match(rb"%PDF-1\.[0-7]\r?\n?", head):
            self.fail("A 6.1.2", "no %PDF-1.n header")
        lines = head.split(b"\n")
        if len(lines) < 2 or not lines[1].startswith(b"%") or \
                sum(1 for c in lines[1][1:5] if c > 127) < 4:
            self.fail("A 6.1.2", "no binary comment after the header")
        if "/ID" not in self.pdf.trailer:
            self.fail("A 6.1.3", "trailer has no ID")
        if "/Encrypt" in self.pdf.trailer:
            self.fail("A 6.1.3", "file is encrypted")
        for obj in self.pdf.objects:
            if not isinstance(obj, Stream):
                continue
            d = obj.stream_dict
            for k in ("/F", "/FFilter", "/FDecodeParms"):
                if k in d:
                    self.fail("A 6.1.7.1", f"stream has {k}")
            flt = d.get("/Filter")
            names = [str(x) for x in flt] if isinstance(flt, Array) else \
                [str(flt)] if flt is not None else []
            if "/LZWDecode" in names:
                self.fail("A 6.1.7.2", "LZWDecode filter")

    # --- colour (6.2.3, 6.2.4.3) ---

    def output_intent(self):
        ois = self.root.get("/OutputIntents")
        pdfa = [oi for oi in (ois or []) if oi.get("/S") == Name.GTS_PDFA1]
        if len(pdfa) != 1:
            self.fail("A 6.2.3", f"{len(pdfa)} GTS_PDFA1 output intents")
            self.rgb_intent = False
            return
        prof = pdfa[0].get("/DestOutputProfile")
        if not isinstance(prof, Stream):
            self.fail("A 6.2.3", "output intent has no DestOutputProfile")
            self.rgb_intent = False
            return
        icc = prof.read_bytes()
        space = icc[16:20]
        n = {b"RGB ": 3, b"GRAY": 1, b"CMYK": 4}.get(space)
        if icc[36:40] != b"acsp":
            self.fail("A 6.2.3", "DestOutputProfile is not an ICC profile")
        if n is None or prof.stream_dict.get("/N") != n:
            self.fail("A 6.2.3", f"profile space {space!r}, N "
                      f"{prof.stream_dict.get('/N')}")
        self.rgb_intent = space == b"RGB "

    # --- fonts (6.2.11, Matterhorn 31) ---

    def fonts(self):
        seen = set()
        for page in self.pdf.pages:
            res = page.obj.get("/Resources", Dictionary())
            for name, font in (res.get("/Font") or {}).items():
                if font.objgen in seen:
                    continue
                seen.add(font.objgen)
                self.font(name, font)

    def font(self, name, font):
        base = str(font.get("/BaseFont", name))
        if "/ToUnicode" not in font:
            self.fail("U 7.21.7", f"{base} has no ToUnicode")
        desc = font.get("/FontDescriptor")
        cid = None
        if font.get("/Subtype") == Name.Type0:
            cid = font.DescendantFonts[0]
            desc = cid.get("/FontDescriptor")
            if cid.get("/Subtype") == Name.CIDFontType2 and \
                    "/CIDToGIDMap" not in cid:
                self.fail("A 6.2.11.3.2", f"{base} has no CIDToGIDMap")
        if font.get("/Subtype") == Name.Type3:
            return
        prog = None
        for k in ("/FontFile", "/FontFile2", "/FontFile3"):
            if desc is not None and k in desc:
                prog = desc[k]
        if prog is None:
            self.fail("A 6.2.11.4.1", f"{base} is not embedded")
            self.fail("U 7.21.4.1", f"{base} is not embedded")
            return
        data = prog.read_bytes()
        nglyphs = self.glyphs_held(font, cid)
        if self.max_per_glyph and nglyphs and \
                len(data) > self.max_per_glyph * nglyphs:
            self.fail("L 3", f"{base}: {len(data)} bytes for {nglyphs} "
                      f"glyphs (> {self.max_per_glyph} a glyph)")
        if cid is not None and cid.get("/Subtype") == Name.CIDFontType2 \
                and cid.get("/CIDToGIDMap") == Name.Identity:
            self.widths(base, cid, data)

    @staticmethod
    def glyphs_held(font, cid):
        if cid is not None:
            n, w = 0, list(cid.get("/W", []))
            i = 0
            while i + 1 < len(w):
                if isinstance(w[i + 1], Array):
                    n += len(w[i + 1])
                    i += 2
                else:
                    n += int(w[i + 1]) - int(w[i]) + 1
                    i += 3
            return n
        return sum(1 for x in font.get("/Widths", []) if float(x) != 0)

    def widths(self, base, cid, data):
        """W against hmtx: the advances the program draws with."""
        try:
            tables = {}
            ntab = struct.unpack(">H", data[4:6])[0]
            for i in range(ntab):
                tag, _, off, ln = struct.unpack(">4sIII",
                                                data[12 + 16 * i:28 + 16 * i])
                tables[tag] = data[off:off + ln]
            upem = struct.unpack(">H", tables[b"head"][18:20])[0]
            nhm = struct.unpack(">H", tables[b"hhea"][34:36])[0]
            hmtx = tables[b"hmtx"]
        except (KeyError, struct.error):
            self.fail("A 6.2.11.5", f"{base}: program has no hmtx to check")
            return

        def adv(g):
            g = min(g, nhm - 1)
            return struct.unpack(">H", hmtx[4 * g:4 * g + 2])[0] * 1000 / upem

        w = list(cid.get("/W", []))
        i = 0
        while i + 1 < len(w):
            if isinstance(w[i + 1], Array):
                pairs = [(int(w[i]) + k, float(x))
                         for k, x in enumerate(w[i + 1])]
                i += 2
            else:
                pairs = [(g, float(w[i + 2]))
                         for g in range(int(w[i]), int(w[i + 1]) + 1)]
                i += 3
            for g, width in pairs:
                if abs(adv(g) - width) > 1:
                    self.fail("A 6.2.11.5", f"{base}: glyph {g} W {width} "
                              f"but hmtx {adv(g):.0f}")
                    return

    # --- annotations and actions (6.3, 6.5, Matterhorn 28) ---

    def annotations(self):
        for n, page in enumerate(self.pdf.pages, 1):
            annots = page.obj.get("/Annots") or []
            if len(annots) and "/Tabs" not in page.obj:
                self.fail("U 7.18.3", f"page {n} has annotations, no Tabs")
            elif len(annots) and page.obj.Tabs != Name.S:
                self.fail("U 7.18.3", f"page {n} Tabs is {page.obj.Tabs}")
            for a in annots:
                f = int(a.get("/F", 0))
                if "/F" not in a or not f & 4 or f & (1 | 2 | 32):
                    self.fail("A 6.3.2", f"page {n}: annotation flags {f}")
                if "/Contents" not in a:
                    self.fail("U 7.18.1", f"page {n}: annotation has no "
                              "Contents")
                if a.get("/Subtype") == Name.Link and \
                        a.objgen not in self.link_objrs:
                    self.fail("U 7.18.5", f"page {n}: link annotation not "
                              "in a Link element")
                act = a.get("/A")
                if act is not None and str(act.get("/S")) in \
                        FORBIDDEN_ACTIONS:
                    self.fail("A 6.5.1", f"page {n}: {act.get('/S')} action")

    # --- metadata (6.6, Matterhorn 06, 07, 11) ---

    def metadata(self):
        md = self.root.get("/Metadata")
        if not isinstance(md, Stream):
            self.fail("M 06-001", "no XMP Metadata stream")
            self.fail("A 6.6.2.1", "no XMP Metadata stream")
            return
        if "/Filter" in md.stream_dict:
            self.fail("A 6.6.2.1", "Metadata stream is filtered")
        raw = md.read_bytes()
        m = re.match(rb"<\?xpacket ([^?]*)\?>", raw)
        if not m or b"bytes=" in m.group(1) or b"encoding=" in m.group(1):
            self.fail("A 6.6.2.1", "no plain xpacket header")
        try:
            x = ET.fromstring(raw)
        except ET.ParseError as e:
            self.fail("A 6.6.2.1", f"XMP does not parse: {e}")
            return

        def prop(path):
            e = x.find(".//rdf:Description/" + path, NS)
            return None if e is None else (e.text or "").strip()

        if prop("pdfaid:part") != "2":
            self.fail("A 6.6.4", f"pdfaid:part {prop('pdfaid:part')}")
        if prop("pdfaid:conformance") != "B":
            self.fail("A 6.6.4", "pdfaid:conformance "
                      f"{prop('pdfaid:conformance')}")
        if prop("pdfuaid:part") != "1":
            self.fail("M 06-002", f"pdfuaid:part {prop('pdfuaid:part')}")
        if prop("pdfuaid:part") is not None and not any(
                (e.text or "").strip() == "pdfuaid" for e in
                x.iterfind(".//pdfaExtension:schemas//pdfaSchema:prefix",
                           NS)):
            self.fail("A 6.6.2.3.1", "pdfuaid has no extension schema")
        title = prop("dc:title/rdf:Alt/rdf:li")
        if not title:
            self.fail("M 06-003", "XMP has no dc:title")
        info = self.pdf.trailer.get("/Info") or Dictionary()
        pairs = [("/Title", title),
                 ("/Author", prop("dc:creator/rdf:Seq/rdf:li")),
                 ("/Subject", prop("dc:description/rdf:Alt/rdf:li")),
                 ("/Keywords", prop("pdf:Keywords")),
                 ("/Creator", prop("xmp:CreatorTool")),
                 ("/Producer", prop("pdf:Producer"))]
        for key, xv in pairs:
            iv = str(info[key]) if key in info else None
            if iv != xv:
                self.fail("A 6.6.3", f"Info {key} {iv!r}, XMP {xv!r}")
        for key, xp in (("/CreationDate", "xmp:CreateDate"),
                        ("/ModDate", "xmp:ModifyDate")):
            iv = str(info[key]) if key in info else None
            xv = prop(xp)
            if (iv is None) != (xv is None) or \
                    (iv and norm_date(iv, PDF_DATE) !=
                     norm_date(xv, XMP_DATE)):
                self.fail("A 6.6.3", f"Info {key} {iv!r}, XMP {xp} {xv!r}")

    def catalog(self):
        vp = self.root.get("/ViewerPreferences")
        if vp is None or "/DisplayDocTitle" not in vp:
            self.fail("M 07-001", "no DisplayDocTitle")
        elif not bool(vp.DisplayDocTitle):
            self.fail("M 07-002", "DisplayDocTitle is false")
        lang = str(self.root.get("/Lang", ""))
        if not BCP47.match(lang):
            self.fail("M 11-006", f"catalog Lang {lang!r}")
        mi = self.root.get("/MarkInfo") or Dictionary()
        if not bool(mi.get("/Marked", False)):
            self.fail("U 7.1", "MarkInfo Marked is not true")
        if bool(mi.get("/Suspects", False)):
            self.fail("M 01-007", "MarkInfo Suspects is true")
        pl = self.root.get("/PageLabels")
        if pl is None or len(pl.get("/Nums", [])) == 0:
            self.fail("L 2", "PageLabels missing or empty")

    # --- structure (Matterhorn 01, 02, 09, 13, 14, 15, 19) ---

    def structure(self):
        self.link_objrs = set()
        self.mcid_owner = {}        # (page objgen, mcid) -> element objgen
        tr = self.root.get("/StructTreeRoot")
        if tr is None:
            self.fail("M 01-005", "no structure tree")
            return
        rolemap = tr.get("/RoleMap") or Dictionary()
        self.headings = []
        self.note_ids = {}
        kids = tr.get("/K")
        for k in (kids if isinstance(kids, Array) else [kids]):
            self.element(k, None, rolemap, 0)
        nums = [h for h in self.headings if re.match(r"H[1-6]$", h)]
        if nums and nums[0] != "H1":
            self.fail("M 14-002", f"first numbered heading is {nums[0]}")
        for a, b in zip(nums, nums[1:]):
            if int(b[1]) > int(a[1]) + 1:
                self.fail("M 14-003", f"{a} followed by {b}")
                break
        self.parent_tree(tr)

    def element(self, e, parent, rolemap, depth):
        if not isinstance(e, Dictionary) or "/S" not in e or depth > 200:
            return
        s = str(e.S)[1:]
        std = str(rolemap[e.S])[1:] if e.S in rolemap else s
        if std not in STANDARD:
            self.fail("M 02-001", f"structure type {s} is not standard")
        if std == "TR" and parent not in ("Table", "THead", "TBody",
                                          "TFoot"):
            self.fail("M 09-004", f"TR in {parent}")
        if std in ("TH", "TD") and parent != "TR":
            self.fail("M 09-004", f"{std} in {parent}")
        if std == "LI" and parent != "L":
            self.fail("M 09-005", f"LI in {parent}")
        if std in ("Lbl", "LBody") and parent not in ("LI",):
            self.fail("M 09-005", f"{std} in {parent}")
        if std == "Figure" and "/Alt" not in e and "/ActualText" not in e:
            self.fail("M 13-004", "Figure without Alt")
        if std == "TH" and not has_scope(e):
            self.fail("M 15-003", "TH without Scope")
        if std == "Note":
            nid = bytes(e["/ID"]) if "/ID" in e else None
            if nid is None:
                self.fail("M 19-003", "Note without ID")
            elif nid in self.note_ids:
                self.fail("M 19-004", f"Note ID {nid!r} repeated")
            else:
                self.note_ids[nid] = True
        # "xx" is Pango's word for a script with no language of its
        # own, never a language a reader could be told.
        if "/Lang" in e and (not BCP47.match(str(e.Lang)) or
                             str(e.Lang).lower() == "xx"):
            self.fail("M 11-001", f"{s} Lang {str(e.Lang)!r}")
        if std.startswith("H"):
            self.headings.append(std)
        pg = e.get("/Pg")
        kids = e.get("/K")
        for k in (kids if isinstance(kids, Array) else
                  [] if kids is None else [kids]):
            if isinstance(k, int):
                self.own(pg, int(k), e)
            elif isinstance(k, Dictionary) and "/MCID" in k:
                self.own(k.get("/Pg", pg), int(k.MCID), e)
            elif isinstance(k, Dictionary) and "/Obj" in k:
                if std == "Link":
                    self.link_objrs.add(k.Obj.objgen)
            else:
                self.element(k, std, rolemap, depth + 1)

    def own(self, pg, mcid, e):
        if pg is not None:
            self.mcid_owner[(pg.objgen, mcid)] = e.objgen

    def parent_tree(self, tr):
        pt = tr.get("/ParentTree")
        self.tree_of = {}
        if pt is None:
            self.fail("L 1", "no ParentTree")
            return
        nums = number_tree(pt)
        for page in self.pdf.pages:
            key = page.obj.get("/StructParents")
            arr = nums.get(int(key)) if key is not None else None
            self.tree_of[page.obj.objgen] = arr

    # --- content (Matterhorn 01, ParentTree) ---

    def content(self):
        for n, page in enumerate(self.pdf.pages, 1):
            arr = self.tree_of.get(page.obj.objgen) \
                if hasattr(self, "tree_of") else None
            stack = []           # ("art"|"mcid"|"other", mcid)
            bad = set()
            for operands, op in pikepdf.parse_content_stream(page):
                op = str(op)
                if op in ("BDC", "BMC"):
                    tag = str(operands[0])
                    props = operands[1] if len(operands) > 1 else None
                    mcid = None
                    if isinstance(props, Dictionary) and "/MCID" in props:
                        mcid = int(props.MCID)
                    if tag == "/Artifact":
                        if any(k == "mcid" for k, _ in stack):
                            bad.add(("M 01-003", "artifact inside tagged "
                                     "content"))
                        if mcid is not None:
                            bad.add(("M 01-004", "artifact has an MCID"))
                        stack.append(("art", None))
                    elif mcid is not None:
                        if any(k == "art" for k, _ in stack):
                            bad.add(("M 01-004", "tagged content inside an "
                                     "artifact"))
                        stack.append(("mcid", mcid))
                        self.check_mcid(n, page, arr, mcid, bad)
                    else:
                        stack.append(("other", None))
                elif op == "EMC":
                    if stack:
                        stack.pop()
                elif op in TEXT_OPS or op in PAINT_OPS:
                    if not any(k in ("art", "mcid") for k, _ in stack):
                        bad.add(("M 01-005", f"{op} neither tagged nor an "
                                 "artifact"))
            for rule, what in sorted(bad):
                self.fail(rule, f"page {n}: {what}")

    def check_mcid(self, n, page, arr, mcid, bad):
        owner = self.mcid_owner.get((page.obj.objgen, mcid))
        if owner is None:
            bad.add(("L 1", f"MCID {mcid} in no structure element"))
            return
        if arr is None or mcid >= len(arr) or \
                not isinstance(arr[mcid], Dictionary) or \
                arr[mcid].objgen != owner:
            bad.add(("L 1", f"MCID {mcid}: ParentTree disagrees"))

    def colour(self):
        if self.rgb_intent:
            return
        for page in self.pdf.pages:
            grp = page.obj.get("/Group")
            uses = grp is not None and grp.get("/CS") == Name.DeviceRGB
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) in ("rg", "RG"):
                    uses = True
                    break
            if uses:
                self.fail("A 6.2.4.3", "DeviceRGB without an RGB output "
                          "intent")
                return

    def run(self):
        self.header()
        self.output_intent()
        self.colour()
        self.structure()
        self.fonts()
        self.annotations()
        self.metadata()
        self.catalog()
        self.content()
        return self.failures


def has_scope(e):
    attrs = e.get("/A")
    for a in (attrs if isinstance(attrs, Array) else
              [] if attrs is None else [attrs]):
        if isinstance(a, Dictionary) and "/Scope" in a:
            return True
    return False


def number_tree(node):
    out = {}
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums) - 1, 2):
            out[int(nums[i])] = nums[i + 1]
    for k in node.get("/Kids", []):
        out.update(number_tree(k))
    return out


PDF_DATE = re.compile(r"D:(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?"
                      r"(Z|[+-]\d\d'?\d\d'?)?")
XMP_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):?(\d\d)?"
                      r"(Z|[+-]\d\d:\d\d)?")


def norm_date(s, pattern):
    """A PDF or XMP date as YYYYMMDDhhmmss+hhmm, to compare; or None."""
    m = pattern.match(s) if s is not None else None
    if not m:
        return None
    g = [x or "00" for x in m.groups()[:6]]
    tz = re.sub("[':]", "", m.group(7) or "Z")
    return "".join(g) + ("+0000" if tz in ("Z", "+0000", "-0000") else tz)


def main(argv):
    max_per_glyph = 0
    if len(argv) > 2 and argv[1] == "--max-font-per-glyph":
        max_per_glyph = int(argv[2])
        argv = argv[2:]
    failures = []
    for path in argv[1:]:
        failures += Checker(path, max_per_glyph).run()
    for f in failures:
        print(f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
