/* Reading `pdftotext -bbox-layout` output: pages, blocks, lines, words. */

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "bbox.h"

/*
 * Two pieces closer than this fraction of the text size are one word:
 * poppler splits a word where the text size changes (a superscript
 * note number), while the narrowest justified space is about a fifth
 * of the size.
 */
#define TOUCH_FRAC	0.06

/*
 * A running head or folio stands at least this fraction of its height
 * away from the nearest body line; table rows lie closer than a third.
 */
#define FURN_GAP	0.4

/*
 * Running heads and folios are set smaller than the body (head-size
 * 8.5pt against 10.5pt); a heading, a title or a body line is not.
 * Without this a heading "1" that ends a short page is a folio.
 */
#define FURN_SIZE	0.97

struct rd {
	struct bdoc	*d;
	size_t		 capp, capl, capw;
	int		 page, block;
};

static void *
grow(void *p, size_t *cap, size_t need, size_t sz)
{
	if (need <= *cap)
		return p;
	*cap = *cap ? *cap * 2 : 64;
	if (*cap < need)
		*cap = need;
	if ((p = realloc(p, *cap * sz)) == NULL) {
		perror("realloc");
		exit(2);
	}
	return p;
}

/*
 * Attribute name of n as a number, or 0.  Output that is not
 * well-formed XML (a control character pdftotext passed on) is read by
 * the HTML parser, which spells attribute names in lower case: "xmin"
 * for "xMin".
 */
static double
attr(xmlNode *n, const char *name)
{
	xmlChar	*v;
	double	 x;
	char	 lower[16];
	size_t	 i;

	for (i = 0; name[i] != '\0' && i + 1 < sizeof(lower); i++)
		lower[i] = (char)tolower((unsigned char)name[i]);
	lower[i] = '\0';
	if ((v = xmlGetProp(n, (const xmlChar *)name)) == NULL &&
	    (v = xmlGetProp(n, (const xmlChar *)lower)) == NULL)
		return 0;
	x = strtod((const char *)v, NULL);
	xmlFree(v);
	return x;
}

static int
is(xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static int
cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

double
bbox_median(double *v, size_t n)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), cmpd);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double
bbox_percentile(double *v, size_t n, double p)
{
	size_t	 k;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), cmpd);
	k = (size_t)ceil(p / 100 * n);
	return v[k ? k - 1 : 0];
}

int	bbox_rtl_pieces;

/*
 * Does s hold a Hebrew or Arabic letter (U+0590 to U+08FF, or the
 * presentation forms U+FB1D to U+FDFF and U+FE70 to U+FEFF, not the
 * variation selectors between), judged by its UTF-8 bytes?
 */
static int
rtl_letter(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;

	for (; *u != '\0'; u++)
		if ((*u >= 0xD6 && *u <= 0xDF) || (u[0] == 0xE0 &&
		    u[1] >= 0xA0 && u[1] <= 0xA3) || (u[0] == 0xEF &&
		    ((u[1] >= 0xAC && u[1] <= 0xB7) || (u[1] == 0xB9 &&
		    u[2] >= 0xB0) || u[1] == 0xBA || u[1] == 0xBB)))
			return 1;
	return 0;
}

/* Add one word to the current line, or merge it into the last one. */
static void
addword(struct rd *r, struct bline *l, xmlNode *n)
{
	struct bdoc	*d = r->d;
	struct bword	*w, *prev;
	xmlChar		*t;
	double		 x0 = attr(n, "xMin"), x1 = attr(n, "xMax");
	double		 y0 = attr(n, "yMin"), y1 = attr(n, "yMax");
	size_t		 a, b;

	t = xmlNodeGetContent(n);
	prev = l->nw ? &d->words[d->nwords - 1] : NULL;
	if (prev != NULL && x0 - prev->x1 < TOUCH_FRAC * prev->size &&
	    !(bbox_rtl_pieces && (rtl_letter(prev->text) ||
	    rtl_letter((const char *)t)))) {
		a = strlen(prev->text);
		b = strlen((const char *)t);
		if ((prev->text = realloc(prev->text, a + b + 1)) == NULL)
			exit(2);
		memcpy(prev->text + a, t, b + 1);
		prev->x1 = x1;
		if (y0 < prev->y0)
			prev->y0 = y0;
		if (y1 > prev->y1)
			prev->y1 = y1;
		xmlFree(t);
		return;
	}
	d->words = grow(d->words, &r->capw, d->nwords + 1, sizeof(*w));
	w = &d->words[d->nwords++];
	w->x0 = x0;
	w->x1 = x1;
	w->y0 = y0;
	w->y1 = y1;
	w->size = y1 - y0;
	w->cell = -1;
	w->cline = 0;
	if ((w->text = strdup((const char *)t)) == NULL)
		exit(2);
	xmlFree(t);
	l->nw++;
}

static void
addline(struct rd *r, xmlNode *n)
{
	struct bdoc	*d = r->d;
	struct bline	*l;
	xmlNode		*c;

	d->lines = grow(d->lines, &r->capl, d->nlines + 1, sizeof(*l));
	l = &d->lines[d->nlines];
	memset(l, 0, sizeof(*l));
	l->x0 = attr(n, "xMin");
	l->x1 = attr(n, "xMax");
	l->y0 = attr(n, "yMin");
	l->y1 = attr(n, "yMax");
	l->page = r->page;
	l->block = r->block;
	l->wi = d->nwords;	/* w is set once every word is read */
	for (c = n->children; c != NULL; c = c->next)
		if (is(c, "word"))
			addword(r, l, c);
	if (l->nw > 0)
		d->nlines++;
}

static void
walk(struct rd *r, xmlNode *n)
{
	struct bdoc	*d = r->d;
	size_t		 first, i;

	for (; n != NULL; n = n->next) {
		if (is(n, "page")) {
			d->pages = grow(d->pages, &r->capp, d->npages + 1,
			    sizeof(*d->pages));
			d->pages[d->npages].width = attr(n, "width");
			d->pages[d->npages].height = attr(n, "height");
			d->npages++;
			r->page = (int)d->npages;
		} else if (is(n, "title") && d->title == NULL) {
			xmlChar *t = xmlNodeGetContent(n);

			if ((d->title = strdup((const char *)t)) == NULL)
				exit(2);
			xmlFree(t);
			continue;
		} else if (is(n, "block")) {
			first = d->nlines;
			for (xmlNode *c = n->children; c; c = c->next)
				if (is(c, "line"))
					addline(r, c);
			for (i = first; i < d->nlines; i++) {
				d->lines[i].blocklen = (int)(d->nlines - first);
				d->lines[i].inblock = (int)(i - first);
			}
			r->block++;
			continue;
		}
		walk(r, n->children);
	}
}

int
bbox_is_number(const char *s)
{
	if (*s == '\0')
		return 0;
	while (isdigit((unsigned char)*s))
		s++;
	return *s == '\0';
}

int
bbox_ends_hyphen(const char *s)
{
	size_t	 n = strlen(s);

	if (n >= 1 && s[n - 1] == '-')
		return 1;
	return n >= 3 && memcmp(s + n - 3, "\xe2\x80\x90", 3) == 0;
}

/*
 * Does the line read as s, words split on white space?  The running
 * head is the title (the PDF's Title, which pdftotext writes as
 * <title>), perhaps with the folio beside it.
 */
static int
reads_as(const struct bline *l, const char *s)
{
	size_t	 i, n;

	for (i = 0; i < l->nw; i++) {
		while (isspace((unsigned char)*s))
			s++;
		n = strlen(l->w[i].text);
		if (strncmp(s, l->w[i].text, n) == 0 &&
		    (s[n] == '\0' || isspace((unsigned char)s[n])))
			s += n;		/* the title's next word */
		else if (!bbox_is_number(l->w[i].text))
			return 0;	/* a folio may stand beside it */
	}
	while (isspace((unsigned char)*s))
		s++;
	return *s == '\0';
}

/* Text of a line without the words that are numbers; caller frees. */
static char *
keytext(const struct bline *l)
{
	size_t	 i, n = 1;
	char	*k;

	for (i = 0; i < l->nw; i++)
		n += strlen(l->w[i].text) + 1;
	if ((k = calloc(1, n)) == NULL)
		exit(2);
	for (i = 0; i < l->nw; i++) {
		if (bbox_is_number(l->w[i].text))
			continue;
		if (*k != '\0')
			strcat(k, " ");
		strcat(k, l->w[i].text);
	}
	return k;
}

/*
 * Is line j of lines [first, end) apart from the rest of its page by
 * at least FURN_GAP of its height, on the side towards the body?
 * Running heads and folios sit in the margins; a table row at the
 * foot of a page does not.
 */
static int
apart(const struct bdoc *d, size_t first, size_t end, size_t j, int top)
{
	const struct bline	*l = &d->lines[j], *o;
	double			 h = l->y1 - l->y0;
	size_t			 k;

	for (k = first; k < end; k++) {
		o = &d->lines[k];
		if (k == j || (o->y0 < l->y1 && o->y1 > l->y0))
			continue;	/* itself, or side by side with it */
		if (top && o->y0 - l->y1 < FURN_GAP * h)
			return 0;
		if (!top && l->y0 - o->y1 < FURN_GAP * h)
			return 0;
	}
	return 1;
}

/*
 * Running heads and folios.  On each page the line (or lines side by
 * side) nearest the top and nearest the bottom is furniture when it is
 * a block of its own, set smaller than the body, stands apart from the
 * body, and holds only a number, or the same words (numbers aside)
 * stand at that edge of at least two pages, or (at the top) it reads
 * as the document's title: a book of two pages has its running head on
 * the second only.
 */
static void
furniture(struct bdoc *d)
{
	char	**key;
	int	 *edge;		/* 1 top, 2 bottom, 0 neither */
	size_t	  i, j, p, same, first;
	double	  top, bot;

	key = calloc(d->nlines + 1, sizeof(*key));
	edge = calloc(d->nlines + 1, sizeof(*edge));
	if (key == NULL || edge == NULL)
		exit(2);
	for (p = 1, i = 0; p <= d->npages; p++) {
		first = i;
		top = 1e9;
		bot = -1e9;
		for (; i < d->nlines && d->lines[i].page == (int)p; i++) {
			if (d->lines[i].y0 < top)
				top = d->lines[i].y0;
			if (d->lines[i].y1 > bot)
				bot = d->lines[i].y1;
		}
		if (i - first < 2)
			continue;
		for (j = first; j < i; j++) {
			struct bline *l = &d->lines[j];
			double h = l->y1 - l->y0;

			if (l->blocklen != 1 ||
			    l->size >= FURN_SIZE * d->bodysize)
				continue;
			if (l->y0 < top + h / 2 && apart(d, first, i, j, 1))
				edge[j] = 1;
			else if (l->y1 > bot - h / 2 &&
			    apart(d, first, i, j, 0))
				edge[j] = 2;
			if (edge[j])
				key[j] = keytext(l);
		}
	}
	for (i = 0; i < d->nlines; i++) {
		if (!edge[i])
			continue;
		same = 0;
		for (j = 0; j < d->nlines && same < 2; j++)
			if (edge[j] == edge[i] && strcmp(key[i], key[j]) == 0)
				same++;
		if (*key[i] == '\0' || same >= 2 || (edge[i] == 1 &&
		    d->title != NULL && *d->title != '\0' &&
		    reads_as(&d->lines[i], d->title)))
			d->lines[i].furniture = 1;
	}
	for (i = 0; i < d->nlines; i++)
		free(key[i]);
	free(key);
	free(edge);
}

struct sz {
	double	 size, weight;
};

static int
cmpsz(const void *a, const void *b)
{
	return cmpd(&((const struct sz *)a)->size,
	    &((const struct sz *)b)->size);
}

/*
 * Each line's size, and the body's: the size that most words of the
 * upper halves of the pages have (notes sit at the feet of pages, and
 * on a short page they may outnumber the body).
 */
static void
sizes(struct bdoc *d)
{
	struct sz	*z;
	double		*v, best = 0, bestw = 0, w;
	size_t		 i, j, n;
	int		 upper;

	v = calloc(d->nwords + 1, sizeof(*v));
	z = calloc(d->nlines + 1, sizeof(*z));
	if (v == NULL || z == NULL)
		exit(2);
	for (i = 0; i < d->nlines; i++) {
		struct bline *l = &d->lines[i];

		for (j = 0; j < l->nw; j++)
			v[j] = l->w[j].size;
		l->size = bbox_median(v, l->nw);
	}
	for (upper = 1; upper >= 0 && bestw == 0; upper--) {
		for (i = n = 0; i < d->nlines; i++) {
			const struct bline *l = &d->lines[i];

			if (upper && (l->y0 + l->y1) / 2 >
			    d->pages[l->page - 1].height / 2)
				continue;
			z[n].size = round(l->size * 10) / 10;
			z[n++].weight = (double)l->nw;
		}
		qsort(z, n, sizeof(*z), cmpsz);
		for (i = 0; i < n; i = j) {
			for (w = 0, j = i; j < n && z[j].size == z[i].size; j++)
				w += z[j].weight;
			if (w > bestw) {
				bestw = w;
				best = z[i].size;
			}
		}
	}
	d->bodysize = best;
	free(v);
	free(z);
}

/*
 * Length of the well-formed UTF-8 character at s (n bytes left), or 0.
 * A surrogate is no character: pdftotext writes an information string
 * holding an emoji (a surrogate pair in the PDF, rightly) as the two
 * halves, each as if a character, and that one <meta> in the head made
 * the whole file unreadable.
 */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t		 len, k;
	unsigned long	 cp;

	if (s[0] < 0x80)
		return 1;
	len = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 :
	    s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : 0;
	if (len == 0 || len > n || s[0] > 0xF4)
		return 0;
	cp = s[0] & (0x7F >> len);
	for (k = 1; k < len; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[k] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 ||
	    cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

/* The file at path, each byte of no character made '?'; caller frees. */
static char *
read_clean(const char *path, size_t *len)
{
	FILE		*fp;
	unsigned char	*b = NULL;
	size_t		 cap = 0, n = 0, i, k;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	for (;;) {
		if (n == cap && (b = realloc(b, cap = cap * 2 + 65536)) == NULL)
			exit(2);
		if ((k = fread(b + n, 1, cap - n, fp)) == 0)
			break;
		n += k;
	}
	fclose(fp);
	for (i = 0; i < n; i += k)
		if ((k = utf8_len(b + i, n - i)) == 0) {
			b[i] = '?';
			k = 1;
		}
	*len = n;
	return (char *)b;
}

int
bbox_read(const char *path, struct bdoc *d)
{
	struct rd	 r;
	xmlDoc		*x = NULL;
	size_t		 i, len;
	char		*buf;

	memset(d, 0, sizeof(*d));
	memset(&r, 0, sizeof(r));
	r.d = d;
	if ((buf = read_clean(path, &len)) != NULL) {
		x = xmlReadMemory(buf, (int)len, path, "UTF-8",
		    XML_PARSE_NONET | XML_PARSE_NOERROR |
		    XML_PARSE_NOWARNING | XML_PARSE_HUGE);
		if (x == NULL)	/* not well-formed after all: HTML */
			x = htmlReadMemory(buf, (int)len, path, "UTF-8",
			    HTML_PARSE_NONET | HTML_PARSE_NOERROR |
			    HTML_PARSE_NOWARNING);
		free(buf);
	}
	if (x == NULL) {
		fprintf(stderr, "%s: cannot parse\n", path);
		return -1;
	}
	walk(&r, xmlDocGetRootElement(x));
	xmlFreeDoc(x);
	for (i = 0; i < d->nlines; i++)
		d->lines[i].w = d->words + d->lines[i].wi;
	sizes(d);
	furniture(d);
	return 0;
}

/*
 * Running heads and folios where lectern's layout dump (`lectern dump
 * --layout`, the same layout as the PDF's) puts them: its lines
 * "PAGE head X Y WIDTH ..." and "PAGE folio ...", Y the baseline.  A
 * line of d on that page whose box holds the baseline and meets the
 * span is furniture, and no other: this replaces what furniture()
 * guessed, which a page holding a picture and a line or two of text
 * leaves without a body to tell them from.  Returns 0, or -1 after
 * printing why.
 */
/*
 * Does line l of page pg hold a baseline y (a raised note number in
 * it aside) and meet the span [x, x + w]?
 */
static int
on_span(const struct bline *l, int pg, double x, double y, double w)
{
	return l->page == pg && l->y0 - 1 <= y && y <= l->y1 + 1 &&
	    l->x0 <= x + w + 1 && l->x1 >= x - 1;
}

/*
 * Is buf the dump's "cell TABLE ROW COLUMN [repeated]" record (which
 * follows the line of text it is about)?  Sets c and *repeated.
 */
static int
cell_record(const char *buf, struct bcell *c, int *repeated)
{
	int	 n = 0;

	if (sscanf(buf, "cell %d %d %d%n", &c->table, &c->row, &c->col,
	    &n) != 3)
		return 0;
	*repeated = strncmp(buf + n, " repeated", 9) == 0;
	return 1;
}

/* Keep the dump's line of text t (its newline dropped) in d->dlines. */
static void
add_dline(struct bdoc *d, size_t *cap, int pg, double x, double y,
    double w, int hyph, const char *t)
{
	struct dline	*dl;
	size_t		 n = strcspn(t, "\n");

	d->dlines = grow(d->dlines, cap, d->ndlines + 1, sizeof(*dl));
	dl = &d->dlines[d->ndlines++];
	*dl = (struct dline){ .page = pg, .x = x, .y = y, .w = w,
	    .hyph = hyph, .text = strndup(t, n) };
	if (dl->text == NULL)
		exit(2);
}

int
bbox_furniture_from(struct bdoc *d, const char *dump)
{
	FILE		*fp;
	char		*buf = NULL, role[16];
	struct bline	*l;
	struct bcell	 c;
	double		 x = 0, y = 0, w = 0, *body;
	size_t		 i, nbody = 0, bufsz = 0, capd = 0;
	int		 pg = 0, furn, note, rep, hyph, at, nline = 0;

	if ((fp = fopen(dump, "r")) == NULL) {
		perror(dump);
		return -1;
	}
	if ((body = calloc(d->nlines + 1, sizeof(*body))) == NULL)
		exit(2);
	for (i = 0; i < d->nlines; i++)
		d->lines[i].furniture = d->lines[i].note = 0;
	d->roles = 1;
	while (getline(&buf, &bufsz, fp) != -1) {
		/* A table's header row again, atop a page: furniture too. */
		if (cell_record(buf, &c, &rep)) {
			for (i = 0; rep && i < d->nlines; i++)
				if (on_span(&d->lines[i], pg, x, y, w))
					d->lines[i].furniture = 1;
			if (d->ndlines > 0)
				d->dlines[d->ndlines - 1].cell = 1;
			continue;
		}
		if (sscanf(buf, "%d %15s %lf %lf %lf %*f %d %n", &pg, role, &x,
		    &y, &w, &hyph, &at) != 6)
			continue;
		nline++;
		furn = strcmp(role, "head") == 0 || strcmp(role, "folio") == 0;
		if (!furn)
			add_dline(d, &capd, pg, x, y, w, hyph, buf + at);
		if (!furn)
			d->dlines[d->ndlines - 1].line = nline;
		note = strcmp(role, "note") == 0;
		if (!furn && !note && strcmp(role, "body") != 0)
			continue;
		for (i = 0; i < d->nlines; i++) {
			l = &d->lines[i];
			if (!on_span(l, pg, x, y, w))
				continue;
			if (furn)
				l->furniture = 1;
			else if (note)
				l->note = 1;
			else if (nbody < d->nlines)
				body[nbody++] = round(l->size * 10) / 10;
		}
	}
	fclose(fp);
	free(buf);
	if (nbody > 0)
		d->bodysize = bbox_median(body, nbody);
	free(body);
	return 0;
}

/* The index of cell c in d->cells, added if new. */
static int
cell_index(struct bdoc *d, const struct bcell *c, size_t *cap)
{
	size_t	 i;

	for (i = d->ncells; i-- > 0;)
		if (d->cells[i].table == c->table &&
		    d->cells[i].row == c->row && d->cells[i].col == c->col)
			return (int)i;
	d->cells = grow(d->cells, cap, d->ncells + 1, sizeof(*d->cells));
	d->cells[d->ncells] = *c;
	return (int)d->ncells++;
}

/*
 * The words of page pg inside the span [x, x + w] whose box holds the
 * baseline y (a note number raised in it, up to 0.4 of its size above)
 * into cell k, line order cline.
 */
static void
cell_words(struct bdoc *d, int pg, double x, double y, double w, int k,
    int cline)
{
	struct bline	*l;
	struct bword	*b;
	size_t		 i, j;

	for (i = 0; i < d->nlines; i++) {
		l = &d->lines[i];
		if (!on_span(l, pg, x, y, w))
			continue;
		for (j = 0; j < l->nw; j++) {
			b = &l->w[j];
			if (b->cell >= 0 || b->x0 < x - 1 || b->x1 > x + w + 1 ||
			    b->y0 - 1 > y || y > b->y1 + 0.4 * b->size)
				continue;
			b->cell = k;
			b->cline = cline;
		}
	}
}

int
bbox_cells_from(struct bdoc *d, const char *dump)
{
	FILE		*fp;
	char		*buf = NULL, role[16];
	struct bcell	 c;
	size_t		 cap = 0, bufsz = 0;
	double		 x = 0, y = 0, w = 0;
	int		 pg = 0, rep, cline = 0;

	if ((fp = fopen(dump, "r")) == NULL) {
		perror(dump);
		return -1;
	}
	while (getline(&buf, &bufsz, fp) != -1) {
		if (cell_record(buf, &c, &rep)) {
			if (!rep)
				cell_words(d, pg, x, y, w,
				    cell_index(d, &c, &cap), cline);
		} else if (sscanf(buf, "%d %15s %lf %lf %lf", &pg, role, &x,
		    &y, &w) == 5)
			cline++;
	}
	fclose(fp);
	free(buf);
	return 0;
}

void
bbox_free(struct bdoc *d)
{
	size_t	 i;

	for (i = 0; i < d->nwords; i++)
		free(d->words[i].text);
	free(d->words);
	free(d->lines);
	free(d->pages);
	free(d->cells);
	for (i = 0; i < d->ndlines; i++)
		free(d->dlines[i].text);
	free(d->dlines);
	free(d->title);
	memset(d, 0, sizeof(*d));
}
