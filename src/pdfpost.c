/* After cairo: PDF/UA-1 and PDF/A-2b parts cairo 1.16 cannot write, with qpdf. */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/xmlwriter.h>
#include <qpdf/qpdf-c.h>
#include <zlib.h>

#include "diag.h"
#include "output.h"
#include "pdfpost.h"
#include "pdfpost-content.h"
#include "util.h"

#ifndef ICC_PROFILE
#define ICC_PROFILE	"/usr/share/color/icc/sRGB.icc"	/* icc-profiles-free */
#endif
#define ICC_NAME	"sRGB IEC61966-2.1"
#define MAXTREE		256	/* structure depth we follow */

/* An annotation and the element that owns it, both handles. */
struct annot {
	qpdf_oh			 elem, annot;
};

/* The rewrite in progress. */
struct post {
	qpdf_data		 q;
	const struct pdfpost	*pp;
	const char		*path;		/* for messages */
	size_t			 next;		/* next pp->elems to match */
	qpdf_oh			*mcids;		/* per page: MCID -> element */
	int			*nmcids;	/* per page: length of mcids */
	int			 npages;
	qpdf_oh			 nums;		/* the new parent tree's Nums */
	int			 maxkey;
	struct annot		*annots;	/* owned, in the walk's order */
	size_t			 nannots, cannots;
	qpdf_oh			*held;		/* see hold() */
	size_t			 nheld, cheld;
	int			 notes;		/* Note elements so far */
	const char		*err;		/* our own message, or NULL */
};

struct pdfpost_elem *
pdfpost_elem(struct pdfpost *pp, const char *tag)
{
	struct pdfpost_elem	*e;

	pp->elems = xgrow(pp->elems, &pp->celems, pp->nelems + 1,
	    sizeof(*pp->elems));
	e = &pp->elems[pp->nelems++];
	memset(e, 0, sizeof(*e));
	e->tag = xstrdup(tag);
	return e;
}

void
pdfpost_free(struct pdfpost *pp)
{
	size_t	 i;

	for (i = 0; i < pp->nelems; i++) {
		free(pp->elems[i].tag);
		free(pp->elems[i].alt);
		free(pp->elems[i].lang);
		free(pp->elems[i].contents);
	}
	free(pp->elems);
	free(pp->folios);
	memset(pp, 0, sizeof(*pp));
}

/* --- the document: catalog, information, XMP --------------------- */

/* t as an XMP date and as a PDF date (fmt picks which). */
static void
date(time_t t, int pdf, char *out, size_t sz)
{
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(out, sz, pdf ? "D:%Y%m%d%H%M%S+00'00'" :
	    "%Y-%m-%dT%H:%M:%S+00:00", &tm);
}

/* <ns:name><rdf:KIND><rdf:li [xml:lang]>text</rdf:li></rdf:KIND></ns:name> */
static void
xmp_list(xmlTextWriterPtr w, const char *name, const char *kind,
    const char *text, int alt)
{
	xmlTextWriterStartElement(w, BAD_CAST name);
	xmlTextWriterStartElement(w, BAD_CAST kind);
	xmlTextWriterStartElement(w, BAD_CAST "rdf:li");
	if (alt)
		xmlTextWriterWriteAttribute(w, BAD_CAST "xml:lang",
		    BAD_CAST "x-default");
	xmlTextWriterWriteString(w, BAD_CAST text);
	xmlTextWriterEndElement(w);
	xmlTextWriterEndElement(w);
	xmlTextWriterEndElement(w);
}

static void
xmp_text(xmlTextWriterPtr w, const char *name, const char *text)
{
	xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST text);
}

/* Open <KIND><rdf:li rdf:parseType="Resource">: a list of one structure. */
static void
xmp_resource(xmlTextWriterPtr w, const char *kind)
{
	xmlTextWriterStartElement(w, BAD_CAST kind);
	xmlTextWriterStartElement(w, BAD_CAST "rdf:li");
	xmlTextWriterWriteAttribute(w, BAD_CAST "rdf:parseType",
	    BAD_CAST "Resource");
}

/*
 * PDF/A-2 accepts only the XMP schemas ISO 19005 names; pdfuaid must
 * describe itself in an extension schema (ISO 19005-2, 6.6.2.3.2).
 */
static void
xmp_pdfua_schema(xmlTextWriterPtr w)
{
	xmlTextWriterStartElement(w, BAD_CAST "pdfaExtension:schemas");
	xmp_resource(w, "rdf:Bag");
	xmp_text(w, "pdfaSchema:schema", "PDF/UA Universal Accessibility");
	xmp_text(w, "pdfaSchema:namespaceURI",
	    "http://www.aiim.org/pdfua/ns/id/");
	xmp_text(w, "pdfaSchema:prefix", "pdfuaid");
	xmlTextWriterStartElement(w, BAD_CAST "pdfaSchema:property");
	xmp_resource(w, "rdf:Seq");
	xmp_text(w, "pdfaProperty:name", "part");
	xmp_text(w, "pdfaProperty:valueType", "Integer");
	xmp_text(w, "pdfaProperty:category", "internal");
	xmp_text(w, "pdfaProperty:description",
	    "Part of ISO 14289 the file conforms to");
	xmlTextWriterEndElement(w);	/* rdf:li */
	xmlTextWriterEndElement(w);	/* rdf:Seq */
	xmlTextWriterEndElement(w);	/* pdfaSchema:property */
	xmlTextWriterEndElement(w);	/* rdf:li */
	xmlTextWriterEndElement(w);	/* rdf:Bag */
	xmlTextWriterEndElement(w);	/* pdfaExtension:schemas */
}

static const char *const xmp_ns[][2] = {
	{ "xmlns:dc", "http://purl.org/dc/elements/1.1/" },
	{ "xmlns:xmp", "http://ns.adobe.com/xap/1.0/" },
	{ "xmlns:pdf", "http://ns.adobe.com/pdf/1.3/" },
	{ "xmlns:pdfaid", "http://www.aiim.org/pdfa/ns/id/" },
	{ "xmlns:pdfuaid", "http://www.aiim.org/pdfua/ns/id/" },
	{ "xmlns:pdfaExtension", "http://www.aiim.org/pdfa/ns/extension/" },
	{ "xmlns:pdfaSchema", "http://www.aiim.org/pdfa/ns/schema#" },
	{ "xmlns:pdfaProperty", "http://www.aiim.org/pdfa/ns/property#" },
};

/*
 * The XMP packet, saying what the information dictionary says (ISO
 * 19005-2, 6.6.3: the two must agree) and which parts the file claims.
 * Caller frees the buffer.
 */
static xmlBufferPtr
xmp(const struct pdfpost *pp, const char *producer)
{
	xmlBufferPtr		 b = xmlBufferCreate();
	xmlTextWriterPtr	 w = xmlNewTextWriterMemory(b, 0);
	char			 d[40];
	size_t			 i;

	xmlTextWriterWritePI(w, BAD_CAST "xpacket", BAD_CAST
	    "begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"");
	xmlTextWriterStartElement(w, BAD_CAST "x:xmpmeta");
	xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:x",
	    BAD_CAST "adobe:ns:meta/");
	xmlTextWriterStartElement(w, BAD_CAST "rdf:RDF");
	xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:rdf",
	    BAD_CAST "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
	xmlTextWriterStartElement(w, BAD_CAST "rdf:Description");
	xmlTextWriterWriteAttribute(w, BAD_CAST "rdf:about", BAD_CAST "");
	for (i = 0; i < sizeof(xmp_ns) / sizeof(xmp_ns[0]); i++)
		xmlTextWriterWriteAttribute(w, BAD_CAST xmp_ns[i][0],
		    BAD_CAST xmp_ns[i][1]);
	xmp_text(w, "dc:format", "application/pdf");
	if (pp->title != NULL)
		xmp_list(w, "dc:title", "rdf:Alt", pp->title, 1);
	if (pp->author != NULL)
		xmp_list(w, "dc:creator", "rdf:Seq", pp->author, 0);
	if (pp->subject != NULL)
		xmp_list(w, "dc:description", "rdf:Alt", pp->subject, 1);
	if (pp->lang != NULL)
		xmp_list(w, "dc:language", "rdf:Bag", pp->lang, 0);
	if (pp->keywords != NULL)
		xmp_text(w, "pdf:Keywords", pp->keywords);
	if (producer != NULL)
		xmp_text(w, "pdf:Producer", producer);
	xmp_text(w, "xmp:CreatorTool", pp->creator);
	date(pp->epoch, 0, d, sizeof(d));
	xmp_text(w, "xmp:CreateDate", d);
	xmp_text(w, "xmp:ModifyDate", d);
	xmp_text(w, "xmp:MetadataDate", d);
	xmp_text(w, "pdfaid:part", "2");
	xmp_text(w, "pdfaid:conformance", "B");
	xmp_text(w, "pdfuaid:part", "1");
	xmp_pdfua_schema(w);
	xmlTextWriterEndElement(w);	/* rdf:Description */
	xmlTextWriterEndElement(w);	/* rdf:RDF */
	xmlTextWriterEndElement(w);	/* x:xmpmeta */
	xmlTextWriterWritePI(w, BAD_CAST "xpacket", BAD_CAST "end=\"w\"");
	xmlFreeTextWriter(w);
	return b;
}

/*
 * A new stream holding len bytes encoded with filter (a name, or null:
 * none); its handle.
 */
static qpdf_oh
new_stream(qpdf_data q, const void *data, size_t len, qpdf_oh filter)
{
	qpdf_oh	 s = qpdf_oh_new_stream(q);

	qpdf_oh_replace_stream_data(q, s, data, len, filter,
	    qpdf_oh_new_null(q));
	return s;
}

/* The information dictionary, in step with the XMP; the producer. */
static const char *
info(struct post *w)
{
	const struct pdfpost	*pp = w->pp;
	qpdf_data		 q = w->q;
	qpdf_oh			 in;
	char			 d[40];

	in = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info");
	if (!qpdf_oh_is_dictionary(q, in)) {
		in = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));
		qpdf_oh_replace_key(q, qpdf_get_trailer(q), "/Info", in);
	}
	date(pp->epoch, 1, d, sizeof(d));
	qpdf_oh_replace_key(q, in, "/CreationDate", qpdf_oh_new_string(q, d));
	qpdf_oh_replace_key(q, in, "/ModDate", qpdf_oh_new_string(q, d));
	qpdf_oh_replace_key(q, in, "/Creator",
	    qpdf_oh_new_unicode_string(q, pp->creator));
	if (!qpdf_oh_has_key(q, in, "/Producer"))
		return NULL;
	return qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, in, "/Producer"));
}

/* XMP metadata and the sRGB output intent on the catalog. */
static int
metadata(struct post *w, qpdf_oh root)
{
	qpdf_data	 q = w->q;
	xmlBufferPtr	 b;
	qpdf_oh		 s, oi;
	char		*icc, *producer;
	size_t		 len;

	if ((producer = (char *)info(w)) != NULL)
		producer = xstrdup(producer);
	b = xmp(w->pp, producer);
	free(producer);
	s = new_stream(q, xmlBufferContent(b), (size_t)xmlBufferLength(b),
	    qpdf_oh_new_null(q));
	xmlBufferFree(b);
	qpdf_oh_replace_key(q, qpdf_oh_get_dict(q, s), "/Type",
	    qpdf_oh_new_name(q, "/Metadata"));
	qpdf_oh_replace_key(q, qpdf_oh_get_dict(q, s), "/Subtype",
	    qpdf_oh_new_name(q, "/XML"));
	qpdf_oh_replace_key(q, root, "/Metadata", s);

	if (file_read(ICC_PROFILE, &icc, &len) == -1) {
		diag_file(ICC_PROFILE, D_SYS_READ, strerror(errno));
		return -1;
	}
	s = new_stream(q, icc, len, qpdf_oh_new_null(q));
	free(icc);
	qpdf_oh_replace_key(q, qpdf_oh_get_dict(q, s), "/N",
	    qpdf_oh_new_integer(q, 3));
	oi = qpdf_oh_parse(q, "<< /Type /OutputIntent /S /GTS_PDFA1"
	    " /OutputConditionIdentifier (" ICC_NAME ") /Info (" ICC_NAME
	    ") >>");
	qpdf_oh_replace_key(q, oi, "/DestOutputProfile", s);
	qpdf_oh_replace_key(q, root, "/OutputIntents",
	    qpdf_oh_wrap_in_array(q, oi));
	return 0;
}

/*
 * Page labels that say what the folios print: a book's front matter
 * in lower-case roman, then a new decimal range wherever a page's
 * number does not follow the last one's.
 */
static void
page_labels(struct post *w, qpdf_oh root)
{
	qpdf_data	 q = w->q;
	qpdf_oh		 nums = qpdf_oh_new_array(q), r, tree;
	const int	*folio = w->pp->folios;
	size_t		 i, n = w->pp->npages - w->pp->nfront;

	if (w->pp->nfront > 0) {
		qpdf_oh_append_item(q, nums, qpdf_oh_new_integer(q, 0));
		qpdf_oh_append_item(q, nums, qpdf_oh_parse(q, "<< /S /r >>"));
	}
	for (i = 0; i < n; i++) {
		if (i > 0 && folio[i] == folio[i - 1] + 1)
			continue;
		r = qpdf_oh_parse(q, "<< /S /D >>");
		qpdf_oh_replace_key(q, r, "/St", qpdf_oh_new_integer(q,
		    folio[i]));
		qpdf_oh_append_item(q, nums, qpdf_oh_new_integer(q,
		    (long long)(i + w->pp->nfront)));
		qpdf_oh_append_item(q, nums, r);
	}
	tree = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, tree, "/Nums", nums);
	qpdf_oh_replace_key(q, root, "/PageLabels", tree);
}

/* --- the structure tree ------------------------------------------ */

/*
 * qpdf's C API keeps every handle it returns until qpdf_cleanup(): on a
 * long book, millions of them (a quarter of the post-pass's memory).
 * Handles are numbered in the order they are made, so a loop that keeps
 * none of its handles notes the newest before an item and releases the
 * ones made since after it; the objects live on in the document.
 */
static qpdf_oh
newest(qpdf_data q)
{
	qpdf_oh	 h = qpdf_oh_new_null(q);

	qpdf_oh_release(q, h);
	return h;
}

static void
release_since(qpdf_data q, qpdf_oh mark)
{
	qpdf_oh	 h;

	for (h = newest(q); h > mark; h--)
		qpdf_oh_release(q, h);
}

/*
 * The walk below holds its handles on a stack of its own and lets go
 * of each by name: a range of numbers from newest() would go again over
 * every handle the subtree below made and released already, once per
 * level, and the structure tree is most of a book's objects.
 */
static qpdf_oh
hold(struct post *w, qpdf_oh h)
{
	w->held = xgrow(w->held, &w->cheld, w->nheld + 1, sizeof(*w->held));
	w->held[w->nheld++] = h;
	return h;
}

/* Release the handles held since mark, a count of w->nheld. */
static void
let_go(struct post *w, size_t mark)
{
	while (w->nheld > mark)
		qpdf_oh_release(w->q, w->held[--w->nheld]);
}

/*
 * The tag of o, a dictionary, without its slash: "" if its /S is no
 * name, NULL if it has none (it is no structure element).  The string
 * lasts until the next call to qpdf.
 */
static const char *
elem_tag(struct post *w, qpdf_oh o)
{
	qpdf_oh	 s = hold(w, qpdf_oh_get_key(w->q, o, "/S"));

	if (qpdf_oh_is_null(w->q, s))
		return NULL;
	return qpdf_oh_is_name(w->q, s) ? qpdf_oh_get_name(w->q, s) + 1 : "";
}

/* The kids of e as an array (cairo writes one kid bare). */
static qpdf_oh
kids(struct post *w, qpdf_oh e)
{
	qpdf_oh	 k = qpdf_oh_get_key(w->q, e, "/K");

	if (qpdf_oh_is_array(w->q, k))
		return k;
	if (qpdf_oh_is_null(w->q, k))
		return qpdf_oh_new_array(w->q);
	return qpdf_oh_wrap_in_array(w->q, k);
}

/* The annotation a Link holds, or 0 (held). */
static qpdf_oh
link_annot(struct post *w, qpdf_oh e)
{
	qpdf_data	 q = w->q;
	qpdf_oh		 k = hold(w, kids(w, e)), o;
	int		 i, n = qpdf_oh_get_array_n_items(q, k);

	for (i = 0; i < n; i++) {
		o = hold(w, qpdf_oh_get_array_item(q, k, i));
		if (qpdf_oh_is_dictionary(q, o) &&
		    qpdf_oh_has_key(q, o, "/Obj"))
			return hold(w, qpdf_oh_get_key(q, o, "/Obj"));
	}
	return 0;
}

/* What pdf.c recorded for e: alternate text, language, scope, contents. */
static void
attributes(struct post *w, qpdf_oh e, const struct pdfpost_elem *r)
{
	qpdf_data	 q = w->q;
	qpdf_oh		 a;
	size_t		 mark = w->nheld;
	char		 id[32];

	if (r->alt != NULL)
		qpdf_oh_replace_key(q, e, "/Alt",
		    hold(w, qpdf_oh_new_unicode_string(q, r->alt)));
	if (r->lang != NULL)
		qpdf_oh_replace_key(q, e, "/Lang",
		    hold(w, qpdf_oh_new_unicode_string(q, r->lang)));
	/* Lectern's header cells head their columns (Matterhorn 15-003). */
	if (strcmp(r->tag, "TH") == 0)
		qpdf_oh_replace_key(q, e, "/A", hold(w,
		    qpdf_oh_parse(q, "<< /O /Table /Scope /Column >>")));
	/* Notes carry an ID (ISO 14289-1, 7.9). */
	if (strcmp(r->tag, "Note") == 0) {
		snprintf(id, sizeof(id), "note-%d", ++w->notes);
		qpdf_oh_replace_key(q, e, "/ID",
		    hold(w, qpdf_oh_new_string(q, id)));
	}
	if (r->contents != NULL && (a = link_annot(w, e)) != 0)
		qpdf_oh_replace_key(q, a, "/Contents",
		    hold(w, qpdf_oh_new_unicode_string(q, r->contents)));
	let_go(w, mark);
}

/*
 * The element pdf.c recorded next, if cairo's element with tag is it;
 * NULL if not.
 */
static const struct pdfpost_elem *
match(struct post *w, const char *tag)
{
	if (w->next >= w->pp->nelems ||
	    strcmp(w->pp->elems[w->next].tag, tag) != 0) {
		w->err = "cairo's structure tree is not the one drawn";
		return NULL;
	}
	return &w->pp->elems[w->next++];
}

/* Where the kids of an element being rewritten go. */
struct owner {
	qpdf_oh		 oh;		/* the element; 0: an LBody not made */
	qpdf_oh		 kids;		/* its new /K */
	int		 depth;		/* in the finished tree, roots 0 */
	int		 owns;		/* its kids get /P, its MCIDs and
					   annotations the parent tree */
};

/* An element being rewritten. */
struct rewrite {
	qpdf_oh		 e;
	int		 li;		/* a list item */
	int		 page;		/* index of its /Pg, or PAGE_UNASKED */
	struct owner	 self;
	struct owner	 body;		/* a list item's LBody */
};

#define PAGE_UNASKED	(-2)

/* The index of x's page, asked of qpdf once per element; -1: none. */
static int
page_of(struct post *w, struct rewrite *x)
{
	size_t	 mark = w->nheld;

	if (x->page == PAGE_UNASKED) {
		x->page = qpdf_find_page_by_oh(w->q,
		    hold(w, qpdf_oh_get_key(w->q, x->e, "/Pg")));
		let_go(w, mark);
	}
	return x->page;
}

/*
 * Element e owns MCID mcid on page p: note it for the parent tree.  The
 * page's array grows by appending, as MCIDs come mostly in order.
 */
static void
own_mcid(struct post *w, qpdf_oh e, int p, int mcid)
{
	qpdf_data	 q = w->q;
	size_t		 mark = w->nheld;

	if (p < 0 || p >= w->npages || mcid < 0)
		return;
	while (w->nmcids[p] < mcid) {
		qpdf_oh_append_item(q, w->mcids[p],
		    hold(w, qpdf_oh_new_null(q)));
		w->nmcids[p]++;
	}
	let_go(w, mark);
	if (w->nmcids[p] == mcid) {
		qpdf_oh_append_item(q, w->mcids[p], e);
		w->nmcids[p]++;
	} else
		qpdf_oh_set_array_item(q, w->mcids[p], mcid, e);
}

/*
 * Element e owns annotation a: noted, to be given its key in the
 * finished tree's order (annot_keys()).  The handles are new ones,
 * kept until then.
 */
static void
own_annot(struct post *w, qpdf_oh e, qpdf_oh a)
{
	w->annots = xgrow(w->annots, &w->cannots, w->nannots + 1,
	    sizeof(*w->annots));
	w->annots[w->nannots].elem = qpdf_oh_new_object(w->q, e);
	w->annots[w->nannots].annot = qpdf_oh_new_object(w->q, a);
	w->nannots++;
}

/*
 * A list item's LBody (ISO 32000-1, 14.8.4.3.3), made for the first
 * kid after its labels.  Its handles are x's, released by walk().
 */
static void
new_lbody(struct post *w, struct rewrite *x)
{
	qpdf_data	 q = w->q;
	qpdf_oh		 body, pg;
	size_t		 mark = w->nheld;

	body = hold(w, qpdf_oh_parse(q, "<< /Type /StructElem /S /LBody >>"));
	pg = hold(w, qpdf_oh_get_key(q, x->e, "/Pg"));
	if (!qpdf_oh_is_null(q, pg))
		qpdf_oh_replace_key(q, body, "/Pg", pg);
	x->body.oh = qpdf_make_indirect_object(q, body);
	x->body.kids = qpdf_oh_new_array(q);
	if (x->self.owns)
		qpdf_oh_replace_key(q, x->body.oh, "/P", x->e);
	let_go(w, mark);
}

/*
 * Where a kid of x with tag goes (NULL: it is no element): a list item
 * keeps its leading labels and gives the rest to its LBody.
 */
static struct owner *
owner(struct post *w, struct rewrite *x, const char *tag)
{
	if (!x->li || (x->body.oh == 0 && tag != NULL &&
	    strcmp(tag, PDFPOST_LBL) == 0))
		return &x->self;
	if (x->body.oh == 0)
		new_lbody(w, x);
	return &x->body;
}

/* Note what a kid dictionary of x that is no element refers to. */
static void
own_ref(struct post *w, struct rewrite *x, struct owner *to, qpdf_oh o)
{
	qpdf_data	 q = w->q;
	qpdf_oh		 m, pg, a;

	m = hold(w, qpdf_oh_get_key(q, o, "/MCID"));
	if (!qpdf_oh_is_null(q, m)) {
		pg = hold(w, qpdf_oh_get_key(q, o, "/Pg"));
		own_mcid(w, to->oh, qpdf_oh_is_null(q, pg) ? page_of(w, x) :
		    qpdf_find_page_by_oh(q, pg),
		    qpdf_oh_get_int_value_as_int(q, m));
		return;
	}
	a = hold(w, qpdf_oh_get_key(q, o, "/Obj"));
	if (!qpdf_oh_is_null(q, a))
		own_annot(w, to->oh, a);
}

static int walk(struct post *, qpdf_oh, const struct pdfpost_elem *, int,
    int);

/*
 * Kid o of x (a handle the caller holds) to its place: an element
 * walked, an artifact dropped (it is no part of the structure), each
 * kid's /P and each MCID's and annotation's owner noted.
 */
static int
kid(struct post *w, struct rewrite *x, qpdf_oh o)
{
	qpdf_data			 q = w->q;
	const struct pdfpost_elem	*r;
	struct owner			*to;
	const char			*tag = NULL;
	enum qpdf_object_type_e		 type = qpdf_oh_get_type_code(q, o);

	if (type == ot_dictionary && (tag = elem_tag(w, o)) != NULL) {
		if ((r = match(w, tag)) == NULL)
			return -1;
		if (strcmp(r->tag, PDFPOST_ARTIFACT) == 0)
			return walk(w, o, r, x->self.depth + 1, 0);
		to = owner(w, x, r->tag);
		if (walk(w, o, r, to->depth + 1, to->owns) == -1)
			return -1;
		if (to->owns)
			qpdf_oh_replace_key(q, o, "/P", to->oh);
	} else {
		to = owner(w, x, NULL);
		if (to->owns && type == ot_integer)
			own_mcid(w, to->oh, page_of(w, x),
			    qpdf_oh_get_int_value_as_int(q, o));
		else if (to->owns && type == ot_dictionary)
			own_ref(w, x, to, o);
	}
	qpdf_oh_append_item(q, to->kids, o);
	return 0;
}

/*
 * Rewrite e, which pdf.c recorded as r, at depth in the finished tree:
 * its kids (owns: noting their owners for the parent tree), an LBody
 * if a list item, attributes.  Depth first, in the order pdf.c began
 * the elements.
 */
static int
walk(struct post *w, qpdf_oh e, const struct pdfpost_elem *r, int depth,
    int owns)
{
	qpdf_data	 q = w->q;
	struct rewrite	 x;
	qpdf_oh		 k;
	size_t		 mark = w->nheld, item;
	int		 i, n, rc = 0;

	memset(&x, 0, sizeof(x));
	x.e = e;
	x.li = strcmp(r->tag, "LI") == 0;
	x.page = PAGE_UNASKED;
	x.self.oh = e;
	x.self.kids = hold(w, qpdf_oh_new_array(q));
	x.self.depth = depth;
	x.self.owns = owns && depth < MAXTREE;
	x.body.depth = depth + 1;
	x.body.owns = owns && depth + 1 < MAXTREE;
	k = hold(w, qpdf_oh_get_key(q, e, "/K"));
	switch (qpdf_oh_get_type_code(q, k)) {
	case ot_array:
		n = qpdf_oh_get_array_n_items(q, k);
		break;
	case ot_null:
		n = 0;
		break;
	default:
		n = 0;
		rc = kid(w, &x, k);
		break;
	}
	for (i = 0; i < n && rc == 0; i++) {
		item = w->nheld;
		rc = kid(w, &x, hold(w, qpdf_oh_get_array_item(q, k, i)));
		let_go(w, item);
	}
	if (x.body.oh != 0) {
		qpdf_oh_replace_key(q, x.body.oh, "/K", x.body.kids);
		qpdf_oh_append_item(q, x.self.kids, x.body.oh);
		qpdf_oh_release(q, x.body.kids);
		qpdf_oh_release(q, x.body.oh);
	}
	if (rc == 0) {
		qpdf_oh_replace_key(q, e, "/K", x.self.kids);
		attributes(w, e, r);
	}
	let_go(w, mark);
	return rc;
}

/*
 * The parent tree's arrays, one per page, filled as the walk finds the
 * MCIDs' owners.
 */
static void
page_arrays(struct post *w)
{
	qpdf_data	 q = w->q;
	size_t		 mark;
	int		 i;

	w->nums = qpdf_oh_new_array(q);
	w->mcids = xcalloc((size_t)w->npages, sizeof(*w->mcids));
	w->nmcids = xcalloc((size_t)w->npages, sizeof(*w->nmcids));
	for (i = 0; i < w->npages; i++) {
		mark = w->nheld;
		w->mcids[i] = qpdf_make_indirect_object(q,
		    hold(w, qpdf_oh_new_array(q)));
		qpdf_oh_replace_key(q, hold(w, qpdf_get_page_n(q, (size_t)i)),
		    "/StructParents", hold(w, qpdf_oh_new_integer(q, i)));
		qpdf_oh_append_item(q, w->nums, hold(w,
		    qpdf_oh_new_integer(q, i)));
		qpdf_oh_append_item(q, w->nums, w->mcids[i]);
		let_go(w, mark);
	}
	w->maxkey = w->npages - 1;
}

/*
 * Keys for the annotations noted, in the finished tree's order: with
 * the front matter moved, its own (noted from front on) come first.
 */
static void
annot_keys(struct post *w, size_t front, int moved)
{
	qpdf_data	 q = w->q;
	struct annot	*an;
	size_t		 i, mark = w->nheld;
	int		 key;

	for (i = 0; i < w->nannots; i++) {
		an = &w->annots[moved ? (front + i) % w->nannots : i];
		key = ++w->maxkey;
		qpdf_oh_replace_key(q, an->annot, "/StructParent",
		    hold(w, qpdf_oh_new_integer(q, key)));
		qpdf_oh_append_item(q, w->nums,
		    hold(w, qpdf_oh_new_integer(q, key)));
		qpdf_oh_append_item(q, w->nums, an->elem);
		let_go(w, mark);
		qpdf_oh_release(q, an->elem);
		qpdf_oh_release(q, an->annot);
	}
}

/*
 * Walk a root of the tree, tr's kid o (held): an artifact is walked
 * and dropped; the others' annotations noted from *front on.
 */
static int
root_kid(struct post *w, qpdf_oh tr, qpdf_oh o, size_t *front, int *art)
{
	const struct pdfpost_elem	*r;
	const char			*tag = NULL;

	if (qpdf_oh_is_dictionary(w->q, o))
		tag = elem_tag(w, o);
	if ((r = match(w, tag != NULL ? tag : "")) == NULL)
		return -1;
	*art = strcmp(r->tag, PDFPOST_ARTIFACT) == 0;
	if (!*art) {
		*front = w->nannots;
		qpdf_oh_replace_key(w->q, o, "/P", tr);
	}
	return walk(w, o, r, 0, !*art);
}

/*
 * Walk the tree once: rewrite it, and give the root a parent tree that
 * matches it.
 */
static int
structure(struct post *w, qpdf_oh root)
{
	qpdf_data	 q = w->q;
	qpdf_oh		 tr, k, pt, pg;
	unsigned char	*art;
	size_t		 mark, front = 0;
	int		 i, n, moved, a;

	tr = qpdf_oh_get_key(q, root, "/StructTreeRoot");
	if (!qpdf_oh_is_dictionary(q, tr))
		return 0;
	page_arrays(w);
	k = kids(w, tr);
	n = qpdf_oh_get_array_n_items(q, k);
	art = xcalloc((size_t)n + 1, 1);
	for (i = 0; i < n; i++) {
		mark = w->nheld;
		if (root_kid(w, tr, hold(w, qpdf_oh_get_array_item(q, k, i)),
		    &front, &a) == -1) {
			free(art);
			return -1;
		}
		art[i] = a;
		let_go(w, mark);
	}
	/* Artifacts drawn before any element are roots: drop them too. */
	for (i = n - 1; i >= 0; i--)
		if (art[i])
			qpdf_oh_erase_item(q, k, i);
	free(art);
	n = qpdf_oh_get_array_n_items(q, k);
	/* A book's front matter, drawn last, is read first. */
	moved = w->pp->nfront > 0 && n > 1;
	if (moved) {
		pg = qpdf_oh_get_array_item(q, k, n - 1);
		qpdf_oh_erase_item(q, k, n - 1);
		qpdf_oh_insert_item(q, k, 0, pg);
	}
	qpdf_oh_replace_key(q, tr, "/K", k);
	if (w->next != w->pp->nelems) {
		w->err = "elements drawn that cairo did not write";
		return -1;
	}
	annot_keys(w, front, moved);
	pt = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, pt, "/Nums", w->nums);
	qpdf_oh_replace_key(q, tr, "/ParentTree",
	    qpdf_make_indirect_object(q, pt));
	qpdf_oh_replace_key(q, tr, "/ParentTreeNextKey",
	    qpdf_oh_new_integer(q, w->maxkey + 1));
	return 0;
}

/*
 * Pages: tab order by structure (Matterhorn 28-001); annotations
 * printable (ISO 19005-2, 6.3.3).
 */
static void
pages(struct post *w)
{
	qpdf_data	 q = w->q;
	qpdf_oh		 pg, an;
	int		 i, j, n;

	for (i = 0; i < w->npages; i++) {
		pg = qpdf_get_page_n(q, (size_t)i);
		qpdf_oh_replace_key(q, pg, "/Tabs", qpdf_oh_new_name(q, "/S"));
		an = qpdf_oh_get_key(q, pg, "/Annots");
		n = qpdf_oh_is_array(q, an) ? qpdf_oh_get_array_n_items(q, an) : 0;
		for (j = 0; j < n; j++)
			qpdf_oh_replace_key(q, qpdf_oh_get_array_item(q, an, j),
			    "/F", qpdf_oh_new_integer(q, 4));
	}
}

/*
 * zlib's level for the pages.  On a 500-lecture book's 22 MB of page
 * content, level 6 took 0.42 s for 7.87 MB, 5 0.36 s for 7.89 MB, 4
 * 0.29 s for 8.12 MB, 3 0.25 s for 8.39 MB, 1 0.21 s for 8.67 MB: below
 * 5 the 9.4 MB PDF grows by 3 to 9 % to save a tenth of a second or
 * two, and 6 buys 14 KB with a sixth more time.
 */
#define PAGE_ZLEVEL	5

/*
 * A page's content on its way through the artifact rewrite: taken from
 * qpdf, rewritten and deflated off the document, put back.
 */
struct page_art {
	unsigned char	*data;		/* as qpdf gave it, then deflated */
	size_t		 len;
	int		 deflated;	/* qpdf gave it still deflated */
	const char	*err;		/* why it could not be rewritten */
};

/*
 * Every page's content, rewritten on a thread of its own while the
 * structure tree is worked on (a second of a 500-lecture book's post-
 * pass, on a core that would be idle): the rewrite touches no qpdf
 * document, only the bytes taken from it beforehand.
 */
struct art_batch {
	struct page_art	*pages;
	int		 npages;
	pthread_t	 thread;
	int		 threaded;
};

/* Is c one stream, deflated and nothing else (cairo's)? */
static int
plain_flate(qpdf_data q, qpdf_oh c)
{
	qpdf_oh	 d;

	if (!qpdf_oh_is_stream(q, c))
		return 0;
	d = qpdf_oh_get_dict(q, c);
	return qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, d, "/Filter"),
	    "/FlateDecode") && !qpdf_oh_has_key(q, d, "/DecodeParms");
}

/*
 * Page i's content, as it stands in the file when it is one deflated
 * stream (cairo's), else decoded by qpdf; 0, or -1 on qpdf's error.
 */
static int
art_take(struct post *w, struct page_art *pa, int i)
{
	qpdf_data	 q = w->q;
	qpdf_oh		 mark = newest(q), pg, c;
	QPDF_BOOL	 filtered;
	QPDF_ERROR_CODE	 e;

	pg = qpdf_get_page_n(q, (size_t)i);
	c = qpdf_oh_get_key(q, pg, "/Contents");
	if ((pa->deflated = plain_flate(q, c)))
		e = qpdf_oh_get_stream_data(q, c, qpdf_dl_none, &filtered,
		    &pa->data, &pa->len);
	else
		e = qpdf_oh_get_page_content_data(q, pg, &pa->data, &pa->len);
	release_since(q, mark);
	return e & QPDF_ERRORS ? -1 : 0;
}

/*
 * One page's rewrite, deflated again here: qpdf keeps a replaced
 * stream's data until it writes (plain, a 500-lecture book's pages held
 * 12 MB more), and leaves data marked /FlateDecode as it is.  No qpdf
 * document is touched.
 */
static void
art_rewrite(struct page_art *pa)
{
	char	*out;
	size_t	 olen;
	uLongf	 zlen;

	out = pdfpost_content_artifacts((const char *)pa->data, pa->len,
	    pa->deflated, PDFPOST_ARTIFACT, &olen);
	free(pa->data);
	pa->data = NULL;
	if (out == NULL) {
		pa->err = "a page's content cannot be read";
		return;
	}
	zlen = compressBound((uLong)olen);
	pa->data = xmalloc(zlen);
	if (compress2(pa->data, &zlen, (Bytef *)out, (uLong)olen,
	    PAGE_ZLEVEL) != Z_OK)
		pa->err = "a page's content cannot be compressed";
	pa->len = zlen;
	free(out);
}

static void *
art_rewrite_all(void *arg)
{
	struct art_batch	*ab = arg;
	int			 i;

	for (i = 0; i < ab->npages; i++)
		art_rewrite(&ab->pages[i]);
	return NULL;
}

/*
 * Take every page's content and start its rewrite; 0, or -1 on qpdf's
 * error (nothing started).  Without a thread to be had, the rewrite
 * waits for art_end().
 */
static int
art_begin(struct post *w, struct art_batch *ab)
{
	sigset_t	 saved;
	int		 i;

	ab->npages = w->npages;
	ab->pages = xcalloc((size_t)w->npages + 1, sizeof(*ab->pages));
	for (i = 0; i < w->npages; i++)
		if (art_take(w, &ab->pages[i], i) == -1)
			return -1;
	/* Signals stay with the main thread, whose handler drops files. */
	output_block_signals(&saved);
	ab->threaded = pthread_create(&ab->thread, NULL, art_rewrite_all,
	    ab) == 0;
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
	return 0;
}

/* Wait for the rewrite and let go of what is left of it. */
static void
art_free(struct art_batch *ab)
{
	int	 i;

	if (ab->threaded)
		pthread_join(ab->thread, NULL);
	ab->threaded = 0;
	for (i = 0; i < ab->npages && ab->pages != NULL; i++)
		free(ab->pages[i].data);
	free(ab->pages);
	ab->pages = NULL;
}

/* Every page's content replaced by its rewrite, marked deflated. */
static int
art_end(struct post *w, struct art_batch *ab)
{
	qpdf_data	 q = w->q;
	struct page_art	*pa;
	qpdf_oh		 mark;
	int		 i;

	if (ab->threaded)
		pthread_join(ab->thread, NULL);
	else
		art_rewrite_all(ab);
	ab->threaded = 0;
	for (i = 0; i < ab->npages; i++) {
		pa = &ab->pages[i];
		if (pa->err != NULL) {
			w->err = pa->err;
			return -1;
		}
		mark = newest(q);
		qpdf_oh_replace_key(q, qpdf_get_page_n(q, (size_t)i),
		    "/Contents", new_stream(q, pa->data, pa->len,
		    qpdf_oh_new_name(q, "/FlateDecode")));
		release_since(q, mark);
		free(pa->data);
		pa->data = NULL;
	}
	return 0;
}

/*
 * cairo leaves the CIDToGIDMap of its CID TrueType fonts to the
 * default, Identity; PDF/A wants it said (ISO 19005-2, 6.2.11.3.2).
 */
static void
cid_maps(struct post *w)
{
	qpdf_data	 q = w->q;
	qpdf_oh		 res, fonts, f, d;
	int		 i, n;
	char const	*key;

	for (i = 0; i < w->npages; i++) {
		res = qpdf_oh_get_key(q, qpdf_get_page_n(q, (size_t)i),
		    "/Resources");
		fonts = qpdf_oh_get_key_if_dict(q, res, "/Font");
		if (!qpdf_oh_is_dictionary(q, fonts))
			continue;
		qpdf_oh_begin_dict_key_iter(q, fonts);
		while (qpdf_oh_dict_more_keys(q)) {
			key = qpdf_oh_dict_next_key(q);
			f = qpdf_oh_get_key(q, fonts, key);
			d = qpdf_oh_get_key_if_dict(q, f, "/DescendantFonts");
			n = qpdf_oh_is_array(q, d) ?
			    qpdf_oh_get_array_n_items(q, d) : 0;
			if (n == 0)
				continue;
			d = qpdf_oh_get_array_item(q, d, 0);
			if (qpdf_oh_is_name_and_equals(q,
			    qpdf_oh_get_key_if_dict(q, d, "/Subtype"),
			    "/CIDFontType2") &&
			    !qpdf_oh_has_key(q, d, "/CIDToGIDMap"))
				qpdf_oh_replace_key(q, d, "/CIDToGIDMap",
				    qpdf_oh_new_name(q, "/Identity"));
		}
	}
}

/*
 * A book's front matter, drawn after the lectures once their page
 * numbers were known, moved before them; everything else refers to
 * pages by object, so only the page tree's order changes.
 */
static int
front_first(struct post *w)
{
	qpdf_data	 q = w->q;
	qpdf_oh		 pg;
	size_t		 i, n = (size_t)w->npages, nf = w->pp->nfront;

	for (i = 0; i < nf && nf < n; i++) {
		pg = qpdf_get_page_n(q, n - nf + i);
		if (qpdf_remove_page(q, pg) & QPDF_ERRORS ||
		    qpdf_add_page_at(q, q, pg, QPDF_TRUE,
		    qpdf_get_page_n(q, i)) & QPDF_ERRORS)
			return -1;
	}
	return 0;
}

/* The catalog's own entries. */
static void
catalog(struct post *w, qpdf_oh root)
{
	qpdf_data	 q = w->q;

	if (w->pp->lang != NULL)
		qpdf_oh_replace_key(q, root, "/Lang",
		    qpdf_oh_new_unicode_string(q, w->pp->lang));
	qpdf_oh_replace_key(q, root, "/ViewerPreferences",
	    qpdf_oh_parse(q, w->pp->rtl ?
	    "<< /DisplayDocTitle true /Direction /R2L >>" :
	    "<< /DisplayDocTitle true >>"));
	qpdf_oh_replace_key(q, root, "/MarkInfo",
	    qpdf_oh_parse(q, "<< /Marked true >>"));
	page_labels(w, root);
}

/* Free what the rewrite holds, qpdf's document with it. */
static void
post_free(struct post *w)
{
	qpdf_cleanup(&w->q);
	free(w->mcids);
	free(w->nmcids);
	free(w->annots);
	free(w->held);
}

/* Report qpdf's error (or ours) against the output; -1. */
static int
failed(struct post *w)
{
	const char	*msg = w->err;

	if (msg == NULL && qpdf_has_error(w->q))
		msg = qpdf_get_error_full_text(w->q, qpdf_get_error(w->q));
	diag_file(w->path, D_SYS_LIB, "qpdf", msg ? msg : "unknown error");
	return -1;
}

/*
 * Write the rewritten PDF to out: deterministic ID, object streams.
 * qpdf's buffer goes straight to the output, never copied (a book's
 * PDF is tens of megabytes); a failed write is output_close()'s to
 * report.
 */
static int
write_out(struct post *w, struct output *out)
{
	qpdf_data	 q = w->q;

	if (qpdf_init_write_memory(q) & QPDF_ERRORS)
		return -1;
	qpdf_set_deterministic_ID(q, QPDF_TRUE);
	qpdf_set_object_stream_mode(q, qpdf_o_generate);
	qpdf_set_compress_streams(q, QPDF_TRUE);
	if (qpdf_write(q) & QPDF_ERRORS)
		return -1;
	(void)output_write(out, qpdf_get_buffer(q),
	    (size_t)qpdf_get_buffer_length(q));
	return 0;
}

/* The rewrite of cairo's PDF, the size bytes at bytes. */
static int
apply(const struct pdfpost *pp, const char *path, const char *bytes,
    size_t size, struct output *out)
{
	struct post	 w;
	struct art_batch ab;
	qpdf_oh		 root;
	int		 rc = -1;

	memset(&w, 0, sizeof(w));
	memset(&ab, 0, sizeof(ab));
	w.pp = pp;
	w.path = path;
	w.q = qpdf_init();
	/* Errors come back through qpdf_has_error(), not stderr. */
	qpdf_silence_errors(w.q);
	qpdf_set_suppress_warnings(w.q, QPDF_TRUE);
	if (qpdf_read_memory(w.q, path, bytes, (unsigned long long)size,
	    NULL) & QPDF_ERRORS)
		goto done;
	root = qpdf_get_root(w.q);
	w.npages = qpdf_get_num_pages(w.q);
	if (w.npages < 0 || (size_t)w.npages != pp->npages) {
		w.err = "pages drawn and pages written differ";
		goto done;
	}
	if (art_begin(&w, &ab) == -1 || structure(&w, root) == -1 ||
	    art_end(&w, &ab) == -1)
		goto done;
	pages(&w);
	cid_maps(&w);
	if (front_first(&w) == -1)
		goto done;
	catalog(&w, root);
	if (metadata(&w, root) == -1) {
		art_free(&ab);
		post_free(&w);
		return -1;
	}
	if (qpdf_has_error(w.q) || write_out(&w, out) == -1)
		goto done;
	rc = 0;
done:
	art_free(&ab);
	if (rc == -1)
		failed(&w);
	post_free(&w);
	return rc;
}

/*
 * The rewrite of cairo's PDF in the file named file, mapped: qpdf reads
 * its objects out of order, and from a FILE each one cost a seek (a
 * system call), most of the post-pass's time on a long book.  The
 * mapping's pages are the page cache's, dropped under pressure.
 */
int
pdfpost_apply_file(const struct pdfpost *pp, const char *path,
    const char *file, struct output *out)
{
	struct stat	 sb;
	void		*map;
	int		 fd, rc;

	if ((fd = open(file, O_RDONLY)) == -1 || fstat(fd, &sb) == -1 ||
	    sb.st_size == 0 || (map = mmap(NULL, (size_t)sb.st_size,
	    PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED) {
		diag_file(path, D_SYS_WRITE, strerror(errno != 0 ? errno :
		    EINVAL));
		if (fd != -1)
			close(fd);
		return -1;
	}
	close(fd);
	rc = apply(pp, path, map, (size_t)sb.st_size, out);
	munmap(map, (size_t)sb.st_size);
	return rc;
}
