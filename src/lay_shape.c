/* Layout stage 2: a paragraph's text itemized and shaped by Pango; glyph strings sliced for lines. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <fribidi.h>
#include <pango/pangocairo.h>

#include "fonts.h"
#include "layout-int.h"
#include "style.h"
#include "util.h"

/* Keep a glyph string until lay_free(). */
static void
own_gs(struct lay_store *ks, PangoGlyphString *gs)
{
	ks->gstr = xgrow(ks->gstr, &ks->cgstr, ks->ngstr + 1,
	    sizeof(*ks->gstr));
	ks->gstr[ks->ngstr++] = gs;
}

/*
 * A glyph string of n glyphs in the arena, read-only to Pango (never
 * resized or freed by it): a run's glyphs take exactly their size, not
 * a GLib string's three blocks rounded up to a power of two.
 */
PangoGlyphString *
lay_glyphs_new(struct arena *ar, int n)
{
	PangoGlyphString	*gs = arena_alloc(ar, sizeof(*gs));

	gs->num_glyphs = gs->space = n;
	gs->glyphs = arena_alloc(ar, (n ? n : 1) * sizeof(*gs->glyphs));
	gs->log_clusters = arena_alloc(ar, (n ? n : 1) *
	    sizeof(*gs->log_clusters));
	return gs;
}

/* Keep an item until lay_free(). */
static void
own_item(struct lay_store *ks, PangoItem *it)
{
	ks->items = xgrow(ks->items, &ks->citems, ks->nitems + 1,
	    sizeof(*ks->items));
	ks->items[ks->nitems++] = it;
}

/* The CJK family for lang, checked once per layout (a missing one fails it). */
static const char *
cjk_family(struct shaper *S, const char *lang)
{
	const struct style	*st = &S->ks->st;
	const char		*fam;
	size_t			 i;

	fam = style_cjk_font(st, lang ? lang : S->cjk_lang);
	for (i = 0; i < S->nchecked; i++)
		if (S->checked[i] == fam)
			return fam;
	if (fonts_check(fam, st->path) == -1)
		S->failed = 1;
	if (S->nchecked < sizeof(S->checked) / sizeof(S->checked[0]))
		S->checked[S->nchecked++] = fam;
	return fam;
}

/*
 * Families for the right-to-left scripts the text families lack, tried
 * in this order before fontconfig's own fallback (which would take
 * DejaVu Sans): Arabic (and Persian, Urdu) in Naskh, the book hand;
 * Hebrew in Noto Sans Hebrew.  Both are in fonts-noto-core (DEBS).
 */
#define RTL_FAMILIES	",Noto Naskh Arabic,Noto Sans Hebrew"

/*
 * A span holding emoji falls back on the colour emoji font
 * (fonts-noto-color-emoji; cairo draws its colour glyphs) before
 * fontconfig's pick of DejaVu's black-and-white few.  Named alone for
 * the emoji's own bytes, Pango passes it over; named after the text's
 * families, it is taken.  Only such spans: the list decides the font
 * of neighbouring spaces too, and the rest of the text keeps its own.
 */
#define EMOJI_FAMILIES	RTL_FAMILIES ",Noto Color Emoji"

/* Does [a, b) of t hold an emoji (Unicode's emoji blocks, flags)? */
static int
has_emoji(const char *t, size_t a, size_t b)
{
	uint32_t	 cp;
	size_t		 n;

	for (; a < b; a += n) {
		cp = lay_cp_at(t + a, b - a, &n);
		if ((cp >= 0x1F1E6 && cp <= 0x1F1FF) || (cp >= 0x1F300 &&
		    cp <= 0x1FAFF) || cp == 0x1F004 || cp == 0x1F0CF ||
		    cp == 0xFE0F || cp == 0x20E3)
			return 1;
	}
	return 0;
}

/*
 * The kind of the character at i of t (len bytes, its span ending at
 * end), to cut a span into pieces of one font list: lay_cjk_at()'s
 * answer, and in a span with emoji, PIECE_SPACE for white space.  The
 * spaces between emoji then take the text's font and its width, not
 * the emoji font's space, as wide as an emoji.  *n: the character's
 * length.
 */
#define PIECE_SPACE	0x100

static int
piece_kind(const char *t, size_t len, size_t end, size_t i, int emoji,
    size_t *n)
{
	int	 kind = lay_cjk_at(t, 0, len, i);

	if (emoji && g_unichar_isspace(lay_cp_at(t + i, end - i, n)))
		kind |= PIECE_SPACE;
	else
		lay_cp_at(t + i, end - i, n);
	return kind;
}

/*
 * The font fam at size in look f over bytes [a, b) of al, falling back
 * on the families in more (text fonts: RTL_FAMILIES or EMOJI_FAMILIES).
 */
static void
font_attr(PangoAttrList *al, const char *fam, const char *more, double size,
    unsigned f, size_t a, size_t b)
{
	PangoFontDescription	*d;
	PangoAttribute		*at;
	char			*list;

	list = g_strconcat(fam, more, NULL);
	d = fonts_desc(list, size, f & S_BOLD, f & S_ITALIC);
	g_free(list);
	at = pango_attr_font_desc_new(d);
	at->start_index = a;
	at->end_index = b;
	pango_attr_list_insert(al, at);
	pango_font_description_free(d);
}

/*
 * Punctuation East Asian Width calls ambiguous: curly quotes, dashes,
 * the ellipsis and the middle dot.  In Chinese and Japanese text they
 * are full-width marks of the CJK font (clreq 3.1, jlreq 3.1.10); in
 * Latin text, the Latin font's narrow ones.
 */
int
lay_ambiguous_punct(uint32_t c)
{
	return (c >= 0x2018 && c <= 0x201D) || c == 0x2014 || c == 0x2015 ||
	    c == 0x2026 || c == 0x00B7;
}

/*
 * Is the character at byte a of [s, e) set in the CJK font?  Han and
 * kana are; an ambiguous mark is when the character before it (past
 * other such marks), else the one after, is Han or kana.
 */
int
lay_cjk_at(const char *t, size_t s, size_t e, size_t a)
{
	size_t		 i, n;
	uint32_t	 c = lay_cp_at(t + a, e - a, &n);

	if (!lay_ambiguous_punct(c))
		return is_han_or_kana(c);
	for (i = a; i > s; ) {
		i = (size_t)(g_utf8_prev_char(t + i) - t);
		c = lay_cp_at(t + i, e - i, &n);
		if (!lay_ambiguous_punct(c))
			return is_han_or_kana(c);
	}
	for (i = a; i < e; i += n) {
		c = lay_cp_at(t + i, e - i, &n);
		if (!lay_ambiguous_punct(c))
			return is_han_or_kana(c);
	}
	return 0;
}

/*
 * Fonts by span: Han and kana, and the ambiguous marks among them,
 * take the CJK family of their language (the lecture's cjk_lang
 * outside N_LANG), so Pango never picks a CJK family of its own.
 * Caller unrefs.
 */
static PangoAttrList *
attrs(struct shaper *S, const struct para *p, const struct pstyle *ps)
{
	const struct style *st = &S->ks->st;
	PangoAttrList	*al;
	PangoAttribute	*at;
	const struct span *s;
	const char	*fam, *t = p->t.p;
	double		 size;
	size_t		 i, a, j, n;
	int		 cjk, emoji;
	const char	*more;

	al = pango_attr_list_new();
	for (i = 0; i < p->nsp; i++) {
		s = &p->sp[i];
		size = ps->size;
		if (s->f & S_MONO)
			size *= st->mono_size / st->body_size;
		if (s->f & (S_SUP | S_SUB))
			size *= SUP_SCALE;
		emoji = has_emoji(t, s->start, s->end);
		for (a = s->start; a < s->end; a = j) {
			cjk = piece_kind(t, p->t.len, s->end, a, emoji, &n);
			for (j = a + n; j < s->end; j += n)
				if (piece_kind(t, p->t.len, s->end, j, emoji,
				    &n) != cjk)
					break;
			more = emoji && !(cjk & PIECE_SPACE) ? EMOJI_FAMILIES :
			    RTL_FAMILIES;
			cjk &= ~PIECE_SPACE;
			fam = cjk ? cjk_family(S, s->lang) :
			    (s->f & S_MONO) ? st->mono_font : ps->family;
			font_attr(al, fam, cjk || (s->f & S_MONO) ? "" : more, size,
			    (s->f | ps->f) & (cjk ? S_BOLD : S_BOLD | S_ITALIC),
			    a, j);
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

static double	 item_em(const PangoItem *);

/*
 * The blank sides of glyph g of font: *left and *right, in Pango units,
 * the room between its advance box and its ink.
 */
static void
blanks(PangoFont *font, const PangoGlyphInfo *g, int *left, int *right)
{
	PangoRectangle	 ink;

	pango_font_get_glyph_extents(font, g->glyph, &ink, NULL);
	*left = ink.width > 0 ? ink.x : 0;
	*right = ink.width > 0 ? g->geometry.width - ink.x - ink.width : 0;
	if (*left < 0)
		*left = 0;
	if (*right < 0)
		*right = 0;
}

/*
 * Is glyph i of gs a full-width mark of text t: punctuation a full em
 * wide (within FULL_EM) in a CJK font?
 */
#define FULL_EM		0.9	/* of the size: a full-width advance */
static int
full_mark(const char *t, const PangoItem *it, const PangoGlyphString *gs,
    int i, double em)
{
	size_t		 n, b = it->offset + gs->log_clusters[i];
	uint32_t	 c = lay_cp_at(t + b, it->offset + it->length - b, &n);

	if (!(is_han(c) && g_unichar_ispunct(c)) && !lay_ambiguous_punct(c))
		return 0;
	return gs->glyphs[i].geometry.width >= FULL_EM * em * PANGO_SCALE;
}

/*
 * Punctuation compression (clreq 3.1.6, jlreq 3.1.4): two full-width
 * marks side by side take one and a half ems, not two.  The half em
 * comes out of the blank sides facing each other, the first's right
 * (a closing bracket, a full stop) before the second's left (an
 * opening bracket): its advance shrinks and, for the second, its ink
 * moves left with its origin.  A closing mark at a line's end loses
 * its blank side too, but only there: lay_hlist.c hangs it.
 */
static void
compress_pair(const char *t, const struct shaped *x, int i,
    const struct shaped *y, int j)
{
	double	 em = item_em(x->item);
	int	 want, l0, r0, l1, r1, a, b;

	if (!full_mark(t, x->item, x->gs, i, em) ||
	    !full_mark(t, y->item, y->gs, j, em))
		return;
	blanks(x->item->analysis.font, &x->gs->glyphs[i], &l0, &r0);
	blanks(y->item->analysis.font, &y->gs->glyphs[j], &l1, &r1);
	want = (int)lround(em * PANGO_SCALE / 2);
	a = r0 < want ? r0 : want;
	b = l1 < want - a ? l1 : want - a;
	x->gs->glyphs[i].geometry.width -= a;
	y->gs->glyphs[j].geometry.width -= b;
	y->gs->glyphs[j].geometry.x_offset -= b;
}

/* The blank sides of glyph g of shaped item si, in Pango units. */
void
lay_glyph_blanks(const struct shaper *S, int si, int g, int *left,
    int *right)
{
	blanks(S->sh[si].item->analysis.font, &S->sh[si].gs->glyphs[g], left,
	    right);
}

/* Compress the marks of the shaped paragraph, across items too. */
static void
compress(struct shaper *S, const char *t)
{
	const struct shaped	*x, *y;
	size_t			 k;
	int			 i;

	for (k = 0; k < S->nsh; k++) {
		x = &S->sh[k];
		if (x->item->analysis.level & 1)
			continue;
		for (i = 0; i + 1 < x->gs->num_glyphs; i++)
			compress_pair(t, x, i, x, i + 1);
		y = k + 1 < S->nsh ? &S->sh[k + 1] : NULL;
		if (y != NULL && !(y->item->analysis.level & 1) &&
		    x->gs->num_glyphs > 0 && y->gs->num_glyphs > 0)
			compress_pair(t, x, x->gs->num_glyphs - 1, y, 0);
	}
}

/* The em of item it's font, in points. */
static double
item_em(const PangoItem *it)
{
	PangoFontDescription	*d;
	double			 em;

	d = pango_font_describe(it->analysis.font);
	em = (double)pango_font_description_get_size(d) / PANGO_SCALE;
	pango_font_description_free(d);
	return em;
}

/*
 * Characters of item it that no font has (Pango's unknown glyphs, the
 * character in the glyph id), said at their place in the source:
 * never a silent box.  One the package named would draw fails the
 * layout, as a missing CJK family does.
 */
static void
no_glyphs(struct shaper *S, const struct para *p, const PangoItem *it,
    const PangoGlyphString *gs)
{
	struct pos	 pos;
	gunichar	 cp;
	int		 i;

	for (i = 0; i < gs->num_glyphs; i++) {
		if (!(gs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG))
			continue;
		/* A line break, a format control: nothing to draw. */
		cp = gs->glyphs[i].glyph & ~PANGO_GLYPH_UNKNOWN_FLAG;
		if (g_unichar_iscntrl(cp) ||
		    g_unichar_type(cp) == G_UNICODE_FORMAT)
			continue;
		pos = lay_src_pos(p, it->offset + gs->log_clusters[i]);
		if (fonts_missing(&pos, cp, S->nofont, sizeof(S->nofont)))
			S->failed = 1;
	}
}

/*
 * Does item it over text set letters that read left to right (of a
 * left-to-right script; digits) right to left?  Only an override
 * (U+202E, <bdo dir="rtl">) does: in any other right-to-left item the
 * bidi algorithm gave such characters an even level, an item of their
 * own.
 */
static int
turned(const PangoItem *it, const char *text)
{
	const char	*s = text + it->offset, *e = s + it->length;
	FriBidiCharType	 t;

	if (!(it->analysis.level & 1))
		return 0;
	for (; s < e; s = g_utf8_next_char(s)) {
		t = fribidi_get_bidi_type(g_utf8_get_char(s));
		if (t == FRIBIDI_TYPE_LTR || t == FRIBIDI_TYPE_EN ||
		    t == FRIBIDI_TYPE_AN)
			return 1;
	}
	return 0;
}

/*
 * Itemize and shape the paragraph: S->sh holds one entry per item,
 * its glyphs until lay_unshape(), its item until lay_free().
 */
void
lay_shape(struct shaper *S, const struct para *p, const struct pstyle *ps)
{
	PangoAttrList	*al;
	GList		*items, *g;
	PangoItem	*it;
	PangoGlyphString *gs;
	PangoDirection	 base;

	al = attrs(S, p, ps);
	/* A right-to-left lecture's code still reads left to right. */
	base = ps->literal ? PANGO_DIRECTION_LTR :
	    pango_context_get_base_dir(S->ks->f.ctx);
	S->rtl = base == PANGO_DIRECTION_RTL;
	items = pango_itemize_with_base_dir(S->ks->f.ctx, base, p->t.p, 0,
	    p->t.len, al, NULL);
	pango_attr_list_unref(al);
	S->nsh = 0;
	for (g = items; g != NULL; g = g->next) {
		it = g->data;
		gs = pango_glyph_string_new();
		/* Unrounded: positions in points must stay exact. */
		pango_shape_with_flags(p->t.p + it->offset, it->length,
		    p->t.p, p->t.len, &it->analysis, gs, PANGO_SHAPE_NONE);
		no_glyphs(S, p, it, gs);
		S->sh = xgrow(S->sh, &S->csh, S->nsh + 1, sizeof(*S->sh));
		S->sh[S->nsh].item = it;
		S->sh[S->nsh].turned = turned(it, p->t.p);
		S->sh[S->nsh++].gs = gs;
		own_item(S->ks, it);
	}
	g_list_free(items);
	compress(S, p->t.p);
}

/* Drop the paragraph's glyphs; lines keep slices of them. */
void
lay_unshape(struct shaper *S)
{
	size_t	 i;

	for (i = 0; i < S->nsh; i++)
		pango_glyph_string_free(S->sh[i].gs);
	S->nsh = 0;
}

/* The shaper's own arrays (the items and glyphs it kept stay in out). */
void
lay_shaper_free(struct shaper *S)
{
	free(S->sh);
	free(S->fc);
	S->sh = NULL;
	S->fc = NULL;
}

/* The shaped item holding byte b. */
int
lay_item_at(const struct shaper *S, size_t b)
{
	size_t	 lo = 0, hi = S->nsh, mid;

	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if ((size_t)S->sh[mid].item->offset <= b)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Is shaped item si right to left (an odd bidi level from pango_itemize)? */
int
lay_item_rtl(const struct shaper *S, int si)
{
	return S->sh[si].item->analysis.level & 1;
}

/* Is c a bidi formatting character (an embedding, override, isolate)? */
int
lay_bidi_control(gunichar c)
{
	return FRIBIDI_IS_EXPLICIT_OR_BN(fribidi_get_bidi_type(c)) ||
	    FRIBIDI_IS_ISOLATE(fribidi_get_bidi_type(c));
}

/* Does shaped item si set left-to-right letters right to left (turned())? */
int
lay_item_turned(const struct shaper *S, int si)
{
	return S->sh[si].turned;
}

/*
 * The glyph boundary of item si at byte b: how many of its glyphs lie
 * left of b, or -1 when b falls inside a cluster.  Glyphs are in
 * visual order, so clusters ascend in a left-to-right item and descend
 * in a right-to-left one, where the glyphs left of b are those of the
 * bytes from b on.
 */
int
lay_glyph_at(const struct shaper *S, int si, size_t b)
{
	const PangoGlyphString	*gs = S->sh[si].gs;
	int			 rel, i, lo, hi, rtl = lay_item_rtl(S, si);

	rel = b - S->sh[si].item->offset;
	if (rel >= S->sh[si].item->length)
		return rtl ? 0 : gs->num_glyphs;
	/* The first glyph past the boundary, by binary search. */
	lo = 0;
	hi = gs->num_glyphs;
	while (lo < hi) {
		i = (lo + hi) / 2;
		if (rtl ? gs->log_clusters[i] >= rel :
		    gs->log_clusters[i] < rel)
			lo = i + 1;
		else
			hi = i;
	}
	if (rtl)
		return lo > 0 && gs->log_clusters[lo - 1] == rel ? lo : -1;
	if (lo < gs->num_glyphs && gs->log_clusters[lo] == rel)
		return lo;
	return -1;
}

/*
 * The glyphs of bytes [x, y) of item si as [*g0, *g1), left to right
 * in either direction.  Returns -1 when x or y falls inside a cluster.
 */
int
lay_glyph_range(const struct shaper *S, int si, size_t x, size_t y,
    int *g0, int *g1)
{
	int	 a = lay_glyph_at(S, si, x), b = lay_glyph_at(S, si, y);

	if (a < 0 || b < 0)
		return -1;
	*g0 = a < b ? a : b;
	*g1 = a < b ? b : a;
	return 0;
}

/* The advance of glyphs [g0, g1) of item si, in points. */
double
lay_glyphs_width(const struct shaper *S, int si, int g0, int g1)
{
	const PangoGlyphString	*gs = S->sh[si].gs;
	int			 i, w = 0;

	for (i = g0; i < g1; i++)
		w += gs->glyphs[i].geometry.width;
	return (double)w / PANGO_SCALE;
}

/* The hyphen of item si's font, shaped once: its index in S->fc. */
int
lay_hyphen(struct shaper *S, int si)
{
	PangoItem	*it = S->sh[si].item;
	struct fcache	*c;
	size_t		 i;

	for (i = 0; i < S->nfc; i++)
		if (S->fc[i].font == it->analysis.font)
			return i;
	S->fc = xgrow(S->fc, &S->cfc, S->nfc + 1, sizeof(*S->fc));
	c = &S->fc[S->nfc];
	c->font = it->analysis.font;
	c->item = pango_item_copy(it);
	c->item->offset = 0;
	c->item->length = 1;
	c->item->num_chars = 1;
	own_item(S->ks, c->item);
	c->gs = pango_glyph_string_new();
	pango_shape_with_flags("-", 1, "-", 1, &c->item->analysis, c->gs,
	    PANGO_SHAPE_NONE);
	own_gs(S->ks, c->gs);
	c->w = (double)pango_glyph_string_get_width(c->gs) / PANGO_SCALE;
	return S->nfc++;
}

/*
 * r as glyphs [g0, g1) of shaped item h->si, bytes [b0, b1) of text,
 * each advance widened by f of itself: the font expansion of a
 * justified line, which pdf.c draws as glyphs f wider.  The glyph
 * string is kept until lay_free().
 *
 * A right-to-left run keeps its glyphs in visual order with their
 * clusters descending, one character per glyph where the font allows:
 * cairo maps each glyph to its text (ToUnicode), as PDF readers expect
 * of right-to-left text, and pdftotext gives it in logical order.
 */
void
lay_slice(struct shaper *S, struct lay_run *r, const struct hitem *h,
    const char *text, double f)
{
	const struct shaped	*s = &S->sh[h->si];
	PangoGlyphString	*gs;
	int			 i, n = h->g1 - h->g0, rel;

	gs = lay_glyphs_new(S->runs_ar, n);
	rel = h->b0 - s->item->offset;
	for (i = 0; i < n; i++) {
		gs->glyphs[i] = s->gs->glyphs[h->g0 + i];
		gs->log_clusters[i] = s->gs->log_clusters[h->g0 + i] - rel;
		/* Expansion: advances grow, clusters stay whole. */
		if (f != 0)
			gs->glyphs[i].geometry.width += (int)lround(f *
			    gs->glyphs[i].geometry.width);
	}
	r->item = *s->item;
	r->item.offset = h->b0;
	r->item.length = h->b1 - h->b0;
	r->item.num_chars = g_utf8_strlen(text + h->b0, h->b1 - h->b0);
	r->glyphs = gs;
	r->text = text;
	r->expand = f;
	r->width = (double)pango_glyph_string_get_width(gs) / PANGO_SCALE;
}

/* Every item and glyph string the layout kept for its runs. */
void
lay_shapes_free(struct lay_store *ks)
{
	size_t	 i;

	for (i = 0; i < ks->ngstr; i++)
		pango_glyph_string_free(ks->gstr[i]);
	for (i = 0; i < ks->nitems; i++)
		pango_item_free(ks->items[i]);
	free(ks->gstr);
	free(ks->items);
	ks->gstr = NULL;
	ks->items = NULL;
	ks->ngstr = ks->nitems = 0;
}
