/* Tree to the EPUB's XHTML content document, through libxml2's writer. */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "pagelist.h"
#include "labels.h"
#include "tree.h"
#include "util.h"
#include "xhtml.h"

#define NS_XHTML	"http://www.w3.org/1999/xhtml"
#define NS_OPS		"http://www.idpf.org/2007/ops"

/* Room for "fnref-" plus two decimal ints and the NUL. */
#define IDLEN		64

/*
 * The chapter writer's state: the XML being written and what it needs
 * to look up while walking the (const) tree.
 */
struct xh {
	struct xw			 x;
	const struct doc		*doc;
	const struct xhtml_media	*media;
	size_t				 nmedia;
	int				 in_link;	/* inside <a> */
	struct page_list		*pages;		/* NULL: no markers */
	const char			*pre;		/* the doc's id prefix */
};

static void	 blocks(struct xh *, const struct node *);
static void	 block(struct xh *, const struct node *);
static void	 inlines(struct xh *, const struct node *);

static void
lang_span(struct xw *x, const char *tag)
{
	xw_start(x, "span");
	xw_attr(x, "lang", tag);
	xw_attr(x, "xml:lang", tag);
}

void
xhtml_words(struct xw *x, const char *name, const char *words,
    const struct meta *m)
{
	xw_start(x, name);
	if (m->words_lang != NULL) {
		xw_attr(x, "lang", m->words_lang);
		xw_attr(x, "xml:lang", m->words_lang);
	}
	xw_text(x, words);
	xw_end(x);
}

void
xw_text_lang(struct xw *x, const char *s, const struct meta *m)
{
	const char	*lang;
	char		*piece;
	size_t		 i, next, len;
	int		 script, kana, letters;

	if (s == NULL)
		return;
	len = strlen(s);
	for (i = 0; i < len; i = next) {
		next = script_run_end(s, i, len, &script, &kana, &letters);
		lang = string_run_lang(script, letters, m->lang, m->han_lang);
		piece = xstrndup(s + i, next - i);
		if (lang != NULL)
			lang_span(x, lang);
		xw_text(x, piece);
		if (lang != NULL)
			xw_end(x);
		free(piece);
	}
}

/* --- images ---------------------------------------------------------- */

/*
 * The extension a packaged picture's name carries for its media type
 * (check.c found the type in the file's bytes): epubcheck reports a
 * name that says otherwise (PKG-022).
 */
const char *
xhtml_type_ext(const char *type)
{
	static const struct {
		const char	*type, *ext;
	} exts[] = {
		{ "image/png", ".png" },
		{ "image/jpeg", ".jpg" },
		{ "image/gif", ".gif" },
		{ "image/svg+xml", ".svg" },
	};
	size_t		 i;

	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (strcmp(type, exts[i].type) == 0)
			return exts[i].ext;
	return "";
}

/* Does the file name end in the extension of its media type? */
static int
ext_fits(const char *name, const char *type)
{
	const char	*dot = strrchr(name, '.');

	if (dot == NULL)
		return 0;
	return strcasecmp(dot, xhtml_type_ext(type)) == 0 ||
	    (strcmp(type, "image/jpeg") == 0 && strcasecmp(dot, ".jpeg") == 0);
}

/* Can name go into a URL and a zip entry as it is? */
static int
safe_name(const char *name)
{
	const char	*p;

	if (*name == '\0' || *name == '.')
		return 0;
	for (p = name; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		    *p == '.'))
			return 0;
	return 1;
}

static const struct xhtml_media *
media_find(const struct xhtml_media *m, size_t n, const char *disk)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(m[i].disk, disk) == 0)
			return &m[i];
	return NULL;
}

/*
 * Does one of the first n images already have this href?  Ignoring
 * case: OCF forbids names that differ in case only.
 */
static int
href_taken(const struct xhtml_media *m, size_t n, const char *href)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcasecmp(m[i].href, href) == 0)
			return 1;
	return 0;
}

/*
 * The name an image gets in the book: its own file name when that is
 * plain ASCII, ends as its type says and is not yet taken, else
 * image-N with its type's extension.  Caller frees.
 */
static char *
media_href(const struct xhtml_media *m, size_t n, const char *disk,
    const char *type)
{
	const char	*base;
	char		*href;
	size_t		 k;

	base = (base = strrchr(disk, '/')) == NULL ? disk : base + 1;
	if (safe_name(base) && ext_fits(base, type)) {
		href = xasprintf("images/%s", base);
		if (!href_taken(m, n, href))
			return href;
		free(href);
	}
	/* At most n names are taken, so this ends by k = n + 1. */
	for (k = 1; ; k++) {
		href = xasprintf("images/image-%zu%s", k,
		    xhtml_type_ext(type));
		if (!href_taken(m, n, href))
			return href;
		free(href);
	}
}

/* Add the packaged images at and below n to *m, skipping repeats. */
static void
media_walk(const struct node *n, struct xhtml_media **m, size_t *len,
    size_t *cap)
{
	const struct node	*c;

	if (n->kind == N_IMAGE && n->u.img.path != NULL &&
	    media_find(*m, *len, n->u.img.path) == NULL) {
		*m = xgrow(*m, cap, *len + 1, sizeof(**m));
		(*m)[*len].disk = n->u.img.path;
		(*m)[*len].type = n->u.img.type;
		(*m)[*len].href = media_href(*m, *len, n->u.img.path,
		    n->u.img.type);
		(*len)++;
	}
	for (c = n->first; c != NULL; c = c->next)
		media_walk(c, m, len, cap);
}

size_t
xhtml_media(const struct doc *doc, struct xhtml_media **out)
{
	size_t	 len = 0, cap = 0;

	*out = NULL;
	if (doc->root != NULL)
		media_walk(doc->root, out, &len, &cap);
	return len;
}

void
xhtml_media_free(struct xhtml_media *m, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(m[i].href);
	free(m);
}

/* --- labels for the tables of contents ------------------------------- */

static void	 label_span(struct xw *, struct buf *, const struct node *);
static void	 label_text(struct xw *, struct buf *, const char *);

/*
 * The inlines from n on, as a label: to the writer x when given (Han
 * runs keep their spans), else as plain text onto b.
 */
static void
label_inlines(struct xw *x, struct buf *b, const struct node *n)
{
	for (; n != NULL; n = n->next) {
		switch (n->kind) {
		case N_TEXT:
		case N_CODE:
		case N_INLINE_HTML:
			if (x != NULL)
				xw_text(x, n->text);
			else if (n->text != NULL)
				buf_puts(b, n->text);
			break;
		case N_SOFTBREAK:
		case N_LINEBREAK:
			if (x != NULL)
				xw_text(x, " ");
			else
				buf_putc(b, ' ');
			break;
		case N_IMAGE:
			if (x != NULL)
				xw_text(x, n->u.img.alt);
			else if (n->u.img.alt != NULL)
				buf_puts(b, n->u.img.alt);
			break;
		case N_FNREF:
			break;
		case N_LANG:
			if (x != NULL)
				lang_span(x, n->u.lang.tag);
			label_inlines(x, b, n->first);
			if (x != NULL)
				xw_end(x);
			break;
		case N_SPAN:
			label_span(x, b, n);
			break;
		default:
			label_inlines(x, b, n->first);
			break;
		}
	}
}

/*
 * An allowed HTML element in a label: its language kept (a span of
 * it), a quotation's marks around it, as in the text.
 */
static void
label_span(struct xw *x, struct buf *b, const struct node *n)
{
	const char	*lang = n->u.span.lang;

	if (x != NULL && lang != NULL)
		lang_span(x, lang);
	label_text(x, b, n->u.span.q_open);
	label_inlines(x, b, n->first);
	label_text(x, b, n->u.span.q_close);
	if (x != NULL && lang != NULL)
		xw_end(x);
}

/* Text s (may be NULL) of a label, to x or else onto b. */
static void
label_text(struct xw *x, struct buf *b, const char *s)
{
	if (s == NULL)
		return;
	if (x != NULL)
		xw_text(x, s);
	else
		buf_puts(b, s);
}

void
xhtml_label(struct xw *x, const struct node *heading)
{
	label_inlines(x, NULL, heading->first);
}

void
xhtml_plain(struct buf *b, const struct node *heading)
{
	label_inlines(NULL, b, heading->first);
}

/* --- inlines --------------------------------------------------------- */

/*
 * The href with every byte a URL may not hold percent-encoded (what
 * cmark's own HTML renderer does).  Caller frees.
 */
static char *
href_escape(const char *s)
{
	static const char safe[] = "-_.+!*'(),%#@?=;:/&$~";
	struct buf	 b = { NULL, 0, 0 };
	unsigned char	 c;

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr(safe, c) != NULL)
			buf_putc(&b, c);
		else
			buf_printf(&b, "%%%02X", c);
	}
	if (b.p == NULL)
		buf_puts(&b, "");
	return b.p;
}

/* A link where check.c found one, else its text alone. */
static void
link(struct xh *h, const struct node *n)
{
	char	*href, *frag;

	switch (n->u.link.kind) {
	case LK_EXTERNAL:
		href = href_escape(n->u.link.target);
		break;
	case LK_INTERNAL:
	case LK_NOTE:
		frag = xasprintf("#%s", n->u.link.target);
		href = href_escape(frag);
		free(frag);
		break;
	default:
		inlines(h, n->first);
		return;
	}
	xw_start(&h->x, "a");
	xw_attr(&h->x, "href", href);
	if (n->u.link.title != NULL && *n->u.link.title != '\0')
		xw_attr(&h->x, "title", n->u.link.title);
	h->in_link++;
	inlines(h, n->first);
	h->in_link--;
	xw_end(&h->x);
	free(href);
}

/* <img> for a packaged image; its alt text for any other. */
static void
image(struct xh *h, const struct node *n)
{
	const struct xhtml_media	*m = NULL;

	if (n->u.img.path != NULL)
		m = media_find(h->media, h->nmedia, n->u.img.path);
	if (m == NULL) {
		/* Not in the book: the alt text stands in for it. */
		xw_text(&h->x, n->u.img.alt);
		return;
	}
	xw_start(&h->x, "img");
	xw_attr(&h->x, "src", m->href);
	xw_attr(&h->x, "alt", n->u.img.alt != NULL ? n->u.img.alt : "");
	/* A figure's title is its caption (figure()), not a tooltip. */
	if (n->u.img.title != NULL && *n->u.img.title != '\0' &&
	    n->u.img.caption == NULL)
		xw_attr(&h->x, "title", n->u.img.title);
	xw_endvoid(&h->x);
}

/*
 * A note reference: <sup><a epub:type="noteref"> with id fnref-N for
 * the note's first reference, fnref-N-K for its K-th.
 */
static void
fnref(struct xh *h, const struct node *n)
{
	char	 id[IDLEN], href[IDLEN], num[IDLEN];

	if (n->u.note.nref > 1)
		snprintf(id, sizeof(id), "%sfnref-%d-%d", h->pre, n->u.note.num,
		    n->u.note.nref);
	else
		snprintf(id, sizeof(id), "%sfnref-%d", h->pre, n->u.note.num);
	snprintf(href, sizeof(href), "#%sfn-%d", h->pre, n->u.note.num);
	snprintf(num, sizeof(num), "%d", n->u.note.num);
	xw_start(&h->x, "sup");
	if (h->in_link) {
		/* No <a> inside <a>: the number stays, as a target. */
		xw_attr(&h->x, "id", id);
		xw_text(&h->x, num);
		xw_end(&h->x);
		return;
	}
	xw_start(&h->x, "a");
	xw_attr(&h->x, "epub:type", "noteref");
	xw_attr(&h->x, "role", "doc-noteref");
	xw_attr(&h->x, "id", id);
	xw_attr(&h->x, "href", href);
	xw_text(&h->x, num);
	xw_end(&h->x);
	xw_end(&h->x);
}

/* An element around the node's inlines. */
static void
wrap(struct xh *h, const char *name, const struct node *n)
{
	xw_start(&h->x, name);
	inlines(h, n->first);
	xw_end(&h->x);
}

/*
 * The print edition's page marker: empty, its number in aria-label
 * (Ace wants a label; a number in the text would be read aloud in the
 * middle of a sentence).
 */
static void
pagebreak(struct xh *h, struct page_start *ps)
{
	char	 id[IDLEN], num[IDLEN];

	snprintf(id, sizeof(id), "page-%d", ps->folio);
	snprintf(num, sizeof(num), "%d", ps->folio);
	xw_start(&h->x, "span");
	xw_attr(&h->x, "epub:type", "pagebreak");
	xw_attr(&h->x, "role", "doc-pagebreak");
	xw_attr(&h->x, "id", id);
	xw_attr(&h->x, "aria-label", num);
	xw_endvoid(&h->x);
	ps->placed = 1;
}

/*
 * n's text, split before the first word of each print page that
 * begins in it (lay_page_list() named the node and byte).
 */
static void
text_marked(struct xh *h, const struct node *n)
{
	struct page_start	*ps;
	char			*piece;
	size_t			 i, at = 0, len = strlen(n->text);

	for (i = 0; h->pages != NULL && i < h->pages->n; i++) {
		ps = &h->pages->starts[i];
		if (ps->node != n || ps->placed || ps->off < at ||
		    ps->off > len)
			continue;
		piece = xstrndup(n->text + at, ps->off - at);
		xw_text(&h->x, piece);
		free(piece);
		pagebreak(h, ps);
		at = ps->off;
	}
	xw_text(&h->x, n->text + at);
}

/*
 * A page that begins with a heading is marked before it, so the
 * heading's name (what a screen reader announces, what a reader's
 * contents show) stays its words.
 */
static void
pagebreak_before(struct xh *h, const struct node *n)
{
	size_t	 i;

	while (n != NULL && n->kind != N_TEXT && n->kind != N_CODE)
		n = n->first;
	for (i = 0; n != NULL && h->pages != NULL && i < h->pages->n; i++)
		if (h->pages->starts[i].node == n &&
		    h->pages->starts[i].off == 0 &&
		    !h->pages->starts[i].placed)
			pagebreak(h, &h->pages->starts[i]);
}

/*
 * An allowed HTML element, as read.c kept it: its name, its language
 * and direction (a bdo needs its dir, else it is a span).
 */
static void
span(struct xh *h, const struct node *n)
{
	const char	*name = span_el_names[n->u.span.el];

	if (n->u.span.el == SP_BDO && n->u.span.dir == NULL)
		name = "span";
	xw_start(&h->x, name);
	if (n->u.span.lang != NULL) {
		xw_attr(&h->x, "lang", n->u.span.lang);
		xw_attr(&h->x, "xml:lang", n->u.span.lang);
	}
	if (n->u.span.dir != NULL)
		xw_attr(&h->x, "dir", n->u.span.dir);
	if (n->u.span.title != NULL)
		xw_attr(&h->x, "title", n->u.span.title);
	/* A q's marks are text (epub.css sets none of its own): the
	   words check.c chose, as the PDF prints them. */
	if (n->u.span.q_open != NULL)
		xw_text(&h->x, n->u.span.q_open);
	inlines(h, n->first);
	if (n->u.span.q_close != NULL)
		xw_text(&h->x, n->u.span.q_close);
	xw_end(&h->x);
}

static void
inline1(struct xh *h, const struct node *n)
{
	switch (n->kind) {
	case N_TEXT:
		text_marked(h, n);
		break;
	case N_LANG:
		lang_span(&h->x, n->u.lang.tag);
		inlines(h, n->first);
		xw_end(&h->x);
		break;
	case N_SPAN:
		span(h, n);
		break;
	case N_EMPH:
		wrap(h, "em", n);
		break;
	case N_STRONG:
		wrap(h, "strong", n);
		break;
	case N_STRIKE:
		wrap(h, "del", n);
		break;
	case N_CODE:
		xw_start(&h->x, "code");
		text_marked(h, n);
		xw_end(&h->x);
		break;
	case N_LINK:
		link(h, n);
		break;
	case N_IMAGE:
		image(h, n);
		break;
	case N_SOFTBREAK:
		xw_nl(&h->x);
		break;
	case N_LINEBREAK:
		xw_void(&h->x, "br");
		xw_nl(&h->x);
		break;
	case N_FNREF:
		fnref(h, n);
		break;
	default:
		assert(!"block node among inlines");
		break;
	}
}

static void
inlines(struct xh *h, const struct node *n)
{
	for (; n != NULL; n = n->next)
		inline1(h, n);
}

/* --- blocks ---------------------------------------------------------- */

/*
 * The start of a note: its number, linking back to the reference.
 * A note referenced more than once gets one link per reference,
 * lettered a, b, c... as encyclopedias do.
 */
static void
note_mark(struct xh *h, const struct node *def)
{
	char	 href[IDLEN], label[IDLEN];
	int	 k, num = def->u.note.num, nref = def->u.note.nref;

	snprintf(label, sizeof(label), "%d.", num);
	if (nref == 1) {
		snprintf(href, sizeof(href), "#%sfnref-%d", h->pre, num);
		xw_start(&h->x, "a");
		xw_attr(&h->x, "role", "doc-backlink");
		xw_attr(&h->x, "href", href);
		xw_text(&h->x, label);
		xw_end(&h->x);
		xw_text(&h->x, " ");
		return;
	}
	xw_text(&h->x, label);
	for (k = 1; k <= nref; k++) {
		if (k == 1)
			snprintf(href, sizeof(href), "#%sfnref-%d", h->pre,
			    num);
		else
			snprintf(href, sizeof(href), "#%sfnref-%d-%d", h->pre,
			    num, k);
		if (k <= 26)
			snprintf(label, sizeof(label), "%c", 'a' + k - 1);
		else
			snprintf(label, sizeof(label), "%d", k);
		xw_text(&h->x, " ");
		xw_start(&h->x, "a");
		xw_attr(&h->x, "role", "doc-backlink");
		xw_attr(&h->x, "href", href);
		xw_elem(&h->x, "sup", label);
		xw_end(&h->x);
	}
	xw_text(&h->x, " ");
}

/*
 * A figure (check.c decided): the picture on its own, set apart.  In a
 * tight list item it stands for the item's paragraph all the same.
 */
static void
figure(struct xh *h, const struct node *n)
{
	xw_start(&h->x, "figure");
	inlines(h, n->first);
	if (n->first->u.img.caption != NULL) {
		xw_start(&h->x, "figcaption");
		xw_text_lang(&h->x, n->first->u.img.caption, &h->doc->meta);
		xw_end(&h->x);
	}
	xw_end(&h->x);
	xw_nl(&h->x);
}

static void
para(struct xh *h, const struct node *n)
{
	int	 first_of_note;

	if (n->flags & NF_FIGURE) {
		figure(h, n);
		return;
	}
	first_of_note = n->parent != NULL && n->parent->kind == N_FNDEF &&
	    n->parent->first == n;
	if (n->flags & NF_TIGHT && !first_of_note) {
		inlines(h, n->first);
		if (n->next != NULL)
			xw_nl(&h->x);
		return;
	}
	xw_start(&h->x, "p");
	if (first_of_note)
		note_mark(h, n->parent);
	inlines(h, n->first);
	xw_end(&h->x);
	xw_nl(&h->x);
}

static void
heading(struct xh *h, const struct node *n)
{
	char	 name[3];
	int	 level = n->u.head.level;

	if (level < 1)
		level = 1;
	if (level > 6)
		level = 6;
	snprintf(name, sizeof(name), "h%d", level);
	pagebreak_before(h, n);
	xw_start(&h->x, name);
	if (n->u.head.id != NULL)
		xw_attr(&h->x, "id", n->u.head.id);
	inlines(h, n->first);
	xw_end(&h->x);
	xw_nl(&h->x);
}

static void
list(struct xh *h, const struct node *n)
{
	const struct node	*item;
	char			 start[IDLEN];

	xw_start(&h->x, n->u.list.ordered ? "ol" : "ul");
	if (n->u.list.ordered && n->u.list.start != 1) {
		snprintf(start, sizeof(start), "%d", n->u.list.start);
		xw_attr(&h->x, "start", start);
	}
	xw_nl(&h->x);
	for (item = n->first; item != NULL; item = item->next) {
		xw_start(&h->x, "li");
		blocks(h, item->first);
		xw_end(&h->x);
		xw_nl(&h->x);
	}
	xw_end(&h->x);
	xw_nl(&h->x);
}

/*
 * No class="language-x" from the info string: epubcheck reports every
 * class the stylesheet does not style (CSS-025), and one stylesheet
 * cannot know every language.
 */
static void
codeblock(struct xh *h, const struct node *n)
{
	xw_start(&h->x, "pre");
	xw_start(&h->x, "code");
	text_marked(h, n);
	xw_end(&h->x);
	xw_end(&h->x);
	xw_nl(&h->x);
}

static void
table_row(struct xh *h, const struct node *tab, const struct node *row,
    const char *cell)
{
	/*
	 * Not a class: epubcheck reports classes a stylesheet does not
	 * use (CSS-024), and style attributes (ACC-013).  epub.css
	 * selects td[data-align=...] instead.
	 */
	static const char *const align[] = {
		NULL, "left", "center", "right"
	};
	const struct node	*c;
	int			 col;

	xw_start(&h->x, "tr");
	for (c = row->first, col = 0; c != NULL; c = c->next, col++) {
		xw_start(&h->x, cell);
		if (col < tab->u.table.ncols && tab->u.table.align != NULL &&
		    align[tab->u.table.align[col]] != NULL)
			xw_attr(&h->x, "data-align",
			    align[tab->u.table.align[col]]);
		inlines(h, c->first);
		xw_end(&h->x);
	}
	xw_end(&h->x);
	xw_nl(&h->x);
}

static void
table(struct xh *h, const struct node *n)
{
	const struct node	*row = n->first;

	xw_start(&h->x, "table");
	xw_nl(&h->x);
	if (row != NULL && row->flags & NF_HEADER) {
		xw_start(&h->x, "thead");
		table_row(h, n, row, "th");
		xw_end(&h->x);
		xw_nl(&h->x);
		row = row->next;
	}
	if (row != NULL) {
		xw_start(&h->x, "tbody");
		xw_nl(&h->x);
		for (; row != NULL; row = row->next)
			table_row(h, n, row, "td");
		xw_end(&h->x);
		xw_nl(&h->x);
	}
	xw_end(&h->x);
	xw_nl(&h->x);
}

/* One footnote: <aside epub:type="footnote" id="fn-N">. */
static void
note(struct xh *h, const struct node *n)
{
	char	 id[IDLEN];

	snprintf(id, sizeof(id), "%sfn-%d", h->pre, n->u.note.num);
	xw_start(&h->x, "aside");
	xw_attr(&h->x, "epub:type", "footnote");
	xw_attr(&h->x, "role", "doc-footnote");
	xw_attr(&h->x, "id", id);
	xw_nl(&h->x);
	/* The number needs a paragraph of its own before a figure. */
	if (n->first == NULL || n->first->kind != N_PARA ||
	    n->first->flags & NF_FIGURE) {
		xw_start(&h->x, "p");
		note_mark(h, n);
		xw_end(&h->x);
		xw_nl(&h->x);
	}
	blocks(h, n->first);
	xw_end(&h->x);
	xw_nl(&h->x);
}

static void
notes(struct xh *h, const struct node *n)
{
	xw_start(&h->x, "section");
	xw_attr(&h->x, "epub:type", "footnotes");
	xw_nl(&h->x);
	xhtml_words(&h->x, "h2", h->doc->meta.labels->notes, &h->doc->meta);
	xw_nl(&h->x);
	blocks(h, n->first);
	xw_end(&h->x);
	xw_nl(&h->x);
}

/* A block that holds blocks, as one element. */
static void
container(struct xh *h, const char *name, const struct node *n)
{
	xw_start(&h->x, name);
	xw_nl(&h->x);
	blocks(h, n->first);
	xw_end(&h->x);
	xw_nl(&h->x);
}

static void
block(struct xh *h, const struct node *n)
{
	switch (n->kind) {
	case N_SECTION:
		container(h, "section", n);
		break;
	case N_HEADING:
		heading(h, n);
		break;
	case N_PARA:
		para(h, n);
		break;
	case N_QUOTE:
		container(h, "blockquote", n);
		break;
	case N_LIST:
		list(h, n);
		break;
	case N_ITEM:	/* only inside N_LIST, handled there */
		container(h, "div", n);
		break;
	case N_CODEBLOCK:
	case N_HTML:	/* shown as its source text, never as markup */
		codeblock(h, n);
		break;
	case N_TABLE:
		table(h, n);
		break;
	case N_RULE:
		xw_void(&h->x, "hr");
		xw_nl(&h->x);
		break;
	case N_NOTES:
		notes(h, n);
		break;
	case N_FNDEF:
		note(h, n);
		break;
	default:
		assert(!"unexpected block kind");
		break;
	}
}

static void
blocks(struct xh *h, const struct node *n)
{
	for (; n != NULL; n = n->next)
		block(h, n);
}

/* --- the document ---------------------------------------------------- */

/*
 * A paragraph of the header or footer, text with its Han runs tagged;
 * its first `words` bytes are lectern's words (labels.c), tagged when
 * they are not in the lecture's language.
 */
static void
meta_para(struct xh *h, const char *text, const char *words)
{
	const struct meta	*m = &h->doc->meta;
	size_t			 n = words != NULL ? strlen(words) : 0;
	char			*w;

	if (text == NULL)
		return;
	xw_start(&h->x, "p");
	if (m->words_lang != NULL && n > 0 && strncmp(text, words, n) == 0) {
		/* "Previous: " without its space: the tag ends at the word. */
		w = xstrndup(text, n - (words[n - 1] == ' '));
		xhtml_words(&h->x, "span", w, m);
		free(w);
		text += n - (words[n - 1] == ' ');
	}
	xw_text_lang(&h->x, text, m);
	xw_end(&h->x);
	xw_nl(&h->x);
}

/*
 * The lecture's label, title, author and date: check.c made the words,
 * so the PDF's title block says the same.
 */
static void
title_block(struct xh *h)
{
	const struct meta	*m = &h->doc->meta;

	xw_start(&h->x, "header");
	xw_nl(&h->x);
	meta_para(h, m->label, m->label);
	xw_start(&h->x, "h1");
	if (m->anchor != NULL)
		xw_attr(&h->x, "id", m->anchor);
	xw_text_lang(&h->x, m->title_text, m);
	xw_end(&h->x);
	xw_nl(&h->x);
	meta_para(h, m->byline, NULL);
	if (m->date_text != NULL) {
		/* meta.c let only valid YYYY-MM-DD dates through. */
		xw_start(&h->x, "p");
		xw_start(&h->x, "time");
		xw_attr(&h->x, "datetime", m->date);
		if (m->words_lang != NULL) {
			xw_attr(&h->x, "lang", m->words_lang);
			xw_attr(&h->x, "xml:lang", m->words_lang);
		}
		xw_text(&h->x, m->date_text);
		xw_end(&h->x);
		xw_end(&h->x);
		xw_nl(&h->x);
	}
	xw_end(&h->x);
	xw_nl(&h->x);
}

char *
xhtml_lecture_file(const char *anchor)
{
	return xasprintf("%s.xhtml", anchor);
}

/*
 * A neighbour's line: a link to its file when course.c found the
 * lecture in the book (target), else text.
 */
static void
neighbour_para(struct xh *h, const char *text, const char *target,
    const char *words)
{
	char	*href;

	if (target == NULL) {
		meta_para(h, text, words);
		return;
	}
	href = xhtml_lecture_file(target);
	xw_start(&h->x, "p");
	xw_start(&h->x, "a");
	xw_attr(&h->x, "href", href);
	xw_text_lang(&h->x, text, &h->doc->meta);
	xw_end(&h->x);
	xw_end(&h->x);
	xw_nl(&h->x);
	free(href);
}

/* The previous and next lectures: links when the book holds them. */
static void
neighbours(struct xh *h)
{
	const struct meta	*m = &h->doc->meta;

	if (m->previous_text == NULL && m->next_text == NULL)
		return;
	xw_start(&h->x, "footer");
	xw_nl(&h->x);
	if (m->previous_text != NULL)
		neighbour_para(h, m->previous_text, m->previous_target,
		    m->labels->previous);
	if (m->next_text != NULL)
		neighbour_para(h, m->next_text, m->next_target,
		    m->labels->next);
	xw_end(&h->x);
	xw_nl(&h->x);
}

void
xhtml_root(struct xw *x, const struct meta *m, int ops)
{
	const char	*lang = m->lang;

	xw_doctype(x, "html");
	xw_start(x, "html");
	xw_attr(x, "xmlns", NS_XHTML);
	if (ops)
		xw_attr(x, "xmlns:epub", NS_OPS);
	xw_attr(x, "lang", lang);
	xw_attr(x, "xml:lang", lang);
	if (m->rtl)
		xw_attr(x, "dir", "rtl");
	xw_nl(x);
}

char *
xhtml_chapter(const struct doc *doc, const struct xhtml_media *media,
    size_t nmedia, const char *css, struct page_list *pages, size_t *len)
{
	struct xh		 h;
	const struct node	*n;
	size_t			 i;

	h.doc = doc;
	h.pre = doc->meta.id_prefix;
	h.in_link = 0;
	h.pages = pages;
	h.media = media;
	h.nmedia = nmedia;
	xw_open(&h.x);
	/*
	 * Only notes and page markers use epub:type; an unused namespace
	 * is reported.
	 */
	for (n = doc->root != NULL ? doc->root->first : NULL; n != NULL &&
	    n->kind != N_NOTES; n = n->next)
		continue;
	xhtml_root(&h.x, &doc->meta, n != NULL ||
	    (pages != NULL && pages->n > 0));
	xw_start(&h.x, "head");
	xw_nl(&h.x);
	xw_elem(&h.x, "title",
	    doc->meta.title_text);
	xw_nl(&h.x);
	xw_start(&h.x, "link");
	xw_attr(&h.x, "rel", "stylesheet");
	xw_attr(&h.x, "type", "text/css");
	xw_attr(&h.x, "href", css);
	xw_endvoid(&h.x);
	xw_nl(&h.x);
	xw_end(&h.x);
	xw_nl(&h.x);
	xw_start(&h.x, "body");
	xw_nl(&h.x);
	/* The first print page opens with the title block. */
	for (i = 0; pages != NULL && i < pages->n; i++)
		if (pages->starts[i].node == NULL)
			pagebreak(&h, &pages->starts[i]);
	title_block(&h);
	for (n = doc->root != NULL ? doc->root->first : NULL; n != NULL;
	    n = n->next)
		if (n->kind != N_NOTES)
			block(&h, n);
	neighbours(&h);
	for (n = doc->root != NULL ? doc->root->first : NULL; n != NULL;
	    n = n->next)
		if (n->kind == N_NOTES)
			block(&h, n);
	xw_end(&h.x);
	xw_nl(&h.x);
	xw_end(&h.x);
	return xw_finish(&h.x, doc->path, len);
}

/* A head linking css, titled title, and <body> opened. */
static void
head_body(struct xw *x, const char *title, const char *css)
{
	xw_start(x, "head");
	xw_nl(x);
	xw_elem(x, "title", title);
	xw_nl(x);
	xw_start(x, "link");
	xw_attr(x, "rel", "stylesheet");
	xw_attr(x, "type", "text/css");
	xw_attr(x, "href", css);
	xw_endvoid(x);
	xw_nl(x);
	xw_end(x);
	xw_nl(x);
	xw_start(x, "body");
	xw_nl(x);
}

char *
xhtml_title_page(const struct doc *front, const char *subtitle,
    const char *publisher, const char *rights, const char *css, size_t *len)
{
	const struct meta	*m = &front->meta;
	struct xh		 h;

	memset(&h, 0, sizeof(h));
	h.doc = front;
	xw_open(&h.x);
	xhtml_root(&h.x, m, 1);
	head_body(&h.x, m->title_text, css);
	xw_start(&h.x, "section");
	xw_attr(&h.x, "epub:type", "titlepage");
	xw_nl(&h.x);
	xw_start(&h.x, "h1");
	xw_text_lang(&h.x, m->title_text, m);
	xw_end(&h.x);
	xw_nl(&h.x);
	meta_para(&h, subtitle, NULL);
	meta_para(&h, m->byline, NULL);
	meta_para(&h, m->date_text, NULL);
	meta_para(&h, publisher, NULL);
	meta_para(&h, rights, NULL);
	xw_end(&h.x);
	xw_nl(&h.x);
	xw_end(&h.x);
	xw_nl(&h.x);
	xw_end(&h.x);
	return xw_finish(&h.x, front->path, len);
}
