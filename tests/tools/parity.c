/* Compare the words of a PDF (as pdftotext saw them) with an EPUB's. */

/*
 * usage: parity [-v] [--skip CLASS]... PDF.html CHAPTER.xhtml...
 *        parity [-v] [--skip CLASS]... --epub DIR PDF.html
 * --layout DUMP: running heads and folios where `lectern dump --layout`
 * of the same source puts them (bbox_furniture_from), not guessed; and
 * tables read cell by cell (bbox_cells_from, table_words() below).
 *
 * PDF.html is `pdftotext -bbox-layout` output.  The chapters are the
 * EPUB's XHTML content documents in spine order, named one by one or
 * read from the spine of the EPUB unzipped in DIR.  Two word streams
 * are compared, in order: the body (title block, text, and whatever
 * else the chapter's body holds) and the notes.
 *
 * EPUB side: the text of <body> in document order, a space at each
 * block element's edges.  The notes are the element of class or
 * epub:type "footnotes" (or endnotes), its heading dropped, and each
 * note's leading number too.  Back-links from notes (class fn-back,
 * fn-num, role doc-backlink) and elements of a --skip class are
 * dropped.  A list item starts with its marker: "N." in an ordered
 * list, a bullet (any of bullets[] on the PDF side) in another.
 *
 * PDF side: every line but running heads and folios (see bbox.c).
 * The notes are the lines set smaller than the body below a page's
 * last body-size line, from the first that starts with the next
 * note's number ("3" or "3.", which is dropped).  A word that ends a
 * line in a hyphen is joined to the first word of the next line when
 * the EPUB has the joined word (a hyphen the PDF added: dropped; one
 * the source had: kept); so is a word broken bare between Han
 * characters or after a slash.
 *
 * Words are split on white space (ASCII's and the no-break spaces);
 * nothing else is normalised.
 * Exit 0 when both streams are equal, 1 at the first difference
 * (printed with context), 2 when an input cannot be read.
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fribidi.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "bbox.h"

#define MAXSKIP		16
#define NOTE_FRAC	0.92	/* smaller than this x body size: a note */
#define CONTEXT		6	/* words shown either side of a difference */
#define TOUCH		0.06	/* pieces closer than this x their size
				   are one word (as in bbox.c) */
#define COLUMN_GAP	0.9	/* pieces further apart than this x their
				   height (about 1.5 em) are in two cells
				   of a table row, not two words */

/*
 * A word that ends a line of a table cell, where a word wider than its
 * column is broken with no hyphen (lectern warns of the table once).
 */
#define EOL_CELL	2

/*
 * Tokens in the EPUB's stream: a list item's bullet (the PDF must show
 * one of bullets[] there), and the start of a note (its number, if the
 * text gives one, is dropped: the PDF's is dropped too).
 */
#define MARK_BULLET	"\003"
#define MARK_NOTE	"\002"
static const char *const bullets[] = { "\xe2\x80\xa2", "\xe2\x97\xa6",
    "\xe2\x96\xaa", "\xe2\x80\xa3", "\xe2\x81\x83", "\xe2\x80\x93",
    "\xe2\x80\x94", "-", "*", "\xc2\xb7", NULL };

struct words {
	char	**w;
	int	 *page;		/* PDF: page of each word */
	int	 *eol;		/* PDF: word ends its line (EOL_CELL: a
				   line of a table cell) */
	size_t	  n, cap;
};

struct sbuf {
	char	*p;
	size_t	 len, cap;
};

struct ectx {
	struct sbuf	 body, notes;
	const char	*skip[MAXSKIP];
	size_t		 nskip;
};

static int	 verbose;
static int	 rtl_doc;	/* the EPUB's <html dir="rtl"> */

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n ? n : 1)) == NULL) {
		perror("parity");
		exit(2);
	}
	return p;
}

static void
sput(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
wadd(struct words *w, const char *s, size_t n, int page, int eol)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 256;
		w->w = xrealloc(w->w, w->cap * sizeof(*w->w));
		w->page = xrealloc(w->page, w->cap * sizeof(*w->page));
		w->eol = xrealloc(w->eol, w->cap * sizeof(*w->eol));
	}
	w->w[w->n] = xrealloc(NULL, n + 1);
	memcpy(w->w[w->n], s, n);
	w->w[w->n][n] = '\0';
	w->page[w->n] = page;
	w->eol[w->n] = eol;
	w->n++;
}

static void
wfree(struct words *w)
{
	size_t	 i;

	for (i = 0; i < w->n; i++)
		free(w->w[i]);
	free(w->w);
	free(w->page);
	free(w->eol);
}

static int
ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static size_t	 spacelen(const char *);
static size_t	 invisible(const char *);
static unsigned long decode(const char *);

/*
 * Split s on white space into w, without its invisible characters
 * (invisible()); eol marks the last word only.
 */
static void
split(struct words *w, const char *s, int page, int eol)
{
	const char	*e, *rest;
	char		*vis;
	size_t		 n;

	vis = xrealloc(NULL, strlen(s) + 1);
	for (;;) {
		while (spacelen(s) > 0)
			s += spacelen(s);
		if (*s == '\0')
			break;
		for (e = s, n = 0; *e != '\0' && spacelen(e) == 0; )
			if (invisible(e) > 0)
				e += invisible(e);
			else
				vis[n++] = *e++;
		for (rest = e; spacelen(rest) > 0; rest += spacelen(rest))
			;
		if (n > 0)
			wadd(w, vis, n, page, eol && *rest == '\0');
		s = e;
	}
	free(vis);
}

/*
 * The bytes of the white space at s, or 0: ASCII's, the no-break
 * spaces (U+00A0, U+202F: French puts them inside « »), which
 * pdftotext gives as spaces, and the line separators (U+0085, U+2028,
 * U+2029), where the PDF ends a line.
 */
static size_t
spacelen(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;

	if (ws(s[0]))
		return 1;
	if (u[0] == 0xC2 && (u[1] == 0xA0 || u[1] == 0x85))
		return 2;
	if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xAF || u[2] == 0xA8 ||
	    u[2] == 0xA9))
		return 3;
	return 0;
}

/* Is s at a zero-width space (U+200B)? */
static int
zwsp(const char *s)
{
	return memcmp(s, "\xe2\x80\x8b", 3) == 0;
}

/*
 * The bytes of the invisible character at s, or 0: the formatting
 * characters of bidi text (U+200E, U+200F, U+202A to U+202E, U+2066 to
 * U+2069), the joiners (U+200C, U+200D, U+2060), the soft hyphen and
 * U+FEFF.  They draw nothing, so pdftotext gives none; the EPUB keeps
 * them in its text.  (The zero-width space is kept: a line may end
 * bare there; see zw_prefix().)
 */
static size_t
invisible(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;

	if (u[0] == 0xC2 && u[1] == 0xAD)
		return 2;
	if (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return 3;
	if (u[0] != 0xE2)
		return 0;
	if (u[1] == 0x80 && ((u[2] >= 0x8C && u[2] <= 0x8F) ||
	    (u[2] >= 0xAA && u[2] <= 0xAE)))
		return 3;
	if (u[1] == 0x81 && (u[2] == 0xA0 || (u[2] >= 0xA6 && u[2] <= 0xA9)))
		return 3;
	return 0;
}

/* --- the EPUB side --------------------------------------------------- */

static int
isblock(const char *name)
{
	static const char *const b[] = { "p", "h1", "h2", "h3", "h4", "h5",
	    "h6", "li", "ul", "ol", "td", "th", "tr", "table", "div",
	    "section", "header", "footer", "blockquote", "pre", "br", "hr",
	    "aside", "figure", "figcaption", "dt", "dd", "dl", "nav",
	    "body", NULL };
	size_t	 i;

	for (i = 0; b[i] != NULL; i++)
		if (strcmp(name, b[i]) == 0)
			return 1;
	return 0;
}

/* Does attribute attr of n hold word among its space-parted words? */
static int
hasword(xmlNode *n, const char *attr, const char *word)
{
	xmlChar	*v;
	char	*t, *save;
	int	 r = 0;

	/* xmlGetProp ignores namespaces: "type" finds epub:type too. */
	if ((v = xmlGetProp(n, BAD_CAST attr)) == NULL)
		return 0;
	for (t = strtok_r((char *)v, " ", &save); t != NULL;
	    t = strtok_r(NULL, " ", &save))
		if (strcmp(t, word) == 0)
			r = 1;
	xmlFree(v);
	return r;
}

/* The element that holds the notes. */
static int
isnotes(xmlNode *n)
{
	return hasword(n, "class", "footnotes") ||
	    hasword(n, "type", "footnotes") ||
	    hasword(n, "type", "endnotes") ||
	    hasword(n, "type", "rearnotes") ||
	    hasword(n, "role", "doc-endnotes");
}

/* One note. */
static int
isnote(xmlNode *n)
{
	return hasword(n, "type", "footnote") ||
	    hasword(n, "type", "endnote") ||
	    hasword(n, "type", "rearnote") ||
	    hasword(n, "role", "doc-footnote") ||
	    hasword(n, "role", "doc-endnote");
}

/* Elements whose text is no word of the book's. */
static int
skipped(const struct ectx *c, xmlNode *n)
{
	const char	*name = (const char *)n->name;
	size_t		 i;

	if (strcmp(name, "head") == 0 || strcmp(name, "script") == 0 ||
	    strcmp(name, "style") == 0)
		return 1;
	/* The links back from a note to its references. */
	if (hasword(n, "class", "fn-back") || hasword(n, "class", "fn-num") ||
	    hasword(n, "role", "doc-backlink"))
		return 1;
	for (i = 0; i < c->nskip; i++)
		if (hasword(n, "class", c->skip[i]))
			return 1;
	return 0;
}

/*
 * A list item's marker, as the PDF shows it: "N." in an ordered list
 * (counting from its start), MARK_BULLET in any other.
 */
static void
marker(struct sbuf *out, xmlNode *li)
{
	xmlNode	*k, *list = li->parent;
	xmlChar	*v;
	char	 num[32];
	long	 n = 1;

	if (list == NULL || strcmp((const char *)list->name, "ol") != 0) {
		sput(out, " " MARK_BULLET " ", 3);
		return;
	}
	if ((v = xmlGetProp(list, BAD_CAST "start")) != NULL) {
		n = strtol((const char *)v, NULL, 10);
		xmlFree(v);
	}
	for (k = list->children; k != NULL && k != li; k = k->next)
		if (k->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)k->name, "li") == 0)
			n++;
	snprintf(num, sizeof(num), " %ld. ", n);
	sput(out, num, strlen(num));
}

static void
ewalk(struct ectx *c, xmlNode *n, struct sbuf *out, int innotes)
{
	const char	*name;

	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) {
			sput(out, (const char *)n->content,
			    strlen((const char *)n->content));
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || skipped(c, n))
			continue;
		name = (const char *)n->name;
		/* The notes' own heading ("Notes") is the EPUB's alone. */
		if (innotes && name[0] == 'h' && name[1] >= '1' &&
		    name[1] <= '6' && n->parent != NULL && isnotes(n->parent))
			continue;
		if (!innotes && isnotes(n)) {
			sput(&c->notes, " ", 1);
			ewalk(c, n->children, &c->notes, 1);
			sput(&c->notes, " ", 1);
			continue;
		}
		if (isblock(name))
			sput(out, " ", 1);
		if (innotes && isnote(n))
			sput(out, " " MARK_NOTE " ", 3);
		if (strcmp(name, "li") == 0)
			marker(out, n);
		ewalk(c, n->children, out, innotes);
		if (isblock(name))
			sput(out, " ", 1);
	}
}

static int
epub_read(struct ectx *c, const char *path)
{
	xmlDoc	*x;
	xmlChar	*dir;

	x = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
	if (x == NULL) {
		fprintf(stderr, "%s: not well-formed XML\n", path);
		return -1;
	}
	dir = xmlGetProp(xmlDocGetRootElement(x), BAD_CAST "dir");
	if (dir != NULL && strcmp((const char *)dir, "rtl") == 0)
		rtl_doc = 1;
	xmlFree(dir);
	ewalk(c, xmlDocGetRootElement(x), &c->body, 0);
	xmlFreeDoc(x);
	return 0;
}

/* Attribute name of n, or NULL; caller frees with xmlFree. */
static char *
prop(xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, BAD_CAST name);
}

/* First element named name at or below n, depth first. */
static xmlNode *
find(xmlNode *n, const char *name)
{
	xmlNode	*f;

	for (; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, name) == 0)
			return n;
		if ((f = find(n->children, name)) != NULL)
			return f;
	}
	return NULL;
}

/*
 * Read every chapter of an unzipped EPUB at dir, in spine order:
 * container.xml names the package document, whose spine lists the
 * manifest items.  The navigation document is not a chapter.
 */
static int
epub_dir(struct ectx *c, const char *dir)
{
	char	 path[4096], base[4096], *full, *idref, *id, *href, *props;
	xmlDoc	*x, *opf;
	xmlNode	*n, *m, *it;
	int	 rc = 0;

	snprintf(path, sizeof(path), "%s/META-INF/container.xml", dir);
	if ((x = xmlReadFile(path, NULL, XML_PARSE_NONET)) == NULL) {
		fprintf(stderr, "%s: cannot read\n", path);
		return -1;
	}
	n = find(xmlDocGetRootElement(x), "rootfile");
	full = n != NULL ? prop(n, "full-path") : NULL;
	xmlFreeDoc(x);
	if (full == NULL) {
		fprintf(stderr, "%s: no rootfile\n", path);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, full);
	snprintf(base, sizeof(base), "%s", path);
	if (strrchr(base, '/') != NULL)
		strrchr(base, '/')[1] = '\0';
	xmlFree(full);
	if ((opf = xmlReadFile(path, NULL, XML_PARSE_NONET)) == NULL) {
		fprintf(stderr, "%s: cannot read\n", path);
		return -1;
	}
	m = find(xmlDocGetRootElement(opf), "manifest");
	n = find(xmlDocGetRootElement(opf), "spine");
	for (n = n ? n->children : NULL; n != NULL && rc == 0; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    (idref = prop(n, "idref")) == NULL)
			continue;
		for (it = m ? m->children : NULL; it != NULL; it = it->next) {
			if (it->type != XML_ELEMENT_NODE ||
			    (id = prop(it, "id")) == NULL)
				continue;
			if (strcmp(id, idref) == 0) {
				href = prop(it, "href");
				props = prop(it, "properties");
				if (href != NULL && (props == NULL ||
				    strstr(props, "nav") == NULL)) {
					snprintf(path, sizeof(path), "%s%s",
					    base, href);
					if (verbose)
						fprintf(stderr, "chapter %s\n",
						    path);
					rc = epub_read(c, path);
				}
				xmlFree(href);
				xmlFree(props);
			}
			xmlFree(id);
		}
		xmlFree(idref);
	}
	xmlFreeDoc(opf);
	return rc;
}

/* Is w a note's number, "3" or "3."? */
static int
notenum(const char *w)
{
	const char	*p = w;

	while (*p >= '0' && *p <= '9')
		p++;
	return p > w && (*p == '\0' || (p[0] == '.' && p[1] == '\0'));
}

/* Drop each MARK_NOTE and the note number that follows it. */
static void
notemarks(struct words *w)
{
	size_t	 i, k;

	for (i = k = 0; i < w->n; i++) {
		if (strcmp(w->w[i], MARK_NOTE) == 0) {
			free(w->w[i]);
			if (i + 1 < w->n && notenum(w->w[i + 1]))
				free(w->w[++i]);
			continue;
		}
		w->w[k] = w->w[i];
		w->page[k] = w->page[i];
		w->eol[k++] = w->eol[i];
	}
	w->n = k;
}

/* --- the PDF side ---------------------------------------------------- */

/* Does word w read "k" or "k."? */
static int
isnum(const char *w, int k)
{
	char	 s[32];

	snprintf(s, sizeof(s), "%d", k);
	return strcmp(w, s) == 0 ||
	    (strncmp(w, s, strlen(s)) == 0 && strcmp(w + strlen(s), ".") == 0);
}

/*
 * Does line l start with note number k?  Right to left, the line
 * starts at its rightmost word, drawn ".k" or "k".
 */
static int
startsnote(const struct bline *l, int k)
{
	const struct bword	*r = l->w;
	size_t			 i;

	if (l->nw == 0)
		return 0;
	if (!rtl_doc)
		return isnum(l->w[0].text, k);
	for (i = 1; i < l->nw; i++)
		if (l->w[i].x1 > r->x1)
			r = &l->w[i];
	return isnum(r->text + (r->text[0] == '.'), k);
}

/*
 * Which lines are notes?  On each page the candidates are the lines set
 * smaller than the body below its last body-size line.  The notes
 * begin at the first candidate that starts with the next note's
 * number, or at the first candidate when the page before had notes (a
 * note split across pages); a code block set small at a page's foot
 * starts with no number and stays in the body.  With a layout dump
 * (--layout), its "note" lines are the notes: a note carried over to
 * a page after one with none, or lines of a note beside a body line
 * the size of notes, are guessed wrong otherwise.
 */
static void
notelines(const struct bdoc *d, int *isnote)
{
	const struct bline	*l;
	size_t			 i, j, first;
	double			 lastbody;
	int			 next = 1, had = 0, in;

	if (d->roles) {		/* the layout dump says which */
		for (i = 0; i < d->nlines; i++)
			isnote[i] = !d->lines[i].furniture && d->lines[i].note;
		return;
	}
	for (i = 0; i < d->nlines; i = j) {
		first = i;
		lastbody = -1;
		for (j = i; j < d->nlines && d->lines[j].page ==
		    d->lines[first].page; j++)
			if (!d->lines[j].furniture &&
			    d->lines[j].size >= NOTE_FRAC * d->bodysize &&
			    d->lines[j].y1 > lastbody)
				lastbody = d->lines[j].y1;
		in = had;
		had = 0;
		for (i = first; i < j; i++) {
			l = &d->lines[i];
			isnote[i] = 0;
			if (l->furniture || l->size >= NOTE_FRAC * d->bodysize ||
			    l->y0 < lastbody - 0.5)
				continue;
			if (startsnote(l, next)) {
				in = 1;
				next++;
			}
			isnote[i] = had = in;
		}
	}
}

/* --- right-to-left text ----------------------------------------- */

/*
 * poppler's -bbox-layout gives right-to-left text as drawn: words left
 * to right, each spelled from its last letter, and it often cuts such
 * a row of the page into several lines.  A row holding right-to-left
 * letters is read again: its pieces in order of x, joined (with a
 * space where they do not touch), then put back in logical order by
 * the bidirectional algorithm (FriBidi, which Pango uses to draw it):
 * reordering a line is its own inverse for the text a lecture holds,
 * one run of a direction inside the other.  The row's base direction
 * is the EPUB's: right to left when its <html> says dir="rtl", and
 * then every row is read so (a number alone on its row, "1962." drawn
 * ".1962", too).
 */

/* Does s hold a letter of a right-to-left script? */
static int
has_rtl(const char *s)
{
	FriBidiChar	 u[256];
	FriBidiStrIndex	 n, i;
	size_t		 len = strlen(s);

	for (; len > 0; s += n, len -= n) {
		n = len < 64 ? (FriBidiStrIndex)len : 64;
		/* Never cut a character: back up to its first byte. */
		while ((size_t)n < len && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		i = fribidi_charset_to_unicode(FRIBIDI_CHAR_SET_UTF8, s, n, u);
		while (i-- > 0)
			if (FRIBIDI_IS_LETTER(fribidi_get_bidi_type(u[i])) &&
			    FRIBIDI_IS_RTL(fribidi_get_bidi_type(u[i])))
				return 1;
	}
	return 0;
}

/*
 * Do lines a and b stand on one row of the page: does either overlap
 * the other by more than half its height (a raised note number too)?
 */
static int
same_row(const struct bline *a, const struct bline *b)
{
	double	 o = fmin(a->y1, b->y1) - fmax(a->y0, b->y0);

	return a->page == b->page && o > 0.5 * fmin(a->y1 - a->y0,
	    b->y1 - b->y0);
}

/*
 * Does line l hold a right-to-left letter, or letters an override
 * turned (lectern's /ActualText for them starts with U+202E)?
 */
static int
has_rtl_line(const struct bline *l)
{
	size_t	 k;

	for (k = 0; k < l->nw; k++)
		if (has_rtl(l->w[k].text) ||
		    strstr(l->w[k].text, "\xe2\x80\xae") != NULL)
			return 1;
	return 0;
}

/*
 * By the middle of their boxes: a letter of no width (an alef a lam
 * carries, at the lam's left edge) comes before the lam it sits on.
 */
static int
byx(const void *a, const void *b)
{
	const struct bword *x = *(const struct bword *const *)a;
	const struct bword *y = *(const struct bword *const *)b;
	double		 cx = x->x0 + x->x1, cy = y->x0 + y->x1;

	return (cx > cy) - (cx < cy);
}

/* The n UTF-8 bytes of s in logical order, a line of base direction base; caller frees. */
static char *
logical(const char *s, size_t len, FriBidiParType base)
{
	FriBidiChar	*u;
	FriBidiCharType	*types;
	FriBidiBracketType *brackets;
	FriBidiLevel	*levels;
	FriBidiStrIndex	 n;
	char		*out;

	u = xrealloc(NULL, (len + 1) * sizeof(*u));
	n = fribidi_charset_to_unicode(FRIBIDI_CHAR_SET_UTF8, s,
	    (FriBidiStrIndex)len, u);
	types = xrealloc(NULL, (n + 1) * sizeof(*types));
	brackets = xrealloc(NULL, (n + 1) * sizeof(*brackets));
	levels = xrealloc(NULL, (n + 1) * sizeof(*levels));
	fribidi_get_bidi_types(u, n, types);
	fribidi_get_bracket_types(u, n, types, brackets);
	if (fribidi_get_par_embedding_levels_ex(types, brackets, n, &base,
	    levels) == 0 ||
	    fribidi_reorder_line(0, types, n, 0, base, levels, u, NULL) == 0)
		fprintf(stderr, "fribidi cannot reorder a row\n");
	out = xrealloc(NULL, 4 * (size_t)n + 1);
	fribidi_unicode_to_charset(FRIBIDI_CHAR_SET_UTF8, u, n, out);
	free(u);
	free(types);
	free(brackets);
	free(levels);
	return out;
}

/*
 * A note number after a right-to-left word, in a left-to-right line,
 * is drawn left of the word (the bidi algorithm puts a number that
 * follows right-to-left letters with them): the same picture as a
 * number before the word, and reordering the row would put it first.
 * Set smaller than the text it follows, it can only be a reference to
 * a note, which follows its word: in the row it stands in for an NKo
 * digit (U+07C0 on, right to left, in no lecture), which reordering
 * moves to the word's end, and goes back in after (put_refs()).
 */
#define MAXREF		32	/* note numbers and overrides stood in for in a row
				   (U+07C0.., NKo digits and letters) */
#define REF_FRAC	0.85	/* smaller than this x its word: a note number */

/* Is piece a a note number drawn left of the right-to-left piece b? */
static int
ref_before_rtl(const struct bword *a, const struct bword *b)
{
	const char	*s;

	if (rtl_doc || a->size >= REF_FRAC * b->size ||
	    b->x0 - a->x1 > TOUCH * b->size || !has_rtl(b->text))
		return 0;
	for (s = a->text; *s >= '0' && *s <= '9'; s++)
		;
	return s > a->text && *s == '\0';
}

/* Put NKo digit k, standing in for note number k, on vis. */
static void
stand_in(struct sbuf *vis, size_t k)
{
	char	 nko[3] = { (char)0xDF, (char)(0x80 + k), '\0' };

	sput(vis, nko, 2);
}

/*
 * lectern's PDF gives the letters an override (U+202E) turned as one
 * /ActualText each run, in their order and wrapped in the override's
 * controls (U+202E ... U+202C); the runs of one stretch stand left to
 * right in that order.  Reordering the row would read them as a run
 * of their own direction: so each stretch (wrapped pieces with only
 * spaces or controls between) stands in for one right-to-left NKo
 * digit too, and goes back in as written.  The string at s, from its
 * U+202E: how many bytes the stretch takes.
 */
#define RLO		"\xe2\x80\xae"
#define PDF_CTL		"\xe2\x80\xac"

static size_t
override_len(const char *s)
{
	const char	*e = s, *q;

	for (;;) {
		if ((q = strstr(e, PDF_CTL)) == NULL)
			return strlen(s);
		e = q + 3;
		for (q = e; *q == ' '; q++)
			;
		if (strncmp(q, RLO, 3) != 0 && strncmp(q, PDF_CTL, 3) != 0)
			return (size_t)(e - s);
		e = q;
	}
}

/*
 * vis with each override stretch (override_len()) replaced by a
 * stand-in, its text in ref[] (copies; *nref counted on): into out.
 */
static void
stand_in_overrides(const struct sbuf *vis, struct sbuf *out, char **ref,
    size_t *nref)
{
	size_t	 i = 0, n;

	while (i < vis->len) {
		if (*nref < MAXREF && vis->len - i >= 3 &&
		    memcmp(vis->p + i, RLO, 3) == 0) {
			n = override_len(vis->p + i);
			ref[*nref] = xrealloc(NULL, n + 1);
			memcpy(ref[*nref], vis->p + i, n);
			ref[*nref][n] = '\0';
			stand_in(out, (*nref)++);
			i += n;
		} else
			sput(out, vis->p + i++, 1);
	}
}

/* Put t on out, each stand-in (stand_in()) replaced by its ref. */
static void
put_refs(struct sbuf *out, const char *t, char *const *ref, size_t nref)
{
	const unsigned char	*u;

	for (; *t != '\0'; t++) {
		u = (const unsigned char *)t;
		if (u[0] == 0xDF && u[1] >= 0x80 && u[1] < 0x80 + nref) {
			sput(out, ref[u[1] - 0x80], strlen(ref[u[1] - 0x80]));
			t++;
		} else
			sput(out, t, 1);
	}
}

/*
 * Each line's size again, the median of its words' with a
 * right-to-left word counted once: bbox.c, asked for right-to-left
 * pieces, keeps each letter of one apart, and Naskh's letters stand
 * taller than Latin ones of the same size, so a note line holding an
 * Arabic word of ten letters measured as body text, and the notes
 * above it were read into the body.
 */
static void
rtl_sizes(struct bdoc *d)
{
	struct bline	*l;
	double		*v;
	size_t		 i, k, n;

	for (i = 0; i < d->nlines; i++) {
		l = &d->lines[i];
		v = xrealloc(NULL, (l->nw + 1) * sizeof(*v));
		for (k = n = 0; k < l->nw; k++)
			if (k == 0 || !has_rtl(l->w[k].text) ||
			    !has_rtl(l->w[k - 1].text) || l->w[k].x0 -
			    l->w[k - 1].x1 > TOUCH * l->w[k].size)
				v[n++] = l->w[k].size;
		if (n > 0)
			l->size = bbox_median(v, n);
		free(v);
	}
}

/*
 * The words of lines row[0..nrow) of d in logical order, as one
 * string; caller frees.  Pieces further apart than COLUMN_GAP times
 * their height are in different cells of a table row: each cell is
 * read on its own, the cells in the row's direction.
 */
static char *
logical_row(const struct bdoc *d, const size_t *row, size_t nrow)
{
	const struct bword **pw = NULL;
	struct sbuf	 vis = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	struct sbuf	 stood = { NULL, 0, 0 };
	FriBidiParType	 base = rtl_doc ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
	size_t		 k, m, np = 0, ncell = 0, *cell = NULL, nref = 0;
	double		 right, gap;
	char		*t;
	char		*ref[MAXREF];

	for (k = 0; k < nrow; k++) {
		pw = xrealloc(pw, (np + d->lines[row[k]].nw) * sizeof(*pw));
		for (m = 0; m < d->lines[row[k]].nw; m++)
			pw[np++] = &d->lines[row[k]].w[m];
	}
	qsort(pw, np, sizeof(*pw), byx);
	cell = xrealloc(NULL, (np + 1) * sizeof(*cell));
	for (k = 0, right = -HUGE_VAL; k < np; k++) {
		gap = pw[k]->x0 - right;
		if (k > 0 && gap > COLUMN_GAP * pw[k]->size) {
			sput(&vis, "", 1);	/* a NUL ends the cell */
			cell[ncell++] = vis.len;
		} else if (k > 0 && gap > TOUCH * pw[k]->size)
			sput(&vis, " ", 1);
		if (k + 1 < np && ref_before_rtl(pw[k], pw[k + 1]) &&
		    nref < MAXREF) {
			ref[nref] = xrealloc(NULL, strlen(pw[k]->text) + 1);
			strcpy(ref[nref], pw[k]->text);
			stand_in(&vis, nref++);
		} else
			sput(&vis, pw[k]->text, strlen(pw[k]->text));
		right = fmax(right, pw[k]->x1);
	}
	sput(&vis, "", 1);
	cell[ncell++] = vis.len;
	free(pw);
	/* The cells' ends move with what the stand-ins replace. */
	for (k = 0, m = 0; k < vis.len; k++)
		if (vis.p[k] == '\0') {
			struct sbuf part = { vis.p + m, k - m, 0 };

			stand_in_overrides(&part, &stood, ref, &nref);
			sput(&stood, "", 1);
			m = k + 1;
		}
	for (k = 0, m = 0; k < stood.len; k++)
		if (stood.p[k] == '\0')
			cell[m++] = k + 1;
	free(vis.p);
	vis = stood;
	/* Cells, each a string: left to right, or from the right. */
	for (k = 0; k < ncell; k++) {
		m = rtl_doc ? ncell - 1 - k : k;
		size_t from = m == 0 ? 0 : cell[m - 1];

		t = logical(vis.p + from, cell[m] - from - 1, base);
		if (k > 0)
			sput(&out, " ", 1);
		put_refs(&out, t, ref, nref);
		free(t);
	}
	sput(&out, "", 1);
	free(cell);
	free(vis.p);
	for (k = 0; k < nref; k++)
		free(ref[k]);
	return out.p;
}

/*
 * A row holding right-to-left text is drawn as the bidirectional
 * algorithm orders it, and that order cannot always be undone from
 * the picture: "שלום 1962" and "1962 שלום" look alike in a line that
 * reads left to right, and so do a keycap or a note number after a
 * right-to-left word and one before it.  So where the layout dump
 * (--layout) has the row's lines, the row reads in their order, on one
 * condition: the PDF gives exactly the characters of those lines, as
 * many of each (white space, invisible characters and hyphens aside).
 * What the PDF lost, doubled or changed still fails; only the order of
 * a row's words is the dump's.
 */

/* Is the code point at s a hyphen (U+2010, "-")?  Its length, or 0. */
static size_t
hyphen_len(const char *s)
{
	if (*s == '-')
		return 1;
	return strncmp(s, "\xe2\x80\x90", 3) == 0 ? 3 : 0;
}

static int
cmpcp(const void *a, const void *b)
{
	unsigned long	 x = *(const unsigned long *)a;
	unsigned long	 y = *(const unsigned long *)b;

	return (x > y) - (x < y);
}

/* The code points of s that count (see above), sorted: how many. */
static size_t
counted(const char *s, unsigned long **cp)
{
	size_t	 n = 0, k;

	*cp = xrealloc(NULL, (strlen(s) + 1) * sizeof(**cp));
	while (*s != '\0') {
		if ((k = spacelen(s)) > 0 || (k = invisible(s)) > 0 ||
		    (k = hyphen_len(s)) > 0 || (zwsp(s) && (k = 3) > 0)) {
			s += k;
			continue;
		}
		(*cp)[n++] = decode(s);
		for (s++; ((unsigned char)*s & 0xC0) == 0x80; s++)
			;
	}
	qsort(*cp, n, sizeof(**cp), cmpcp);
	return n;
}

/* Do a and b hold the same characters, as counted()? */
static int
same_letters(const char *a, const char *b)
{
	unsigned long	*x, *y;
	size_t		 nx = counted(a, &x), ny = counted(b, &y);
	int		 same = nx == ny && memcmp(x, y, nx * sizeof(*x)) == 0;

	free(x);
	free(y);
	return same;
}

/* A dump's line of text t onto b, without its zero-width spaces, as extractors give it. */
static void
put_dump_text(struct sbuf *b, const char *t)
{
	for (; *t != '\0'; t++)
		if (zwsp(t))
			t += 2;
		else
			sput(b, t, 1);
}

/*
 * A line of a table cell, t as the PDF reads it, in the order of the
 * dump's line number line (bword.cline) when it holds the same
 * characters (as dump_order() does for rows: a narrow cell's words,
 * broken inside or set loose, and its right-to-left runs are read in
 * an order or with gaps the picture cannot tell).
 */
static char *
dump_cell_line(const struct bdoc *d, int line, char *t)
{
	struct sbuf	 dt = { NULL, 0, 0 };
	size_t		 lo = 0, hi = d->ndlines, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (d->dlines[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == d->ndlines || d->dlines[lo].line != line)
		return t;
	put_dump_text(&dt, d->dlines[lo].text);
	sput(&dt, "", 1);
	if (!same_letters(t, dt.p)) {
		free(dt.p);
		return t;
	}
	free(t);
	return dt.p;
}

/* The row's text in the dump's order, or text itself (see above). */
static char *
dump_order(const struct bdoc *d, const size_t *row, size_t nrow, char *text)
{
	const struct bline *l = &d->lines[row[0]];
	struct sbuf	 dt = { NULL, 0, 0 };
	struct dline	*dl;
	double		 x0 = l->x0, x1 = l->x1, y0 = l->y0, y1 = l->y1;
	size_t		 k, *hit, nhit = 0;

	for (k = 1; k < nrow; k++) {
		l = &d->lines[row[k]];
		x0 = fmin(x0, l->x0);
		x1 = fmax(x1, l->x1);
		y0 = fmin(y0, l->y0);
		y1 = fmax(y1, l->y1);
	}
	hit = xrealloc(NULL, (d->ndlines + 1) * sizeof(*hit));
	for (k = 0; k < d->ndlines; k++) {
		dl = &d->dlines[k];
		if (dl->used || dl->cell || dl->page != l->page ||
		    dl->y < y0 - 1 || dl->y > y1 + 1 ||
		    dl->x > x1 + 1 || dl->x + dl->w < x0 - 1)
			continue;
		if (nhit > 0)
			sput(&dt, " ", 1);
		put_dump_text(&dt, dl->text);
		hit[nhit++] = k;
	}
	sput(&dt, "", 1);
	if (nhit > 0 && same_letters(text, dt.p)) {
		for (k = 0; k < nhit; k++)
			d->dlines[hit[k]].used = 1;
		free(text);
		text = dt.p;
	} else
		free(dt.p);
	free(hit);
	return text;
}

/* Drop word k of w. */
static void
wdrop(struct words *w, size_t k)
{
	free(w->w[k]);
	memmove(&w->w[k], &w->w[k + 1], (w->n - k - 1) * sizeof(*w->w));
	memmove(&w->page[k], &w->page[k + 1], (w->n - k - 1) *
	    sizeof(*w->page));
	memmove(&w->eol[k], &w->eol[k + 1], (w->n - k - 1) * sizeof(*w->eol));
	w->n--;
}

/*
 * The lines of d's row at line i, into row[] (returns how many; done
 * marks them): i and every line after it on its page, not yet read,
 * standing on its row (a note reference raised above a row is read in
 * it, wherever poppler listed it; so is the end of a line justified
 * so loosely that poppler made it a line of its own).
 */
static size_t
gather_row(const struct bdoc *d, size_t i, char *done, size_t *row)
{
	size_t	 j, n = 0;

	for (j = i; j < d->nlines && d->lines[j].page == d->lines[i].page;
	    j++)
		if (!done[j] && !d->lines[j].furniture &&
		    (j == i || same_row(&d->lines[i], &d->lines[j])))
			row[n++] = j;
	for (j = 0; j < n; j++)
		done[row[j]] = 1;
	return n;
}

/* --- tables, cell by cell ----------------------------------------- */

/*
 * pdftotext reads a table row by row of the page, across its columns:
 * cells of several lines interleave, and a cell split across pages has
 * the next cell between its parts.  Where the layout dump names each
 * line's cell (bbox_cells_from), a table is read as the EPUB has it:
 * row by row, each cell whole, its lines in order, its words in the
 * line's order (right to left read back in logical order).  A word of
 * the table the dump does not account for is read where pdftotext put
 * it, so a lost, extra or misplaced word is still a difference.
 */

/* A word of a table cell, with what orders it. */
struct tword {
	const struct bword	*w;
	int			 row, col, cline, page;
};

/* Row, column, the cell's line, then left to right. */
static int
bycell(const void *a, const void *b)
{
	const struct tword	*x = a, *y = b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	if (x->cline != y->cline)
		return x->cline < y->cline ? -1 : 1;
	return byx(&x->w, &y->w);
}

/* Does line l hold a word of a table cell? */
static int
in_table(const struct bline *l)
{
	size_t	 k;

	for (k = 0; k < l->nw; k++)
		if (l->w[k].cell >= 0)
			return 1;
	return 0;
}

/*
 * The words tw[0..n) of one line of a cell as text: left to right,
 * pieces that touch joined, and in logical order where right to left.
 * Caller frees.
 */
static char *
cell_line(const struct tword *tw, size_t n)
{
	struct sbuf	 vis = { NULL, 0, 0 };
	size_t		 k;
	char		*t;

	for (k = 0; k < n; k++) {
		if (k > 0 && tw[k].w->x0 - tw[k - 1].w->x1 >
		    TOUCH * tw[k].w->size)
			sput(&vis, " ", 1);
		sput(&vis, tw[k].w->text, strlen(tw[k].w->text));
	}
	sput(&vis, "", 0);
	if (!rtl_doc && !has_rtl(vis.p))
		return vis.p;
	t = logical(vis.p, vis.len, rtl_doc ? FRIBIDI_PAR_RTL :
	    FRIBIDI_PAR_LTR);
	free(vis.p);
	return t;
}

/* Every word of table number table in d into w, cell by cell. */
static void
table_words(const struct bdoc *d, int table, struct words *w)
{
	struct tword	*tw = NULL;
	const struct bword *b;
	size_t		 i, k, n = 0, j;
	char		*t;

	for (i = 0; i < d->nlines; i++)
		for (k = 0; k < d->lines[i].nw; k++) {
			b = &d->lines[i].w[k];
			if (b->cell < 0 || d->cells[b->cell].table != table)
				continue;
			tw = xrealloc(tw, (n + 1) * sizeof(*tw));
			tw[n].w = b;
			tw[n].row = d->cells[b->cell].row;
			tw[n].col = d->cells[b->cell].col;
			tw[n].cline = b->cline;
			tw[n++].page = d->lines[i].page;
		}
	qsort(tw, n, sizeof(*tw), bycell);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && tw[j].w->cell == tw[i].w->cell &&
		    tw[j].cline == tw[i].cline; j++)
			;
		t = dump_cell_line(d, tw[i].cline, cell_line(tw + i, j - i));
		k = w->n;
		split(w, t, tw[i].page, 1);
		if (w->n > k)
			w->eol[w->n - 1] = EOL_CELL;
		free(t);
	}
	free(tw);
}

/*
 * Line l, which holds words of table cells, into w: each table it
 * meets, whole, the first time (told[] remembers), then its words
 * outside any cell where pdftotext read them.
 */
static void
table_line(const struct bdoc *d, const struct bline *l, struct words *w,
    char *told)
{
	size_t	 k;
	int	 t;

	for (k = 0; k < l->nw; k++) {
		if (l->w[k].cell < 0)
			continue;
		t = d->cells[l->w[k].cell].table;
		if (!told[t])
			table_words(d, t, w);
		told[t] = 1;
	}
	for (k = 0; k < l->nw; k++)
		if (l->w[k].cell < 0)
			split(w, l->w[k].text, l->page, k == l->nw - 1);
}

/* The largest table number d's cells name. */
static int
last_table(const struct bdoc *d)
{
	size_t	 i;
	int	 n = 0;

	for (i = 0; i < d->ncells; i++)
		if (d->cells[i].table > n)
			n = d->cells[i].table;
	return n;
}

static void
pdf_words(const struct bdoc *d, struct words *body, struct words *notes)
{
	int	*isnote;
	char	*done, *text, *told;
	size_t	 i, k, n, first, *row;
	int	 nextnote = 1;

	isnote = xrealloc(NULL, (d->nlines + 1) * sizeof(*isnote));
	done = calloc(d->nlines + 1, 1);
	told = calloc((size_t)last_table(d) + 1, 1);
	row = xrealloc(NULL, (d->nlines + 1) * sizeof(*row));
	notelines(d, isnote);
	/* Table lines are read with their tables, never in a row. */
	for (i = 0; i < d->nlines; i++)
		done[i] = in_table(&d->lines[i]);
	for (i = 0; i < d->nlines; i++) {
		const struct bline *l = &d->lines[i];
		struct words *w = isnote[i] ? notes : body;

		if (!l->furniture && in_table(l))
			table_line(d, l, w, told);
		if (l->furniture || done[i])
			continue;
		if ((n = gather_row(d, i, done, row)) > 1 || rtl_doc ||
		    has_rtl_line(l)) {
			first = w->n;
			text = dump_order(d, row, n, logical_row(d, row, n));
			split(w, text, l->page, 1);
			free(text);
			if (isnote[i] && w->n > first &&
			    isnum(w->w[first], nextnote)) {
				nextnote++;
				wdrop(w, first);
			}
			continue;
		}
		for (k = 0; k < l->nw; k++) {
			if (isnote[i] && k == 0 &&
			    isnum(l->w[k].text, nextnote)) {
				nextnote++;
				continue;
			}
			split(w, l->w[k].text, l->page, k == l->nw - 1);
		}
	}
	free(row);
	free(done);
	free(told);
	free(isnote);
}

/* --- the comparison -------------------------------------------------- */

/* a + b, without a's last hyphen when drop; caller frees. */
static char *
join(const char *a, const char *b, int drop)
{
	size_t	 na = strlen(a), nb = strlen(b);
	char	*s;

	if (drop)
		na -= a[na - 1] == '-' ? 1 : 3;
	s = xrealloc(NULL, na + nb + 1);
	memcpy(s, a, na);
	memcpy(s + na, b, nb + 1);
	return s;
}

/* The code point at s (UTF-8, assumed valid; 0 at the end). */
static unsigned long
decode(const char *s)
{
	unsigned long	 cp = (unsigned char)*s;
	int		 k = 0;

	if (cp >= 0xF0)
		cp &= 0x07, k = 3;
	else if (cp >= 0xE0)
		cp &= 0x0F, k = 2;
	else if (cp >= 0xC0)
		cp &= 0x1F, k = 1;
	while (k-- > 0 && *++s != '\0')
		cp = cp << 6 | ((unsigned char)*s & 0x3F);
	return cp;
}

/* The last code point of a UTF-8 string (0 if empty). */
static unsigned long
lastcp(const char *s)
{
	size_t	 n = strlen(s);

	if (n == 0)
		return 0;
	while (n > 1 && ((unsigned char)s[n - 1] & 0xC0) == 0x80)
		n--;
	return decode(s + n - 1);
}

/*
 * Is cp of a script written without spaces between words, which
 * Pango breaks between them with no hyphen: Thai, Lao (libthai's
 * dictionary), Myanmar, Khmer?
 */
static int
unspaced(unsigned long cp)
{
	return (cp >= 0x0E00 && cp <= 0x0EFF) ||
	    (cp >= 0x1000 && cp <= 0x109F) || (cp >= 0x1780 && cp <= 0x17FF);
}

/*
 * May a line end part a word with no hyphen?  Between Han or kana
 * (U+2E80 on), Thai and its neighbours (unspaced()), and after the
 * marks where the layout breaks an address or a line of code too long
 * for the measure (lay_hlist.c: / . _ ? & = #), where no hyphen is
 * due; a Latin word broken bare is a fault the comparison must show.
 */
static int
barebreak(const char *cur, const char *next)
{
	unsigned long	 last = lastcp(cur);

	return last >= 0x2E80 || (last < 0x80 && last != 0 &&
	    strchr("/._?&=#", (int)last) != NULL) ||
	    decode(next) >= 0x2E80 || (unspaced(last) &&
	    unspaced(decode(next)));
}

/*
 * Is p the start of s, the zero-width spaces of s not counted (the PDF
 * draws none)?  *rest is where s goes on after p, or NULL.
 */
static int
zw_prefix(const char *p, const char *s, const char **rest)
{
	while (*p != '\0') {
		if (zwsp(s)) {
			s += 3;
			continue;
		}
		if (*p++ != *s++)
			return 0;
	}
	if (rest != NULL)
		*rest = s;
	return 1;
}

/* Is the PDF's word p the EPUB's word s, its zero-width spaces aside? */
static int
same(const char *p, const char *s)
{
	const char	*rest;

	if (!zw_prefix(p, s, &rest))
		return 0;
	while (zwsp(rest))
		rest += 3;
	return *rest == '\0';
}

/*
 * cur ends a line and next starts the following one: the joined word
 * (a line-end hyphen dropped first, then kept; or a bare break where
 * barebreak() allows one, or at the end of a line of a table cell:
 * bare) when it begins target, else NULL.  Caller frees.
 */
static char *
extend(const char *cur, const char *next, const char *target, int bare)
{
	char		*t;
	const char	*rest;

	if (bbox_ends_hyphen(cur)) {
		t = join(cur, next, 1);
		if (zw_prefix(t, target, NULL))
			return t;
		free(t);
	}
	/* A line may end bare at a zero-width space of the EPUB's word. */
	if (bbox_ends_hyphen(cur) || bare || barebreak(cur, next) ||
	    (zw_prefix(cur, target, &rest) && zwsp(rest))) {
		t = join(cur, next, 0);
		if (zw_prefix(t, target, NULL))
			return t;
		free(t);
	}
	return NULL;
}

static int
isbullet(const char *w)
{
	size_t	 i;

	for (i = 0; bullets[i] != NULL; i++)
		if (strcmp(w, bullets[i]) == 0)
			return 1;
	return 0;
}

static void
context(const char *what, char **w, size_t n, size_t at)
{
	size_t	 i = at > CONTEXT ? at - CONTEXT : 0;
	const char *s;

	printf("  %s:", what);
	for (; i < n && i < at + CONTEXT; i++) {
		s = strcmp(w[i], MARK_BULLET) == 0 ? "(bullet)" : w[i];
		printf(i == at ? " [%s]" : " %s", s);
	}
	printf("%s\n", at >= n ? " [end]" : "");
}

/*
 * Walk both streams; returns 0 when equal, else prints the first
 * difference and returns 1.
 */
static int
compare(const char *what, struct words *p, struct words *e)
{
	size_t	 i = 0, j = 0, k;
	char	*cur, *t;
	int	 joined = 0;

	while (i < p->n && j < e->n) {
		if (strcmp(e->w[j], MARK_BULLET) == 0 && isbullet(p->w[i])) {
			i++;
			j++;
			continue;
		}
		cur = join(p->w[i], "", 0);
		k = i;
		/* A line-end hyphen: join while the EPUB's word goes on. */
		while (!same(cur, e->w[j]) && p->eol[k] &&
		    k + 1 < p->n &&
		    (t = extend(cur, p->w[k + 1], e->w[j],
		    p->eol[k] == EOL_CELL)) != NULL) {
			free(cur);
			cur = t;
			k++;
			joined++;
		}
		if (!same(cur, e->w[j])) {
			printf("%s: first difference at word %zu (pdf page "
			    "%d): pdf \"%s\", epub \"%s\"\n", what, j + 1,
			    p->page[i], cur, strcmp(e->w[j], MARK_BULLET) ?
			    e->w[j] : "(bullet)");
			context("pdf ", p->w, p->n, i);
			context("epub", e->w, e->n, j);
			free(cur);
			return 1;
		}
		free(cur);
		i = k + 1;
		j++;
	}
	if (i < p->n || j < e->n) {
		printf("%s: %s has more words, from word %zu\n", what,
		    i < p->n ? "the pdf" : "the epub", j + 1);
		if (i < p->n)
			context("pdf ", p->w, p->n, i);
		else
			context("epub", e->w, e->n, j);
		return 1;
	}
	printf("%s: %zu words the same (%d line ends joined)\n",
	    what, e->n, joined);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct ectx	 c;
	struct bdoc	 d;
	struct words	 pb, pn, eb, en;
	const char	*edir = NULL, *dump = NULL;
	int		 a, rc = 0;

	memset(&c, 0, sizeof(c));
	memset(&pb, 0, sizeof(pb));
	memset(&pn, 0, sizeof(pn));
	memset(&eb, 0, sizeof(eb));
	memset(&en, 0, sizeof(en));
	for (a = 1; a < argc && argv[a][0] == '-'; a++) {
		if (strcmp(argv[a], "-v") == 0)
			verbose = 1;
		else if (strcmp(argv[a], "--skip") == 0 && a + 1 < argc &&
		    c.nskip < MAXSKIP)
			c.skip[c.nskip++] = argv[++a];
		else if (strcmp(argv[a], "--epub") == 0 && a + 1 < argc)
			edir = argv[++a];
		else if (strcmp(argv[a], "--layout") == 0 && a + 1 < argc)
			dump = argv[++a];
		else
			break;
	}
	if (argc - a < (edir != NULL ? 1 : 2)) {
		fprintf(stderr, "usage: parity [-v] [--skip CLASS]... "
		    "PDF.html CHAPTER.xhtml...\n"
		    "       parity [-v] [--skip CLASS]... --epub DIR PDF.html\n");
		return 2;
	}
	bbox_rtl_pieces = 1;
	if (bbox_read(argv[a], &d) == -1)
		return 2;
	rtl_sizes(&d);
	if (dump != NULL && (bbox_furniture_from(&d, dump) == -1 ||
	    bbox_cells_from(&d, dump) == -1))
		return 2;
	/* The EPUB first: it tells the direction the PDF's rows read in. */
	if (edir != NULL && epub_dir(&c, edir) == -1)
		return 2;
	for (a++; a < argc; a++)
		if (epub_read(&c, argv[a]) == -1)
			return 2;
	pdf_words(&d, &pb, &pn);
	split(&eb, c.body.p ? c.body.p : "", 0, 0);
	split(&en, c.notes.p ? c.notes.p : "", 0, 0);
	notemarks(&en);
	if (verbose) {
		size_t i;

		for (i = 0; i < pb.n; i++)
			printf("pdf  %d %s%s\n", pb.page[i], pb.w[i],
			    pb.eol[i] ? " $" : "");
		for (i = 0; i < pn.n; i++)
			printf("pdfn %d %s\n", pn.page[i], pn.w[i]);
		for (i = 0; i < eb.n; i++)
			printf("epub %s\n", eb.w[i]);
		for (i = 0; i < en.n; i++)
			printf("epun %s\n", en.w[i]);
	}
	rc |= compare("body", &pb, &eb);
	rc |= compare("notes", &pn, &en);
	wfree(&pb);
	wfree(&pn);
	wfree(&eb);
	wfree(&en);
	free(c.body.p);
	free(c.notes.p);
	bbox_free(&d);
	xmlCleanupParser();
	return rc;
}
