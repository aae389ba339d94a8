/* Layout stage 4: a paragraph set into lines: lb_break() on its hlist, then runs of glyphs per line. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "layout-int.h"
#include "progress.h"
#include "util.h"

#define LINE_PENALTY	150	/* per line, in justified text */
#define PRICE_LINES	40	/* longer paragraphs are not re-set */
#define ALT_LOOSE	1.4	/* the loosest line a paragraph set a line
				   longer or shorter may have (the report
				   counts lines loose from about 1.6) */
#define EXPAND_STEP	0.01	/* letters widen in steps of 1 %, the
				   spaces take the rest: lines of one
				   width share a font matrix, so the PDF
				   sets it once instead of per line
				   (seed: 55.0 KB with 2 % tracking per
				   glyph, 45.9 KB); p95 gap unchanged */
#define GAP_DRAWN	0.05	/* a gap between two characters of a run
				   this share of the first's advance or
				   wider is drawn as a glyph, not an
				   advance: pdftotext starts a new word
				   at 0.1 em (poppler's minWordBreakSpace) */
#define TRACK_MAX_RATIO	1.25	/* so letters never spread past 5 %: 6 %
				   shows as uneven colour from line to line */

/*
 * Ready S to set paragraphs into o (fonts, arena, records), hyphenating
 * with hy (may be NULL); CJK text outside N_LANG is in cjk_lang.
 */
void
lay_setter_init(struct setter *S, struct layout *o, struct hyph *hy,
    const char *cjk_lang)
{
	memset(S, 0, sizeof(*S));
	S->out = o;
	S->sh.ks = o->store;
	S->sh.runs_ar = o->store->arena;
	S->sh.cjk_lang = cjk_lang;
	S->hl.sh = &S->sh;
	S->hl.hy = hy;
	S->hl.cjk_doc = lay_cjk_lang(pango_language_to_string(
	    pango_context_get_language(o->store->f.ctx)));
}

/* Is lang (a BCP 47 tag) Chinese or Japanese, set by their own rules? */
int
lay_cjk_lang(const char *lang)
{
	return lang != NULL && (strncmp(lang, "zh", 2) == 0 ||
	    strncmp(lang, "ja", 2) == 0) && (lang[2] == '\0' ||
	    lang[2] == '-');
}

/* The setter's own arrays; what it set stays in the layout. */
void
lay_setter_free(struct setter *S)
{
	lay_shaper_free(&S->sh);
	lay_hlist_free(&S->hl);
	arena_free(S->scratch);
}

/*
 * Does box h continue the glyphs of cur (same item and span, adjacent
 * bytes)?  Then cur takes h in.  In a right-to-left item the glyphs
 * of the bytes that follow lie to the left.
 */
static int
join(const struct shaper *S, struct hitem *cur, const struct hitem *h)
{
	if (cur->si != h->si || cur->b1 != h->b0 || cur->span != h->span)
		return 0;
	if (lay_item_rtl(S, h->si) ? h->g1 != cur->g0 : cur->g1 != h->g0)
		return 0;
	if (lay_item_rtl(S, h->si))
		cur->g0 = h->g0;
	else
		cur->g1 = h->g1;
	cur->b1 = h->b1;
	return 1;
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
	double		 sp;		/* glue set, per unit of a space's own
					   stretch or shrink */
	struct buf	 text;		/* the line's plain text */
	int		*gapg;		/* glyphs of the open run followed */
	int		*gapw;		/* by a gap this wide (Pango units), */
	unsigned char	*gapsp;		/* 1: the glyph is a space between
					   words, which the gap widens */
	size_t		 ngap, cgap;
	double		 lead;		/* a gap before the next run opened */
	double		 curlead;	/* the one before the open run */
};

/*
 * Widen glyph g of the open run by w points: the glue between two Han
 * characters (or Han and Latin) goes into the advance of the glyph
 * before it, so a justified CJK line is one run of glyphs rather than
 * a run per character, and text extraction (pdftotext) reads no word
 * gap into it.
 */
static void
gap_after(struct lbuild *lb, int g, double w)
{
	lb->gapg = xgrow(lb->gapg, &lb->cgap, lb->ngap + 1, sizeof(int));
	lb->gapw = xreallocarray(lb->gapw, lb->cgap, sizeof(int));
	lb->gapsp = xreallocarray(lb->gapsp, lb->cgap, 1);
	lb->gapg[lb->ngap] = g;
	lb->gapsp[lb->ngap] = 0;
	lb->gapw[lb->ngap++] = (int)lround(w * PANGO_SCALE);
}

/* The same after a space between words: w Pango units, maybe < 0. */
static void
space_gap(struct lbuild *lb, int g, int w)
{
	gap_after(lb, g, 0);
	lb->gapw[lb->ngap - 1] = w;
	lb->gapsp[lb->ngap - 1] = 1;
}

/* Is a gap of w Pango units after glyph i of gs too wide for an advance? */
static int
wide_gap(const PangoGlyphString *gs, int i, int w)
{
	return w > 0 && w >= GAP_DRAWN * gs->glyphs[i].geometry.width;
}

/*
 * Glyph j of gs: the font's space (glyph g), w Pango units wide,
 * starting the cluster of the character at byte cluster.
 */
static void
space_glyph(PangoGlyphString *gs, int j, hb_codepoint_t g, int w, int cluster)
{
	memset(&gs->glyphs[j], 0, sizeof(gs->glyphs[j]));
	gs->glyphs[j].glyph = g;
	gs->glyphs[j].geometry.width = w;
	gs->glyphs[j].attr.is_cluster_start = 1;
	gs->log_clusters[j] = cluster;
}

/*
 * The gaps recorded for the run r just sliced from glyphs from g0 on.
 * A narrow gap widens the advance of the glyph before it.  A wider
 * one (GAP_DRAWN of that glyph's advance or more: the spread of a
 * loose Han line, 0.1 em and more where digits or Latin words leave
 * few places to spread) would read as a word gap in pdftotext, so an
 * invisible glyph stands in it instead, in the next character's
 * cluster, which cairo then draws under /ActualText of that character
 * alone (as lead_glyph() does before a run).
 */
static void
apply_gaps(struct arena *ar, struct lbuild *lb, struct lay_run *r, int g0)
{
	PangoGlyphString	*old = r->glyphs, *gs;
	int			*gap, n = old->num_glyphs, nwide = 0, i, j;
	unsigned char		*sp;
	hb_codepoint_t		 space;
	size_t			 m;

	if (lb->ngap == 0 || n == 0)
		return;
	gap = xcalloc(n, sizeof(*gap));
	sp = xcalloc(n, 1);
	for (m = 0; m < lb->ngap; m++)
		if (lb->gapg[m] - g0 >= 0 && lb->gapg[m] - g0 < n) {
			gap[lb->gapg[m] - g0] += lb->gapw[m];
			sp[lb->gapg[m] - g0] |= lb->gapsp[m];
			r->width += (double)lb->gapw[m] / PANGO_SCALE;
		}
	lb->ngap = 0;
	/* A space's own gap widens it: it reads as a space however wide. */
	for (i = 0; i < n; i++)
		if (sp[i]) {
			old->glyphs[i].geometry.width += gap[i];
			gap[i] = 0;
		}
	free(sp);
	if (hb_font_get_nominal_glyph(pango_font_get_hb_font(
	    r->item.analysis.font), ' ', &space))
		for (i = 0; i + 1 < n; i++)
			if (wide_gap(old, i, gap[i]))
				nwide++;
	gs = nwide > 0 ? lay_glyphs_new(ar, n + nwide) : old;
	for (i = j = 0; i < n; i++, j++) {
		gs->glyphs[j] = old->glyphs[i];
		gs->log_clusters[j] = old->log_clusters[i];
		/* The character after a space glyph is in its cluster. */
		if (i > 0 && gs != old && wide_gap(old, i - 1, gap[i - 1]))
			gs->glyphs[j].attr.is_cluster_start = 0;
		if (gs == old || i + 1 == n || !wide_gap(old, i, gap[i]))
			gs->glyphs[j].geometry.width += gap[i];
		else
			space_glyph(gs, ++j, space, gap[i],
			    old->log_clusters[i + 1]);
	}
	r->glyphs = gs;
	free(gap);
}

/*
 * A gap of w points before run r that is no space between words (the
 * quarter em between Han and Latin, the spread of a justified Han
 * line): an invisible glyph, the font's space, stands in it, in the
 * cluster of the run's first character.  cairo draws a cluster of two
 * glyphs under /ActualText of its one character, and extractors take
 * that text as covering both glyphs, the gap with them: no word gap.
 */
static void
lead_glyph(struct arena *ar, struct lay_run *r, double w)
{
	PangoGlyphString	*old = r->glyphs, *gs;
	hb_codepoint_t		 g;
	int			 n = old->num_glyphs;

	if (w <= 0 || n == 0 || (r->item.analysis.level & 1) ||
	    !hb_font_get_nominal_glyph(pango_font_get_hb_font(
	    r->item.analysis.font), ' ', &g))
		return;
	/* The run's glyphs are the arena's, exactly n: a new string. */
	gs = lay_glyphs_new(ar, n + 1);
	memcpy(gs->glyphs + 1, old->glyphs, n * sizeof(*gs->glyphs));
	memcpy(gs->log_clusters + 1, old->log_clusters, n * sizeof(int));
	space_glyph(gs, 0, g, (int)lround(w * PANGO_SCALE),
	    old->log_clusters[0]);
	gs->glyphs[1].attr.is_cluster_start = 0;
	r->glyphs = gs;
	r->x -= w;
	r->width += w;
}

/*
 * Where the line through struck-out run r goes, and how thick, as its
 * font says (about half its x-height): asked here, by the layout, so
 * that pdf.c calls no Pango function that measures (a book's next
 * lecture is laid out on another thread while this one is drawn).
 */
static void
strike(struct lay_run *r)
{
	PangoFontMetrics	*m;

	m = pango_font_get_metrics(r->item.analysis.font, NULL);
	r->strike_pos = (float)pango_font_metrics_get_strikethrough_position(
	    m) / PANGO_SCALE;
	r->strike_th = (float)pango_font_metrics_get_strikethrough_thickness(
	    m) / PANGO_SCALE;
	pango_font_metrics_unref(m);
	if (r->strike_th <= 0)
		r->strike_th = 0.5f;
}

/*
 * Are the lines being set measured only (lay_measure())?  They keep no
 * runs then: their glyphs and text go to a scratch arena, let go once
 * the paragraph is set, and only what places the lines stays.
 */
static int
measured(const struct setter *S)
{
	return S->measure && !S->keep_runs;
}

/* Close the open run of lb: slice its glyphs, note its link and notes. */
static void
flush(struct setter *S, const struct para *p, const struct pstyle *ps,
    struct lbuild *lb, const char *text)
{
	struct lay_run		*r;
	const struct span	*sp;

	if (!lb->open)
		return;
	lb->open = 0;
	sp = &p->sp[lb->cur.span];
	r = &lb->runs[lb->nr++];
	lay_slice(&S->sh, r, &lb->cur, text, (sp->f & S_MONO) ||
	    lay_item_rtl(&S->sh, lb->cur.si) ? 0 : lb->f);
	apply_gaps(S->sh.runs_ar, lb, r, lb->cur.g0);
	if (sp->f & S_STRIKE)
		strike(r);
	r->turned = lay_item_turned(&S->sh, lb->cur.si);
	r->x = lb->curx;
	lead_glyph(S->sh.runs_ar, r, lb->curlead);
	lb->curlead = 0;
	r->link = sp->link;
	r->dest = sp->dest;
	r->lang = sp->lang;
	r->rise = (sp->f & S_SUP) ? SUP_RISE * ps->size :
	    (sp->f & S_SUB) ? SUB_RISE * ps->size : 0;
	if (sp->note > 0) {
		if (sp->note < lb->lo)
			lb->lo = sp->note;
		if (sp->note_last > lb->hi)
			lb->hi = sp->note_last;
	}
}

/*
 * A picture in a line: w wide, its height by its aspect, at the bidi
 * level of the item its character U+FFFC fell in.
 */
static void
image_run(struct lbuild *lb, const struct span *sp, double x, double w,
    guint8 level)
{
	struct lay_run	*r = &lb->runs[lb->nr++];

	memset(r, 0, sizeof(*r));
	r->item.analysis.level = level;
	r->img = sp->img;
	r->x = x;
	r->width = w;
	r->height = w * sp->img->ph / sp->img->pw;
	r->link = sp->link;
	r->text = "";
}

/*
 * How line ln at glue ratio r spreads its stretch (r > 0) or shrink:
 * sets lb->f (the letters' share) and lb->sp (the spaces').  The
 * glue's tracking share goes to the letters of its words, spread over
 * all of them alike; the space takes its own share.  Only in a line
 * set past TRACK_MAX_RATIO (an emergency) do the letters stop there
 * and the spaces take the rest.  Tuned on the lecture at A5
 * (tests/typo): spaces stretching 0.6, letters 2 % up to ratio 1.5
 * and hyphens at 150 gave p95 gap 1.29 with 12.7 % hyphenated lines;
 * letters allowed 6 % gave 1.27 with 11 %, but uneven colour you
 * could see.  With optical margins, tuned again on the lecture and
 * tests/corpus at A5, a4 and 6x9in: letters 4 % of the glue up to
 * ratio 1.25 (5 % at most) and hyphens at 100 (lay_hlist.c) give
 * p95 1.25 / 1.24 / 1.21 on the lecture, at most 1.27 on the corpus,
 * with no more hyphens than before (24 / 4 / 35 line ends); letters
 * at 3 % keep a4 at 1.27 to 1.29 whatever the penalties.
 */
static void
spread(const struct hlist *H, const struct para *p, const struct lb_line *ln,
    double r, struct lbuild *lb)
{
	const struct lb_item *it;
	size_t		 k;
	double		 trk = 0, boxes = 0, sp = 0, rl;

	rl = fmax(fmin(r, TRACK_MAX_RATIO), -TRACK_MAX_RATIO);
	for (k = ln->start; k < ln->end && r != 0; k++) {
		it = &H->li[k];
		if (it->type == LB_GLUE && it->stretch < FILL) {
			trk += r > 0 ? H->hi[k].ty : H->hi[k].tz;
			sp += r > 0 ? it->stretch - H->hi[k].ty :
			    it->shrink - H->hi[k].tz;
		} else if (lay_tracked(H->sh, p, &H->hi[k], it))
			boxes += it->width;
	}
	if (boxes == 0)
		rl = 0;
	else
		lb->f = round(rl * trk / boxes / EXPAND_STEP) * EXPAND_STEP;
	/* The spaces take what the letters' rounded share leaves. */
	if (sp > 0)
		sp = (r * (sp + trk) - lb->f * boxes) / sp;
	lb->sp = sp;
}

/* The hyphen a line broken at a flagged penalty ends with, at x. */
static double
hyphen_run(struct setter *S, const struct lb_line *ln, struct lbuild *lb,
    double x)
{
	const struct lb_item	*it = &S->hl.li[ln->end];
	const struct fcache	*c;
	struct lay_run		*hr;

	if (it->type != LB_PENALTY || !it->flagged || S->hl.hi[ln->end].fc < 0)
		return x;
	c = &S->sh.fc[S->hl.hi[ln->end].fc];
	hr = &lb->runs[lb->nr];
	hr->x = x;
	hr->item = *c->item;
	hr->glyphs = c->gs;
	hr->text = "-";
	hr->width = c->w;
	if (lb->nr > 0) {
		hr->link = lb->runs[lb->nr - 1].link;
		hr->lang = lb->runs[lb->nr - 1].lang;
		hr->rise = lb->runs[lb->nr - 1].rise;
		/* The hyphen ends the word, in its direction. */
		hr->item.analysis.level =
		    lb->runs[lb->nr - 1].item.analysis.level;
	}
	lb->nr++;
	buf_putc(&lb->text, '-');
	return x + c->w;
}

/*
 * How far the open run's glyphs reach (Pango units) once flush() has
 * tracked them and applied the gaps recorded so far.
 */
static int
run_advance(const struct setter *S, const struct para *p,
    const struct lbuild *lb)
{
	const PangoGlyphString	*gs = S->sh.sh[lb->cur.si].gs;
	double			 f = (p->sp[lb->cur.span].f & S_MONO) ? 0 :
				    lb->f;
	int			 g, w, adv = 0;
	size_t			 m;

	for (g = lb->cur.g0; g < lb->cur.g1; g++) {
		w = gs->glyphs[g].geometry.width;
		adv += w + (f != 0 ? (int)lround(f * w) : 0);
	}
	for (m = 0; m < lb->ngap; m++)
		if (lb->gapg[m] >= lb->cur.g0 && lb->gapg[m] < lb->cur.g1)
			adv += lb->gapw[m];
	return adv;
}

/* Glue k at ratio r: the space's glyph joins the word before it. */
static double
glue(struct setter *S, const struct para *p, const struct pstyle *ps,
    struct lbuild *lb, size_t k, double r, double x, const char *text)
{
	const struct lb_item	*it = &S->hl.li[k];
	const struct hitem	*h = &S->hl.hi[k];
	double			 y;

	/*
	 * A space inside the line goes out as a glyph too, after the
	 * word: text extraction then needs no guess.  The glue's stretch
	 * stays a gap.  Glue that is no space widens the glyph before it
	 * and keeps its run open.
	 */
	if (h->fc == FC_NOSPACE && h->si < 0 && lb->open &&
	    it->stretch < FILL && !lay_item_rtl(&S->sh, lb->cur.si)) {
		y = r > 0 ? it->stretch - h->ty : it->shrink - h->tz;
		gap_after(lb, lb->cur.g1 - 1, it->width + lb->sp * y);
		return x + it->width + lb->sp * y;
	}
	/*
	 * In a run an override turned, the space and its stretch stay
	 * inside: pdf.c draws the run as one cluster, whose text extractors
	 * read as it stands in the source, and runs for its words would be
	 * read from the left, the last word first.
	 */
	if (lb->open && h->si == lb->cur.si && it->stretch < FILL &&
	    lay_item_turned(&S->sh, h->si) && join(&S->sh, &lb->cur, h)) {
		y = r > 0 ? it->stretch - h->ty : it->shrink - h->tz;
		gap_after(lb, lb->cur.g0, lb->sp * y);
		buf_putc(&lb->text, ' ');
		return x + it->width + lb->sp * y;
	}
	/*
	 * A space between two words of one left-to-right item and span
	 * keeps the run open: its glyph joins the word before it, widened
	 * to where the next word stands, and that word goes on in the same
	 * run.  A line in one font is a run or a few, not a run a word: the
	 * layout's memory and the drawing's work went by the word.
	 */
	if (lb->open && h->si >= 0 && h->si == lb->cur.si &&
	    it->stretch < FILL && !lay_item_rtl(&S->sh, h->si) &&
	    join(&S->sh, &lb->cur, h)) {
		y = r > 0 ? it->stretch - h->ty : it->shrink - h->tz;
		x += it->width + lb->sp * y;
		/* The next word exactly where a run of its own would start. */
		space_gap(lb, lb->cur.g1 - 1, (int)lround((x - lb->curx) *
		    PANGO_SCALE) - run_advance(S, p, lb));
		if (lb->text.len > 0 && h->fc != FC_NOSPACE)
			buf_putc(&lb->text, ' ');
		return x;
	}
	lb->lead = 0;
	if (lb->open && h->si >= 0)
		join(&S->sh, &lb->cur, h);
	flush(S, p, ps, lb, text);
	if (it->stretch < FILL) {
		y = r > 0 ? it->stretch - h->ty : it->shrink - h->tz;
		x += it->width + lb->sp * y;
		if (lb->text.len > 0 && h->fc != FC_NOSPACE)
			buf_putc(&lb->text, ' ');
	}
	return x;
}

/* Box k: a picture or indent, or glyphs that open or extend a run. */
static double
box(struct setter *S, const struct para *p, const struct pstyle *ps,
    struct lbuild *lb, size_t k, double x, const char *text)
{
	const struct lb_item	*it = &S->hl.li[k];
	const struct hitem	*h = &S->hl.hi[k];

	if (h->si < 0) {	/* the first-line indent, a picture */
		flush(S, p, ps, lb, text);
		if (h->span >= 0 && p->sp[h->span].img != NULL)
			image_run(lb, &p->sp[h->span], x, it->width,
			    S->sh.sh[lay_item_at(&S->sh, h->b0)].item->
			    analysis.level);
		return x + it->width;
	}
	buf_put(&lb->text, text + h->b0, h->b1 - h->b0);
	if (!lb->open || !join(&S->sh, &lb->cur, h)) {
		/* A gap after the run's last glyph stands before the next. */
		if (lb->open && lb->ngap > 0 &&
		    lb->gapg[lb->ngap - 1] == lb->cur.g1 - 1 &&
		    !lb->gapsp[lb->ngap - 1])
			lb->lead += (double)lb->gapw[--lb->ngap] / PANGO_SCALE;
		flush(S, p, ps, lb, text);
		lb->cur = *h;
		lb->curx = x;
		lb->curlead = lb->lead;
		lb->lead = 0;
		lb->open = 1;
	}
	x += it->width;
	if (lay_tracked(&S->sh, p, h, it))
		x += lb->f * it->width;
	return x;
}

/*
 * The runs of a line, set in logical order, moved to visual order
 * (rule L2 of UAX #9, on the levels pango_itemize() gave the items):
 * from the highest level down to the lowest odd one, each stretch of
 * runs at that level or higher is mirrored within the room it takes,
 * the gaps between its runs with it.  The array stays in logical
 * order, so the PDF's content follows the text.
 */
static void
reorder(struct lay_run *runs, size_t n)
{
	size_t		 i, j, k;
	guint8		 lev, top = 0, low = UINT8_MAX;
	double		 x0, x1;

	for (i = 0; i < n; i++) {
		lev = runs[i].item.analysis.level;
		if (lev > top)
			top = lev;
		if ((lev & 1) && lev < low)
			low = lev;
	}
	for (lev = top; lev >= low; lev--)
		for (i = 0; i < n; i = j) {
			for (j = i, x0 = HUGE_VAL, x1 = -HUGE_VAL; j < n &&
			    runs[j].item.analysis.level >= lev; j++) {
				x0 = fmin(x0, runs[j].x);
				x1 = fmax(x1, runs[j].x + runs[j].width);
			}
			for (k = i; k < j; k++)
				runs[k].x = x0 + x1 - runs[k].x -
				    runs[k].width;
			if (j == i)
				j++;
		}
}

/* Are the bytes of t from a to b (none, or spaces and bidi controls) blank? */
static int
blank(const char *t, size_t a, size_t b)
{
	const char	*s = t + a;
	gunichar	 c;

	if (b < a)
		return 0;
	for (; s < t + b; s = g_utf8_next_char(s)) {
		c = g_utf8_get_char(s);
		if (!g_unichar_isspace(c) && !lay_bidi_control(c))
			return 0;
	}
	return 1;
}

/*
 * The runs of a line one override turned, in logical order, stand
 * right to left: extractors, reading letters that read left to right
 * from the left, would give their words last first ("the 经济" for
 * "经济 the").  So the runs of such a stretch stand for the text of
 * the runs they mirror (turned_off, turned_len): the leftmost for the
 * first run's, and so on; pdf.c writes it as their /ActualText.  A
 * run's text runs to the next run's (the space between is the
 * first's), without the override's own controls at either end.
 */
static void
turned_stretch(struct lay_run *runs, size_t n)
{
	size_t		 i, j, m, a, b;
	const char	*t;

	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && runs[i].turned && runs[j].turned &&
		    blank(runs[j].text, runs[j - 1].item.offset +
		    runs[j - 1].item.length, runs[j].item.offset); j++)
			;
		for (m = i; m < j && runs[i].turned; m++) {
			t = runs[m].text;
			a = runs[m].item.offset;
			b = m + 1 < j ? (size_t)runs[m + 1].item.offset :
			    a + (size_t)runs[m].item.length;
			while (a < b && lay_bidi_control(g_utf8_get_char(t + a)))
				a = g_utf8_next_char(t + a) - t;
			while (b > a && lay_bidi_control(g_utf8_get_char(
			    g_utf8_find_prev_char(t + a, t + b))))
				b = g_utf8_find_prev_char(t + a, t + b) - t;
			runs[i + j - 1 - m].turned_off = (unsigned)a;
			runs[i + j - 1 - m].turned_len = (unsigned)(b - a);
		}
	}
}

/*
 * Place the n runs of a line set x wide on the measure of ps, which
 * fill it when justified.  The alignment is logical: A_LEFT is where
 * lines start, A_RIGHT where they end.  A right-to-left line (rtl:
 * every run at an odd level or above, so reorder() mirrored it all in
 * the room its runs take) starts at the right: what was its logical
 * start, an indent or a hanging quote, moves to the right edge with
 * it, and its last line stands flush right.
 */
static void
align(struct lay_run *runs, size_t n, const struct pstyle *ps, double x,
    int rtl)
{
	double		 off = 0, x0 = HUGE_VAL, x1 = -HUGE_VAL;
	size_t		 k;

	if (ps->align == A_CENTER || ps->align == A_RIGHT) {
		off = ps->measure - x;
		if (ps->align == A_CENTER)
			off /= 2;
	}
	if (rtl) {
		/* From mirrored in place to mirrored on the measure. */
		for (k = 0; k < n; k++) {
			x0 = fmin(x0, runs[k].x);
			x1 = fmax(x1, runs[k].x + runs[k].width);
		}
		off = n > 0 ? ps->measure - x0 - x1 - off : 0;
	}
	for (k = 0; k < n; k++)
		runs[k].x += off;
}

/*
 * Line ln of the paragraph as runs in out: one run per unbroken
 * stretch of one item, glue set by the line's ratio (natural when
 * ragged).  *lo and *hi are the notes it references first.
 */
static void
set_line(struct setter *S, const struct para *p, const struct pstyle *ps,
    const struct lb_line *ln, const char *text, struct lay_line *out,
    int *lo, int *hi)
{
	struct lbuild	 lb;
	size_t		 k;
	double		 x = 0, r = ln->ratio;

	if (ps->align != A_JUSTIFY && r > 0)
		r = 0;
	memset(&lb, 0, sizeof(lb));
	spread(&S->hl, p, ln, r, &lb);
	/*
	 * At most one run per item and the hyphen, built in a scratch
	 * array: the line keeps only the runs it draws (a run per word,
	 * not per break item; on a 30 MB lecture that was over half the
	 * layout's memory).
	 */
	lb.runs = xcalloc(ln->end - ln->start + 2, sizeof(*lb.runs));
	lb.lo = INT32_MAX;
	/* A line starting with a quote or dash hangs it into the margin. */
	if (ln->start < ln->end && S->hl.li[ln->start].type == LB_BOX)
		x = -S->hl.li[ln->start].protrude;
	for (k = ln->start; k < ln->end; k++) {
		if (S->hl.li[k].type == LB_GLUE)
			x = glue(S, p, ps, &lb, k, r, x, text);
		else if (S->hl.li[k].type == LB_BOX)
			x = box(S, p, ps, &lb, k, x, text);
	}
	flush(S, p, ps, &lb, text);
	x = hyphen_run(S, ln, &lb, x);
	turned_stretch(lb.runs, lb.nr);
	reorder(lb.runs, lb.nr);
	/* Its width on the measure: what hangs at its end is past it. */
	out->width = x - S->hl.li[ln->end].protrude;
	out->ratio = r;
	out->hyphenated = ln->hyphenated;
	if (measured(S)) {
		out->runs = NULL;
		out->nruns = 0;
		out->text = "";
	} else {
		out->runs = arena_alloc(S->sh.ks->arena, (lb.nr ? lb.nr : 1) *
		    sizeof(*out->runs));
		memcpy(out->runs, lb.runs, lb.nr * sizeof(*out->runs));
		out->nruns = lb.nr;
		out->text = arena_strdup(S->sh.ks->arena, lb.text.p ?
		    lb.text.p : "");
		align(out->runs, out->nruns, ps, x, S->sh.rtl);
	}
	free(lb.runs);
	out->role = ps->role;
	buf_free(&lb.text);
	free(lb.gapg);
	free(lb.gapw);
	free(lb.gapsp);
	*lo = lb.lo;
	*hi = lb.hi;
	out->para = S->cur + 1;
	out->overfull = ln->overfull;
	for (k = ln->start; k < ln->end; k++)
		if (S->hl.li[k].type == LB_BOX && S->hl.hi[k].span >= 0)
			break;
	out->pos = lay_src_pos(p, k < ln->end ? S->hl.hi[k].b0 : 0);
	out->word = lay_src_word(p, k < ln->end ? S->hl.hi[k].b0 : p->t.len,
	    &out->word_off);
	if (ln->overfull)
		diag(&out->pos, D_OVERFULL_LINE);
}

/* A record of the paragraph about to be set, for the report. */
static void
new_para(struct setter *S, const struct para *p, const struct pstyle *ps)
{
	struct layout	*o = S->out;
	struct lay_para	*lp;
	char		 num[32];

	o->paras = xgrow(o->paras, &o->cparas, o->nparas + 1,
	    sizeof(*o->paras));
	S->cur = o->nparas++;
	progress_show("laying out: paragraph %s",
	    progress_count(o->nparas, num));
	lp = &o->paras[S->cur];
	memset(lp, 0, sizeof(*lp));
	lp->pos = lay_src_pos(p, 0);
	lp->role = ps->role;
	lp->justified = ps->align == A_JUSTIFY && !ps->literal;
	S->hl.rec = lp;
}

/* The loosest line of r. */
static double
loosest_line(const struct lb_result *r)
{
	double	 m = 0;
	size_t	 k;

	for (k = 0; k + 1 < r->nlines; k++)
		if (r->lines[k].ratio > m)
			m = r->lines[k].ratio;
	return m;
}

/*
 * What setting the current paragraph a line shorter or longer would
 * cost in demerits (lay_para's price), for the page builder to choose
 * the cheapest when a page comes up short (layout.c's balance).  Body
 * text of two lines or more, set at its optimum (res, with params
 * lp); a setting with a line looser than ALT_LOOSE (and than the
 * optimum's loosest) is no choice: a page a line short is better
 * than a loose line in a paragraph.
 */
static void
price_looseness(struct setter *S, const struct pstyle *ps,
    const struct lb_params *lp, const struct lb_result *res)
{
	struct lay_para		*rec = &S->out->paras[S->cur];
	struct lb_params	 alt = *lp;
	struct lb_result	 r;
	int			 k;

	rec->loose = lp->looseness;
	rec->price[0] = rec->price[1] = HUGE_VAL;
	/* A paragraph past PRICE_LINES lines is never re-set: the
	   search over every line count would grow with its square. */
	if (ps->role != LR_BODY || ps->literal || lp->looseness != 0 ||
	    res->nlines < 2 || res->nlines > PRICE_LINES)
		return;
	for (k = 0; k < 2; k++) {
		alt.looseness = k == 0 ? -1 : 1;
		if (lb_break(S->hl.li, S->hl.n, &ps->measure, 1, &alt,
		    &r) == 0 && r.pass == 1 &&
		    (long)r.nlines == (long)res->nlines + alt.looseness &&
		    loosest_line(&r) <= fmax(ALT_LOOSE, loosest_line(res)))
			rec->price[k] = r.demerits - res->demerits;
		lb_result_free(&r);
	}
}

/*
 * Done with the paragraph's glyphs; a measured one's runs go too, and
 * the next paragraph's runs go to the layout's arena unless it is
 * measured again.
 */
static void
unshape(struct setter *S)
{
	lay_unshape(&S->sh);
	if (S->sh.runs_ar != S->sh.ks->arena) {
		arena_reset(S->scratch);
		S->sh.runs_ar = S->sh.ks->arena;
	}
}

/*
 * Set a gathered paragraph into pl: shape, break with lb_break, build
 * lines (in the layout's arena).  Lines have x relative to the column
 * and y 0.  An empty paragraph has no lines.
 */
void
lay_set_para(struct setter *S, const struct para *p, const struct pstyle *ps,
    struct plines *pl)
{
	struct lb_params	 lp;
	struct lb_result	 res;
	struct arena		*ar = S->sh.ks->arena;
	const char		*text;
	size_t			 k;
	int			 loose = 0;

	memset(pl, 0, sizeof(*pl));
	if (p->t.len == 0)
		return;
	new_para(S, p, ps);
	if (S->loose != NULL && S->cur < S->nloose)
		loose = S->loose[S->cur];
	if (lay_pcache_get(S, p, ps, loose, pl))
		return;
	lay_shape(&S->sh, p, ps);
	lay_hlist(&S->hl, p, ps);
	if (measured(S)) {
		if (S->scratch == NULL)
			S->scratch = arena_new();
		S->sh.runs_ar = S->scratch;
	}
	text = arena_strndup(S->sh.runs_ar, p->t.p, p->t.len);
	lb_params_default(&lp);
	lp.max_hyphen_run = 2;
	/*
	 * With tracking in the glue (lay_hlist()), a hyphen costs more
	 * than TeX's 50 and each line more than its 10: measured on the
	 * lecture (tests/typo, A5 / a4 / 6x9in), the p95 gap over the
	 * median went from 1.34 / 1.21 / 1.28 to 1.27 / 1.26 / 1.29 and
	 * hyphenated line ends from 61 / 19 / 61 to 22 / 1 / 20 (31 % to
	 * 11 % at A5); no line loose or overfull.  Hyphen penalties from
	 * 100 to 300 trade the two figures against each other; a higher
	 * line penalty favours fewer, fuller lines over hyphens.  (Now
	 * 100, with more tracking: see spread().)
	 */
	if (ps->align == A_JUSTIFY && !ps->literal)
		lp.line_penalty = LINE_PENALTY;
	lp.looseness = loose;
	/* Chinese and Japanese are set solid: no wider spacing sought. */
	if (S->hl.cjk_doc)
		lp.ideal_ratio = 0;
	if (lb_break(S->hl.li, S->hl.n, &ps->measure, 1, &lp, &res) == -1) {
		unshape(S);
		return;
	}
	price_looseness(S, ps, &lp, &res);
	pl->n = res.nlines;
	pl->lines = arena_alloc(ar, pl->n * sizeof(*pl->lines));
	pl->lo = arena_alloc(ar, pl->n * sizeof(int));
	pl->hi = arena_alloc(ar, pl->n * sizeof(int));
	S->out->paras[S->cur].nlines = res.nlines;
	for (k = 0; k < res.nlines; k++) {
		set_line(S, p, ps, &res.lines[k], text, &pl->lines[k],
		    &pl->lo[k], &pl->hi[k]);
		pl->lines[k].pline = k;
	}
	lb_result_free(&res);
	unshape(S);
	lay_pcache_put(S, p, ps, loose, pl);
}

/*
 * Set a string from the source at like->pos, in like's look (tabs and
 * line ends are spaces), into pl.
 */
void
lay_set_text(struct setter *S, const char *text, const struct span *like,
    const struct meta *m, const struct pstyle *ps, struct plines *pl)
{
	struct para	 p;

	memset(&p, 0, sizeof(p));
	lay_para_add_text(&p, text, like, m);
	/* Markers, running heads, front matter: their runs are kept. */
	S->keep_runs++;
	lay_set_para(S, &p, ps, pl);
	S->keep_runs--;
	lay_para_free(&p);
}
