/* The print layout: tree to shaped boxes and glue, lines (lb_break), pages (pb_break). */
#include <assert.h>
#include <errno.h>
#include <time.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <pango/pangocairo.h>

#include "diag.h"
#include "fonts.h"
#include "hyph.h"
#include "layout.h"
#include "lectern.h"
#include "linebreak.h"
#include "pagebreak.h"
#include "style.h"
#include "tree.h"
#include "util.h"

#define FILL		1e6	/* glue stretch meaning "fill" (linebreak.h) */
#define SUP_SCALE	0.65	/* note references: size, of the text's */
#define SUP_RISE	0.38	/* and raise, in ems of the text */
#define HYPHEN_PENALTY	150	/* TeX's \hyphenpenalty, see set_para() */
#define EXHYPHEN_PENALTY 50	/* after an explicit hyphen or dash */
#define LINE_PENALTY	150	/* per line, in justified text */
#define CHAR_PENALTY	100	/* inside a word too long for the line */
#define BROKEN_PENALTY	100	/* a page break after a hyphenated line */
#define MAXPOINTS	64	/* hyphenation points asked for per word */
#define SPACE_STRETCH	0.6	/* of a space's width (the letters
				   stretch too, TRACK_STRETCH) */
#define SPACE_SHRINK	0.33
#define TRACK_STRETCH	0.02	/* of a word's width: letter spacing a */
#define TRACK_SHRINK	0.02	/* justified line may add or take */
#define TRACK_MAX_RATIO	1.5	/* so letters never spread past 3 %: more
				   shows as uneven colour from line to line */
#define LIST_INDENT	1.6	/* list and quote indents, in body ems */
#define QUOTE_INDENT	1.4
#define NOTE_SEP	9.0	/* room for the rule above the notes */
#define NOTE_GAP	1.5	/* between two notes */
#define NOTE_INDENT	1.8	/* note text indent, in note ems */
#define CELL_GAP	8.0	/* between table columns */
#define HUGE_MEASURE	1e5	/* a line that is never broken */
#define OBJ_CHAR	"\xef\xbf\xbc"	/* U+FFFC stands for a picture */
#define PX_PT		0.75	/* a picture's pixel at 96 per inch */
#define FIG_MAX_H	0.5	/* a figure's height, of the text block's */
#define FIG_PAD		4.0	/* above and below a figure */
#define HAN_STRETCH	0.1	/* between Han characters, in ems */
#define FC_NOSPACE	(-2)	/* hitem.fc of glue that is not a space */
#define HAN_TERM	6	/* Han runs this short are terms (names,
				   slogans) kept whole on one line */

/* Inline looks a span can carry. */
#define S_ITALIC	1u
#define S_BOLD		2u
#define S_MONO		4u
#define S_SUP		8u
#define S_STRIKE	16u

/* A run of paragraph text with one look and one link. */
struct span {
	size_t		 start, end;
	unsigned	 f;
	const char	*lang;		/* N_LANG tag, or NULL */
	const char	*link;		/* cairo link attributes, or NULL */
	const char	*dest;
	int		 note;		/* first reference to this note */
	const struct lay_image *img;	/* an inline picture: its one
					   character is U+FFFC */
	struct pos	 pos;
};

/* Where the text from byte off on came from, for messages. */
struct anchor {
	size_t		 off;
	struct pos	 pos;
};

/* A paragraph's text, gathered from its inlines. */
struct para {
	struct buf	 t;
	struct span	*sp;
	size_t		 nsp, csp;
	struct anchor	*an;
	size_t		 nan, can;
};

enum palign { A_JUSTIFY, A_LEFT, A_CENTER, A_RIGHT };

/* How a paragraph is set. */
struct pstyle {
	const char	*family;
	double		 size, leading;
	unsigned	 f;		/* S_BOLD, S_ITALIC for the whole */
	enum palign	 align;
	int		 hyph;
	int		 literal;	/* code: spaces are text, no breaks */
	double		 indent;	/* first line */
	double		 measure;
	enum lay_role	 role;
};

/* A PangoItem shaped once; boxes are glyph ranges of it. */
struct shaped {
	PangoItem	*item;
	PangoGlyphString *gs;
};

/* What a line needs to draw an item of the horizontal list. */
struct hitem {
	int		 si;		/* shaped item, or -1 */
	size_t		 b0, b1;	/* bytes of the paragraph text */
	int		 g0, g1;	/* glyphs of the shaped item */
	int		 span;
	int		 fc;		/* penalty: font cache entry, or -1 */
	double		 ty, tz;	/* glue: the stretch and shrink of the
					   word before it (tracking) */
};

/* Per font: the hyphen, shaped once. */
struct fcache {
	PangoFont	*font;
	PangoItem	*item;		/* offset 0 into "-" */
	PangoGlyphString *gs;
	double		 w;
};

/* A vertical box: lines and rules at positions relative to its top. */
struct vbox {
	double		 h;
	struct lay_line	*lines;
	size_t		 nlines;
	struct lay_rule	*rules;
	size_t		 nrules;
	int		 mark;		/* bookmark starting here, or -1 */
};

/* A vertical list: pb items and the boxes they stand for. */
struct vlist {
	struct pb_item	*it;
	struct vbox	**bx;
	size_t		 n, c;
};

/* The set lines of one paragraph. */
struct plines {
	struct lay_line	*lines;
	int		*lo, *hi;	/* notes first referenced: [lo, hi] */
	size_t		 n;
};

enum prev { PV_NONE, PV_PARA, PV_BLOCK, PV_HEAD };

/* Where blocks go: the column and the structure element. */
struct ctx {
	double			 left, measure;
	const struct lay_elem	*elem;
	int			 tight;
};

/* Everything the layout builds from. */
struct lay {
	struct layout		*out;
	const struct doc	*doc;
	const struct style	*st;
	struct hyph		*hy;
	struct arena		*ar;
	struct vlist		 body;
	struct vlist		*notes;		/* one per note */
	struct vlist		*v;		/* where blocks go: the body
						   or the note being set */
	int			 in_note;
	int			 nnotes;
	struct fcache		*fc;
	size_t			 nfc, cfc;
	struct shaped		*sh;
	size_t			 nsh, csh;
	struct lb_item		*li;
	struct hitem		*hi;
	size_t			 nli, cli;
	enum prev		 prev;
	int			 keep;		/* no page break before the
						   next box */
	struct lay_run		*marker;	/* list marker for the next
						   line, or NULL */
	size_t			 nmarker;
	int			 pendmark;	/* bookmark for the next box */
	const char		*penddest;	/* dest for the next line */
	const char		**ids;		/* heading ids: link targets */
	size_t			 nids, cids;
	const char		*checked[8];	/* CJK families checked */
	size_t			 nchecked;
	int			 failed;
	size_t			 curpara;	/* in out->paras */
	size_t			*wo;		/* body penalties that keep a
						   widow or orphan away */
	size_t			 nwo, cwo;
};

static void	blocks(struct lay *, const struct node *, const struct ctx *);

/* --- small helpers ------------------------------------------------ */

static const struct lay_elem *
elem(struct lay *L, const char *tag, const struct lay_elem *parent)
{
	struct lay_elem	*e;

	e = arena_alloc(L->ar, sizeof(*e));
	e->tag = tag;
	e->parent = parent;
	e->depth = parent ? parent->depth + 1 : 0;
	return e;
}

/* Keep a glyph string until lay_free(). */
static void
own_gs(struct lay *L, PangoGlyphString *gs)
{
	struct layout	*o = L->out;

	o->gstr = xgrow(o->gstr, &o->cgstr, o->ngstr + 1, sizeof(*o->gstr));
	o->gstr[o->ngstr++] = gs;
}

static void
own_item(struct lay *L, PangoItem *it)
{
	struct layout	*o = L->out;

	o->items = xgrow(o->items, &o->citems, o->nitems + 1,
	    sizeof(*o->items));
	o->items[o->nitems++] = it;
}

/* cairo's attribute strings quote with ' and escape with \. */
static const char *
quoted(struct lay *L, const char *key, const char *v)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*s;

	buf_printf(&b, "%s='", key);
	for (; *v != '\0'; v++) {
		if (*v == '\'' || *v == '\\')
			buf_putc(&b, '\\');
		buf_putc(&b, *v);
	}
	buf_putc(&b, '\'');
	s = arena_strdup(L->ar, b.p);
	buf_free(&b);
	return s;
}

static int
is_cjk(uint32_t cp)
{
	return is_han(cp) || is_kana(cp);
}

/* No line may start with these (closing marks) ... */
static int
no_start(uint32_t cp)
{
	return cp == 0x3001 || cp == 0x3002 || cp == 0xFF0C ||
	    cp == 0xFF0E || cp == 0xFF1A || cp == 0xFF1B || cp == 0xFF01 ||
	    cp == 0xFF1F || cp == 0xFF09 || cp == 0x300D || cp == 0x300F ||
	    cp == 0x3009 || cp == 0x300B || cp == 0x3011 || cp == 0x201D ||
	    cp == 0x2019;
}

/* ... and none may end with these (opening marks). */
static int
no_end(uint32_t cp)
{
	return cp == 0xFF08 || cp == 0x300C || cp == 0x300E ||
	    cp == 0x3008 || cp == 0x300A || cp == 0x3010 || cp == 0x201C ||
	    cp == 0x2018;
}

static uint32_t
cp_at(const char *s, size_t len, size_t *n)
{
	uint32_t	 cp;

	if ((*n = utf8_decode(s, len, &cp)) == 0) {
		*n = 1;
		return 0xFFFD;
	}
	return cp;
}

/* --- gathering a paragraph's text --------------------------------- */

static void
add(struct para *p, const char *s, size_t len, const struct span *like)
{
	struct span	*last;

	if (len == 0)
		return;
	last = p->nsp ? &p->sp[p->nsp - 1] : NULL;
	if (last != NULL && last->end == p->t.len && last->f == like->f &&
	    last->lang == like->lang && last->link == like->link &&
	    last->dest == NULL && like->dest == NULL &&
	    last->note == 0 && like->note == 0 &&
	    last->img == NULL && like->img == NULL) {
		buf_put(&p->t, s, len);
		last->end = p->t.len;
		return;
	}
	p->sp = xgrow(p->sp, &p->csp, p->nsp + 1, sizeof(*p->sp));
	last = &p->sp[p->nsp++];
	*last = *like;
	last->start = p->t.len;
	buf_put(&p->t, s, len);
	last->end = p->t.len;
}

/* Text without tabs and line ends: those are spaces in running text. */
static void
add_text(struct para *p, const char *s, const struct span *like)
{
	size_t	 i, j;

	p->an = xgrow(p->an, &p->can, p->nan + 1, sizeof(*p->an));
	p->an[p->nan].off = p->t.len;
	p->an[p->nan++].pos = like->pos;
	for (i = 0; s[i] != '\0'; i = j) {
		for (j = i; s[j] != '\0' && s[j] != '\t' && s[j] != '\n' &&
		    s[j] != '\r'; j++)
			continue;
		add(p, s + i, j - i, like);
		if (s[j] != '\0') {
			add(p, " ", 1, like);
			j++;
		}
	}
}

/* Width and height of a JPEG from its first frame header; -1 if none. */
static int
jpeg_size(const unsigned char *d, size_t len, int *w, int *h)
{
	size_t	 i = 2, seg;

	if (len < 4 || d[0] != 0xFF || d[1] != 0xD8)
		return -1;
	while (i + 9 < len) {
		if (d[i] != 0xFF)
			return -1;
		seg = (size_t)d[i + 2] << 8 | d[i + 3];
		/* SOF0..SOF15, but not DHT, JPG, DAC. */
		if (d[i + 1] >= 0xC0 && d[i + 1] <= 0xCF && d[i + 1] != 0xC4 &&
		    d[i + 1] != 0xC8 && d[i + 1] != 0xCC) {
			*h = d[i + 5] << 8 | d[i + 6];
			*w = d[i + 7] << 8 | d[i + 8];
			return *w > 0 && *h > 0 ? 0 : -1;
		}
		i += 2 + seg;
	}
	return -1;
}

static int
has_suffix(const char *s, const char *suf)
{
	size_t	 a = strlen(s), b = strlen(suf);

	return a >= b && strcasecmp(s + a - b, suf) == 0;
}

/*
 * A JPEG as a blank surface of its size carrying the file's bytes:
 * cairo's PDF writer embeds those as they are.  NULL if unreadable.
 */
static struct lay_image *
jpeg_image(const char *path)
{
	struct lay_image	*im;
	char			*data;
	size_t			 len;
	int			 w, h;

	if (file_read(path, &data, &len) == -1)
		return NULL;
	if (jpeg_size((unsigned char *)data, len, &w, &h) == -1) {
		free(data);
		return NULL;
	}
	im = xcalloc(1, sizeof(*im));
	im->surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	im->pw = w;
	im->ph = h;
	if (cairo_surface_set_mime_data(im->surf, CAIRO_MIME_TYPE_JPEG,
	    (unsigned char *)data, len, free, data) != CAIRO_STATUS_SUCCESS)
		free(data);
	return im;
}

/*
 * The picture of an N_IMAGE, loaded once per file: PNG and JPEG.
 * Others (GIF, SVG) are a warning and NULL; so is an image check.c
 * did not accept (it said why).  Owned by the layout.
 */
static const struct lay_image *
image(struct lay *L, const struct node *n)
{
	struct layout		*o = L->out;
	struct lay_image	*im = NULL;
	const char		*path = n->u.img.path;
	size_t			 i;

	if (path == NULL)
		return NULL;
	for (i = 0; i < o->nimgs; i++)
		if (strcmp(o->imgs[i]->path, path) == 0)
			return o->imgs[i];
	if (has_suffix(path, ".png")) {
		im = xcalloc(1, sizeof(*im));
		im->surf = cairo_image_surface_create_from_png(path);
		im->pw = cairo_image_surface_get_width(im->surf);
		im->ph = cairo_image_surface_get_height(im->surf);
	} else if (has_suffix(path, ".jpg") || has_suffix(path, ".jpeg"))
		im = jpeg_image(path);
	if (im != NULL && (cairo_surface_status(im->surf) !=
	    CAIRO_STATUS_SUCCESS || im->pw <= 0 || im->ph <= 0)) {
		cairo_surface_destroy(im->surf);
		free(im);
		im = NULL;
	}
	if (im == NULL) {
		diag(&n->pos, D_IMAGE_NOT_PRINTED, n->u.img.src);
		return NULL;
	}
	im->path = path;
	o->imgs = xreallocarray(o->imgs, o->nimgs + 1, sizeof(*o->imgs));
	o->imgs[o->nimgs++] = im;
	return im;
}

static const char *
link_attr(struct lay *L, const char *href)
{
	size_t	 i;

	if (href == NULL || *href == '\0')
		return NULL;
	if (*href == '#') {
		/* Only to a heading we set: a dangling dest is no link. */
		for (i = 0; i < L->nids; i++)
			if (strcmp(L->ids[i], href + 1) == 0)
				return quoted(L, "dest", href + 1);
		return NULL;
	}
	return quoted(L, "uri", href);
}

/*
 * n's inlines into p, each text with the look of its markup (in): the
 * paragraph's one string, and spans saying how each part is set.
 */
static void
gather(struct lay *L, struct para *p, const struct node *n,
    const struct span *in)
{
	const struct node	*c;
	struct span		 s;
	char			 num[32];

	for (c = n->first; c != NULL; c = c->next) {
		s = *in;
		s.pos = c->pos;
		switch (c->kind) {
		case N_TEXT:
		case N_INLINE_HTML:
			add_text(p, c->text, &s);
			break;
		case N_CODE:
			s.f |= S_MONO;
			add_text(p, c->text, &s);
			break;
		case N_EMPH:
			s.f ^= S_ITALIC;
			gather(L, p, c, &s);
			break;
		case N_STRONG:
			s.f |= S_BOLD;
			gather(L, p, c, &s);
			break;
		case N_STRIKE:
			s.f |= S_STRIKE;
			gather(L, p, c, &s);
			break;
		case N_LANG:
			s.lang = c->u.lang.tag;
			gather(L, p, c, &s);
			break;
		case N_LINK:
			s.link = link_attr(L, c->u.link.href);
			gather(L, p, c, &s);
			break;
		case N_IMAGE:
			/* No words: the EPUB has the alt as an attribute. */
			if ((s.img = image(L, c)) != NULL)
				add(p, OBJ_CHAR, strlen(OBJ_CHAR), &s);
			break;
		case N_SOFTBREAK:
			add(p, " ", 1, &s);
			break;
		case N_LINEBREAK:
			add(p, "\n", 1, &s);
			break;
		case N_FNREF:
			s.f |= S_SUP;
			snprintf(num, sizeof(num), "fn-%d", c->u.note.num);
			s.link = quoted(L, "dest", num);
			if (c->u.note.nref <= 1) {
				snprintf(num, sizeof(num), "fnref-%d",
				    c->u.note.num);
				s.note = c->u.note.num;
			} else
				snprintf(num, sizeof(num), "fnref-%d-%d",
				    c->u.note.num, c->u.note.nref);
			s.dest = arena_strdup(L->ar, num);
			snprintf(num, sizeof(num), "%d", c->u.note.num);
			add(p, num, strlen(num), &s);
			break;
		default:
			gather(L, p, c, &s);
			break;
		}
	}
}

static void
para_free(struct para *p)
{
	buf_free(&p->t);
	free(p->sp);
	free(p->an);
	memset(p, 0, sizeof(*p));
}

/* --- fonts and shaping -------------------------------------------- */

/* Check a CJK family once per layout. */
static const char *
cjk_family(struct lay *L, const char *lang)
{
	const char	*fam;
	size_t		 i;

	fam = style_cjk_font(L->st, lang ? lang : L->doc->meta.cjk_lang);
	for (i = 0; i < L->nchecked; i++)
		if (L->checked[i] == fam)
			return fam;
	if (fonts_check(fam, L->st->path) == -1)
		L->failed = 1;
	if (L->nchecked < sizeof(L->checked) / sizeof(L->checked[0]))
		L->checked[L->nchecked++] = fam;
	return fam;
}

static void
font_attr(PangoAttrList *al, const char *fam, double size, unsigned f,
    size_t a, size_t b)
{
	PangoFontDescription	*d;
	PangoAttribute		*at;

	d = fonts_desc(fam, size, f & S_BOLD, f & S_ITALIC);
	at = pango_attr_font_desc_new(d);
	at->start_index = a;
	at->end_index = b;
	pango_attr_list_insert(al, at);
	pango_font_description_free(d);
}

/*
 * Fonts by span: Han and kana take the CJK family of their language
 * (the lecture's cjk_lang outside N_LANG), so Pango never picks a CJK
 * family of its own.
 */
static PangoAttrList *
attrs(struct lay *L, const struct para *p, const struct pstyle *ps)
{
	PangoAttrList	*al;
	PangoAttribute	*at;
	const struct span *s;
	const char	*fam, *t = p->t.p;
	double		 size;
	size_t		 i, a, j, n;
	int		 cjk, c2;

	al = pango_attr_list_new();
	for (i = 0; i < p->nsp; i++) {
		s = &p->sp[i];
		size = ps->size;
		if (s->f & S_MONO)
			size *= L->st->mono_size / L->st->body_size;
		if (s->f & S_SUP)
			size *= SUP_SCALE;
		for (a = s->start; a < s->end; a = j) {
			cjk = is_cjk(cp_at(t + a, s->end - a, &n));
			for (j = a + n; j < s->end; j += n) {
				c2 = is_cjk(cp_at(t + j, s->end - j, &n));
				if (c2 != cjk)
					break;
			}
			fam = cjk ? cjk_family(L, s->lang) :
			    (s->f & S_MONO) ? L->st->mono_font : ps->family;
			font_attr(al, fam, size, (s->f | ps->f) &
			    (cjk ? S_BOLD : S_BOLD | S_ITALIC), a, j);
		}
		if (s->lang != NULL) {
			at = pango_attr_language_new(
			    pango_language_from_string(s->lang));
			at->start_index = s->start;
			at->end_index = s->end;
			pango_attr_list_insert(al, at);
		}
	}
	return al;
}

/* Itemize and shape the paragraph; L->sh holds one entry per item. */
static void
shape(struct lay *L, const struct para *p, const struct pstyle *ps)
{
	PangoAttrList	*al;
	GList		*items, *g;
	PangoItem	*it;
	PangoGlyphString *gs;

	al = attrs(L, p, ps);
	items = pango_itemize(L->out->f.ctx, p->t.p, 0, p->t.len, al, NULL);
	pango_attr_list_unref(al);
	L->nsh = 0;
	for (g = items; g != NULL; g = g->next) {
		it = g->data;
		gs = pango_glyph_string_new();
		/* Unrounded: positions in points must stay exact. */
		pango_shape_with_flags(p->t.p + it->offset, it->length,
		    p->t.p, p->t.len, &it->analysis, gs, PANGO_SHAPE_NONE);
		L->sh = xgrow(L->sh, &L->csh, L->nsh + 1, sizeof(*L->sh));
		L->sh[L->nsh].item = it;
		L->sh[L->nsh++].gs = gs;
		own_item(L, it);
	}
	g_list_free(items);
}

static void
unshape(struct lay *L)
{
	size_t	 i;

	for (i = 0; i < L->nsh; i++)
		pango_glyph_string_free(L->sh[i].gs);
	L->nsh = 0;
}

/* The shaped item holding byte b. */
static int
item_at(const struct lay *L, size_t b)
{
	size_t	 lo = 0, hi = L->nsh, mid;

	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if ((size_t)L->sh[mid].item->offset <= b)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* First glyph of item si at byte b or after; -1 inside a cluster. */
static int
glyph_at(const struct lay *L, int si, size_t b)
{
	const PangoGlyphString	*gs = L->sh[si].gs;
	int			 rel, i, lo, hi;

	rel = b - L->sh[si].item->offset;
	if (rel >= L->sh[si].item->length)
		return gs->num_glyphs;
	/* Clusters ascend in left-to-right text: the first at or after. */
	lo = 0;
	hi = gs->num_glyphs;
	while (lo < hi) {
		i = (lo + hi) / 2;
		if (gs->log_clusters[i] < rel)
			lo = i + 1;
		else
			hi = i;
	}
	if (lo < gs->num_glyphs && gs->log_clusters[lo] == rel)
		return lo;
	return -1;
}

static double
glyphs_width(const struct lay *L, int si, int g0, int g1)
{
	const PangoGlyphString	*gs = L->sh[si].gs;
	int			 i, w = 0;

	for (i = g0; i < g1; i++)
		w += gs->glyphs[i].geometry.width;
	return (double)w / PANGO_SCALE;
}

/* The hyphen of item si's font, shaped once. */
static int
hyphen(struct lay *L, int si)
{
	PangoItem	*it = L->sh[si].item;
	struct fcache	*c;
	size_t		 i;

	for (i = 0; i < L->nfc; i++)
		if (L->fc[i].font == it->analysis.font)
			return i;
	L->fc = xgrow(L->fc, &L->cfc, L->nfc + 1, sizeof(*L->fc));
	c = &L->fc[L->nfc];
	c->font = it->analysis.font;
	c->item = pango_item_copy(it);
	c->item->offset = 0;
	c->item->length = 1;
	c->item->num_chars = 1;
	own_item(L, c->item);
	c->gs = pango_glyph_string_new();
	pango_shape_with_flags("-", 1, "-", 1, &c->item->analysis, c->gs,
	    PANGO_SHAPE_NONE);
	own_gs(L, c->gs);
	c->w = (double)pango_glyph_string_get_width(c->gs) / PANGO_SCALE;
	return L->nfc++;
}

/* --- the horizontal list ------------------------------------------ */

static void
push(struct lay *L, enum lb_type type, double w, double y, double z,
    int pen, int flagged, const struct hitem *h)
{
	static const struct hitem none = { -1, 0, 0, 0, 0, -1, -1, 0, 0 };

	if (L->nli == L->cli) {
		L->li = xgrow(L->li, &L->cli, L->nli + 1, sizeof(*L->li));
		L->hi = xreallocarray(L->hi, L->cli, sizeof(*L->hi));
	}
	L->li[L->nli].type = type;
	L->li[L->nli].width = w;
	L->li[L->nli].stretch = y;
	L->li[L->nli].shrink = z;
	L->li[L->nli].penalty = pen;
	L->li[L->nli].flagged = flagged;
	L->hi[L->nli++] = h ? *h : none;
}

static int
span_at(const struct para *p, size_t b)
{
	size_t	 lo = 0, hi = p->nsp, mid;

	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if (p->sp[mid].start <= b)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

enum bkind { BK_NONE, BK_HYPH, BK_EXPL, BK_FREE, BK_CHAR, BK_HAN };

/*
 * Breaks between the characters of Han (and kana) runs in [s, e):
 * only in runs longer than HAN_TERM, and never before a closing or
 * after an opening mark.
 */
static void
han_breaks(const char *t, size_t s, size_t e, unsigned char *bk)
{
	size_t		 i, a, n, count;
	uint32_t	 cp, prev;

	for (i = s; i < e; ) {
		if (!is_cjk(cp_at(t + i, e - i, &n))) {
			i += n;
			continue;
		}
		for (a = i, count = 0; i < e &&
		    is_cjk(cp_at(t + i, e - i, &n)); i += n)
			count++;
		if (count <= HAN_TERM)
			continue;
		prev = cp_at(t + a, e - a, &n);
		for (a += n; a < i; a += n, prev = cp) {
			cp = cp_at(t + a, e - a, &n);
			if (!no_start(cp) && !no_end(prev))
				bk[a - s] = BK_HAN;
		}
	}
}

/* Break kinds for each byte of [s, e): where a break may come before it. */
static void
word_breaks(struct lay *L, const struct para *p, const struct pstyle *ps,
    size_t s, size_t e, int last, int mode, unsigned char *bk)
{
	const char	*t = p->t.p;
	size_t		 pts[MAXPOINTS], np, i, j, n, m, a;
	uint32_t	 cp, prev = 0;
	const struct span *sp;

	memset(bk, BK_NONE, e - s);
	for (i = s; i < e; i += n, prev = cp) {
		cp = cp_at(t + i, e - i, &n);
		if (i == s)
			continue;
		if (is_cjk(prev) && is_cjk(cp))
			continue;	/* han_breaks() decides */
		if ((prev == '-' || prev == 0x2010 || prev == 0x2013 ||
		    prev == 0x2014) && !ps->literal)
			bk[i - s] = BK_EXPL;
		else if (mode >= 1 && prev != 0 && prev < 0x80 &&
		    strchr("/.-_?&=# ", (int)prev) != NULL)
			bk[i - s] = BK_FREE;
		else if (mode >= 2)
			bk[i - s] = BK_CHAR;
	}
	han_breaks(t, s, e, bk);
	if (!ps->hyph || ps->literal || last || L->hy == NULL || mode > 0)
		return;
	/* Letter runs (an apostrophe inside one) go to the hyphenator. */
	for (i = s; i < e; i = j) {
		for (; i < e; i += n)
			if (g_unichar_isalpha(cp = cp_at(t + i, e - i, &n)) &&
			    !is_cjk(cp))
				break;
		for (j = i; j < e; j += n) {
			cp = cp_at(t + j, e - j, &n);
			if (!g_unichar_isalpha(cp) && cp != '\'' &&
			    cp != 0x2019)
				break;
		}
		if (j <= i)
			continue;
		sp = &p->sp[span_at(p, i)];
		if (sp->f & (S_MONO | S_SUP))
			continue;
		np = hyph_points(L->hy, t + i, j - i, pts, MAXPOINTS);
		for (m = 0; m < np; m++) {
			a = i + pts[m];
			if (a > s && a < e && bk[a - s] == BK_NONE)
				bk[a - s] = BK_HYPH;
		}
	}
}

/* An inline picture stands one em high, no wider than the measure. */
static double
image_width(const struct lay_image *im, const struct pstyle *ps)
{
	double	 w = ps->size * im->pw / im->ph;

	return w < ps->measure ? w : ps->measure;
}

/*
 * Boxes for the word [s, e), penalties where it may break.  Returns
 * the widest stretch of it that cannot be broken.
 */
static double
word_items(struct lay *L, const struct para *p, const struct pstyle *ps,
    size_t s, size_t e, const unsigned char *bk)
{
	struct hitem	 h;
	size_t		 x, y;
	int		 si, g0, g1, last_si = -1;
	double		 w, run = 0, widest = 0;

	memset(&h, 0, sizeof(h));
	for (x = s; x < e; x = y) {
		si = item_at(L, x);
		h.span = span_at(p, x);
		if (p->sp[h.span].img != NULL) {
			y = p->sp[h.span].end;
			w = image_width(p->sp[h.span].img, ps);
			h.si = -1;
			h.b0 = x;
			h.b1 = y;
			h.g0 = h.g1 = 0;
			h.fc = -1;
			push(L, LB_BOX, w, 0, 0, 0, 0, &h);
			run += w;
			if (run > widest)
				widest = run;
			if (y >= e || bk[y - s] == BK_NONE)
				continue;
			push(L, LB_PENALTY, 0, 0, 0, 0, 0, NULL);
			run = 0;
			continue;
		}
		/*
		 * Cut at the item's end, or at a break or span edge that
		 * falls between glyph clusters (never inside a ligature).
		 */
		for (y = x + 1; y < e; y++) {
			if ((size_t)(L->sh[si].item->offset +
			    L->sh[si].item->length) == y)
				break;
			if ((bk[y - s] != BK_NONE ||
			    p->sp[h.span].end == y) &&
			    glyph_at(L, si, y) >= 0)
				break;
		}
		g0 = glyph_at(L, si, x);
		g1 = glyph_at(L, si, y);
		if (g0 < 0 || g1 < 0) {
			/* Inside a cluster: take the rest of the item. */
			y = L->sh[si].item->offset + L->sh[si].item->length;
			if (y > e)
				y = e;
			g1 = glyph_at(L, si, y);
			if (g0 < 0 || g1 < 0) {
				g0 = 0;
				g1 = L->sh[si].gs->num_glyphs;
			}
		}
		w = glyphs_width(L, si, g0, g1);
		h.si = si;
		h.b0 = x;
		h.b1 = y;
		h.g0 = g0;
		h.g1 = g1;
		h.fc = -1;
		push(L, LB_BOX, w, 0, 0, 0, 0, &h);
		last_si = si;
		run += w;
		if (run > widest)
			widest = run;
		if (y >= e || bk[y - s] == BK_NONE)
			continue;
		run = 0;
		memset(&h, 0, sizeof(h));
		h.si = -1;
		h.fc = -1;
		switch (bk[y - s]) {
		case BK_HYPH:
			h.fc = hyphen(L, last_si);
			push(L, LB_PENALTY, L->fc[h.fc].w, 0, 0,
			    HYPHEN_PENALTY, 1, &h);
			break;
		case BK_EXPL:
			/*
			 * After a hyphen the line ends in one too: flagged,
			 * as TeX does, so it counts in a run of hyphens.
			 * Not after a dash.
			 */
			push(L, LB_PENALTY, 0, 0, 0, EXHYPHEN_PENALTY,
			    p->t.p[y - 1] == '-' || (y >= 3 &&
			    memcmp(p->t.p + y - 3, "\xe2\x80\x90", 3) == 0),
			    &h);
			break;
		case BK_CHAR:
			push(L, LB_PENALTY, 0, 0, 0, CHAR_PENALTY, 0, &h);
			break;
		case BK_HAN:
			/* Room to justify a line of Han, but no space. */
			h.fc = FC_NOSPACE;
			push(L, LB_GLUE, 0, HAN_STRETCH * ps->size, 0, 0, 0, &h);
			break;
		default:
			push(L, LB_PENALTY, 0, 0, 0, 0, 0, &h);
			break;
		}
	}
	return widest;
}

/*
 * Where byte s of the paragraph is in the source: the text node's
 * position plus the bytes before it in that node.
 */
static struct pos
src_pos(const struct para *p, size_t s)
{
	struct pos	 pos;
	size_t		 i;

	if (p->nsp == 0) {
		memset(&pos, 0, sizeof(pos));
		return pos;
	}
	pos = p->sp[span_at(p, s)].pos;
	for (i = p->nan; i > 0; i--)
		if (p->an[i - 1].off <= s) {
			pos = p->an[i - 1].pos;
			pos.col += s - p->an[i - 1].off;
			break;
		}
	return pos;
}

/* Report the word [s, e) where the source has it; the report lists it. */
static void
too_long(struct lay *L, const struct para *p, size_t s, size_t e)
{
	struct pos	 pos = src_pos(p, s);
	struct lay_para	*lp = &L->out->paras[L->curpara];
	char		*wd;

	wd = xstrndup(p->t.p + s, e - s);
	diag(&pos, D_WORD_TOO_LONG, wd);
	if (lp->toolong++ == 0) {
		lp->longpos = pos;
		lp->longword = arena_strdup(L->ar, wd);
	}
	free(wd);
}

/*
 * The word [s, e) as items: with its hyphenation points first; if a
 * piece is still wider than the line, broken after / . - _ ? & = #
 * (reported once), and at last between any two characters.
 */
static void
word(struct lay *L, const struct para *p, const struct pstyle *ps,
    size_t s, size_t e, int last)
{
	unsigned char	*bk;
	size_t		 mark = L->nli;
	int		 mode;
	double		 widest;

	bk = xmalloc(e - s);
	for (mode = 0; mode < 3; mode++) {
		L->nli = mark;
		word_breaks(L, p, ps, s, e, last, mode, bk);
		widest = word_items(L, p, ps, s, e, bk);
		if (widest <= ps->measure - ps->indent)
			break;
		if (mode == 0)
			too_long(L, p, s, e);
	}
	free(bk);
}

/*
 * The space at byte b: its width, from its own font, and in h its
 * glyph, which a line draws at the end of the word before it.
 */
static double
space_at(const struct lay *L, const struct para *p, size_t b,
    struct hitem *h)
{
	int	 si, g0, g1;

	h->si = -1;
	h->span = -1;
	h->fc = -1;
	si = item_at(L, b);
	g0 = glyph_at(L, si, b);
	g1 = glyph_at(L, si, b + 1);
	if (g0 < 0 || g1 < 0 || g1 != g0 + 1)
		return 0;
	h->si = si;
	h->b0 = b;
	h->b1 = b + 1;
	h->g0 = g0;
	h->g1 = g1;
	h->span = span_at(p, b);
	return glyphs_width(L, si, g0, g1);
}

/*
 * Is the box of h letter-spaced when its line is justified?  Text,
 * not code (a monospaced column stays one) nor a picture.
 */
static int
tracked(const struct para *p, const struct hitem *h,
    const struct lb_item *it)
{
	return it->type == LB_BOX && h->si >= 0 && h->span >= 0 &&
	    !(p->sp[h->span].f & S_MONO);
}

/*
 * The whole paragraph as boxes, glue and penalties.  Like pdfTeX's
 * font expansion, each word of a justified paragraph may be tracked a
 * little (TRACK_STRETCH, TRACK_SHRINK of its width): that room is
 * counted in the glue after it, and set_line() gives it back to the
 * letters.  More room per line means spaces vary less and fewer words
 * need a hyphen.
 */
static void
hlist(struct lay *L, const struct para *p, const struct pstyle *ps)
{
	const char	*t = p->t.p;
	size_t		 i, e, len = p->t.len, end, mark;
	struct hitem	 h;
	double		 w, ww = 0;
	int		 track = ps->align == A_JUSTIFY && !ps->literal;

	L->nli = 0;
	if (ps->indent > 0)
		push(L, LB_BOX, ps->indent, 0, 0, 0, 0, NULL);
	/* The last word: no hyphenation in it (a short last line). */
	for (end = len; end > 0 && (t[end - 1] == ' ' || t[end - 1] == '\n');
	    end--)
		continue;
	for (i = 0; i < len; i = e) {
		if (t[i] == ' ' && !ps->literal) {
			w = space_at(L, p, i, &h);
			for (e = i; e < len && t[e] == ' '; e++)
				continue;
			if (L->nli > 0 && L->li[L->nli - 1].type == LB_BOX) {
				h.ty = ww * TRACK_STRETCH;
				h.tz = ww * TRACK_SHRINK;
				push(L, LB_GLUE, w, w * SPACE_STRETCH + h.ty,
				    w * SPACE_SHRINK + h.tz, 0, 0, &h);
			}
			ww = 0;
			continue;
		}
		if (t[i] == '\n') {
			push(L, LB_GLUE, 0, FILL, 0, 0, 0, NULL);
			push(L, LB_PENALTY, 0, 0, 0, -LB_INF, 0, NULL);
			e = i + 1;
			continue;
		}
		for (e = i; e < len && t[e] != '\n' &&
		    (ps->literal || t[e] != ' '); e++)
			continue;
		mark = L->nli;
		word(L, p, ps, i, e, e >= end);
		for (; track && mark < L->nli; mark++)
			if (tracked(p, &L->hi[mark], &L->li[mark]))
				ww += L->li[mark].width;
	}
	if (L->nli > 0 && L->li[L->nli - 1].type == LB_GLUE)
		L->nli--;
	push(L, LB_GLUE, 0, FILL, 0, 0, 0, NULL);
	push(L, LB_PENALTY, 0, 0, 0, -LB_INF, 0, NULL);
}

/* --- setting lines ------------------------------------------------ */

/* A run for glyphs [g0, g1) of shaped item si, bytes [b0, b1). */
static void
run_from(struct lay *L, struct lay_run *r, const struct hitem *h,
    const char *text, double f)
{
	const struct shaped	*s = &L->sh[h->si];
	PangoGlyphString	*gs;
	int			 i, n = h->g1 - h->g0, rel;

	gs = pango_glyph_string_new();
	pango_glyph_string_set_size(gs, n);
	rel = h->b0 - s->item->offset;
	for (i = 0; i < n; i++) {
		gs->glyphs[i] = s->gs->glyphs[h->g0 + i];
		gs->log_clusters[i] = s->gs->log_clusters[h->g0 + i] - rel;
		/* Letter spacing: advances grow, clusters stay whole. */
		if (f != 0)
			gs->glyphs[i].geometry.width += (int)lround(f *
			    gs->glyphs[i].geometry.width);
	}
	own_gs(L, gs);
	r->item = *s->item;
	r->item.offset = h->b0;
	r->item.length = h->b1 - h->b0;
	r->item.num_chars = g_utf8_strlen(text + h->b0, h->b1 - h->b0);
	r->glyphs = gs;
	r->text = text;
	r->width = (double)pango_glyph_string_get_width(gs) / PANGO_SCALE;
}

/* Does box h continue the glyphs of cur (same item and span, adjacent)? */
static int
joins(const struct hitem *cur, const struct hitem *h)
{
	return cur->si == h->si && cur->g1 == h->g0 && cur->b1 == h->b0 &&
	    cur->span == h->span;
}

/* What set_line() is building: the runs and the line's text. */
struct lbuild {
	struct lay_run	*runs;
	size_t		 nr;
	struct hitem	 cur;		/* glyphs of the open run */
	double		 curx;
	int		 open;
	int		 lo, hi;	/* notes first referenced */
	double		 f;		/* letter spacing, of a glyph's width */
};

/* Close the open run of lb: slice its glyphs, note its link and notes. */
static void
flush(struct lay *L, const struct para *p, const struct pstyle *ps,
    struct lbuild *lb, const char *text)
{
	struct lay_run		*r;
	const struct span	*sp;

	if (!lb->open)
		return;
	lb->open = 0;
	sp = &p->sp[lb->cur.span];
	r = &lb->runs[lb->nr++];
	run_from(L, r, &lb->cur, text,
	    (sp->f & S_MONO) ? 0 : lb->f);
	r->strike = (sp->f & S_STRIKE) != 0;
	r->x = lb->curx;
	r->link = sp->link;
	r->dest = sp->dest;
	r->rise = (sp->f & S_SUP) ? SUP_RISE * ps->size : 0;
	if (sp->note > 0) {
		if (sp->note < lb->lo)
			lb->lo = sp->note;
		if (sp->note > lb->hi)
			lb->hi = sp->note;
	}
}

/* A picture in a line: w wide, its height by its aspect. */
static void
image_run(struct lbuild *lb, const struct span *sp, double x, double w)
{
	struct lay_run	*r = &lb->runs[lb->nr++];

	memset(r, 0, sizeof(*r));
	r->img = sp->img;
	r->x = x;
	r->width = w;
	r->height = w * sp->img->ph / sp->img->pw;
	r->link = sp->link;
	r->text = "";
}

/*
 * Line ln of the paragraph as runs: one run per unbroken stretch of
 * one item, glue set by the line's ratio (natural when ragged).
 */
static void
set_line(struct lay *L, const struct para *p, const struct pstyle *ps,
    const struct lb_line *ln, const char *text, struct lay_line *out,
    int *lo, int *hi)
{
	struct lbuild	 lb;
	struct buf	 b = { NULL, 0, 0 };
	const struct lb_item *it;
	const struct hitem *h;
	size_t		 k;
	double		 x = 0, r = ln->ratio, trk = 0, boxes = 0, sp = 0;
	double		 y, rl;

	if (ps->align != A_JUSTIFY && r > 0)
		r = 0;
	memset(&lb, 0, sizeof(lb));
	/*
	 * The glue's tracking share of the line's stretch or shrink goes
	 * to the letters of its words, spread over all of them alike;
	 * the space takes its own share.  Only in a line set past
	 * TRACK_MAX_RATIO (an emergency) do the letters stop there and
	 * the spaces (sp per unit of their own part) take the rest.
	 * Tuned on the lecture at A5 (tests/typo): spaces stretching 0.6,
	 * letters 2 % up to ratio 1.5 and hyphens at 150 gave p95 gap
	 * 1.29 with 12.7 % hyphenated lines; letters allowed 6 % gave
	 * 1.27 with 11 %, but uneven colour you could see.
	 */
	rl = fmax(fmin(r, TRACK_MAX_RATIO), -TRACK_MAX_RATIO);
	for (k = ln->start; k < ln->end && r != 0; k++) {
		it = &L->li[k];
		if (it->type == LB_GLUE && it->stretch < FILL) {
			trk += r > 0 ? L->hi[k].ty : L->hi[k].tz;
			sp += r > 0 ? it->stretch - L->hi[k].ty :
			    it->shrink - L->hi[k].tz;
		} else if (tracked(p, &L->hi[k], it))
			boxes += it->width;
	}
	if (boxes == 0)
		rl = 0;
	else
		lb.f = rl * trk / boxes;
	if (sp > 0)
		sp = (r * (sp + trk) - rl * trk) / sp;
	lb.runs = arena_alloc(L->ar, (ln->end - ln->start + 2) *
	    sizeof(*lb.runs));
	lb.lo = INT32_MAX;
	for (k = ln->start; k < ln->end; k++) {
		it = &L->li[k];
		h = &L->hi[k];
		if (it->type == LB_GLUE) {
			/*
			 * A space inside the line goes out as a glyph too,
			 * after the word: text extraction then needs no
			 * guess.  The glue's stretch stays a gap.
			 */
			if (lb.open && h->si >= 0 && joins(&lb.cur, h)) {
				lb.cur.g1 = h->g1;
				lb.cur.b1 = h->b1;
			}
			flush(L, p, ps, &lb, text);
			if (it->stretch < FILL) {
				y = r > 0 ? it->stretch - h->ty :
				    it->shrink - h->tz;
				x += it->width + sp * y;
				if (b.len > 0 && h->fc != FC_NOSPACE)
					buf_putc(&b, ' ');
			}
			continue;
		}
		if (it->type != LB_BOX)
			continue;
		if (h->si < 0) {	/* the first-line indent, a picture */
			flush(L, p, ps, &lb, text);
			if (h->span >= 0 && p->sp[h->span].img != NULL)
				image_run(&lb, &p->sp[h->span], x, it->width);
			x += it->width;
			continue;
		}
		buf_put(&b, text + h->b0, h->b1 - h->b0);
		if (lb.open && joins(&lb.cur, h)) {
			lb.cur.g1 = h->g1;
			lb.cur.b1 = h->b1;
		} else {
			flush(L, p, ps, &lb, text);
			lb.cur = *h;
			lb.curx = x;
			lb.open = 1;
		}
		x += it->width;
		if (tracked(p, h, it))
			x += lb.f * it->width;
	}
	flush(L, p, ps, &lb, text);
	it = &L->li[ln->end];
	if (it->type == LB_PENALTY && it->flagged && L->hi[ln->end].fc >= 0) {
		const struct fcache *c = &L->fc[L->hi[ln->end].fc];
		struct lay_run *hr = &lb.runs[lb.nr];

		hr->x = x;
		hr->item = *c->item;
		hr->glyphs = c->gs;
		hr->text = "-";
		hr->width = c->w;
		if (lb.nr > 0) {
			hr->link = lb.runs[lb.nr - 1].link;
			hr->rise = lb.runs[lb.nr - 1].rise;
		}
		lb.nr++;
		x += c->w;
		buf_putc(&b, '-');
	}
	out->width = x;
	out->ratio = r;
	out->hyphenated = ln->hyphenated;
	out->runs = lb.runs;
	out->nruns = lb.nr;
	out->text = arena_strdup(L->ar, b.p ? b.p : "");
	out->role = ps->role;
	buf_free(&b);
	*lo = lb.lo;
	*hi = lb.hi;
	/* Align by moving the runs; justified lines fill the measure. */
	if (ps->align == A_CENTER || ps->align == A_RIGHT) {
		double off = ps->measure - x;

		if (ps->align == A_CENTER)
			off /= 2;
		for (k = 0; k < lb.nr; k++)
			lb.runs[k].x += off;
	}
	out->para = L->curpara + 1;
	out->overfull = ln->overfull;
	for (k = ln->start; k < ln->end; k++)
		if (L->li[k].type == LB_BOX && L->hi[k].span >= 0)
			break;
	out->pos = src_pos(p, k < ln->end ? L->hi[k].b0 : 0);
	if (ln->overfull)
		diag(&out->pos, D_OVERFULL_LINE);
}

/* A record of the paragraph about to be set, for the report. */
static void
new_para(struct lay *L, const struct para *p, const struct pstyle *ps)
{
	struct layout	*o = L->out;
	struct lay_para	*lp;

	o->paras = xgrow(o->paras, &o->cparas, o->nparas + 1,
	    sizeof(*o->paras));
	L->curpara = o->nparas++;
	lp = &o->paras[L->curpara];
	memset(lp, 0, sizeof(*lp));
	lp->pos = src_pos(p, 0);
	lp->role = ps->role;
	lp->justified = ps->align == A_JUSTIFY && !ps->literal;
}

/*
 * Set a gathered paragraph: shape, break with lb_break, build lines.
 * Lines have x relative to the column and y 0.
 */
static void
set_para(struct lay *L, const struct para *p, const struct pstyle *ps,
    struct plines *pl)
{
	struct lb_params	 lp;
	struct lb_result	 res;
	const char		*text;
	size_t			 k;

	memset(pl, 0, sizeof(*pl));
	if (p->t.len == 0)
		return;
	new_para(L, p, ps);
	shape(L, p, ps);
	hlist(L, p, ps);
	text = arena_strndup(L->ar, p->t.p, p->t.len);
	lb_params_default(&lp);
	lp.max_hyphen_run = 2;
	/*
	 * With tracking in the glue (hlist()), a hyphen costs more than
	 * TeX's 50 and each line more than its 10: measured on the
	 * lecture (tests/typo, A5 / a4 / 6x9in), the p95 gap over the
	 * median went from 1.34 / 1.21 / 1.28 to 1.27 / 1.26 / 1.29 and
	 * hyphenated line ends from 61 / 19 / 61 to 22 / 1 / 20 (31 % to
	 * 11 % at A5); no line loose or overfull.  Hyphen penalties from
	 * 100 to 300 trade the two figures against each other; a higher
	 * line penalty favours fewer, fuller lines over hyphens.
	 */
	if (ps->align == A_JUSTIFY && !ps->literal)
		lp.line_penalty = LINE_PENALTY;
	if (lb_break(L->li, L->nli, &ps->measure, 1, &lp, &res) == -1) {
		unshape(L);
		return;
	}
	pl->n = res.nlines;
	pl->lines = arena_alloc(L->ar, pl->n * sizeof(*pl->lines));
	pl->lo = arena_alloc(L->ar, pl->n * sizeof(int));
	pl->hi = arena_alloc(L->ar, pl->n * sizeof(int));
	L->out->paras[L->curpara].nlines = res.nlines;
	for (k = 0; k < res.nlines; k++) {
		set_line(L, p, ps, &res.lines[k], text, &pl->lines[k],
		    &pl->lo[k], &pl->hi[k]);
		pl->lines[k].pline = k;
	}
	lb_result_free(&res);
	unshape(L);
}

/* --- the vertical list -------------------------------------------- */

static void
vpush(struct vlist *v, enum pb_type type, double h, double y, double z,
    int pen, struct vbox *bx)
{
	struct pb_item	*it;

	if (v->n == v->c) {
		v->it = xgrow(v->it, &v->c, v->n + 1, sizeof(*v->it));
		v->bx = xreallocarray(v->bx, v->c, sizeof(*v->bx));
	}
	it = &v->it[v->n];
	memset(it, 0, sizeof(*it));
	it->type = type;
	it->height = h;
	it->stretch = y;
	it->shrink = z;
	it->penalty = pen;
	it->first_note = -1;
	v->bx[v->n++] = bx;
}

/* Space between blocks: a legal break unless a heading keeps on. */
static void
vglue(struct lay *L, double h, double y, double z)
{
	struct pb_item	*last;

	if (L->v->n == 0)
		return;
	last = &L->v->it[L->v->n - 1];
	if (last->type == PB_GLUE) {
		if (h > last->height)
			last->height = h;
		if (y > last->stretch)
			last->stretch = y;
		return;
	}
	if (L->keep && last->type == PB_BOX)
		vpush(L->v, PB_PENALTY, 0, 0, 0, PB_INF, NULL);
	vpush(L->v, PB_GLUE, h, y, z, 0, NULL);
	L->keep = 0;
}

/* A page-break penalty between two boxes (none in notes). */
static void
vpen(struct lay *L, int pen)
{
	/* A note may split anywhere: pb_break sees its lines only. */
	if (L->v->n == 0 || L->in_note)
		return;
	if (L->keep)
		pen = PB_INF;
	vpush(L->v, PB_PENALTY, 0, 0, 0, pen, NULL);
	L->keep = 0;
}

static struct vbox *
vbox_new(struct lay *L, double h)
{
	struct vbox	*b;

	b = arena_alloc(L->ar, sizeof(*b));
	b->h = h;
	b->mark = -1;
	return b;
}

/*
 * Make the runs of line mk, set at x from the column's left, the
 * marker of the next line: a list's bullet or number, a note's
 * number.  An item that opens with a list keeps both markers.
 */
static void
set_marker(struct lay *L, const struct lay_line *mk, double x)
{
	struct lay_run	*r;
	size_t		 i, n = L->marker ? L->nmarker : 0;

	r = arena_alloc(L->ar, (n + mk->nruns) * sizeof(*r));
	if (n > 0)
		memcpy(r, L->marker, n * sizeof(*r));
	for (i = 0; i < mk->nruns; i++) {
		r[n + i] = mk->runs[i];
		r[n + i].x += x;
	}
	L->marker = r;
	L->nmarker = n + mk->nruns;
}

/* Put the pending marker in front of line ln. */
static void
put_marker(struct lay *L, struct lay_line *ln)
{
	struct lay_run	*r;
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;

	if (L->marker == NULL)
		return;
	r = arena_alloc(L->ar, (ln->nruns + L->nmarker) * sizeof(*r));
	memcpy(r, L->marker, L->nmarker * sizeof(*r));
	for (i = 0; i < L->nmarker; i++)
		r[i].x -= ln->x;
	memcpy(r + L->nmarker, ln->runs, ln->nruns * sizeof(*r));
	ln->runs = r;
	ln->nruns += L->nmarker;
	/* The dump shows the marker too: "1. Text", "• Text". */
	for (i = 0; i < L->nmarker; i++) {
		buf_put(&b, r[i].text + r[i].item.offset, r[i].item.length);
		buf_putc(&b, ' ');
	}
	buf_puts(&b, ln->text);
	ln->text = arena_strdup(L->ar, b.p);
	buf_free(&b);
	L->marker = NULL;
}

/* Baseline in a slot of height lead for text of size. */
static double
baseline(double lead, double size)
{
	return 0.5 * lead + 0.35 * size;
}

#define WO_ORPHAN	1u
#define WO_WIDOW	2u

/*
 * The penalty about to go into the body keeps a widow or an orphan
 * away (what): remember it, so the report can tell where it mattered.
 * Stored as the item's index times 4 plus what, ascending.
 */
static void
keep_wo(struct lay *L, unsigned what)
{
	L->wo = xgrow(L->wo, &L->cwo, L->nwo + 1, sizeof(*L->wo));
	L->wo[L->nwo++] = L->v->n * 4 + what;
}

/* What the body penalty at item k keeps away, or 0. */
static unsigned
wo_at(const struct lay *L, size_t k)
{
	size_t	 lo = 0, hi = L->nwo, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (L->wo[mid] / 4 < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < L->nwo && L->wo[lo] / 4 == k ? L->wo[lo] % 4 : 0;
}

/*
 * Did a widow or orphan penalty move page pg's break?  Where the page
 * would have broken without them: the last break at which the page's
 * text, at its natural height (no glue shrunk), still fits beside its
 * notes.  If that is a penalty that keeps a widow or an orphan away,
 * the paragraph after it counts one avoided.  An estimate: moving a
 * line may move a note too.
 */
static void
wo_avoided(struct lay *L, const struct pb_page *pg, double avail, int num)
{
	const struct vlist	*v = &L->body;
	const struct pb_item	*it;
	const struct lay_line	*ln;
	struct lay_para		*lp;
	size_t			 k, best = (size_t)-1;
	double			 h = 0;
	unsigned		 what;

	for (k = pg->start; k < v->n; k++) {
		it = &v->it[k];
		if (h <= avail + 0.01 && ((it->type == PB_PENALTY &&
		    (it->penalty < PB_INF || wo_at(L, k))) ||
		    (it->type == PB_GLUE && k > 0 &&
		    v->it[k - 1].type == PB_BOX)))
			best = k;
		if (it->type == PB_BOX)
			h += it->height;
		else if (it->type == PB_GLUE)
			h += it->height;
		if (h > avail + 0.01)
			break;
	}
	if (best == (size_t)-1 || best == pg->end ||
	    (what = wo_at(L, best)) == 0 || best + 1 >= v->n ||
	    v->bx[best + 1] == NULL || v->bx[best + 1]->nlines == 0)
		return;
	ln = v->bx[best + 1]->lines;
	if (ln->para <= 0)
		return;
	lp = &L->out->paras[ln->para - 1];
	if (what & WO_ORPHAN)
		lp->orphan_avoided = num;
	else
		lp->widow_avoided = num;
}

/*
 * Widows and orphans left on the pages, and each paragraph's pages:
 * line 0 on another page than line 1 is an orphan, the last line on
 * another page than the one before it a widow.  Body text only.
 */
static void
wo_left(struct lay *L)
{
	struct layout		*o = L->out;
	const struct lay_line	*ln;
	struct lay_para		*lp;
	int			*pg;
	size_t			 i, k;

	pg = xcalloc(o->nparas * 4 + 1, sizeof(*pg));
	for (i = 0; i < o->npages; i++)
		for (k = 0; k < o->pages[i].nlines; k++) {
			ln = &o->pages[i].lines[k];
			if (ln->para <= 0 || (size_t)ln->para > o->nparas)
				continue;
			lp = &o->paras[ln->para - 1];
			if (lp->page0 == 0)
				lp->page0 = o->pages[i].num;
			lp->page1 = o->pages[i].num;
			if (ln->pline == 0)
				pg[4 * (ln->para - 1)] = o->pages[i].num;
			if (ln->pline == 1)
				pg[4 * (ln->para - 1) + 1] = o->pages[i].num;
			if (ln->pline == lp->nlines - 2)
				pg[4 * (ln->para - 1) + 2] = o->pages[i].num;
			if (ln->pline == lp->nlines - 1)
				pg[4 * (ln->para - 1) + 3] = o->pages[i].num;
		}
	for (i = 0; i < o->nparas; i++) {
		lp = &o->paras[i];
		if (lp->role != LR_BODY || lp->nlines < 2)
			continue;
		lp->orphan = pg[4 * i] != pg[4 * i + 1];
		lp->widow = pg[4 * i + 2] != pg[4 * i + 3];
	}
	free(pg);
}

/*
 * Lines into the body: each its own box, penalties between them that
 * keep two lines together at either end of the paragraph.
 */
static void
add_lines(struct lay *L, struct plines *pl, const struct pstyle *ps,
    double left, const struct lay_elem *e)
{
	struct vbox	*b;
	size_t		 k;
	int		 pen;

	for (k = 0; k < pl->n; k++) {
		if (k > 0) {
			/* Rather not end a page on a hyphen (\brokenpenalty). */
			pen = pl->lines[k - 1].hyphenated ? BROKEN_PENALTY : 0;
			if (k == 1 || k == pl->n - 1) {
				pen = PB_INF;
				if (!L->in_note)
					keep_wo(L, (k == 1 ? WO_ORPHAN : 0) |
					    (k == pl->n - 1 ? WO_WIDOW : 0));
			}
			vpen(L, pen);
		}
		b = vbox_new(L, ps->leading);
		b->lines = &pl->lines[k];
		b->nlines = 1;
		b->lines->x = left;
		b->lines->y = baseline(ps->leading, ps->size);
		b->lines->elem = e;
		put_marker(L, b->lines);
		if (k == 0) {
			b->mark = L->pendmark;
			b->lines->dest = L->penddest;
			L->pendmark = -1;
			L->penddest = NULL;
		}
		vpush(L->v, PB_BOX, b->h, 0, 0, 0, b);
		if (pl->hi[k] > 0 && !L->in_note) {
			L->v->it[L->v->n - 1].first_note = pl->lo[k] - 1;
			L->v->it[L->v->n - 1].nnotes =
			    pl->hi[k] - pl->lo[k] + 1;
		}
		L->keep = 0;
	}
}

static void
pstyle_body(const struct lay *L, const struct ctx *c, struct pstyle *ps)
{
	memset(ps, 0, sizeof(*ps));
	ps->family = L->st->body_font;
	ps->size = L->st->body_size;
	ps->leading = L->st->body_leading;
	ps->align = L->st->justify ? A_JUSTIFY : A_LEFT;
	ps->hyph = L->st->hyphenate;
	ps->measure = c->measure;
	ps->role = LR_BODY;
	if (L->in_note) {
		ps->size = L->st->note_size;
		ps->leading = L->st->note_leading;
		ps->role = LR_NOTE;
	}
}

/* Gather, set and add a paragraph-like node. */
static void
para_node(struct lay *L, const struct node *n, const struct pstyle *ps,
    double left, const struct lay_elem *e)
{
	struct para	 p;
	struct plines	 pl;
	struct span	 s;

	memset(&p, 0, sizeof(p));
	memset(&s, 0, sizeof(s));
	s.pos = n->pos;
	gather(L, &p, n, &s);
	set_para(L, &p, ps, &pl);
	add_lines(L, &pl, ps, left, e);
	para_free(&p);
}

/* --- blocks ------------------------------------------------------- */

static void
block_space(struct lay *L)
{
	double	 s = L->st->para_space;

	if (L->in_note)
		s *= L->st->note_size / L->st->body_size;
	if (L->prev != PV_NONE)
		vglue(L, s, s / 2, s / 3);
}

/* The picture when a paragraph holds nothing else, or NULL. */
static const struct node *
lone_image(const struct node *n)
{
	const struct node	*c, *img = NULL;
	const char		*t;

	for (c = n->first; c != NULL; c = c->next) {
		if (c->kind == N_IMAGE && img == NULL) {
			img = c;
			continue;
		}
		if (c->kind == N_SOFTBREAK)
			continue;
		if (c->kind != N_TEXT)
			return NULL;
		for (t = c->text; *t == ' ' || *t == '\t'; t++)
			continue;
		if (*t != '\0')
			return NULL;
	}
	return img;
}

/*
 * A picture on its own: as wide as it is (a pixel at 96 per inch) up
 * to the measure, at most FIG_MAX_H of the text block high, centred.
 */
static void
figure(struct lay *L, const struct node *n, const struct ctx *c)
{
	const struct lay_image	*im;
	struct lay_run		*r;
	struct vbox		*b;
	double			 w, h, maxh;

	if ((im = image(L, n)) == NULL)
		return;
	w = im->pw * PX_PT;
	if (w > c->measure)
		w = c->measure;
	h = w * im->ph / im->pw;
	maxh = FIG_MAX_H * (L->st->page_h - L->st->margin_top -
	    L->st->margin_bottom);
	if (h > maxh) {
		w *= maxh / h;
		h = maxh;
	}
	block_space(L);
	b = vbox_new(L, h + 2 * FIG_PAD);
	b->lines = arena_alloc(L->ar, sizeof(*b->lines));
	b->nlines = 1;
	r = arena_alloc(L->ar, sizeof(*r));
	r->img = im;
	r->width = w;
	r->height = h;
	r->text = "";
	b->lines->runs = r;
	b->lines->nruns = 1;
	b->lines->text = "";
	b->lines->role = L->in_note ? LR_NOTE : LR_BODY;
	b->lines->x = c->left + (c->measure - w) / 2;
	b->lines->y = FIG_PAD + h;
	b->lines->width = w;
	b->lines->elem = elem(L, "Figure", c->elem);
	put_marker(L, b->lines);
	vpush(L->v, PB_BOX, b->h, 0, 0, 0, b);
	L->keep = 0;
	L->prev = PV_BLOCK;
}

/*
 * A paragraph: indented when it follows another (no space between
 * them), else after the block space.  A lone picture is a figure.
 */
static void
paragraph(struct lay *L, const struct node *n, const struct ctx *c)
{
	struct pstyle	 ps;
	const struct node *img;

	if ((img = lone_image(n)) != NULL) {
		figure(L, img, c);
		return;
	}

	pstyle_body(L, c, &ps);
	if (L->prev == PV_PARA && !c->tight) {
		ps.indent = L->st->indent;
		vglue(L, 0, 1, 0);
	} else if (c->tight && L->prev == PV_PARA)
		vglue(L, 0, 1, 0);
	else
		block_space(L);
	para_node(L, n, &ps, c->left, elem(L, "P", c->elem));
	L->prev = PV_PARA;
}

/*
 * A heading as written, bold sans, ragged; a bookmark and a link
 * target (its id) on its first line; never the last thing on a page.
 */
static void
heading(struct lay *L, const struct node *n, const struct ctx *c)
{
	struct pstyle	 ps;
	struct lay_mark	*m;
	struct layout	*o = L->out;
	const char	*title;
	char		 tag[16];
	int		 lv = n->u.head.level;

	memset(&ps, 0, sizeof(ps));
	ps.family = L->st->heading_font;
	ps.size = L->st->h_size[lv < 3 ? lv - 1 : 2];
	ps.leading = ceil(ps.size * 1.3);
	ps.f = S_BOLD;
	ps.align = A_LEFT;
	ps.measure = c->measure;
	ps.role = LR_HEADING;
	if (L->prev != PV_NONE || L->v->n > 0)
		vglue(L, 1.5 * L->st->body_leading, 0.5 * L->st->body_leading,
		    0.25 * L->st->body_leading);
	title = tree_plain_text((struct doc *)L->doc, n);
	if (*title != '\0' && !L->in_note) {
		o->marks = xreallocarray(o->marks, o->nmarks + 1,
		    sizeof(*o->marks));
		m = &o->marks[o->nmarks];
		m->title = title;
		m->level = lv;
		m->page = 1;
		m->y = 0;
		L->pendmark = o->nmarks++;
		L->penddest = n->u.head.id;
	}
	snprintf(tag, sizeof(tag), "H%d", lv > 6 ? 6 : lv);
	para_node(L, n, &ps, c->left, elem(L, arena_strdup(L->ar, tag),
	    c->elem));
	L->keep = 1;
	vglue(L, 0.5 * L->st->body_leading, 0, 0);
	L->keep = 1;
	L->prev = PV_HEAD;
}

/* A code block: one line per source line, spaces kept, monospaced. */
static void
codeblock(struct lay *L, const struct node *n, const struct ctx *c)
{
	struct pstyle	 ps;
	struct para	 p;
	struct plines	 pl;
	struct span	 s;
	const struct lay_elem *e;
	const char	*t = n->text ? n->text : "", *nl;
	size_t		 k, col;
	struct buf	 line = { NULL, 0, 0 };
	int		 first = 1;

	memset(&ps, 0, sizeof(ps));
	ps.family = L->st->mono_font;
	ps.size = L->st->mono_size;
	ps.leading = ceil(L->st->mono_size * 1.3);
	ps.align = A_LEFT;
	ps.literal = 1;
	ps.measure = c->measure - L->st->body_size;
	ps.role = LR_BODY;
	block_space(L);
	e = elem(L, "Code", c->elem);
	memset(&s, 0, sizeof(s));
	s.pos = n->pos;
	for (; *t != '\0'; t = *nl ? nl + 1 : nl) {
		if ((nl = strchr(t, '\n')) == NULL)
			nl = t + strlen(t);
		buf_reset(&line);
		/* Tabs to spaces, every 8 columns. */
		for (k = 0, col = 0; t + k < nl; k++) {
			if (t[k] == '\t') {
				do
					buf_putc(&line, ' ');
				while (++col % 8);
			} else {
				buf_putc(&line, t[k]);
				col++;
			}
		}
		if (line.len == 0)
			buf_putc(&line, ' ');
		memset(&p, 0, sizeof(p));
		add(&p, line.p, line.len, &s);
		set_para(L, &p, &ps, &pl);
		/* A page may break between any two code lines. */
		if (!first && pl.n > 0)
			vpen(L, 0);
		first = 0;
		add_lines(L, &pl, &ps, c->left + L->st->body_size, e);
		para_free(&p);
		L->prev = PV_BLOCK;
		s.pos.line++;
	}
	buf_free(&line);
	L->prev = PV_BLOCK;
}

/* A thematic break: a short centred rule. */
static void
rule_block(struct lay *L, const struct ctx *c)
{
	struct vbox	*b;
	double		 w = c->measure / 4;

	block_space(L);
	b = vbox_new(L, L->st->body_leading);
	b->rules = arena_alloc(L->ar, sizeof(*b->rules));
	b->nrules = 1;
	b->rules->x0 = c->left + (c->measure - w) / 2;
	b->rules->x1 = b->rules->x0 + w;
	b->rules->y0 = b->rules->y1 = b->h / 2;
	b->rules->width = 0.5;
	vpush(L->v, PB_BOX, b->h, 0, 0, 0, b);
	L->prev = PV_BLOCK;
}

/*
 * A list: items indented, each one's bullet or number hanging in the
 * indent before its first line; tight lists without space between.
 */
static void
list(struct lay *L, const struct node *n, const struct ctx *c)
{
	const struct node	*it;
	struct ctx		 ic;
	struct pstyle		 ps;
	struct para		 p;
	struct plines		 pl;
	struct span		 s;
	const struct lay_elem	*le;
	double			 ind = LIST_INDENT * L->st->body_size;
	char			 mk[32];
	int			 num = n->u.list.start;

	block_space(L);
	le = elem(L, "L", c->elem);
	for (it = n->first; it != NULL; it = it->next, num++) {
		ic = *c;
		ic.left += ind;
		ic.measure -= ind;
		ic.elem = elem(L, "LI", le);
		ic.tight = (n->flags & NF_TIGHT) != 0;
		if (n->u.list.ordered)
			snprintf(mk, sizeof(mk), "%d.", num);
		else
			snprintf(mk, sizeof(mk), "\xe2\x80\xa2");
		pstyle_body(L, c, &ps);
		ps.align = A_RIGHT;
		ps.measure = ind - 0.4 * L->st->body_size;
		memset(&p, 0, sizeof(p));
		memset(&s, 0, sizeof(s));
		s.pos = it->pos;
		add(&p, mk, strlen(mk), &s);
		set_para(L, &p, &ps, &pl);
		if (pl.n > 0)
			set_marker(L, &pl.lines[0], c->left);
		para_free(&p);
		if (it != n->first) {
			if (ic.tight)
				vglue(L, 0, 1, 0);
			else
				block_space(L);
		}
		L->prev = PV_NONE;
		blocks(L, it, &ic);
		L->marker = NULL;
	}
	L->prev = PV_BLOCK;
}

/* A block quotation: narrower by an indent on each side. */
static void
quote(struct lay *L, const struct node *n, const struct ctx *c)
{
	struct ctx	 qc = *c;
	double		 ind = QUOTE_INDENT * L->st->body_size;

	block_space(L);
	qc.left += ind;
	qc.measure -= 2 * ind;
	qc.elem = elem(L, "BlockQuote", c->elem);
	L->prev = PV_NONE;
	blocks(L, n, &qc);
	L->prev = PV_BLOCK;
}

/* --- tables ------------------------------------------------------- */

/* A table cell's inlines as a paragraph; header cells are bold. */
static void
cell_para(struct lay *L, const struct node *cell, int hdr,
    const struct pstyle *ps, struct plines *pl)
{
	struct para	 p;
	struct span	 s;

	memset(&p, 0, sizeof(p));
	memset(&s, 0, sizeof(s));
	s.f = hdr ? S_BOLD : 0;
	s.pos = cell->pos;
	gather(L, &p, cell, &s);
	set_para(L, &p, ps, pl);
	para_free(&p);
}

/*
 * Column widths into w[0..nc): each column's widest cell set on one
 * line, scaled down together when the table would not fit.  Returns
 * the table's width.
 */
static double
table_widths(struct lay *L, const struct node *n, const struct ctx *c,
    int nc, double *w)
{
	const struct node	*row, *cell;
	struct pstyle		 ps;
	struct plines		 pl;
	double			 sum = 0, avail, tw;
	int			 i;

	pstyle_body(L, c, &ps);
	ps.align = A_LEFT;
	ps.hyph = 0;
	ps.measure = HUGE_MEASURE;
	for (row = n->first; row != NULL; row = row->next)
		for (cell = row->first, i = 0; cell != NULL && i < nc;
		    cell = cell->next, i++) {
			cell_para(L, cell, (row->flags & NF_HEADER) != 0,
			    &ps, &pl);
			if (pl.n > 0 && pl.lines[0].width > w[i])
				w[i] = pl.lines[0].width;
		}
	avail = c->measure - CELL_GAP * (nc - 1);
	for (i = 0; i < nc; i++)
		sum += w[i];
	tw = CELL_GAP * (nc - 1);
	for (i = 0; i < nc; i++) {
		if (sum > avail)
			w[i] = avail * w[i] / sum;
		tw += w[i];
	}
	return tw;
}

/* Append lines to a box at x, rows of leading from the top pad. */
static void
box_lines(struct lay *L, struct vbox *b, const struct plines *pl,
    const struct pstyle *ps, double x, double pad,
    const struct lay_elem *e, int *lo, int *hi)
{
	struct lay_line	*ls;
	size_t		 k, nl = b->nlines;

	ls = arena_alloc(L->ar, (nl + pl->n + 1) * sizeof(*ls));
	if (nl > 0)
		memcpy(ls, b->lines, nl * sizeof(*ls));
	for (k = 0; k < pl->n; k++) {
		ls[nl + k] = pl->lines[k];
		ls[nl + k].x = x;
		ls[nl + k].y = pad + k * ps->leading +
		    baseline(ps->leading, ps->size);
		ls[nl + k].elem = e;
		if (pl->hi[k] > 0) {
			if (pl->lo[k] < *lo)
				*lo = pl->lo[k];
			if (pl->hi[k] > *hi)
				*hi = pl->hi[k];
		}
	}
	b->lines = ls;
	b->nlines = nl + pl->n;
}

static void
box_rule(struct lay *L, struct vbox *b, double x0, double x1, double y,
    double width)
{
	struct lay_rule	*r;

	r = arena_alloc(L->ar, (b->nrules + 1) * sizeof(*r));
	if (b->nrules > 0)
		memcpy(r, b->rules, b->nrules * sizeof(*r));
	r[b->nrules].x0 = x0;
	r[b->nrules].x1 = x1;
	r[b->nrules].y0 = r[b->nrules].y1 = y;
	r[b->nrules].width = width;
	b->rules = r;
	b->nrules++;
}

/*
 * One row as one box: a page never splits a row.  Rules above the
 * first row, under the header and under the last row.
 */
static void
table_row(struct lay *L, const struct node *n, const struct node *row,
    const struct ctx *c, const double *w, double tw,
    const struct lay_elem *te)
{
	const struct node	*cell;
	const struct lay_elem	*re;
	struct pstyle		 ps;
	struct plines		 pl;
	struct vbox		*b;
	double			 x = c->left, pad = 2;
	size_t			 maxl = 0;
	int			 i, hdr, lo = INT32_MAX, hi = 0;

	hdr = (row->flags & NF_HEADER) != 0;
	re = elem(L, "TR", te);
	b = vbox_new(L, 0);
	pstyle_body(L, c, &ps);
	for (cell = row->first, i = 0; cell != NULL &&
	    i < n->u.table.ncols; cell = cell->next, i++) {
		ps.measure = w[i] > 1 ? w[i] : 1;
		ps.align = n->u.table.align[i] == AL_RIGHT ? A_RIGHT :
		    n->u.table.align[i] == AL_CENTER ? A_CENTER : A_LEFT;
		cell_para(L, cell, hdr, &ps, &pl);
		box_lines(L, b, &pl, &ps, x, pad,
		    elem(L, hdr ? "TH" : "TD", re), &lo, &hi);
		if (pl.n > maxl)
			maxl = pl.n;
		x += w[i] + CELL_GAP;
	}
	b->h = maxl * ps.leading + 2 * pad;
	/* A list item that opens with a table: its marker on row one. */
	if (b->nlines > 0)
		put_marker(L, &b->lines[0]);
	if (row == n->first)
		box_rule(L, b, c->left, c->left + tw, 0, 0.8);
	if (hdr || row->next == NULL)
		box_rule(L, b, c->left, c->left + tw, b->h, hdr ? 0.5 : 0.8);
	/* The header keeps with the first row. */
	if (row != n->first)
		vpen(L, (row->prev->flags & NF_HEADER) ? PB_INF : 0);
	vpush(L->v, PB_BOX, b->h, 0, 0, 0, b);
	if (hi > 0 && !L->in_note) {
		L->v->it[L->v->n - 1].first_note = lo - 1;
		L->v->it[L->v->n - 1].nnotes = hi - lo + 1;
	}
	L->keep = 0;
}

static void
table(struct lay *L, const struct node *n, const struct ctx *c)
{
	const struct node	*row;
	const struct lay_elem	*te;
	double			*w, tw;
	int			 nc = n->u.table.ncols;

	if (nc <= 0)
		return;
	block_space(L);
	w = xcalloc(nc, sizeof(*w));
	tw = table_widths(L, n, c, nc, w);
	te = elem(L, "Table", c->elem);
	for (row = n->first; row != NULL; row = row->next)
		table_row(L, n, row, c, w, tw, te);
	free(w);
	L->prev = PV_BLOCK;
}

/* check.c's sections become Sect elements; no space of their own. */
static void
section(struct lay *L, const struct node *n, const struct ctx *c)
{
	struct ctx	 sc = *c;

	sc.elem = elem(L, "Sect", c->elem);
	blocks(L, n, &sc);
}

/* Every block child of n, in order. */
static void
blocks(struct lay *L, const struct node *n, const struct ctx *c)
{
	const struct node	*b;

	for (b = n->first; b != NULL; b = b->next) {
		switch (b->kind) {
		case N_SECTION:
			section(L, b, c);
			break;
		case N_HEADING:
			heading(L, b, c);
			break;
		case N_PARA:
			paragraph(L, b, c);
			break;
		case N_QUOTE:
			quote(L, b, c);
			break;
		case N_LIST:
			list(L, b, c);
			break;
		case N_ITEM:
			blocks(L, b, c);
			break;
		case N_CODEBLOCK:
		case N_HTML:	/* shown as text, as in the EPUB */
			codeblock(L, b, c);
			break;
		case N_TABLE:
			table(L, b, c);
			break;
		case N_RULE:
			rule_block(L, c);
			break;
		case N_NOTES:	/* set apart, at the feet of pages */
			break;
		default:
			if (tree_is_inline(b->kind))
				break;
			blocks(L, b, c);
			break;
		}
	}
}

/* --- title block, closing line, notes ----------------------------- */

/* One unbroken line of text in a look, as a body box. */
static struct lay_line *
one_line(struct lay *L, const char *text, const struct pstyle *ps,
    unsigned f)
{
	struct para	 p;
	struct plines	 pl;
	struct span	 s;

	memset(&p, 0, sizeof(p));
	memset(&s, 0, sizeof(s));
	s.f = f;
	s.pos = L->doc->meta.pos;
	add_text(&p, text, &s);
	set_para(L, &p, ps, &pl);
	para_free(&p);
	return pl.n > 0 ? &pl.lines[0] : NULL;
}

/* YYYY-MM-DD as "6 March 2018", the way the EPUB prints it. */
static void
long_date(struct buf *b, const char *date)
{
	static const char *const months[12] = { "January", "February",
	    "March", "April", "May", "June", "July", "August", "September",
	    "October", "November", "December" };
	int	 y, mo, d;

	if (sscanf(date, "%4d-%2d-%2d", &y, &mo, &d) == 3 && mo >= 1 &&
	    mo <= 12 && d >= 1 && d <= 31)
		buf_printf(b, "%d %s %d", d, months[mo - 1], y);
	else
		buf_puts(b, date);
}

/* One line group of the title block, kept with what follows. */
static void
title_line(struct lay *L, const struct ctx *c, const char *text,
    const struct pstyle *ps, const char *tag)
{
	struct para	 p;
	struct plines	 pl;
	struct span	 s;

	memset(&p, 0, sizeof(p));
	memset(&s, 0, sizeof(s));
	s.pos = L->doc->meta.pos;
	add_text(&p, text, &s);
	set_para(L, &p, ps, &pl);
	add_lines(L, &pl, ps, c->left, elem(L, tag, c->elem));
	para_free(&p);
	L->keep = 1;
	vglue(L, 4, 0, 0);
	L->keep = 1;
}

/*
 * Page 1's title block, the EPUB's header in the same words: "Lecture
 * N", the title (the outline's root), the author, the date.
 */
static void
title_block(struct lay *L, const struct ctx *c)
{
	const struct meta	*m = &L->doc->meta;
	struct pstyle		 ps;
	struct lay_mark		*mk;
	struct layout		*o = L->out;
	struct buf		 b = { NULL, 0, 0 };

	pstyle_body(L, c, &ps);
	ps.role = LR_TITLE;
	ps.align = A_LEFT;
	ps.hyph = 0;
	if (m->number != NULL) {
		buf_printf(&b, "Lecture %s", m->number);
		ps.family = L->st->heading_font;
		title_line(L, c, b.p, &ps, "P");
	}
	o->marks = xreallocarray(o->marks, o->nmarks + 1, sizeof(*o->marks));
	mk = &o->marks[o->nmarks];
	mk->title = m->title ? m->title : L->doc->stem;
	mk->level = 0;
	mk->page = 1;
	mk->y = 0;
	L->pendmark = o->nmarks++;
	ps.family = L->st->heading_font;
	ps.size = L->st->title_size;
	ps.leading = ceil(ps.size * 1.25);
	ps.f = S_BOLD;
	title_line(L, c, mk->title, &ps, "H1");
	ps.family = L->st->body_font;
	ps.size = L->st->body_size;
	ps.leading = L->st->body_leading;
	ps.f = S_ITALIC;
	if (m->author != NULL)
		title_line(L, c, m->author, &ps, "P");
	if (m->date != NULL) {
		buf_reset(&b);
		long_date(&b, m->date);
		title_line(L, c, b.p, &ps, "P");
	}
	buf_free(&b);
	vglue(L, 2 * L->st->body_leading, L->st->body_leading / 2, 0);
	L->keep = 1;
	L->prev = PV_HEAD;
}

/* One centred italic line of the closing block. */
static void
closing_line(struct lay *L, const struct ctx *c, const char *what,
    const struct neighbour *nb)
{
	struct pstyle	 ps;
	struct para	 p;
	struct plines	 pl;
	struct span	 s;
	struct buf	 b = { NULL, 0, 0 };

	/* The EPUB's words: "Previous: 1.07 Title". */
	buf_printf(&b, "%s: %s%s%s", what, nb->number ? nb->number : "",
	    nb->number ? " " : "", nb->title);
	pstyle_body(L, c, &ps);
	ps.align = A_CENTER;
	ps.hyph = 0;
	ps.f = S_ITALIC;
	memset(&p, 0, sizeof(p));
	memset(&s, 0, sizeof(s));
	s.pos = L->doc->meta.pos;
	add_text(&p, b.p, &s);
	set_para(L, &p, &ps, &pl);
	L->keep = 1;
	add_lines(L, &pl, &ps, c->left, elem(L, "P", c->elem));
	para_free(&p);
	buf_free(&b);
}

/* The previous and next lectures, after a short rule. */
static void
closing(struct lay *L, const struct ctx *c)
{
	const struct meta	*m = &L->doc->meta;

	if (m->previous.title == NULL && m->next.title == NULL)
		return;
	vglue(L, 2 * L->st->body_leading, L->st->body_leading, 0);
	rule_block(L, c);
	if (m->previous.title != NULL)
		closing_line(L, c, "Previous", &m->previous);
	if (m->next.title != NULL)
		closing_line(L, c, "Next", &m->next);
}

/* A note's number as the marker of its first line, linked back. */
static void
note_marker(struct lay *L, int num, const struct ctx *c)
{
	struct pstyle	 ps;
	struct para	 p;
	struct plines	 pl;
	struct span	 s;
	char		 t[32];

	memset(&p, 0, sizeof(p));
	memset(&s, 0, sizeof(s));
	s.pos = L->doc->meta.pos;
	snprintf(t, sizeof(t), "fnref-%d", num);
	s.link = quoted(L, "dest", t);
	snprintf(t, sizeof(t), "fn-%d", num);
	s.dest = arena_strdup(L->ar, t);
	snprintf(t, sizeof(t), "%d.", num);
	add(&p, t, strlen(t), &s);
	pstyle_body(L, c, &ps);
	ps.align = A_RIGHT;
	ps.measure = NOTE_INDENT * L->st->note_size - 0.3 * ps.size;
	set_para(L, &p, &ps, &pl);
	para_free(&p);
	L->marker = NULL;
	if (pl.n > 0)
		set_marker(L, &pl.lines[0], c->left);
}

/*
 * Each note's blocks into its own vertical list, L->notes[num - 1],
 * set small and indented, its number hanging in the indent.
 */
static void
notes(struct lay *L, const struct node *root, const struct ctx *c)
{
	const struct node	*ns, *fd;
	struct ctx		 nc;

	L->nnotes = L->doc->nnotes;
	if (L->nnotes <= 0)
		return;
	L->notes = xcalloc(L->nnotes, sizeof(*L->notes));
	for (ns = root->first; ns != NULL && ns->kind != N_NOTES;
	    ns = ns->next)
		continue;
	if (ns == NULL)
		return;
	L->in_note = 1;
	for (fd = ns->first; fd != NULL; fd = fd->next) {
		if (fd->kind != N_FNDEF || fd->u.note.num < 1 ||
		    fd->u.note.num > L->nnotes)
			continue;
		L->v = &L->notes[fd->u.note.num - 1];
		L->prev = PV_NONE;
		L->keep = 0;
		nc = *c;
		nc.left += NOTE_INDENT * L->st->note_size;
		nc.measure -= NOTE_INDENT * L->st->note_size;
		nc.elem = elem(L, "Note", c->elem);
		note_marker(L, fd->u.note.num, c);
		blocks(L, fd, &nc);
		L->marker = NULL;
	}
	L->in_note = 0;
	L->v = &L->body;
}

/* --- pages -------------------------------------------------------- */

static void
page_add_line(struct lay *L, struct lay_page *pg, const struct lay_line *ln,
    double dx, double dy, size_t *cap)
{
	struct lay_line	*l;

	if (pg->nlines == *cap) {
		struct lay_line *n;

		*cap = *cap ? *cap * 2 : 64;
		n = arena_alloc(L->ar, *cap * sizeof(*n));
		if (pg->nlines)
			memcpy(n, pg->lines, pg->nlines * sizeof(*n));
		pg->lines = n;
	}
	l = &pg->lines[pg->nlines++];
	*l = *ln;
	l->x += dx;
	l->y += dy;
	/* Runs hold positions from the line's left edge. */
}

static void
page_add_rule(struct lay *L, struct lay_page *pg, const struct lay_rule *r,
    double dx, double dy, size_t *cap)
{
	struct lay_rule	*n;

	if (pg->nrules == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		n = arena_alloc(L->ar, *cap * sizeof(*n));
		if (pg->nrules)
			memcpy(n, pg->rules, pg->nrules * sizeof(*n));
		pg->rules = n;
	}
	n = &pg->rules[pg->nrules++];
	*n = *r;
	n->x0 += dx;
	n->x1 += dx;
	n->y0 += dy;
	n->y1 += dy;
}

static void
place_box(struct lay *L, struct lay_page *pg, const struct vbox *b,
    double x0, double y, size_t *lcap, size_t *rcap)
{
	size_t	 k;

	for (k = 0; k < b->nlines; k++)
		page_add_line(L, pg, &b->lines[k], x0, y, lcap);
	for (k = 0; k < b->nrules; k++)
		page_add_rule(L, pg, &b->rules[k], x0, y, rcap);
	if (b->mark >= 0) {
		L->out->marks[b->mark].page = pg->num;
		L->out->marks[b->mark].y = y;
	}
}

/* Running head and folio, from page 2. */
static void
furniture(struct lay *L, struct lay_page *pg, double x0, double meas,
    size_t *lcap)
{
	const struct style	*st = L->st;
	struct pstyle		 ps;
	struct ctx		 c;
	struct lay_line		*ln;
	char			 num[16];
	int			 recto = pg->num % 2 == 1;

	memset(&c, 0, sizeof(c));
	c.measure = meas;
	pstyle_body(L, &c, &ps);
	ps.size = st->head_size;
	ps.hyph = 0;
	ps.align = A_CENTER;
	ps.role = LR_HEAD;
	if ((ln = one_line(L, L->doc->meta.title ? L->doc->meta.title :
	    L->doc->stem, &ps, S_ITALIC)) != NULL) {
		ln->x = 0;
		ln->elem = NULL;
		page_add_line(L, pg, ln, x0, st->margin_top -
		    0.9 * st->body_leading, lcap);
	}
	snprintf(num, sizeof(num), "%d", pg->num);
	ps.align = recto ? A_RIGHT : A_LEFT;
	ps.role = LR_FOLIO;
	if ((ln = one_line(L, num, &ps, 0)) != NULL) {
		ln->x = 0;
		ln->elem = NULL;
		page_add_line(L, pg, ln, x0, st->page_h - st->margin_bottom +
		    1.5 * st->body_leading, lcap);
	}
}

/* The height the page's notes take, with the rule above them. */
static double
notes_height(const struct lay *L, const struct pb_page *pp)
{
	const struct vlist	*v;
	size_t			 i, k;
	double			 h = NOTE_SEP;

	if (pp->nparts == 0)
		return 0;
	for (i = 0; i < pp->nparts; i++) {
		v = &L->notes[pp->parts[i].note];
		for (k = pp->parts[i].from; k < pp->parts[i].to; k++)
			h += v->it[k].height;
		if (i > 0)
			h += NOTE_GAP;
	}
	return h;
}

/*
 * The page's note parts at the foot of its text block, under a short
 * rule, the last line on the bottom margin.
 */
static void
place_notes(struct lay *L, struct lay_page *pg, const struct pb_page *pp,
    double x0, double bottom, double meas, size_t *lcap, size_t *rcap)
{
	const struct vlist	*v;
	struct lay_rule		 r;
	size_t			 i, k;
	double			 h = NOTE_SEP, y;

	if (pp->nparts == 0)
		return;
	for (i = 0; i < pp->nparts; i++) {
		v = &L->notes[pp->parts[i].note];
		for (k = pp->parts[i].from; k < pp->parts[i].to; k++)
			h += v->it[k].height;
		if (i > 0)
			h += NOTE_GAP;
	}
	y = bottom - h;
	r.x0 = 0;
	r.x1 = meas / 3;
	r.y0 = r.y1 = y + NOTE_SEP / 2;
	r.width = 0.4;
	page_add_rule(L, pg, &r, x0, 0, rcap);
	y += NOTE_SEP;
	for (i = 0; i < pp->nparts; i++) {
		v = &L->notes[pp->parts[i].note];
		if (i > 0)
			y += NOTE_GAP;
		for (k = pp->parts[i].from; k < pp->parts[i].to; k++) {
			if (v->bx[k] != NULL)
				place_box(L, pg, v->bx[k], x0, y, lcap,
				    rcap);
			y += v->it[k].height;
		}
	}
}

/*
 * Break the body into pages with pb_break and place every box: text
 * from the top margin, glue set by the page's ratio, notes at the
 * foot, running head and folio from page 2.  Left margins alternate:
 * the inner one is on the left of odd (recto) pages.
 */
static int
paginate(struct lay *L)
{
	const struct style	*st = L->st;
	struct layout		*o = L->out;
	struct pb_params	 pp;
	struct pb_result	 res;
	struct pb_note		*pn;
	double			 body_h, meas, *hs, y, x0;
	size_t			 i, k, lcap, rcap;
	const struct pb_page	*pg;
	const struct pb_item	*it;
	int			 j;

	body_h = st->page_h - st->margin_top - st->margin_bottom;
	meas = st->page_w - st->margin_inner - st->margin_outer;
	pn = xcalloc(L->nnotes > 0 ? L->nnotes : 1, sizeof(*pn));
	for (j = 0; j < L->nnotes; j++) {
		hs = arena_alloc(L->ar, (L->notes[j].n + 1) * sizeof(*hs));
		for (k = 0; k < L->notes[j].n; k++)
			hs[k] = L->notes[j].it[k].height;
		pn[j].lines = hs;
		pn[j].nlines = L->notes[j].n;
	}
	memset(&pp, 0, sizeof(pp));
	pp.page_heights = &body_h;
	pp.npage_heights = 1;
	pp.notes_sep = NOTE_SEP;
	pp.note_gap = NOTE_GAP;
	if (L->body.n == 0)
		vpush(&L->body, PB_BOX, 0, 0, 0, 0, vbox_new(L, 0));
	if (pb_break(L->body.it, L->body.n, pn, L->nnotes, &pp, &res) == -1) {
		free(pn);
		return -1;
	}
	free(pn);
	o->npages = res.npages;
	o->pages = arena_alloc(L->ar, res.npages * sizeof(*o->pages));
	for (i = 0; i < res.npages; i++) {
		pg = &res.pages[i];
		o->pages[i].num = i + 1;
		x0 = (i % 2 == 0) ? st->margin_inner : st->margin_outer;
		y = st->margin_top;
		lcap = rcap = 0;
		for (k = pg->start; k < pg->end; k++) {
			it = &L->body.it[k];
			if (it->type == PB_BOX) {
				place_box(L, &o->pages[i], L->body.bx[k], x0,
				    y, &lcap, &rcap);
				y += it->height;
			} else if (it->type == PB_GLUE) {
				y += it->height;
				if (pg->full && pg->ratio > 0)
					y += pg->ratio * it->stretch;
				else if (pg->ratio < 0)
					y += pg->ratio * it->shrink;
			}
		}
		place_notes(L, &o->pages[i], pg, x0, st->margin_top + body_h,
		    meas, &lcap, &rcap);
		if (i + 1 < res.npages)
			wo_avoided(L, pg, body_h - notes_height(L, pg), i + 1);
		if (i > 0)
			furniture(L, &o->pages[i], x0, meas, &lcap);
	}
	pb_result_free(&res);
	wo_left(L);
	return 0;
}

/* --- entry points ------------------------------------------------- */

/* Every heading id under n, the targets internal links may name. */
static void
collect_ids(struct lay *L, const struct node *n)
{
	const struct node	*c;

	for (c = n->first; c != NULL; c = c->next) {
		if (c->kind == N_HEADING && c->u.head.id != NULL) {
			L->ids = xgrow(L->ids, &L->cids, L->nids + 1,
			    sizeof(*L->ids));
			L->ids[L->nids++] = c->u.head.id;
		}
		if (!tree_is_inline(c->kind))
			collect_ids(L, c);
	}
}

static double
ms(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1e3 + (b->tv_nsec - a->tv_nsec) / 1e6;
}

int
lay_build(struct layout *o, const struct doc *doc, const struct opts *op)
{
	struct lay	 L;
	struct ctx	 c;
	struct timespec	 t0, t1, t2;
	int		 rc = 0, j;

	memset(o, 0, sizeof(*o));
	memset(&L, 0, sizeof(L));
	o->arena = arena_new();
	L.out = o;
	L.doc = doc;
	L.ar = o->arena;
	L.st = &o->st;
	L.pendmark = -1;
	L.v = &L.body;
	if (style_load(&o->st, op ? op->style_dir : NULL) == -1)
		return -1;
	o->page_w = o->st.page_w;
	o->page_h = o->st.page_h;
	if (fonts_check(o->st.body_font, o->st.path) == -1 ||
	    fonts_check(o->st.heading_font, o->st.path) == -1 ||
	    fonts_check(o->st.mono_font, o->st.path) == -1)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	fonts_open(&o->f);
	pango_context_set_language(o->f.ctx, pango_language_from_string(
	    doc->meta.lang ? doc->meta.lang : "en"));
	L.hy = hyph_open(doc->meta.lang ? doc->meta.lang : "en");
	memset(&c, 0, sizeof(c));
	c.measure = o->st.page_w - o->st.margin_inner - o->st.margin_outer;
	c.elem = elem(&L, "Document", NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	collect_ids(&L, doc->root);
	title_block(&L, &c);
	blocks(&L, doc->root, &c);
	closing(&L, &c);
	notes(&L, doc->root, &c);
	if (L.failed)
		rc = -1;
	else if (paginate(&L) == -1)
		rc = -1;
	clock_gettime(CLOCK_MONOTONIC, &t2);
	if (op != NULL && op->verbose)
		fprintf(stderr, "%s: layout: %zu pages, fonts %.1f ms, "
		    "lines and pages %.1f ms\n", doc->path, o->npages,
		    ms(&t0, &t1), ms(&t1, &t2));
	if (L.hy != NULL)
		hyph_close(L.hy);
	free(L.body.it);
	free(L.body.bx);
	for (j = 0; j < L.nnotes; j++) {
		free(L.notes[j].it);
		free(L.notes[j].bx);
	}
	free(L.notes);
	free(L.ids);
	free(L.wo);
	free(L.fc);
	free(L.sh);
	free(L.li);
	free(L.hi);
	return rc;
}

void
lay_free(struct layout *o)
{
	size_t	 i;

	for (i = 0; i < o->ngstr; i++)
		pango_glyph_string_free(o->gstr[i]);
	for (i = 0; i < o->nitems; i++)
		pango_item_free(o->items[i]);
	for (i = 0; i < o->nimgs; i++) {
		cairo_surface_destroy(o->imgs[i]->surf);
		free(o->imgs[i]);
	}
	free(o->imgs);
	free(o->gstr);
	free(o->items);
	free(o->marks);
	free(o->paras);
	fonts_close(&o->f);
	style_free(&o->st);
	if (o->arena != NULL)
		arena_free(o->arena);
	memset(o, 0, sizeof(*o));
}

static const char *const role_names[LR__MAX] = {
	"body", "heading", "title", "head", "folio", "note"
};

/*
 * Where a line's text starts and ends on the page: after any indent,
 * and where centring or a folio on the right put it.
 */
static void
ink(const struct lay_line *ln, double *x0, double *x1)
{
	size_t	 i;

	*x0 = ln->x;
	*x1 = ln->x + ln->width;
	if (ln->nruns == 0)
		return;
	*x0 = ln->x + ln->runs[0].x;
	*x1 = *x0;
	for (i = 0; i < ln->nruns; i++)
		if (ln->x + ln->runs[i].x + ln->runs[i].width > *x1)
			*x1 = ln->x + ln->runs[i].x + ln->runs[i].width;
}

/*
 * lectern dump --layout: "size W H", then per page "page N" and one
 * line per text line: page, role, x, baseline y, width, glue ratio,
 * hyphenated (0/1), text.  Positions in points from the top left.
 */
int
layout_dump(const struct doc *doc, const struct opts *op, FILE *fp)
{
	struct layout		 o;
	const struct lay_page	*pg;
	const struct lay_line	*ln;
	size_t			 i, k;
	double			 x0, x1;

	if (lay_build(&o, doc, op) == -1) {
		lay_free(&o);
		return -1;
	}
	fprintf(fp, "size %.2f %.2f\n", o.page_w, o.page_h);
	for (i = 0; i < o.npages; i++) {
		pg = &o.pages[i];
		fprintf(fp, "page %d\n", pg->num);
		for (k = 0; k < pg->nlines; k++) {
			ln = &pg->lines[k];
			ink(ln, &x0, &x1);
			fprintf(fp, "%d %s %.2f %.2f %.2f %.3f %d %s\n",
			    pg->num, role_names[ln->role], x0, ln->y,
			    x1 - x0, ln->ratio, ln->hyphenated, ln->text);
		}
	}
	lay_free(&o);
	return 0;
}

/* --- the typographic report --------------------------------------- */

#define LOOSE_GAP	1.5	/* loose: spaces this many times the
				   median space (as tests/typo counts), */
#define LOOSE_SPACE	2.0	/* or this many times their own width */
#define TIGHT_RATIO	(-0.5)	/* tight: TeX's tight class */

/* A set line and the page it is on. */
struct rline {
	const struct lay_line	*ln;
	int			 page;
};

static int
rline_cmp(const void *a, const void *b)
{
	const struct lay_line	*x = ((const struct rline *)a)->ln;
	const struct lay_line	*y = ((const struct rline *)b)->ln;

	if (x->para != y->para)
		return x->para < y->para ? -1 : 1;
	return (x->pline > y->pline) - (x->pline < y->pline);
}

static int
dbl_cmp(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* What the report counts, per paragraph and for the document. */
struct rstat {
	size_t	 lines;		/* justified lines, not a paragraph's last */
	size_t	 loose, tight, hyph, run, maxrun, overfull;
	double	 rmin, rmax;
	double	 loose_at;	/* the ratio that makes spaces loose */
};

/*
 * Is ln one whose spacing counts: a justified line of text, not its
 * paragraph's last unless that had to shrink?
 */
static int
spaced(const struct layout *o, const struct lay_line *ln)
{
	const struct lay_para	*lp = &o->paras[ln->para - 1];

	return lp->justified && (lp->role == LR_BODY ||
	    lp->role == LR_NOTE) && (ln->pline < lp->nlines - 1 ||
	    ln->ratio != 0);
}

/* Count ln into st; returns its problems as text, or NULL. */
static const char *
rstat_add(struct rstat *st, const struct layout *o, const struct lay_line *ln)
{
	const char	*why = NULL;

	if (ln->overfull) {
		st->overfull++;
		why = "overfull";
	}
	if (!spaced(o, ln))
		return why;
	if (st->lines == 0 || ln->ratio < st->rmin)
		st->rmin = ln->ratio;
	if (st->lines == 0 || ln->ratio > st->rmax)
		st->rmax = ln->ratio;
	st->lines++;
	if (ln->ratio > st->loose_at) {
		st->loose++;
		why = why ? why : "loose";
	} else if (ln->ratio < TIGHT_RATIO) {
		st->tight++;
		why = why ? why : "tight";
	}
	if (ln->hyphenated) {
		st->hyph++;
		if (++st->run > st->maxrun)
			st->maxrun = st->run;
		why = why ? why : "hyphen";
	} else
		st->run = 0;
	return why;
}

static void
pos_print(FILE *fp, const struct pos *p, const char *source)
{
	fprintf(fp, "%s:%d:%d", p->file ? p->file : source, p->line, p->col);
}

static double
pct(size_t n, size_t of)
{
	return of ? 100.0 * n / of : 0;
}

/*
 * One block for paragraph lp, lines r[0..n): its place and figures,
 * then each line with a problem.  Paragraphs that are not running
 * text (headings, code, cells) only when something went wrong.
 */
static void
report_para(FILE *fp, const struct layout *o, const struct lay_para *lp,
    const struct rline *r, size_t n, const char *source, struct rstat *doc)
{
	struct rstat	 st;
	const char	**why;
	size_t		 k;
	int		 text = (lp->role == LR_BODY || lp->role == LR_NOTE) &&
			    lp->justified;

	memset(&st, 0, sizeof(st));
	st.loose_at = doc->loose_at;
	why = xcalloc(n + 1, sizeof(*why));
	for (k = 0; k < n; k++) {
		why[k] = rstat_add(&st, o, r[k].ln);
		rstat_add(doc, o, r[k].ln);
	}
	doc->run = 0;
	if (fp == NULL || (!text && st.overfull == 0 && lp->toolong == 0)) {
		free(why);
		return;
	}
	pos_print(fp, &lp->pos, source);
	fprintf(fp, ": %s, %d line%s, page", lp->role == LR_NOTE ? "note" :
	    text ? "paragraph" : "block", lp->nlines,
	    lp->nlines == 1 ? "" : "s");
	if (lp->page1 != lp->page0)
		fprintf(fp, "s %d-%d", lp->page0, lp->page1);
	else
		fprintf(fp, " %d", lp->page0);
	if (st.lines > 0)
		fprintf(fp, ", ratio %.2f..%.2f", st.rmin, st.rmax);
	fprintf(fp, ", loose %zu, tight %zu, hyphens %zu (max run %zu), "
	    "overfull %zu\n", st.loose, st.tight, st.hyph, st.maxrun,
	    st.overfull);
	if (lp->toolong > 0) {
		fprintf(fp, "\t");
		pos_print(fp, &lp->longpos, source);
		fprintf(fp, ": word too long for the line: %s", lp->longword);
		if (lp->toolong > 1)
			fprintf(fp, " (and %d more)", lp->toolong - 1);
		fputc('\n', fp);
	}
	if (lp->orphan)
		fprintf(fp, "\torphan left: first line alone at the foot "
		    "of page %d\n", lp->page0);
	if (lp->widow)
		fprintf(fp, "\twidow left: last line alone at the top "
		    "of page %d\n", lp->page1);
	if (lp->orphan_avoided)
		fprintf(fp, "\torphan avoided: page %d ends before it\n",
		    lp->orphan_avoided);
	if (lp->widow_avoided)
		fprintf(fp, "\twidow avoided: page %d ends a line early\n",
		    lp->widow_avoided);
	for (k = 0; k < n; k++) {
		if (why[k] == NULL)
			continue;
		fprintf(fp, "\t");
		pos_print(fp, &r[k].ln->pos, source);
		fprintf(fp, ": line %d, page %d, %s, ratio %.2f: %s\n",
		    r[k].ln->pline + 1, r[k].page, why[k], r[k].ln->ratio,
		    r[k].ln->text);
	}
	fputc('\n', fp);
	free(why);
}

/* The whole document, as the report's last lines. */
static void
report_summary(FILE *fp, const struct layout *o, const struct rstat *doc,
    const double *ratio, int widows, int orphans, int wav, int oav,
    int toolong)
{
	double	 p95 = 0;

	if (doc->lines > 0)
		p95 = ratio[(size_t)ceil(0.95 * doc->lines) - 1];
	fprintf(fp, "lectern: report: %zu lines, ratio p95 %.2f, "
	    "loose %zu (%.1f%%), tight %zu, hyphens %zu (%.1f%%, max run "
	    "%zu), widows %d, orphans %d, overfull %zu, pages %zu\n",
	    doc->lines, p95, doc->loose, pct(doc->loose, doc->lines),
	    doc->tight, doc->hyph, pct(doc->hyph, doc->lines), doc->maxrun,
	    widows, orphans, doc->overfull, o->npages);
	if (toolong >= 0)
		fprintf(fp, "lectern: report: ratio min %.2f, median %.2f, "
		    "max %.2f; widows avoided %d, orphans avoided %d; words "
		    "too long %d\n", doc->lines ? ratio[0] : 0,
		    doc->lines ? ratio[(doc->lines - 1) / 2] : 0,
		    doc->lines ? ratio[doc->lines - 1] : 0, wav, oav,
		    toolong);
}

/* The report to fp (may be NULL), the summary to stderr if verbose. */
static void
report(FILE *fp, const struct layout *o, const char *source, int verbose)
{
	struct rline		*r;
	struct rstat		 doc;
	const struct lay_para	*lp;
	double			*ratio, med;
	size_t			 i, k, n = 0, a, nr = 0;
	int			 wid = 0, orph = 0, wav = 0, oav = 0, tl = 0;

	for (i = 0; i < o->npages; i++)
		n += o->pages[i].nlines;
	r = xcalloc(n + 1, sizeof(*r));
	ratio = xcalloc(n + 1, sizeof(*ratio));
	n = 0;
	for (i = 0; i < o->npages; i++)
		for (k = 0; k < o->pages[i].nlines; k++)
			if (o->pages[i].lines[k].para > 0 &&
			    (size_t)o->pages[i].lines[k].para <= o->nparas) {
				r[n].ln = &o->pages[i].lines[k];
				r[n++].page = o->pages[i].num;
				if (spaced(o, r[n - 1].ln))
					ratio[nr++] = r[n - 1].ln->ratio;
			}
	qsort(r, n, sizeof(*r), rline_cmp);
	qsort(ratio, nr, sizeof(*ratio), dbl_cmp);
	memset(&doc, 0, sizeof(doc));
	/*
	 * A space set at ratio r is 1 + r * SPACE_STRETCH of its natural
	 * width (the rest of the stretch goes to the letters): loose from
	 * LOOSE_GAP times the space at the median ratio on, or from
	 * LOOSE_SPACE times its own width where few lines make the median.
	 */
	med = nr > 0 && ratio[(nr - 1) / 2] > 0 ? ratio[(nr - 1) / 2] : 0;
	doc.loose_at = fmin(LOOSE_GAP * (1 + med * SPACE_STRETCH) - 1,
	    LOOSE_SPACE - 1) / SPACE_STRETCH;
	if (fp != NULL)
		fprintf(fp, "# lectern typographic report: %s\n"
		    "# per paragraph: where it starts, its lines, the "
		    "spread of its glue ratios,\n# then each line with a "
		    "problem (loose > %.3f, tight < %.3f, hyphen, overfull)"
		    "\n# loose: spaces over %.1f times the median space or "
		    "%.1f times their own\n\n", source, doc.loose_at,
		    TIGHT_RATIO, LOOSE_GAP, LOOSE_SPACE);
	for (i = 0; i < n; i = a) {
		for (a = i; a < n && r[a].ln->para == r[i].ln->para; a++)
			continue;
		lp = &o->paras[r[i].ln->para - 1];
		report_para(fp, o, lp, r + i, a - i, source, &doc);
		if (lp->role == LR_BODY) {
			wid += lp->widow;
			orph += lp->orphan;
			wav += lp->widow_avoided > 0;
			oav += lp->orphan_avoided > 0;
		}
		tl += lp->toolong;
	}
	if (fp != NULL) {
		report_summary(fp, o, &doc, ratio, wid, orph, wav, oav, tl);
	}
	if (verbose)
		report_summary(stderr, o, &doc, ratio, wid, orph, wav, oav, -1);
	free(r);
	free(ratio);
}

int
lay_report(const struct layout *o, const char *source, const char *path,
    int verbose)
{
	FILE	*fp = NULL;
	char	*tmp = NULL;
	int	 rc = 0;

	if (path != NULL) {
		if ((tmp = out_begin(path)) == NULL ||
		    (fp = fopen(tmp, "w")) == NULL) {
			diag_file(path, D_SYS_WRITE, strerror(errno));
			free(tmp);
			return -1;
		}
	}
	report(fp, o, source, verbose);
	if (fp != NULL) {
		rc = ferror(fp) ? -1 : 0;
		if (fclose(fp) == EOF)
			rc = -1;
		if (rc == -1 || out_commit(tmp, path) == -1) {
			diag_file(path, D_SYS_WRITE, strerror(errno));
			out_abandon(tmp);
			rc = -1;
		}
		free(tmp);
	}
	return rc;
}
