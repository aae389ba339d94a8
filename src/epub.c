/* The EPUB 3 package: OPF, nav, NCX, container, and the zip around them. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <glib.h>
#include <zip.h>

#include "course.h"
#include "cover.h"
#include "diag.h"
#include "fonts.h"
#include "kepub.h"
#include "lectern.h"
#include "output.h"
#include "style.h"
#include "subset.h"
#include "labels.h"
#include "tree.h"
#include "util.h"
#include "pagelist.h"
#include "xhtml.h"

/* Names inside the book; hrefs in the OPF are relative to OEBPS/. */
#define OPF_PATH	"OEBPS/content.opf"
#define CHAPTER		"lecture.xhtml"
#define TITLEPAGE	"titlepage.xhtml"
#define NAV		"nav.xhtml"
#define NCX		"toc.ncx"
#define CSS		"epub.css"

/*
 * pageBreakSource is in EPUB Accessibility 1.1's incubation, after
 * EPUB 3.3: epubcheck 4.2 reports it undefined without a prefix (and
 * under a11y:), so it is named by the W3C note's own IRI.
 */
#define PBS_PREFIX	"pbs: https://www.w3.org/publishing/a11y/page-source-id/#"

/* Room for "np-" and a decimal int, or a urn:uuid. */
#define IDLEN		48

/*
 * RFC 4122's URL namespace: a UUID made from it and the lecture's
 * metadata is the same on every build and every machine.
 */
static const unsigned char uuid_ns[16] = {
	0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
	0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8
};

/* One file of the zip; data is owned by the entry when own is set. */
struct entry {
	const char	*name;
	char		*name_alloc;	/* name, if made here */
	char		*data;
	size_t		 len;
	int		 own;
	int		 store;		/* uncompressed (mimetype) */
};

/*
 * What the book holds, counted from the tree: the accessibility
 * metadata says what the reader gets, so it is counted, not assumed.
 */
struct contents {
	int	 sections;	/* headings the contents list */
	int	 pictures;	/* packaged images (each use) */
	int	 described;	/* of them, with alt text */
	int	 tables;
	int	 notes;
	int	 chinese;	/* runs in Chinese */
	int	 japanese;	/* runs in Japanese */
};

/* The languages whose Han text may carry its own font, as tree.h tags them. */
static const char *const cjk_tags[] = { "zh-Hans", "zh-Hant", "ja" };
#define NCJK	(sizeof(cjk_tags) / sizeof(cjk_tags[0]))

/* The characters of one CJK language the book shows, and its font's files. */
struct cjk_font {
	uint32_t	*cps;		/* sorted, each once, when done */
	size_t		 n, cap;
	char		*font_href;	/* fonts/cjk-TAG.otf, when embedded */
	char		*licence_href;	/* fonts/cjk-TAG.txt */
};

/* The writer's state, made and freed inside epub_write(). */
struct epub {
	const struct doc	*doc;	/* a handout's lecture; a book's
					   front (course.c): the metadata */
	const struct book	*book;	/* NULL: one lecture's handout */
	const struct doc *const	*lec;	/* the lectures: doc, or the book's */
	size_t			 nlec;
	size_t			 cur;	/* the lecture being written */
	const char		*chapter;	/* its file */
	const struct opts	*opts;
	const char		*path;	/* the output, for messages */
	char			 uuid[IDLEN];	/* "urn:uuid:..." */
	struct xhtml_media	*media;
	size_t			 nmedia;
	struct entry		*ent;
	size_t			 nent, capent;
	struct style		 style;	/* the print style: fonts */
	struct cjk_font		 cjk[NCJK];	/* by cjk_tags[] */
	char			*cover_href;	/* from OEBPS/ */
	const char		*cover_type;	/* its media type */
	int			 playorder;	/* toc.ncx's counter */
	struct contents		 has;
	struct page_list	*pages;		/* the print edition's, or NULL */
	char			 print_id[IDLEN];	/* its identifier */
};

static const char *
str(const char *s)
{
	return s != NULL ? s : "";
}

/* A name-based UUID (RFC 4122 version 5, SHA-1) of the parts, in out. */
static void
name_uuid(char *out, const char *const *part, size_t nparts)
{
	GChecksum		*ck;
	guint8			 d[20];
	gsize			 dlen = sizeof(d);
	size_t			 i;

	ck = g_checksum_new(G_CHECKSUM_SHA1);
	g_checksum_update(ck, uuid_ns, sizeof(uuid_ns));
	/* A separator that cannot occur in YAML scalars keeps fields apart. */
	for (i = 0; i < nparts; i++)
		g_checksum_update(ck, (const guchar *)part[i],
		    strlen(part[i]) + 1);
	g_checksum_get_digest(ck, d, &dlen);
	g_checksum_free(ck);
	d[6] = (d[6] & 0x0f) | 0x50;	/* version 5 */
	d[8] = (d[8] & 0x3f) | 0x80;	/* RFC 4122 variant */
	snprintf(out, IDLEN, "urn:uuid:"
	    "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x",
	    d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7],
	    d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]);
}

/*
 * The book's identifier from the number, title, author and course:
 * the same lecture keeps it across builds, so reading systems keep
 * its bookmarks.
 */
static void
make_uuid(struct epub *e)
{
	const struct meta	*m = &e->doc->meta;
	const char		*part[4];

	part[0] = str(m->number);
	part[1] = str(m->title);
	part[2] = str(m->author);
	part[3] = str(m->course);
	name_uuid(e->uuid, part, 4);
}

/*
 * The print edition's identifier, made the same way from the book's
 * and the page size: the PDF of another paper size is another edition.
 */
static void
make_print_id(struct epub *e)
{
	const char	*part[2];
	char		*size;

	if (e->pages == NULL)
		return;
	size = xasprintf("pdf %.0fx%.0f", e->pages->page_w,
	    e->pages->page_h);
	part[0] = e->uuid;
	part[1] = size;
	name_uuid(e->print_id, part, 2);
	free(size);
}

/*
 * Is the file named name compressed already (a PNG, JPEG, GIF or WebP
 * picture)?  Deflating it again costs time and saves nothing: it is
 * stored as it is.
 */
static int
compressed_already(const char *name)
{
	static const char *const exts[] = { ".png", ".jpg", ".jpeg", ".gif",
	    ".webp" };
	const char	*dot = strrchr(name, '.');
	size_t		 i;

	for (i = 0; dot != NULL && i < sizeof(exts) / sizeof(exts[0]); i++)
		if (strcasecmp(dot, exts[i]) == 0)
			return 1;
	return 0;
}

static void
add(struct epub *e, const char *name, char *data, size_t len, int own)
{
	struct entry	*en;

	e->ent = xgrow(e->ent, &e->capent, e->nent + 1, sizeof(*e->ent));
	en = &e->ent[e->nent++];

	en->name = name;
	en->name_alloc = NULL;
	en->data = data;
	en->len = len;
	en->own = own;
	en->store = compressed_already(name);
}

/* --- container.xml and content.opf ----------------------------------- */

/*
 * container(), opf(), nav(), ncx() and chapter() each return one file
 * of the book (caller frees), its length in *len; NULL after a report.
 */
static char *
container(struct epub *e, size_t *len)
{
	struct xw	 x;

	xw_open(&x);
	xw_start(&x, "container");
	xw_attr(&x, "version", "1.0");
	xw_attr(&x, "xmlns", "urn:oasis:names:tc:opendocument:xmlns:container");
	xw_nl(&x);
	xw_start(&x, "rootfiles");
	xw_nl(&x);
	xw_start(&x, "rootfile");
	xw_attr(&x, "full-path", OPF_PATH);
	xw_attr(&x, "media-type", "application/oebps-package+xml");
	xw_endvoid(&x);
	xw_nl(&x);
	xw_end(&x);
	xw_nl(&x);
	xw_end(&x);
	return xw_finish(&x, e->path, len);
}

/* <meta property=...>text</meta>, refining id when given. */
static void
opf_meta(struct xw *x, const char *property, const char *refines,
    const char *id, const char *text)
{
	xw_start(x, "meta");
	if (refines != NULL)
		xw_attr(x, "refines", refines);
	xw_attr(x, "property", property);
	if (id != NULL)
		xw_attr(x, "id", id);
	xw_text(x, text);
	xw_end(x);
	xw_nl(x);
}

/* Each comma-separated keyword as its own dc:subject. */
static void
opf_keywords(struct xw *x, const char *kw)
{
	const char	*p, *end;
	char		*word;

	for (p = kw; p != NULL && *p != '\0'; p = *end == ',' ? end + 1 : end) {
		p += strspn(p, " \t");
		end = p + strcspn(p, ",");
		while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (end > p) {
			word = xstrndup(p, end - p);
			xw_elem(x, "dc:subject", word);
			xw_nl(x);
			free(word);
		}
		end += strspn(end, " \t");
	}
}

/* --- accessibility metadata ----------------------------------------- */

/* Is the image node n one of the book's packaged pictures? */
static int
packaged(const struct epub *e, const struct node *n)
{
	size_t	 i;

	if (n->u.img.path == NULL)
		return 0;
	for (i = 0; i < e->nmedia; i++)
		if (strcmp(e->media[i].disk, n->u.img.path) == 0)
			return 1;
	return 0;
}

/* Count what n and the nodes below it add to e->has. */
static void
count_contents(struct epub *e, const struct node *n)
{
	const struct node	*c;

	switch (n->kind) {
	case N_SECTION:
		if (n->first != NULL && n->first->kind == N_HEADING &&
		    n->first->u.head.id != NULL)
			e->has.sections++;
		break;
	case N_IMAGE:
		if (packaged(e, n)) {
			e->has.pictures++;
			if (n->u.img.alt != NULL && *n->u.img.alt != '\0')
				e->has.described++;
		}
		break;
	case N_TABLE:
		e->has.tables++;
		break;
	case N_LANG:
		if (strncmp(n->u.lang.tag, "ja", 2) == 0)
			e->has.japanese++;
		else
			e->has.chinese++;
		break;
	default:
		break;
	}
	for (c = n->first; c != NULL; c = c->next)
		count_contents(e, c);
}

/* How many print pages the chapter marks (the chapter is made first). */
static int
pages_marked(const struct epub *e)
{
	size_t	 i;
	int	 n = 0;

	for (i = 0; e->pages != NULL && i < e->pages->n; i++)
		n += e->pages->starts[i].placed;
	return n;
}

/* "1 table", "3 tables". */
static void
count_words(struct buf *b, int n, const char *one, const char *many)
{
	buf_printf(b, "%d %s", n, n == 1 ? one : many);
}

/*
 * One paragraph, for a reader deciding whether the book suits them,
 * saying what it holds and how it can be read.  Caller frees.
 */
static char *
a11y_summary(const struct epub *e, int conforms)
{
	const struct contents	*h = &e->has;
	struct buf		 b = { NULL, 0, 0 };

	buf_puts(&b, "A lecture in reflowable text that the reader may "
	    "restyle and resize, with a table of contents");
	if (h->sections == 1)
		buf_puts(&b, " and a heading for its section");
	else if (h->sections > 1)
		buf_printf(&b, " and a heading for each of its %d sections",
		    h->sections);
	buf_puts(&b, ".");
	if (h->pictures > 0) {
		buf_puts(&b, " It has ");
		count_words(&b, h->pictures, "picture", "pictures");
		if (h->described == h->pictures)
			buf_puts(&b, h->pictures == 1 ?
			    ", described in text." :
			    ", each described in text.");
		else if (h->pictures == 1)
			buf_puts(&b, ", without a text description.");
		else
			buf_printf(&b, ", %d of them without a text "
			    "description.", h->pictures - h->described);
	}
	if (h->tables > 0) {
		buf_puts(&b, " It has ");
		count_words(&b, h->tables, "table", "tables");
		buf_puts(&b, " with marked header rows.");
	}
	if (h->notes > 0) {
		buf_puts(&b, " Its ");
		count_words(&b, h->notes, "note is", "notes are");
		buf_puts(&b, " linked to and from the text.");
	}
	if (h->chinese > 0 || h->japanese > 0)
		buf_printf(&b, " Words in %s are marked with their language, "
		    "so that speech output reads them as such.",
		    h->japanese == 0 ? "Chinese" : h->chinese == 0 ?
		    "Japanese" : "Chinese and Japanese");
	if (pages_marked(e) > 0)
		buf_printf(&b, " Its %d %s marked where the print edition's "
		    "begin, and listed.", pages_marked(e),
		    pages_marked(e) == 1 ? "page is" : "pages are");
	buf_puts(&b, " Nothing flashes, moves or plays sound.");
	if (conforms)
		buf_puts(&b, " It meets EPUB Accessibility 1.1 at WCAG 2.1 "
		    "Level AA.");
	return b.p;
}

/* A schema.org accessibility meta for each comma-free value given. */
static void
a11y_values(struct xw *x, const char *property, const char *const *values)
{
	for (; *values != NULL; values++)
		opf_meta(x, property, NULL, NULL, *values);
}

/*
 * The book's accessibility metadata (EPUB Accessibility 1.1): how it
 * can be read, what helps, what could harm, and the claim of WCAG 2.1
 * AA when every picture has its text; only then is the text alone
 * enough to read the book.
 */
static void
opf_accessibility(struct epub *e, struct xw *x)
{
	const char	*modes[3] = { "textual", NULL, NULL };
	const char	*features[8];
	size_t		 nf = 0;
	int		 conforms;
	char		*summary;

	conforms = e->has.described == e->has.pictures;
	if (e->has.pictures > 0)
		modes[1] = "visual";
	a11y_values(x, "schema:accessMode", modes);
	if (conforms)
		opf_meta(x, "schema:accessModeSufficient", NULL, NULL,
		    "textual");
	if (e->has.pictures > 0)
		opf_meta(x, "schema:accessModeSufficient", NULL, NULL,
		    "textual,visual");
	features[nf++] = "structuralNavigation";
	features[nf++] = "tableOfContents";
	features[nf++] = "readingOrder";
	features[nf++] = "displayTransformability";
	if (e->has.pictures > 0 && conforms)
		features[nf++] = "alternativeText";
	if (pages_marked(e) > 0) {
		features[nf++] = "pageBreakMarkers";
		features[nf++] = "pageNavigation";
	}
	features[nf] = NULL;
	a11y_values(x, "schema:accessibilityFeature", features);
	opf_meta(x, "schema:accessibilityHazard", NULL, NULL, "none");
	summary = a11y_summary(e, conforms);
	opf_meta(x, "schema:accessibilitySummary", NULL, NULL, summary);
	free(summary);
	if (conforms)
		opf_meta(x, "dcterms:conformsTo", NULL, NULL,
		    "EPUB Accessibility 1.1 - WCAG 2.1 Level AA");
}

/*
 * <meta name= content=/>: in the OPF, the EPUB 2 form older readers and
 * Calibre read; in toc.ncx, the NCX's own.
 */
static void
named_meta(struct xw *x, const char *name, const char *content)
{
	xw_start(x, "meta");
	xw_attr(x, "name", name);
	xw_attr(x, "content", content);
	xw_endvoid(x);
	xw_nl(x);
}

/* Is s a number a reader can sort by ("8", "1.08")? */
static int
is_position(const char *s)
{
	size_t	 digits = strspn(s, "0123456789");

	if (digits == 0)
		return 0;
	s += digits;
	if (*s == '.' && strspn(s + 1, "0123456789") > 0)
		s += 1 + strspn(s + 1, "0123456789");
	return *s == '\0';
}

/*
 * The course is the series the lecture belongs to, its number the
 * place in it: EPUB 3's collection for Kobo and Apple Books, and
 * Calibre's own metas, which Calibre and the Kindle conversion read.
 */
static void
opf_series(struct xw *x, const struct meta *m)
{
	int	 pos = m->number != NULL && is_position(m->number);

	if (m->course == NULL)
		return;
	opf_meta(x, "belongs-to-collection", NULL, "course", m->course);
	opf_meta(x, "collection-type", "#course", NULL, "series");
	if (pos)
		opf_meta(x, "group-position", "#course", NULL, m->number);
	named_meta(x, "calibre:series", m->course);
	if (pos)
		named_meta(x, "calibre:series_index", m->number);
}

/*
 * The print edition the page markers come from: its identifier as
 * pageBreakSource (EPUB Accessibility 1.1) and as the EPUB 3.2
 * dc:source of the pagination, which older checkers know, with its
 * page size.
 */
static void
opf_page_source(struct epub *e, struct xw *x)
{
	char	*format;

	if (e->pages == NULL || e->pages->n == 0)
		return;
	opf_meta(x, "pbs:pageBreakSource", NULL, NULL, e->print_id);
	xw_start(x, "dc:source");
	xw_attr(x, "id", "print");
	xw_text(x, e->print_id);
	xw_end(x);
	xw_nl(x);
	opf_meta(x, "source-of", "#print", NULL, "pagination");
	format = xasprintf("application/pdf; %.0f x %.0f mm",
	    e->pages->page_w * 25.4 / 72, e->pages->page_h * 25.4 / 72);
	opf_meta(x, "dcterms:format", "#print", NULL, format);
	free(format);
}

/*
 * Dublin Core and the EPUB 3 meta: dcterms:modified from the build
 * epoch, so a rebuild of the same source gives the same bytes.
 */
static void
opf_metadata(struct epub *e, struct xw *x)
{
	const struct meta	*m = &e->doc->meta;
	char			 modified[32];
	struct tm		 tm;

	gmtime_r(&e->opts->epoch, &tm);
	strftime(modified, sizeof(modified), "%Y-%m-%dT%H:%M:%SZ", &tm);

	xw_start(x, "metadata");
	xw_attr(x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	xw_nl(x);
	xw_start(x, "dc:identifier");
	xw_attr(x, "id", "uid");
	xw_text(x, e->uuid);
	xw_end(x);
	xw_nl(x);
	xw_elem(x, "dc:title", m->title_text);
	xw_nl(x);
	xw_elem(x, "dc:language", m->lang);
	xw_nl(x);
	if (m->author != NULL) {
		xw_elem(x, "dc:creator", m->author);
		xw_nl(x);
	}
	if (m->date != NULL) {
		xw_elem(x, "dc:date", m->date);
		xw_nl(x);
	}
	if (m->subject != NULL) {
		xw_elem(x, "dc:subject", m->subject);
		xw_nl(x);
	}
	opf_keywords(x, m->keywords);
	opf_meta(x, "dcterms:modified", NULL, NULL, modified);
	opf_series(x, m);
	opf_accessibility(e, x);
	opf_page_source(e, x);
	/* EPUB 2 readers and Kindle conversion find the cover by this. */
	named_meta(x, "cover", "cover");
	xw_end(x);
	xw_nl(x);
}

static void
opf_item(struct xw *x, const char *id, const char *href, const char *type,
    const char *props)
{
	xw_start(x, "item");
	xw_attr(x, "id", id);
	xw_attr(x, "href", href);
	xw_attr(x, "media-type", type);
	if (props != NULL)
		xw_attr(x, "properties", props);
	xw_endvoid(x);
	xw_nl(x);
}

/* The file lecture k of the book is in (caller frees). */
static char *
lecture_file(const struct epub *e, size_t k)
{
	if (e->book == NULL)
		return xstrdup(CHAPTER);
	return xhtml_lecture_file(e->lec[k]->meta.anchor);
}

/*
 * A book's title page and lectures: manifest items, or (spine set)
 * their itemrefs in reading order.
 */
static void
opf_lectures(struct epub *e, struct xw *x, int spine)
{
	char	 id[IDLEN], *file;
	size_t	 k;

	for (k = 0; k <= e->nlec; k++) {
		if (k == 0)
			snprintf(id, sizeof(id), "titlepage");
		else
			snprintf(id, sizeof(id), "%s", e->lec[k - 1]->meta.anchor);
		if (spine) {
			xw_start(x, "itemref");
			xw_attr(x, "idref", id);
			xw_endvoid(x);
			xw_nl(x);
			continue;
		}
		file = k == 0 ? xstrdup(TITLEPAGE) : lecture_file(e, k - 1);
		opf_item(x, id, file, "application/xhtml+xml", NULL);
		free(file);
	}
}

static char *
opf(struct epub *e, size_t *len)
{
	struct xw	 x;
	char		 id[IDLEN];
	size_t		 i;

	xw_open(&x);
	xw_start(&x, "package");
	xw_attr(&x, "xmlns", "http://www.idpf.org/2007/opf");
	xw_attr(&x, "version", "3.0");
	xw_attr(&x, "unique-identifier", "uid");
	xw_attr(&x, "xml:lang", e->doc->meta.lang);
	if (e->pages != NULL && e->pages->n > 0)
		xw_attr(&x, "prefix", PBS_PREFIX);
	xw_nl(&x);
	opf_metadata(e, &x);
	xw_start(&x, "manifest");
	xw_nl(&x);
	opf_item(&x, "nav", NAV, "application/xhtml+xml", "nav");
	opf_item(&x, "ncx", NCX, "application/x-dtbncx+xml", NULL);
	opf_item(&x, "css", CSS, "text/css", NULL);
	if (e->book == NULL)
		opf_item(&x, "lecture", CHAPTER, "application/xhtml+xml", NULL);
	else
		opf_lectures(e, &x, 0);
	opf_item(&x, "cover", e->cover_href, e->cover_type, "cover-image");
	for (i = 0; i < NCJK; i++) {
		if (e->cjk[i].font_href == NULL)
			continue;
		snprintf(id, sizeof(id), "font-%s", cjk_tags[i]);
		opf_item(&x, id, e->cjk[i].font_href, "font/otf", NULL);
		snprintf(id, sizeof(id), "licence-%s", cjk_tags[i]);
		opf_item(&x, id, e->cjk[i].licence_href, "text/plain", NULL);
	}
	for (i = 0; i < e->nmedia; i++) {
		snprintf(id, sizeof(id), "img-%zu", i + 1);
		opf_item(&x, id, e->media[i].href, e->media[i].type, NULL);
	}
	xw_end(&x);
	xw_nl(&x);
	xw_start(&x, "spine");
	xw_attr(&x, "toc", "ncx");
	xw_attr(&x, "page-progression-direction",
	    e->doc->meta.rtl ? "rtl" : "ltr");
	xw_nl(&x);
	if (e->book == NULL) {
		xw_start(&x, "itemref");
		xw_attr(&x, "idref", "lecture");
		xw_endvoid(&x);
		xw_nl(&x);
	} else
		opf_lectures(e, &x, 1);
	/*
	 * The landmarks point at the contents, and every link target must
	 * be in the spine; out of the reading order, though.
	 */
	xw_start(&x, "itemref");
	xw_attr(&x, "idref", "nav");
	xw_attr(&x, "linear", "no");
	xw_endvoid(&x);
	xw_nl(&x);
	xw_end(&x);
	xw_nl(&x);
	xw_end(&x);
	return xw_finish(&x, e->path, len);
}

/* --- nav.xhtml ------------------------------------------------------- */

/* The heading a section starts with, if it has an id to link to. */
static const struct node *
sec_heading(const struct node *sec)
{
	const struct node	*h = sec->first;

	if (sec->kind != N_SECTION || h == NULL || h->kind != N_HEADING ||
	    h->u.head.id == NULL)
		return NULL;
	return h;
}

static int
has_subsections(const struct node *n)
{
	const struct node	*c;

	for (c = n->first; c != NULL; c = c->next)
		if (sec_heading(c) != NULL)
			return 1;
	return 0;
}

static char *
chapter_href(const char *file, const char *id)
{
	return xasprintf("%s#%s", file, id);
}

/* An <ol> of the sections below n, nested as they are. */
static void
nav_list(struct xw *x, const struct node *n, const char *file)
{
	const struct node	*c, *h;
	char			*href;

	xw_start(x, "ol");
	xw_nl(x);
	for (c = n->first; c != NULL; c = c->next) {
		if ((h = sec_heading(c)) == NULL)
			continue;
		href = chapter_href(file, h->u.head.id);
		xw_start(x, "li");
		xw_start(x, "a");
		xw_attr(x, "href", href);
		xhtml_label(x, h);
		xw_end(x);
		if (has_subsections(c)) {
			xw_nl(x);
			nav_list(x, c, file);
		}
		xw_end(x);
		xw_nl(x);
		free(href);
	}
	xw_end(x);
	xw_nl(x);
}

/* A book's contents: each lecture, its sections nested below it. */
static void
nav_book(struct epub *e, struct xw *x)
{
	const struct doc	*d;
	char			*file;
	size_t			 k;

	xw_start(x, "ol");
	xw_nl(x);
	/* Every spine item is in the contents (OPF-058). */
	xw_start(x, "li");
	xw_start(x, "a");
	xw_attr(x, "href", TITLEPAGE);
	xw_text_lang(x, e->doc->meta.title_text, &e->doc->meta);
	xw_end(x);
	xw_end(x);
	xw_nl(x);
	for (k = 0; k < e->nlec; k++) {
		d = e->lec[k];
		file = lecture_file(e, k);
		xw_start(x, "li");
		xw_start(x, "a");
		xw_attr(x, "href", file);
		xw_text_lang(x, d->meta.toc_text, &d->meta);
		xw_end(x);
		if (d->root != NULL && has_subsections(d->root)) {
			xw_nl(x);
			nav_list(x, d->root, file);
		}
		xw_end(x);
		xw_nl(x);
		free(file);
	}
	xw_end(x);
	xw_nl(x);
}

static void
nav_landmark(struct xw *x, const char *type, const char *href,
    const char *label, const struct meta *m)
{
	xw_start(x, "li");
	xw_start(x, "a");
	xw_attr(x, "epub:type", type);
	xw_attr(x, "href", href);
	if (m->words_lang != NULL) {
		xw_attr(x, "lang", m->words_lang);
		xw_attr(x, "xml:lang", m->words_lang);
	}
	xw_text(x, label);
	xw_end(x);
	xw_end(x);
	xw_nl(x);
}

/* The page list: each print page whose marker the chapter has. */
static void
nav_pages(struct epub *e, struct xw *x)
{
	const struct page_start	*ps;
	char			 href[IDLEN], num[IDLEN];
	size_t			 i;

	if (e->pages == NULL || e->pages->n == 0)
		return;
	xw_start(x, "nav");
	xw_attr(x, "epub:type", "page-list");
	xw_attr(x, "id", "page-list");
	xw_attr(x, "role", "doc-pagelist");
	xw_attr(x, "hidden", "hidden");
	xw_nl(x);
	xhtml_words(x, "h2", e->doc->meta.labels->pages, &e->doc->meta);
	xw_nl(x);
	xw_start(x, "ol");
	xw_nl(x);
	for (i = 0; i < e->pages->n; i++) {
		ps = &e->pages->starts[i];
		if (!ps->placed)
			continue;
		snprintf(href, sizeof(href), CHAPTER "#page-%d", ps->folio);
		snprintf(num, sizeof(num), "%d", ps->folio);
		xw_start(x, "li");
		xw_start(x, "a");
		xw_attr(x, "href", href);
		xw_text(x, num);
		xw_end(x);
		xw_end(x);
		xw_nl(x);
	}
	xw_end(x);
	xw_nl(x);
	xw_end(x);
	xw_nl(x);
}

static char *
nav(struct epub *e, size_t *len)
{
	const struct meta	*m = &e->doc->meta;
	struct xw		 x;
	char			*first;

	xw_open(&x);
	xhtml_root(&x, m, 1);
	xw_start(&x, "head");
	xw_nl(&x);
	xw_elem(&x, "title", m->title_text);
	xw_nl(&x);
	xw_start(&x, "link");
	xw_attr(&x, "rel", "stylesheet");
	xw_attr(&x, "type", "text/css");
	xw_attr(&x, "href", CSS);
	xw_endvoid(&x);
	xw_nl(&x);
	xw_end(&x);
	xw_nl(&x);
	xw_start(&x, "body");
	xw_nl(&x);

	xw_start(&x, "nav");
	xw_attr(&x, "epub:type", "toc");
	xw_attr(&x, "id", "toc");
	xw_attr(&x, "role", "doc-toc");
	xw_nl(&x);
	xhtml_words(&x, "h1", m->labels->contents, m);
	xw_nl(&x);
	if (e->book != NULL)
		nav_book(e, &x);
	else if (e->doc->root != NULL && has_subsections(e->doc->root))
		nav_list(&x, e->doc->root, CHAPTER);
	else {
		/* An empty <ol> is invalid: list the lecture itself. */
		xw_start(&x, "ol");
		xw_start(&x, "li");
		xw_start(&x, "a");
		xw_attr(&x, "href", CHAPTER);
		xw_text_lang(&x, m->title_text, m);
		xw_end(&x);
		xw_end(&x);
		xw_end(&x);
		xw_nl(&x);
	}
	xw_end(&x);
	xw_nl(&x);

	xw_start(&x, "nav");
	xw_attr(&x, "epub:type", "landmarks");
	xw_attr(&x, "id", "landmarks");
	xw_attr(&x, "hidden", "hidden");
	xw_nl(&x);
	xhtml_words(&x, "h2", m->labels->landmarks, m);
	xw_nl(&x);
	xw_start(&x, "ol");
	xw_nl(&x);
	if (e->book != NULL) {
		nav_landmark(&x, "titlepage", TITLEPAGE, "Title page", m);
		nav_landmark(&x, "toc", NAV "#toc", m->labels->contents, m);
		first = lecture_file(e, 0);
		nav_landmark(&x, "bodymatter", first, m->labels->lecture_word,
		    m);
		free(first);
	} else {
		nav_landmark(&x, "toc", NAV "#toc", m->labels->contents, m);
		nav_landmark(&x, "bodymatter", CHAPTER,
		    m->labels->lecture_word, m);
	}
	xw_end(&x);
	xw_nl(&x);
	xw_end(&x);
	xw_nl(&x);
	nav_pages(e, &x);

	xw_end(&x);
	xw_nl(&x);
	xw_end(&x);
	return xw_finish(&x, e->path, len);
}

/* --- toc.ncx, for EPUB 2 reading systems ----------------------------- */

static void
ncx_text(struct xw *x, const char *wrapper, const char *text)
{
	xw_start(x, wrapper);
	xw_elem(x, "text", text);
	xw_end(x);
}

/* Open a navPoint with its label and target; the caller closes it. */
static void
ncx_point(struct epub *e, struct xw *x, const char *label, const char *src)
{
	char	 id[IDLEN], order[IDLEN];

	e->playorder++;
	snprintf(id, sizeof(id), "np-%d", e->playorder);
	snprintf(order, sizeof(order), "%d", e->playorder);
	xw_start(x, "navPoint");
	xw_attr(x, "id", id);
	xw_attr(x, "playOrder", order);
	ncx_text(x, "navLabel", label);
	xw_start(x, "content");
	xw_attr(x, "src", src);
	xw_endvoid(x);
	xw_nl(x);
}

/* A navPoint for each section below n, nested, in reading order. */
static void
ncx_points(struct epub *e, struct xw *x, const struct node *n)
{
	const struct node	*c, *h;
	struct buf		 label = { NULL, 0, 0 };
	char			*src;

	for (c = n->first; c != NULL; c = c->next) {
		if ((h = sec_heading(c)) == NULL)
			continue;
		buf_reset(&label);
		xhtml_plain(&label, h);
		src = chapter_href(e->chapter, h->u.head.id);
		ncx_point(e, x, label.p != NULL ? label.p : "", src);
		free(src);
		ncx_points(e, x, c);
		xw_end(x);
		xw_nl(x);
	}
	buf_free(&label);
}

/* How deep the sections nest below n. */
static int
depth(const struct node *n)
{
	const struct node	*c;
	int			 d, max = 0;

	for (c = n->first; c != NULL; c = c->next)
		if (sec_heading(c) != NULL && (d = 1 + depth(c)) > max)
			max = d;
	return max;
}

/* A book's navPoints: the title page, then each lecture and its sections. */
static void
ncx_book(struct epub *e, struct xw *x)
{
	size_t	 k;
	ncx_point(e, x, e->doc->meta.title_text, TITLEPAGE);
	xw_end(x);
	xw_nl(x);
	char	*file;

	for (k = 0; k < e->nlec; k++) {
		e->chapter = file = lecture_file(e, k);
		ncx_point(e, x, e->lec[k]->meta.toc_text, file);
		if (e->lec[k]->root != NULL)
			ncx_points(e, x, e->lec[k]->root);
		xw_end(x);
		xw_nl(x);
		free(file);
	}
	e->chapter = CHAPTER;
}

static char *
ncx(struct epub *e, size_t *len)
{
	const struct meta	*m = &e->doc->meta;
	struct xw		 x;
	char			 d[IDLEN];
	int			 dep;
	size_t			 k;

	dep = e->doc->root != NULL ? depth(e->doc->root) : 0;
	for (k = 0; e->book != NULL && k < e->nlec; k++)
		if (e->lec[k]->root != NULL && depth(e->lec[k]->root) + 1 > dep)
			dep = depth(e->lec[k]->root) + 1;
	snprintf(d, sizeof(d), "%d", dep > 0 ? dep : 1);
	xw_open(&x);
	xw_start(&x, "ncx");
	xw_attr(&x, "xmlns", "http://www.daisy.org/z3986/2005/ncx/");
	xw_attr(&x, "version", "2005-1");
	xw_attr(&x, "xml:lang", m->lang);
	xw_nl(&x);
	xw_start(&x, "head");
	xw_nl(&x);
	named_meta(&x, "dtb:uid", e->uuid);
	named_meta(&x, "dtb:depth", d);
	named_meta(&x, "dtb:totalPageCount", "0");
	named_meta(&x, "dtb:maxPageNumber", "0");
	xw_end(&x);
	xw_nl(&x);
	ncx_text(&x, "docTitle", m->title_text);
	xw_nl(&x);
	if (m->author != NULL) {
		ncx_text(&x, "docAuthor", m->author);
		xw_nl(&x);
	}
	xw_start(&x, "navMap");
	xw_nl(&x);
	e->playorder = 0;
	if (e->book != NULL)
		ncx_book(e, &x);
	else if (dep > 0)
		ncx_points(e, &x, e->doc->root);
	else {
		/* A navMap needs one point: the lecture itself. */
		ncx_point(e, &x, m->title_text,
		    CHAPTER);
		xw_end(&x);
		xw_nl(&x);
	}
	/* Every spine item, the contents too, has a point (OPF-059). */
	ncx_point(e, &x, m->labels->contents, NAV);
	xw_end(&x);
	xw_nl(&x);
	xw_end(&x);
	xw_nl(&x);
	xw_end(&x);
	return xw_finish(&x, e->path, len);
}

/* --- the zip --------------------------------------------------------- */

/* The years a DOS date can hold. */
#define DOS_YEAR_MIN	1980
#define DOS_YEAR_MAX	2107

/*
 * The epoch as a DOS date and time, read in UTC.  zip_file_set_mtime()
 * would convert with localtime(), making the bytes depend on the
 * machine's time zone.  Outside the DOS range: its nearest end.
 */
static void
dos_time(time_t epoch, zip_uint16_t *dtime, zip_uint16_t *ddate)
{
	struct tm	 tm;
	int		 year;

	gmtime_r(&epoch, &tm);
	year = tm.tm_year + 1900;
	if (year < DOS_YEAR_MIN) {
		*ddate = (1 << 5) | 1;		/* 1980-01-01 */
		*dtime = 0;
		return;
	}
	if (year > DOS_YEAR_MAX) {
		*ddate = ((DOS_YEAR_MAX - DOS_YEAR_MIN) << 9) | (12 << 5) | 31;
		*dtime = (23 << 11) | (59 << 5) | (58 / 2);
		return;
	}
	*ddate = ((year - DOS_YEAR_MIN) << 9) | ((tm.tm_mon + 1) << 5) |
	    tm.tm_mday;
	*dtime = (tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2);
}

static int
zip_fail(struct epub *e, zip_error_t *ze)
{
	diag_file(e->path, D_SYS_LIB, "libzip", zip_error_strerror(ze));
	return -1;
}

/*
 * zlib's level 3: on a 500-lecture book, its default (6) took an
 * eighth more time to save 5 % of the size, and 9 a sixth more to
 * save under 1 % beyond that; 1 was no faster.
 */
#define DEFLATE_LEVEL	3

/* Add every entry to za, in order, with fixed times and permissions. */
static int
zip_entries(struct epub *e, zip_t *za)
{
	zip_source_t	*src;
	zip_int64_t	 idx;
	zip_uint16_t	 dtime, ddate;
	size_t		 i;

	dos_time(e->opts->epoch, &dtime, &ddate);
	for (i = 0; i < e->nent; i++) {
		src = zip_source_buffer(za, e->ent[i].data, e->ent[i].len, 0);
		if (src == NULL)
			return zip_fail(e, zip_get_error(za));
		if ((idx = zip_file_add(za, e->ent[i].name, src, 0)) < 0) {
			zip_source_free(src);
			return zip_fail(e, zip_get_error(za));
		}
		if (zip_set_file_compression(za, idx, e->ent[i].store ?
		    ZIP_CM_STORE : ZIP_CM_DEFLATE, DEFLATE_LEVEL) ||
		    zip_file_set_dostime(za, idx, dtime, ddate, 0) ||
		    zip_file_set_external_attributes(za, idx, 0,
		    ZIP_OPSYS_UNIX, 0100644u << 16))
			return zip_fail(e, zip_get_error(za));
	}
	return 0;
}

/*
 * The archive's bytes, built in memory so that a failure leaves no
 * half-written file and libzip makes no temporary files of its own.
 * Returns 0 and a new buffer (caller frees), or -1 after a report.
 */
static int
zip_build(struct epub *e, char **out, size_t *len)
{
	zip_error_t	 ze;
	zip_source_t	*src;
	zip_stat_t	 st;
	zip_t		*za;
	zip_int64_t	 n;

	*out = NULL;
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		return zip_fail(e, &ze);
	zip_source_keep(src);	/* the archive's result stays readable */
	if ((za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL) {
		zip_source_free(src);
		zip_source_free(src);
		return zip_fail(e, &ze);
	}
	if (zip_entries(e, za) < 0) {
		zip_discard(za);
		zip_source_free(src);
		return -1;
	}
	if (zip_close(za) < 0) {
		zip_fail(e, zip_get_error(za));
		zip_discard(za);
		zip_source_free(src);
		return -1;
	}
	if (zip_source_stat(src, &st) < 0 || zip_source_open(src) < 0) {
		zip_fail(e, zip_source_error(src));
		zip_source_free(src);
		return -1;
	}
	*out = xmalloc(st.size + 1);
	n = zip_source_read(src, *out, st.size);
	zip_source_close(src);
	if (n < 0 || (zip_uint64_t)n != st.size) {
		zip_fail(e, zip_source_error(src));
		zip_source_free(src);
		free(*out);
		*out = NULL;
		return -1;
	}
	zip_source_free(src);
	*len = st.size;
	return 0;
}

/* --- putting it together --------------------------------------------- */

/* Read a file to package as entry name; -1 after a report. */
static int
add_file(struct epub *e, const char *name, const char *disk)
{
	char	*data;
	size_t	 len;

	if (file_read(disk, &data, &len) == -1) {
		diag_file(disk, D_SYS_READ, strerror(errno));
		return -1;
	}
	add(e, name, data, len, 1);
	return 0;
}

/* Add a generated XML file; -1 if the writer failed (reported). */
static int
add_xml(struct epub *e, const char *name, char *(*fn)(struct epub *,
    size_t *))
{
	char	*data;
	size_t	 len;

	if ((data = fn(e, &len)) == NULL)
		return -1;
	add(e, name, data, len, 1);
	return 0;
}

/* The lecture; for Kobo, with its sentences in koboSpans. */
static char *
chapter(struct epub *e, size_t *len)
{
	char	*plain, *kobo;

	plain = xhtml_chapter(e->lec[e->cur], e->media, e->nmedia, CSS,
	    e->pages, len);
	if (plain == NULL || !e->opts->kepub)
		return plain;
	kobo = kepub_chapter(plain, *len, e->path, len);
	free(plain);
	return kobo;
}

/*
 * Where the cover goes: the front matter's picture keeps its type,
 * the drawn one is a PNG.  Beside the chapter, not in images/, so it
 * cannot meet a picture of the body by name.
 */
static void
cover_plan(struct epub *e)
{
	const char	*path = e->doc->meta.cover_path;

	if (path == NULL || e->doc->meta.cover_type == NULL) {
		e->cover_href = xstrdup("cover.png");
		e->cover_type = "image/png";
		return;
	}
	e->cover_type = e->doc->meta.cover_type;
	e->cover_href = xasprintf("cover%s",
	    xhtml_type_ext(e->cover_type));
}

/* The cover picture: the author's own, or one drawn in the print fonts. */
static int
add_cover(struct epub *e)
{
	struct buf	 png = { NULL, 0, 0 };
	char		*name;

	name = xasprintf("OEBPS/%s", e->cover_href);
	if (e->doc->meta.cover_path != NULL) {
		if (add_file(e, name, e->doc->meta.cover_path) < 0) {
			free(name);
			return -1;
		}
	} else if (fonts_check(e->style.heading_font, e->style.path) < 0 ||
	    fonts_check(e->style.body_font, e->style.path) < 0 ||
	    cover_draw(e->doc, &e->style, e->path, &png) < 0) {
		buf_free(&png);
		free(name);
		return -1;
	} else
		add(e, name, png.p, png.len, 1);
	e->ent[e->nent - 1].name_alloc = name;
	return 0;
}

/* --- the CJK font subsets ------------------------------------------- */

/* The slot for a language tag, or NULL for one without a CJK font. */
static struct cjk_font *
cjk_slot(struct epub *e, const char *tag)
{
	size_t	 i;

	for (i = 0; tag != NULL && i < NCJK; i++)
		if (strcmp(tag, cjk_tags[i]) == 0)
			return &e->cjk[i];
	return NULL;
}

/* Is the language tag Chinese or Japanese ("zh", "zh-TW", "ja"...)? */
static int
lang_is_cjk(const char *lang)
{
	return lang != NULL && (strncmp(lang, "zh", 2) == 0 ||
	    strncmp(lang, "ja", 2) == 0) && (lang[2] == '\0' || lang[2] == '-');
}

/*
 * Add the characters of text to f: all of them (text in f's language)
 * or only the Han and kana (a label that mixes scripts, which the
 * XHTML marks run by run).
 */
static void
cjk_add(struct cjk_font *f, const char *text, int all)
{
	size_t		 len, k;
	uint32_t	 cp;

	if (f == NULL || text == NULL)
		return;
	for (len = strlen(text); len > 0; text += k, len -= k) {
		if ((k = utf8_decode(text, len, &cp)) == 0) {
			k = 1;
			continue;
		}
		if (!all && !is_han(cp) && !is_kana(cp))
			continue;
		f->cps = xgrow(f->cps, &f->cap, f->n + 1, sizeof(*f->cps));
		f->cps[f->n++] = cp;
	}
}

/* The text at and below n, in language tag (NULL: not CJK) or its runs'. */
static void
cjk_walk(struct epub *e, const struct node *n, const char *tag)
{
	const struct node	*c;

	if (n->kind == N_LANG)
		tag = n->u.lang.tag;
	if (tag != NULL)
		cjk_add(cjk_slot(e, tag), n->text, 1);
	for (c = n->first; c != NULL; c = c->next)
		cjk_walk(e, c, tag);
}

static int
cp_cmp(const void *a, const void *b)
{
	uint32_t	 x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Which characters need which CJK font: the Han runs of a lecture in
 * another language, and the whole text of a Chinese or Japanese one
 * (its reader may have no CJK font); none with embed-cjk-font: never.
 * auto and always differ only in the style: with no Han text there is
 * nothing to embed.  Names the files of each font to embed.
 */
static void
cjk_plan(struct epub *e)
{
	const struct meta	*m = &e->doc->meta;
	const char		*labels[12];
	const char		*whole = NULL;
	struct cjk_font		*f;
	size_t			 i, k, u;

	if (e->style.embed_cjk == EMBED_NEVER)
		return;
	if (lang_is_cjk(m->lang))
		whole = m->cjk_lang;
	for (i = 0; i < e->nlec; i++)
		if (e->lec[i]->root != NULL)
			cjk_walk(e, e->lec[i]->root,
			    lang_is_cjk(e->lec[i]->meta.lang) ?
			    e->lec[i]->meta.cjk_lang : whole);
	labels[0] = m->title;
	labels[1] = m->label;
	labels[2] = m->byline;
	labels[3] = m->course;
	labels[4] = m->previous_text;
	labels[5] = m->next_text;
	/* lectern's own words: in a Chinese lecture, Chinese. */
	labels[6] = m->labels->notes;
	labels[7] = m->labels->contents;
	labels[8] = m->labels->landmarks;
	labels[9] = m->labels->pages;
	labels[10] = m->labels->lecture_word;
	labels[11] = m->date_text;
	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		cjk_add(cjk_slot(e, m->cjk_lang), labels[i], whole != NULL);
	for (i = 0; i < NCJK; i++) {
		f = &e->cjk[i];
		if (f->n == 0)
			continue;
		qsort(f->cps, f->n, sizeof(*f->cps), cp_cmp);
		for (k = u = 1; k < f->n; k++)
			if (f->cps[k] != f->cps[u - 1])
				f->cps[u++] = f->cps[k];
		f->n = u;
		f->font_href = xasprintf("fonts/cjk-%s.otf", cjk_tags[i]);
		f->licence_href = xasprintf("fonts/cjk-%s.txt", cjk_tags[i]);
	}
}

/* The subset of one language's CJK font and its licence, into the book. */
static int
add_cjk_font(struct epub *e, size_t i)
{
	const char	*family = style_cjk_font(&e->style, cjk_tags[i]);
	struct cjk_font	*f = &e->cjk[i];
	struct buf	 font = { NULL, 0, 0 }, licence = { NULL, 0, 0 };
	char		*path;
	int		 index, rc;

	if (subset_find(family, e->style.path, &path, &index) < 0)
		return -1;
	rc = subset_by_unicodes(path, index, f->cps, f->n, &font);
	if (rc == 0)
		rc = subset_licence(path, index, &licence);
	free(path);
	if (rc < 0) {
		buf_free(&font);
		buf_free(&licence);
		return -1;
	}
	add(e, f->font_href, font.p, font.len, 1);
	e->ent[e->nent - 1].name_alloc = xasprintf("OEBPS/%s", f->font_href);
	e->ent[e->nent - 1].name = e->ent[e->nent - 1].name_alloc;
	add(e, f->licence_href, licence.p, licence.len, 1);
	e->ent[e->nent - 1].name_alloc = xasprintf("OEBPS/%s",
	    f->licence_href);
	e->ent[e->nent - 1].name = e->ent[e->nent - 1].name_alloc;
	return 0;
}

/*
 * The stylesheet: styles/epub.css as written, then for each embedded
 * font its @font-face and the elements in its language.  -1 after a
 * report.
 */
static int
add_css(struct epub *e)
{
	const char	*dir, *tag;
	struct buf	 css = { NULL, 0, 0 };
	char		*path, *data;
	size_t		 len, i;

	dir = e->opts->style_dir != NULL ? e->opts->style_dir : "styles";
	path = xasprintf("%s/epub.css", dir);
	if (file_read(path, &data, &len) == -1) {
		diag_file(path, D_SYS_READ, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	buf_put(&css, data, len);
	free(data);
	for (i = 0; i < NCJK; i++) {
		tag = cjk_tags[i];
		if (e->cjk[i].font_href == NULL)
			continue;
		buf_printf(&css, "\n/* Added by lectern: %s text in a subset "
		    "of %s (licence: %s). */\n", tag,
		    style_cjk_font(&e->style, tag), e->cjk[i].licence_href);
		buf_printf(&css, "@font-face {\n\tfont-family: \"lectern %s\";"
		    "\n\tsrc: url(\"%s\");\n}\n\n", tag, e->cjk[i].font_href);
		buf_printf(&css, "[lang=\"%s\"]", tag);
		if (lang_is_cjk(e->doc->meta.lang) &&
		    strcmp(tag, e->doc->meta.cjk_lang) == 0)
			buf_printf(&css, ", [lang=\"%s\"]", e->doc->meta.lang);
		buf_printf(&css, " {\n\tfont-family: \"lectern %s\", serif;"
		    "\n}\n", tag);
	}
	add(e, "OEBPS/" CSS, css.p, css.len, 1);
	return 0;
}

static char *
title_page(struct epub *e, size_t *len)
{
	return xhtml_title_page(e->doc, e->book->subtitle,
	    e->book->publisher, e->book->rights, CSS, len);
}

/* A book's title page and each lecture's file. */
static int
add_lectures(struct epub *e)
{
	char	*file, *name;
	int	 rc = 0;

	if (add_xml(e, "OEBPS/" TITLEPAGE, title_page) < 0)
		return -1;
	for (e->cur = 0; e->cur < e->nlec && rc == 0; e->cur++) {
		file = lecture_file(e, e->cur);
		name = xasprintf("OEBPS/%s", file);
		free(file);
		if ((rc = add_xml(e, name, chapter)) == 0)
			e->ent[e->nent - 1].name_alloc = name;
		else
			free(name);
	}
	return rc;
}

/* Every file of the book, in the order the zip holds them. */
static int
collect(struct epub *e)
{
	static char	 mimetype[] = "application/epub+zip";
	char		*name;
	size_t		 i;

	add(e, "mimetype", mimetype, sizeof(mimetype) - 1, 0);
	e->ent[0].store = 1;	/* stored, first: OCF's magic number */
	/* The chapter first: it says which page markers the nav can list. */
	if (e->book != NULL ? add_lectures(e) < 0 :
	    add_xml(e, "OEBPS/" CHAPTER, chapter) < 0)
		return -1;
	if (add_xml(e, "META-INF/container.xml", container) < 0 ||
	    add_xml(e, OPF_PATH, opf) < 0 ||
	    add_xml(e, "OEBPS/" NAV, nav) < 0 ||
	    add_xml(e, "OEBPS/" NCX, ncx) < 0)
		return -1;
	if (add_css(e) < 0 || add_cover(e) < 0)
		return -1;
	for (i = 0; i < NCJK; i++)
		if (e->cjk[i].font_href != NULL && add_cjk_font(e, i) < 0)
			return -1;
	for (i = 0; i < e->nmedia; i++) {
		name = xasprintf("OEBPS/%s", e->media[i].href);
		if (add_file(e, name, e->media[i].disk) < 0) {
			free(name);
			return -1;
		}
		e->ent[e->nent - 1].name_alloc = name;
	}
	return 0;
}

static void
entries_free(struct epub *e)
{
	size_t	 i;

	for (i = 0; i < e->nent; i++) {
		if (e->ent[i].own)
			free(e->ent[i].data);
		free(e->ent[i].name_alloc);
	}
	free(e->ent);
}

/* Is href one of the first n pictures' names? */
static int
media_taken(const struct xhtml_media *m, size_t n, const char *href)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(m[i].href, href) == 0)
			return 1;
	return 0;
}

/*
 * Every picture of the book's lectures, once each: a file two
 * lectures show is packaged once; two files of one name in different
 * lectures' folders get the lecture's id before the second's name.
 */
static void
book_media(struct epub *e)
{
	struct xhtml_media	*m;
	size_t			 k, i, j, n;
	char			*href;

	for (k = 0; k < e->nlec; k++) {
		n = xhtml_media(e->lec[k], &m);
		for (i = 0; i < n; i++) {
			for (j = 0; j < e->nmedia; j++)
				if (strcmp(e->media[j].disk, m[i].disk) == 0)
					break;
			if (j < e->nmedia)
				continue;
			if (media_taken(e->media, e->nmedia, m[i].href)) {
				href = xasprintf("images/%s-%s",
				    e->lec[k]->meta.anchor, m[i].href + 7);
				free(m[i].href);
				m[i].href = href;
			}
			e->media = xreallocarray(e->media, e->nmedia + 1,
			    sizeof(*e->media));
			e->media[e->nmedia++] = m[i];
			m[i].href = NULL;
		}
		xhtml_media_free(m, n);
	}
}

/* Write the book e was set up for (one lecture or a course) to out. */
static int
write_book(struct epub *e, struct output *out)
{
	char		*zip;
	size_t		 len, i, k;
	int		 rc = -1;

	e->chapter = CHAPTER;
	make_uuid(e);
	make_print_id(e);
	if (e->book == NULL)
		e->nmedia = xhtml_media(e->doc, &e->media);
	else
		book_media(e);
	for (k = 0; k < e->nlec; k++) {
		if (e->lec[k]->root != NULL)
			count_contents(e, e->lec[k]->root);
		e->has.notes += e->lec[k]->nnotes;
	}
	cover_plan(e);
	if (style_load(&e->style, e->opts->style_dir) == 0 &&
	    (cjk_plan(e), collect(e) == 0) &&
	    zip_build(e, &zip, &len) == 0) {
		/* A failed write is reported when main.c closes out. */
		output_write(out, zip, len);
		rc = 0;
		free(zip);
	}
	entries_free(e);
	xhtml_media_free(e->media, e->nmedia);
	style_free(&e->style);
	free(e->cover_href);
	for (i = 0; i < NCJK; i++) {
		free(e->cjk[i].cps);
		free(e->cjk[i].font_href);
		free(e->cjk[i].licence_href);
	}
	return rc;
}

int
epub_write(const struct doc *doc, const struct opts *opts,
    struct page_list *pages, struct output *out)
{
	struct epub	 e;

	memset(&e, 0, sizeof(e));
	e.doc = doc;
	e.lec = &e.doc;
	e.nlec = 1;
	e.opts = opts;
	e.path = out->path;
	e.pages = pages;
	return write_book(&e, out);
}

int
epub_write_book(const struct book *b, const struct opts *opts,
    struct output *out)
{
	struct epub	 e;

	memset(&e, 0, sizeof(e));
	e.doc = b->front;
	e.book = b;
	e.lec = (const struct doc *const *)b->lectures;
	e.nlec = b->nlectures;
	e.opts = opts;
	e.path = out->path;
	return write_book(&e, out);
}
