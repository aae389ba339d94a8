/* Layout stage 3: a shaped paragraph as boxes, glue and penalties (the line breaker's input). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "diag.h"
#include "hyph.h"
#include "layout-int.h"
#include "util.h"

#define HYPHEN_PENALTY	100	/* TeX's \hyphenpenalty, see lay_set_para() */
#define EXHYPHEN_PENALTY 50	/* after an explicit hyphen or dash */
#define CHAR_PENALTY	100	/* inside a word too long for the line */
#define MAXPOINTS	64	/* hyphenation points asked for per word */
#define SPACE_SHRINK	0.33	/* of a space's width (SPACE_STRETCH in
				   layout-int.h) */
#define TRACK_STRETCH	0.04	/* of a word's width: letter spacing a */
#define TRACK_SHRINK	0.04	/* justified line may add or take */
#define HAN_STRETCH	0.1	/* between Han characters, in ems */
#define HYPHEN_HANG	0.7	/* of its width, a hyphen a line ends with
				   hangs into the margin (hangs[]) */
#define HAN_TERM	6	/* Han runs this short are terms (names,
				   slogans) kept whole on one line, in a
				   lecture in another language */
#define CJK_LATIN_SPACE	0.25	/* between Han or kana and Latin letters
				   or digits, in ems (clreq 3.2.2, jlreq
				   3.2.2): it may stretch as far again
				   and shrink by half */

enum bkind { BK_NONE, BK_HYPH, BK_EXPL, BK_FREE, BK_CHAR, BK_HAN };

/* Append an item to the list; h says how to draw it (NULL: nothing). */
static void
push(struct hlist *H, enum lb_type type, double w, double y, double z,
    int pen, int flagged, const struct hitem *h)
{
	static const struct hitem none = { -1, 0, 0, 0, 0, -1, -1, 0, 0 };
	struct lb_item	*it;

	if (H->n == H->c) {
		H->li = xgrow(H->li, &H->c, H->n + 1, sizeof(*H->li));
		H->hi = xreallocarray(H->hi, H->c, sizeof(*H->hi));
	}
	it = &H->li[H->n];
	it->type = type;
	it->width = w;
	it->stretch = y;
	it->shrink = z;
	it->penalty = pen;
	it->flagged = flagged;
	it->protrude = 0;
	H->hi[H->n++] = h ? *h : none;
}

/*
 * Where UAX #14 lets a line break in [s, e), as Pango finds it (with
 * libthai for Thai and Lao words): ok[i - s] is 1 when a line may
 * break before the character at byte i.  The closing and opening
 * marks that may not end or start a line are its rules, not ours.
 */
static void
uax14(const char *t, size_t s, size_t e, unsigned char *ok)
{
	PangoLogAttr	*la;
	glong		 n = g_utf8_strlen(t + s, (gssize)(e - s)), k;
	size_t		 i;

	la = xreallocarray(NULL, (size_t)n + 1, sizeof(*la));
	pango_get_log_attrs(t + s, (int)(e - s), -1, NULL, la, (int)n + 1);
	memset(ok, 0, e - s);
	for (i = s, k = 0; i < e; i = (size_t)(g_utf8_next_char(t + i) - t),
	    k++)
		ok[i - s] = la[k].is_line_break;
	free(la);
}

/* Is c one of the n code points of set? */
static int
in_set(uint32_t c, const uint32_t *set, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (set[i] == c)
			return 1;
	return 0;
}

/* Marks no line may end with: opening brackets (clreq, jlreq cl-01). */
static int
no_end(uint32_t c)
{
	static const uint32_t set[] = { 0xFF08, 0x3014, 0xFF3B, 0xFF5B,
	    0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3018, 0x3016, 0x301D,
	    0x2018, 0x201C, 0xFF5F };

	return in_set(c, set, sizeof(set) / sizeof(set[0]));
}

/*
 * Marks no line may start with: closing brackets, stops, the middle
 * dot, the long vowel and iteration marks, small kana (cl-02 to cl-06).
 */
static int
no_start(uint32_t c)
{
	static const uint32_t set[] = { 0xFF09, 0x3015, 0xFF3D, 0xFF5D,
	    0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3019, 0x3017, 0x301F,
	    0x2019, 0x201D, 0xFF60, 0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A,
	    0xFF1B, 0xFF01, 0xFF1F, 0x30FB, 0x30FC, 0x3005, 0x303B, 0x3041,
	    0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087,
	    0x308E, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3,
	    0x30E5, 0x30E7, 0x30EE, 0x30F5, 0x30F6 };

	return in_set(c, set, sizeof(set) / sizeof(set[0]));
}

/*
 * The line-break rules of Chinese and Japanese over UAX #14's, in
 * [s, e): the curly quotes of CJK text are brackets there (UAX #14 of
 * Unicode 14, which Pango follows, glues a quote to both neighbours,
 * so a chain of quoted terms could not break at all); and the
 * prohibitions hold whatever UAX #14 allowed.
 */
static void
cjk_rules(const char *t, size_t s, size_t e, unsigned char *ok)
{
	size_t		 i, n, pn;
	uint32_t	 c, pc = 0;

	for (i = s; i < e; i += n, pc = c) {
		c = lay_cp_at(t + i, e - i, &n);
		if (i == s)
			continue;
		pn = (size_t)(g_utf8_prev_char(t + i) - t);
		if (!lay_cjk_at(t, s, e, i) && !lay_cjk_at(t, s, e, pn))
			continue;
		if (no_start(c) || no_end(pc))
			ok[i - s] = 0;
		else if ((c == 0x201C || c == 0x2018) &&
		    lay_cjk_at(t, s, e, i))
			ok[i - s] = 1;
		else if ((pc == 0x201D || pc == 0x2019) &&
		    lay_cjk_at(t, s, e, pn) && (is_han_or_kana(c) ||
		    lay_ambiguous_punct(c)))
			ok[i - s] = 1;
	}
}

/*
 * Breaks between the characters of Han (and kana) runs in [s, e),
 * where ok allows them: in a lecture in another language, only in
 * runs longer than HAN_TERM.
 */
static void
han_breaks(const char *t, size_t s, size_t e, const unsigned char *ok,
    size_t term, unsigned char *bk)
{
	size_t		 i, a, n, count;

	for (i = s; i < e; ) {
		if (!is_han_or_kana(lay_cp_at(t + i, e - i, &n))) {
			i += n;
			continue;
		}
		for (a = i, count = 0; i < e &&
		    is_han_or_kana(lay_cp_at(t + i, e - i, &n)); i += n)
			count++;
		if (count <= term)
			continue;
		/* From the run's second character on. */
		for (lay_cp_at(t + a, e - a, &n), a += n; a < i; a += n) {
			lay_cp_at(t + a, e - a, &n);
			if (ok[a - s])
				bk[a - s] = BK_HAN;
		}
	}
}

/* Hyphenation points of the letter runs in [s, e) into bk. */
static void
hyph_breaks(struct hlist *H, const struct para *p, size_t s, size_t e,
    unsigned char *bk)
{
	const char	*t = p->t.p;
	size_t		 pts[MAXPOINTS], np, i, j, n, m, a;
	uint32_t	 cp;

	/* Letter runs (an apostrophe inside one) go to the hyphenator. */
	for (i = s; i < e; i = j) {
		for (; i < e; i += n)
			if (g_unichar_isalpha(cp = lay_cp_at(t + i, e - i,
			    &n)) && !is_han_or_kana(cp))
				break;
		for (j = i; j < e; j += n) {
			cp = lay_cp_at(t + j, e - j, &n);
			if (!g_unichar_isalpha(cp) && cp != '\'' &&
			    cp != 0x2019)
				break;
		}
		if (j <= i)
			continue;
		if (p->sp[lay_span_at(p, i)].f & (S_MONO | S_SUP | S_SUB))
			continue;
		np = hyph_points(H->hy, t + i, j - i, pts, MAXPOINTS);
		for (m = 0; m < np; m++) {
			a = i + pts[m];
			if (a > s && a < e && bk[a - s] == BK_NONE)
				bk[a - s] = BK_HYPH;
		}
	}
}

/*
 * Break kinds for each byte of [s, e): where a break may come before
 * it.  mode 0: where UAX #14 allows one (after hyphens and dashes,
 * between Thai words, Han), hyphenation points (not in the last
 * word); 1: also after / . - _ ? & = # and space; 2: also between
 * any two characters.
 */
static void
word_breaks(struct hlist *H, const struct para *p, const struct pstyle *ps,
    size_t s, size_t e, int last, int mode, unsigned char *bk)
{
	const char	*t = p->t.p;
	size_t		 i, n;
	uint32_t	 cp, prev = 0;
	unsigned char	*ok = xmalloc(e - s);

	memset(bk, BK_NONE, e - s);
	uax14(t, s, e, ok);
	cjk_rules(t, s, e, ok);
	for (i = s; i < e; i += n, prev = cp) {
		cp = lay_cp_at(t + i, e - i, &n);
		if (i == s)
			continue;
		if (is_han_or_kana(prev) && is_han_or_kana(cp))
			continue;	/* han_breaks() decides */
		/* After a soft hyphen of the source a line ends in a hyphen. */
		if (ok[i - s] && !ps->literal)
			bk[i - s] = prev == 0x00AD ? BK_HYPH : BK_EXPL;
		else if (mode >= 1 && prev != 0 && prev < 0x80 &&
		    strchr("/.-_?&=# ", (int)prev) != NULL)
			bk[i - s] = BK_FREE;
		else if (mode >= 2)
			bk[i - s] = BK_CHAR;
	}
	/* A term too long for the line breaks too, as any word does. */
	han_breaks(t, s, e, ok, H->cjk_doc || mode >= 2 ? 0 : HAN_TERM, bk);
	free(ok);
	if (!ps->hyph || ps->literal || last || H->hy == NULL || mode > 0)
		return;
	hyph_breaks(H, p, s, e, bk);
}

/* An inline picture stands one em high, no wider than the measure. */
static double
image_width(const struct lay_image *im, const struct pstyle *ps)
{
	double	 w = ps->size * im->pw / im->ph;

	return w < ps->measure ? w : ps->measure;
}

/*
 * The break of kind k before byte y of p, after a box of item si: a
 * hyphen, a penalty, or the glue between two Han characters.
 */
static void
break_item(struct hlist *H, const struct para *p, const struct pstyle *ps,
    size_t y, int k, int si)
{
	struct hitem	 h;

	memset(&h, 0, sizeof(h));
	h.si = -1;
	h.fc = -1;
	switch (k) {
	case BK_HYPH:
		h.fc = lay_hyphen(H->sh, si);
		push(H, LB_PENALTY, H->sh->fc[h.fc].w, 0, 0, HYPHEN_PENALTY,
		    1, &h);
		break;
	case BK_EXPL:
		/*
		 * After a hyphen the line ends in one too: flagged, as TeX
		 * does, so it counts in a run of hyphens.  Not after a dash.
		 */
		push(H, LB_PENALTY, 0, 0, 0, EXHYPHEN_PENALTY,
		    p->t.p[y - 1] == '-' || (y >= 3 &&
		    memcmp(p->t.p + y - 3, "\xe2\x80\x90", 3) == 0), &h);
		break;
	case BK_CHAR:
		push(H, LB_PENALTY, 0, 0, 0, CHAR_PENALTY, 0, &h);
		break;
	case BK_HAN:
		/* Room to justify a line of Han, but no space. */
		h.fc = FC_NOSPACE;
		push(H, LB_GLUE, 0, HAN_STRETCH * ps->size, 0, 0, 0, &h);
		break;
	default:
		push(H, LB_PENALTY, 0, 0, 0, 0, 0, &h);
		break;
	}
}

/*
 * The glyphs of item si from byte x into h: up to the item's end, or
 * to a break or span edge that falls between glyph clusters (never
 * inside a ligature).  Returns the end byte.
 */
static size_t
cut(const struct hlist *H, const struct para *p, size_t x, size_t s,
    size_t e, const unsigned char *bk, int si, struct hitem *h)
{
	const PangoItem	*item = H->sh->sh[si].item;
	size_t		 y;
	int		 g0, g1;

	for (y = x + 1; y < e; y++) {
		if ((size_t)(item->offset + item->length) == y)
			break;
		if ((bk[y - s] != BK_NONE || p->sp[h->span].end == y) &&
		    lay_glyph_at(H->sh, si, y) >= 0)
			break;
	}
	if (lay_glyph_range(H->sh, si, x, y, &g0, &g1) == -1) {
		/* Inside a cluster: take the rest of the item. */
		y = item->offset + item->length;
		if (y > e)
			y = e;
		if (lay_glyph_range(H->sh, si, x, y, &g0, &g1) == -1) {
			g0 = 0;
			g1 = H->sh->sh[si].gs->num_glyphs;
		}
	}
	h->si = si;
	h->b0 = x;
	h->b1 = y;
	h->g0 = g0;
	h->g1 = g1;
	h->fc = -1;
	return y;
}

/* Is c a Latin (or Greek, Cyrillic) letter or a digit, not Han or kana? */
static int
latin_alnum(uint32_t c)
{
	return g_unichar_isalnum(c) && !is_han_or_kana(c);
}

/*
 * The space between Han or kana and a Latin letter or digit meeting
 * at byte y of p (clreq 3.2.2, jlreq 3.2.2), or 0 where they do not.
 */
static double
cjk_latin_space(const struct para *p, const struct pstyle *ps, size_t y)
{
	const char	*t = p->t.p;
	size_t		 n, a;
	uint32_t	 c0, c1;

	if (y == 0 || y >= p->t.len)
		return 0;
	a = (size_t)(g_utf8_prev_char(t + y) - t);
	c0 = lay_cp_at(t + a, p->t.len - a, &n);
	c1 = lay_cp_at(t + y, p->t.len - y, &n);
	if (((is_han_or_kana(c0) && !g_unichar_ispunct(c0)) &&
	    latin_alnum(c1)) || (latin_alnum(c0) && is_han_or_kana(c1) &&
	    !g_unichar_ispunct(c1)))
		return CJK_LATIN_SPACE * ps->size;
	return 0;
}

/*
 * The space q between Han and Latin before byte y: a glue that
 * stretches as far again and shrinks by half, where a line may break
 * (it goes with the break) or, behind an infinite penalty, not.
 */
static void
cjk_latin_glue(struct hlist *H, double q, int breakable)
{
	struct hitem	 h;

	memset(&h, 0, sizeof(h));
	h.si = -1;
	h.span = -1;
	h.fc = FC_NOSPACE;
	if (!breakable)
		push(H, LB_PENALTY, 0, 0, 0, LB_INF, 0, NULL);
	push(H, LB_GLUE, q, q, q / 2, 0, 0, &h);
}

/*
 * Boxes for the word [s, e), penalties where it may break.  Returns
 * the widest stretch of it that cannot be broken.
 */
static double
word_items(struct hlist *H, const struct para *p, const struct pstyle *ps,
    size_t s, size_t e, const unsigned char *bk)
{
	struct hitem	 h;
	size_t		 x, y;
	int		 si, last_si = -1;
	double		 w, q, run = 0, widest = 0;

	memset(&h, 0, sizeof(h));
	for (x = s; x < e; x = y) {
		si = lay_item_at(H->sh, x);
		h.span = lay_span_at(p, x);
		if (p->sp[h.span].img != NULL) {
			y = p->sp[h.span].end;
			w = image_width(p->sp[h.span].img, ps);
			h.si = -1;
			h.b0 = x;
			h.b1 = y;
			h.g0 = h.g1 = 0;
			h.fc = -1;
			push(H, LB_BOX, w, 0, 0, 0, 0, &h);
			run += w;
			if (run > widest)
				widest = run;
			if (y >= e || bk[y - s] == BK_NONE)
				continue;
			push(H, LB_PENALTY, 0, 0, 0, 0, 0, NULL);
			run = 0;
			continue;
		}
		y = cut(H, p, x, s, e, bk, si, &h);
		w = lay_glyphs_width(H->sh, si, h.g0, h.g1);
		push(H, LB_BOX, w, 0, 0, 0, 0, &h);
		last_si = si;
		run += w;
		if (run > widest)
			widest = run;
		q = y < e && !ps->literal ? cjk_latin_space(p, ps, y) : 0;
		if (q > 0) {
			cjk_latin_glue(H, q, bk[y - s] != BK_NONE);
			if (bk[y - s] != BK_NONE)
				run = 0;
			memset(&h, 0, sizeof(h));
			continue;
		}
		if (y >= e || bk[y - s] == BK_NONE)
			continue;
		run = 0;
		break_item(H, p, ps, y, bk[y - s], last_si);
		memset(&h, 0, sizeof(h));
	}
	return widest;
}

/* Report the word [s, e) where the source has it; the report lists it. */
static void
too_long(struct hlist *H, const struct para *p, size_t s, size_t e)
{
	struct pos	 pos = lay_src_pos(p, s);
	struct lay_para	*lp = H->rec;
	char		*wd;

	wd = xstrndup(p->t.p + s, e - s);
	if (!H->long_said)
		diag(&pos, D_WORD_TOO_LONG, wd);
	if (lp->toolong++ == 0) {
		lp->longpos = pos;
		lp->longword = arena_strdup(H->sh->ks->arena, wd);
	}
	free(wd);
}

/*
 * The word [s, e) as items: with its hyphenation points first; if a
 * piece is still wider than the line, broken after / . - _ ? & = #
 * (reported once), and at last between any two characters.
 */
static void
word(struct hlist *H, const struct para *p, const struct pstyle *ps,
    size_t s, size_t e, int last)
{
	unsigned char	*bk;
	size_t		 mark = H->n;
	int		 mode;
	double		 widest;

	bk = xmalloc(e - s);
	for (mode = 0; mode < 3; mode++) {
		H->n = mark;
		word_breaks(H, p, ps, s, e, last, mode, bk);
		widest = word_items(H, p, ps, s, e, bk);
		if (mode == 0 && widest > H->widest_word)
			H->widest_word = widest;
		if (widest <= ps->measure - ps->indent)
			break;
		/* A code line wraps as a matter of course: no message. */
		if (mode == 0 && !ps->literal)
			too_long(H, p, s, e);
	}
	free(bk);
}

/*
 * The space of n bytes at byte b: its width, from its own font, and in
 * h its glyph, which a line draws at the end of the word before it.
 */
static double
space_at(const struct hlist *H, const struct para *p, size_t b, size_t n,
    struct hitem *h)
{
	int	 si, g0, g1;

	h->si = -1;
	h->span = -1;
	h->fc = -1;
	si = lay_item_at(H->sh, b);
	if (lay_glyph_range(H->sh, si, b, b + n, &g0, &g1) == -1 ||
	    g1 != g0 + 1)
		return 0;
	h->si = si;
	h->b0 = b;
	h->b1 = b + n;
	h->g0 = g0;
	h->g1 = g1;
	h->span = lay_span_at(p, b);
	return lay_glyphs_width(H->sh, si, g0, g1);
}

/*
 * Is the box of h letter-spaced when its line is justified?  Text,
 * not code (a monospaced column stays one) nor a picture, nor right
 * to left: spacing would pull Arabic's joined letters apart.
 */
int
lay_tracked(const struct shaper *S, const struct para *p,
    const struct hitem *h, const struct lb_item *it)
{
	return it->type == LB_BOX && h->si >= 0 && h->span >= 0 &&
	    !(p->sp[h->span].f & S_MONO) && !lay_item_rtl(S, h->si);
}

/*
 * Optical margins: the share of its width a character hangs into the
 * margin at a line's end (right) or start (left), as microtype's
 * default protrusion and InDesign's optical margin alignment set
 * them.  Full-width marks of Chinese and Japanese hang by their blank
 * side instead (hang_width()).
 */
struct hang {
	uint32_t	 c;
	double		 left, right;
};

static const struct hang hangs[] = {
	{ '-', 0.5, 0.7 }, { 0x2010, 0.5, 0.7 }, { 0x2011, 0.5, 0.7 },
	{ 0x2013, 0.5, 0.5 }, { 0x2014, 0.3, 0.3 },
	{ '.', 0, 0.7 }, { ',', 0, 0.7 }, { ':', 0, 0.5 }, { ';', 0, 0.5 },
	{ '\'', 0.7, 0.7 }, { '"', 0.5, 0.5 },
	{ 0x2018, 0.7, 0 }, { 0x201C, 0.5, 0 },
	{ 0x2019, 0, 0.7 }, { 0x201D, 0, 0.5 },
	{ 0x00AB, 0.5, 0.5 }, { 0x00BB, 0.5, 0.5 },
	{ '(', 0.2, 0 }, { '[', 0.2, 0 },
};

static const struct hang *
hang_of(uint32_t c)
{
	size_t	 i;

	for (i = 0; i < sizeof(hangs) / sizeof(hangs[0]); i++)
		if (hangs[i].c == c)
			return &hangs[i];
	return NULL;
}

/* Is c an opening mark (a bracket, an opening quote)? */
static int
opening_mark(uint32_t c)
{
	GUnicodeType	 t = g_unichar_type(c);

	return t == G_UNICODE_OPEN_PUNCTUATION ||
	    t == G_UNICODE_INITIAL_PUNCTUATION;
}

/*
 * How far box k's last character (end) or first (!end) hangs into
 * the margin: a share of its glyph's advance, or the blank side of a
 * full-width mark of Chinese or Japanese, which is then set half width
 * (a closing mark or a stop at a line's end, an opening mark at its
 * start: one half em of white at the edge is no indent).  0 for
 * pictures and right-to-left text.
 */
static double
hang_width(const struct hlist *H, const struct para *p, size_t k, int end)
{
	const struct hitem	*h = &H->hi[k];
	const struct hang	*hg;
	const char		*t = p->t.p;
	size_t			 b, n;
	uint32_t		 c;
	int			 g, l, r;

	if (H->li[k].type != LB_BOX || h->si < 0 || h->g1 <= h->g0 ||
	    h->span < 0 || p->sp[h->span].img != NULL ||
	    lay_item_rtl(H->sh, h->si))
		return 0;
	b = end ? (size_t)(g_utf8_prev_char(t + h->b1) - t) : h->b0;
	c = lay_cp_at(t + b, p->t.len - b, &n);
	g = end ? h->g1 - 1 : h->g0;
	if ((is_han(c) && g_unichar_ispunct(c)) ||
	    (lay_ambiguous_punct(c) && lay_cjk_at(t, 0, p->t.len, b))) {
		if (!end && !opening_mark(c))
			return 0;
		/* Set half width at most: clreq 3.1.6, jlreq 3.1.5, 3.8.2. */
		lay_glyph_blanks(H->sh, h->si, g, &l, &r);
		return fmin((double)(end ? r : l) / PANGO_SCALE,
		    lay_glyphs_width(H->sh, h->si, g, g + 1) / 2);
	}
	if ((hg = hang_of(c)) == NULL || lay_cjk_at(t, 0, p->t.len, b))
		return 0;
	return (end ? hg->right : hg->left) *
	    lay_glyphs_width(H->sh, h->si, g, g + 1);
}

/*
 * Mark in H how far each line may hang into the margins, wherever it
 * ends or starts (lb_item.protrude): the line breaker then counts the
 * room and lay_lines.c sets the line out that far.
 */
static void
protrusion(struct hlist *H, const struct para *p)
{
	struct lb_item	*it;
	size_t		 k;

	for (k = 0; k < H->n; k++) {
		it = &H->li[k];
		if (it->type == LB_BOX)
			it->protrude = hang_width(H, p, k, 0);
		else if (k > 0 && H->li[k - 1].type == LB_BOX &&
		    (it->type == LB_GLUE || it->penalty < LB_INF))
			it->protrude = it->type == LB_PENALTY && it->flagged &&
			    H->hi[k].fc >= 0 ? HYPHEN_HANG * it->width :
			    hang_width(H, p, k - 1, 1);
	}
}

/*
 * The length of the no-break space (U+00A0) at t[i], or 0.  It
 * stretches and shrinks as a space does, where no line may break: the
 * narrow one (U+202F, French before ; : ! ?) keeps its width, a letter
 * of its word.
 */
static size_t
nbsp_at(const char *t, size_t i, size_t len)
{
	return i + 1 < len && (unsigned char)t[i] == 0xC2 &&
	    (unsigned char)t[i + 1] == 0xA0 ? 2 : 0;
}

/*
 * The whole paragraph, shaped by H->sh, as boxes, glue and penalties
 * in H->li and H->hi.  Like pdfTeX's font expansion, each word of a
 * justified paragraph may be tracked a little (TRACK_STRETCH,
 * TRACK_SHRINK of its width): that room is counted in the glue after
 * it, and lay_lines.c gives it back to the letters.  More room per
 * line means spaces vary less and fewer words need a hyphen.
 */
void
lay_hlist(struct hlist *H, const struct para *p, const struct pstyle *ps)
{
	const char	*t = p->t.p;
	size_t		 i, e, len = p->t.len, end, mark, nb;
	struct hitem	 h;
	double		 w, ww = 0;
	int		 track = ps->align == A_JUSTIFY && !ps->literal;

	H->n = 0;
	H->widest_word = 0;
	/* Negative: the first line stands out of a code line's hang. */
	if (ps->indent != 0)
		push(H, LB_BOX, ps->indent, 0, 0, 0, 0, NULL);
	/* The last word: no hyphenation in it (a short last line). */
	for (end = len; end > 0 && (t[end - 1] == ' ' || t[end - 1] == '\n');
	    end--)
		continue;
	for (i = 0; i < len; i = e) {
		nb = ps->literal ? 0 : nbsp_at(t, i, len);
		if ((t[i] == ' ' && !ps->literal) || nb > 0) {
			w = space_at(H, p, i, nb > 0 ? nb : 1, &h);
			for (e = i + (nb > 0 ? nb : 1); nb == 0 && e < len &&
			    t[e] == ' '; e++)
				continue;
			if (H->n > 0 && H->li[H->n - 1].type == LB_BOX) {
				h.ty = ww * TRACK_STRETCH;
				h.tz = ww * TRACK_SHRINK;
				/* A no-break space: TeX's ~, no break there. */
				if (nb > 0)
					push(H, LB_PENALTY, 0, 0, 0, LB_INF, 0,
					    NULL);
				push(H, LB_GLUE, w, w * SPACE_STRETCH + h.ty,
				    w * SPACE_SHRINK + h.tz, 0, 0, &h);
			}
			ww = 0;
			continue;
		}
		if (t[i] == '\n') {
			push(H, LB_GLUE, 0, FILL, 0, 0, 0, NULL);
			push(H, LB_PENALTY, 0, 0, 0, -LB_INF, 0, NULL);
			e = i + 1;
			continue;
		}
		for (e = i; e < len && t[e] != '\n' && (ps->literal ||
		    (t[e] != ' ' && nbsp_at(t, e, len) == 0)); e++)
			continue;
		mark = H->n;
		word(H, p, ps, i, e, e >= end);
		for (; track && mark < H->n; mark++)
			if (lay_tracked(H->sh, p, &H->hi[mark], &H->li[mark]))
				ww += H->li[mark].width;
	}
	if (H->n > 0 && H->li[H->n - 1].type == LB_GLUE)
		H->n--;
	push(H, LB_GLUE, 0, FILL, 0, 0, 0, NULL);
	push(H, LB_PENALTY, 0, 0, 0, -LB_INF, 0, NULL);
	if (!ps->literal && (ps->align == A_JUSTIFY || ps->align == A_LEFT))
		protrusion(H, p);
}

/* H's arrays; H is empty after. */
void
lay_hlist_free(struct hlist *H)
{
	free(H->li);
	free(H->hi);
	H->li = NULL;
	H->hi = NULL;
	H->n = H->c = 0;
}
