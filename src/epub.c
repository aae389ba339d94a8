/* The EPUB 3 package: OPF, nav, NCX, container, and the zip around them. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>
#include <zip.h>

#include "diag.h"
#include "lectern.h"
#include "output.h"
#include "tree.h"
#include "util.h"
#include "pagelist.h"
#include "xhtml.h"

/* Names inside the book; hrefs in the OPF are relative to OEBPS/. */
#define OPF_PATH	"OEBPS/content.opf"
#define CHAPTER		"lecture.xhtml"
#define NAV		"nav.xhtml"
#define NCX		"toc.ncx"
#define CSS		"epub.css"

/*
 * pageBreakSource is in EPUB Accessibility 1.1's incubation, after
 * EPUB 3.3: epubcheck 4.2 reports it undefined without a prefix (and
 * under a11y:), so it is named by the W3C note's own IRI.
 */
#define PBS_PREFIX	"pbs: https://www.w3.org/publishing/a11y/page-source-id/#"

/* The entries a book has besides its images. */
#define FIXED_ENTRIES	7

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

/* The writer's state, made and freed inside epub_write(). */
struct epub {
	const struct doc	*doc;
	const struct opts	*opts;
	const char		*path;	/* the output, for messages */
	char			 uuid[IDLEN];	/* "urn:uuid:..." */
	struct xhtml_media	*media;
	size_t			 nmedia;
	struct entry		*ent;
	size_t			 nent;
	int			 playorder;	/* toc.ncx's counter */
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

static void
add(struct epub *e, const char *name, char *data, size_t len, int own)
{
	struct entry	*en = &e->ent[e->nent++];

	en->name = name;
	en->name_alloc = NULL;
	en->data = data;
	en->len = len;
	en->own = own;
	en->store = 0;
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
	if (m->course != NULL) {
		/* The course is the series this lecture belongs to. */
		opf_meta(x, "belongs-to-collection", NULL, "course",
		    m->course);
		opf_meta(x, "collection-type", "#course", NULL, "series");
	}
	opf_page_source(e, x);
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
	opf_item(&x, "lecture", CHAPTER, "application/xhtml+xml", NULL);
	for (i = 0; i < e->nmedia; i++) {
		snprintf(id, sizeof(id), "img-%zu", i + 1);
		opf_item(&x, id, e->media[i].href, e->media[i].type, NULL);
	}
	xw_end(&x);
	xw_nl(&x);
	xw_start(&x, "spine");
	xw_attr(&x, "toc", "ncx");
	xw_attr(&x, "page-progression-direction", "ltr");
	xw_nl(&x);
	xw_start(&x, "itemref");
	xw_attr(&x, "idref", "lecture");
	xw_endvoid(&x);
	xw_nl(&x);
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
chapter_href(const char *id)
{
	return xasprintf("%s#%s", CHAPTER, id);
}

/* An <ol> of the sections below n, nested as they are. */
static void
nav_list(struct xw *x, const struct node *n)
{
	const struct node	*c, *h;
	char			*href;

	xw_start(x, "ol");
	xw_nl(x);
	for (c = n->first; c != NULL; c = c->next) {
		if ((h = sec_heading(c)) == NULL)
			continue;
		href = chapter_href(h->u.head.id);
		xw_start(x, "li");
		xw_start(x, "a");
		xw_attr(x, "href", href);
		xhtml_label(x, h);
		xw_end(x);
		if (has_subsections(c)) {
			xw_nl(x);
			nav_list(x, c);
		}
		xw_end(x);
		xw_nl(x);
		free(href);
	}
	xw_end(x);
	xw_nl(x);
}

static void
nav_landmark(struct xw *x, const char *type, const char *href,
    const char *label)
{
	xw_start(x, "li");
	xw_start(x, "a");
	xw_attr(x, "epub:type", type);
	xw_attr(x, "href", href);
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
	xw_elem(x, "h2", "Pages");
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

	xw_open(&x);
	xhtml_root(&x, m->lang, 1);
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
	xw_elem(&x, "h1", "Contents");
	xw_nl(&x);
	if (e->doc->root != NULL && has_subsections(e->doc->root))
		nav_list(&x, e->doc->root);
	else {
		/* An empty <ol> is invalid: list the lecture itself. */
		xw_start(&x, "ol");
		xw_start(&x, "li");
		xw_start(&x, "a");
		xw_attr(&x, "href", CHAPTER);
		xw_text_lang(&x, m->title_text,
		    m->cjk_lang);
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
	xw_elem(&x, "h2", "Landmarks");
	xw_nl(&x);
	xw_start(&x, "ol");
	xw_nl(&x);
	nav_landmark(&x, "toc", NAV "#toc", "Contents");
	nav_landmark(&x, "bodymatter", CHAPTER, "Lecture");
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
		src = chapter_href(h->u.head.id);
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

static void
ncx_head_meta(struct xw *x, const char *name, const char *content)
{
	xw_start(x, "meta");
	xw_attr(x, "name", name);
	xw_attr(x, "content", content);
	xw_endvoid(x);
	xw_nl(x);
}

static char *
ncx(struct epub *e, size_t *len)
{
	const struct meta	*m = &e->doc->meta;
	struct xw		 x;
	char			 d[IDLEN];
	int			 dep;

	dep = e->doc->root != NULL ? depth(e->doc->root) : 0;
	snprintf(d, sizeof(d), "%d", dep > 0 ? dep : 1);
	xw_open(&x);
	xw_start(&x, "ncx");
	xw_attr(&x, "xmlns", "http://www.daisy.org/z3986/2005/ncx/");
	xw_attr(&x, "version", "2005-1");
	xw_attr(&x, "xml:lang", m->lang);
	xw_nl(&x);
	xw_start(&x, "head");
	xw_nl(&x);
	ncx_head_meta(&x, "dtb:uid", e->uuid);
	ncx_head_meta(&x, "dtb:depth", d);
	ncx_head_meta(&x, "dtb:totalPageCount", "0");
	ncx_head_meta(&x, "dtb:maxPageNumber", "0");
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
	if (dep > 0)
		ncx_points(e, &x, e->doc->root);
	else {
		/* A navMap needs one point: the lecture itself. */
		ncx_point(e, &x, m->title_text,
		    CHAPTER);
		xw_end(&x);
		xw_nl(&x);
	}
	/* Every spine item, the contents too, has a point (OPF-059). */
	ncx_point(e, &x, "Contents", NAV);
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
		    ZIP_CM_STORE : ZIP_CM_DEFLATE, e->ent[i].store ? 0 : 9) ||
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

static char *
chapter(struct epub *e, size_t *len)
{
	return xhtml_chapter(e->doc, e->media, e->nmedia, CSS, e->pages,
	    len);
}

/* Every file of the book, in the order the zip holds them. */
static int
collect(struct epub *e)
{
	static char	 mimetype[] = "application/epub+zip";
	const char	*dir;
	char		*css, *name;
	size_t		 i;
	int		 rc;

	add(e, "mimetype", mimetype, sizeof(mimetype) - 1, 0);
	e->ent[0].store = 1;	/* stored, first: OCF's magic number */
	/* The chapter first: it says which page markers the nav can list. */
	if (add_xml(e, "OEBPS/" CHAPTER, chapter) < 0 ||
	    add_xml(e, "META-INF/container.xml", container) < 0 ||
	    add_xml(e, OPF_PATH, opf) < 0 ||
	    add_xml(e, "OEBPS/" NAV, nav) < 0 ||
	    add_xml(e, "OEBPS/" NCX, ncx) < 0)
		return -1;
	dir = e->opts->style_dir != NULL ? e->opts->style_dir : "styles";
	css = xasprintf("%s/epub.css", dir);
	rc = add_file(e, "OEBPS/" CSS, css);
	free(css);
	if (rc < 0)
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

int
epub_write(const struct doc *doc, const struct opts *opts,
    struct page_list *pages, struct output *out)
{
	struct epub	 e;
	char		*zip;
	size_t		 len;
	int		 rc = -1;

	memset(&e, 0, sizeof(e));
	e.doc = doc;
	e.opts = opts;
	e.path = out->path;
	e.pages = pages;
	make_uuid(&e);
	make_print_id(&e);
	e.nmedia = xhtml_media(doc, &e.media);
	e.ent = xcalloc(FIXED_ENTRIES + e.nmedia, sizeof(*e.ent));
	if (collect(&e) == 0 && zip_build(&e, &zip, &len) == 0) {
		/* A failed write is reported when main.c closes out. */
		output_write(out, zip, len);
		rc = 0;
		free(zip);
	}
	entries_free(&e);
	xhtml_media_free(e.media, e.nmedia);
	return rc;
}
