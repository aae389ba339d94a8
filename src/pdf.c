/* The print PDF: draws laid-out pages with cairo; outline, links, tags, labels. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-ft.h>
#include <pango/pangocairo.h>

#include "course.h"
#include "diag.h"
#include "fonts.h"
#include "layout.h"
#include "lectern.h"
#include "output.h"
#include "tree.h"
#include "pdfpost.h"
#include "progress.h"
#include "util.h"

#define MAXDEPTH	64	/* structure nesting we keep open */
#define MAXLEVEL	7	/* outline levels: the title and h1..h6 */
#define OVERRIDE_RTL	"\xe2\x80\xae"	/* U+202E, in UTF-8 */
#define OVERRIDE_END	"\xe2\x80\xac"	/* U+202C */
#define OVERRIDE_LEN	3
#define SHADOW_RISE	(1.0 / 64)	/* the second carrier space stands
					   this much higher (colour_text()) */
#define MARK_NUDGE	(1.0 / 64)	/* a mark's origin this far before
					   the next glyph's (marks_before_next()) */
#define MARK_PULL	0.5		/* the furthest a mark moves */

/*
 * An element pdf.c adds to the layout's: a list label, a span in
 * another language, an inline picture's Figure, a link, an artifact.
 * Its struct lay_elem comes first, so enter() can chain through it.
 */
struct mark {
	struct lay_elem	 e;
	const char	*attrs;		/* a Link's cairo attributes */
};

/* A picture of the source with its alternate text, in reading order. */
struct alt {
	const char	*path;
	const char	*alt;
	int		 used;
};

/*
 * Text waiting to be shown: the glyphs of consecutive runs drawn left
 * to right in one font at one width, shown with one call.  Each show
 * is an operation cairo records, measures for its page's analysis and
 * replays, and a run is a word: showing them together took the
 * 500-lecture book of tests/tools/course.sh from 15.6 s to 13.2 s.
 * Glyph positions are absolute, so the gaps between the words stay as
 * they were.  Anything else drawn or tagged flushes the batch first
 * (text_flush()), so the PDF's order is the drawing order.
 */
struct text_batch {
	cairo_scaled_font_t	*sf;		/* referenced, or NULL */
	double			 expand;
	cairo_glyph_t		*glyphs;
	size_t			 nglyphs, cglyphs;
	cairo_text_cluster_t	*clusters;
	size_t			 nclusters, cclusters;
	struct buf		 text;
};

/* The drawing state: which structure elements are open. */
struct pdf {
	cairo_surface_t		*surf;
	cairo_t			*cr;
	const struct lay_elem	*open[MAXDEPTH];
	struct pdfpost_elem	*orec[MAXDEPTH];	/* their records */
	int			 nopen;
	struct pdfpost		 post;	/* what post-processing adds */
	struct arena		*ar;	/* marks */
	const char		*lang;	/* the document's */
	struct alt		*alts;
	size_t			 nalts, calts;
	struct fonts_cut	*cut;	/* the fonts, cut to what is drawn */
	GHashTable		*mixed;	/* see mixed_elems() */
	int			 last_page;	/* of a book's lecture: its
						   Part ends on this page */
	cairo_scaled_font_t	*carrier;	/* the last text font drawn,
						   referenced: see colour_text() */
	hb_codepoint_t		 carrier_space;	/* its space glyph */
	struct text_batch	 batch;
};

static void	text_flush(struct pdf *);

/* End open structure elements until depth remain. */
static void
close_to(struct pdf *p, int depth)
{
	if (p->nopen > depth)
		text_flush(p);
	while (p->nopen > depth) {
		p->nopen--;
		cairo_tag_end(p->cr, p->open[p->nopen]->tag);
	}
}

/* Begin element e in cairo and record it for post-processing. */
static void
begin(struct pdf *p, const struct lay_elem *e)
{
	const char	*attrs = NULL;

	if (strcmp(e->tag, CAIRO_TAG_LINK) == 0)
		attrs = ((const struct mark *)e)->attrs;
	text_flush(p);
	cairo_tag_begin(p->cr, e->tag, attrs);
	p->orec[p->nopen] = pdfpost_elem(&p->post, e->tag);
	p->open[p->nopen++] = e;
}

/*
 * Make e the innermost open structure element: close what is not its
 * ancestor, open what is missing.  An element closed at a page end and
 * entered again starts a new element of the same kind.
 */
static void
enter(struct pdf *p, const struct lay_elem *e)
{
	const struct lay_elem	*chain[MAXDEPTH];
	int			 d, td;

	if (e == NULL || e->depth >= MAXDEPTH)
		return;
	td = e->depth;
	for (d = td; e != NULL && d >= 0; e = e->parent, d--)
		chain[d] = e;
	d = 0;
	while (d < p->nopen && d <= td && p->open[d] == chain[d])
		d++;
	close_to(p, d);
	for (; d <= td; d++)
		begin(p, chain[d]);
}

/* The record of the innermost open element. */
static struct pdfpost_elem *
innermost(struct pdf *p)
{
	return p->nopen > 0 ? p->orec[p->nopen - 1] : NULL;
}

/* A new element of ours, tag under parent (NULL: a root). */
static const struct lay_elem *
mark(struct pdf *p, const char *tag, const struct lay_elem *parent,
    const char *attrs)
{
	struct mark	*m = arena_alloc(p->ar, sizeof(*m));

	m->e.tag = tag;
	m->e.parent = parent;
	m->e.depth = parent != NULL ? parent->depth + 1 : 0;
	m->attrs = attrs;
	return &m->e;
}

/* The nearest ancestor of e (or e) tagged tag, or NULL. */
static const struct lay_elem *
ancestor(const struct lay_elem *e, const char *tag)
{
	for (; e != NULL; e = e->parent)
		if (strcmp(e->tag, tag) == 0)
			return e;
	return NULL;
}

/* The alternate text of the next unused picture drawn from path. */
static const char *
alt_text(struct pdf *p, const char *path)
{
	size_t	 i;

	for (i = 0; i < p->nalts; i++)
		if (!p->alts[i].used && path != NULL &&
		    strcmp(p->alts[i].path, path) == 0) {
			p->alts[i].used = 1;
			return p->alts[i].alt;
		}
	return NULL;
}

/* Every picture of the tree, in order, for alt_text(). */
static void
collect_alts(struct pdf *p, const struct node *n)
{
	const struct node	*c;

	if (n->kind == N_IMAGE && n->u.img.path != NULL) {
		p->alts = xgrow(p->alts, &p->calts, p->nalts + 1,
		    sizeof(*p->alts));
		p->alts[p->nalts].path = n->u.img.path;
		p->alts[p->nalts].alt = n->u.img.alt;
		p->alts[p->nalts++].used = 0;
	}
	for (c = n->first; c != NULL; c = c->next)
		collect_alts(p, c);
}

/* The line through struck-out run r, where the layout put it. */
static void
strike(struct pdf *p, const struct lay_line *ln, const struct lay_run *r)
{
	text_flush(p);
	cairo_new_path(p->cr);
	cairo_rectangle(p->cr, ln->x + r->x, ln->y - r->rise - r->strike_pos -
	    r->strike_th / 2.0, r->width, r->strike_th);
	cairo_fill(p->cr);
}

/*
 * Select sf, widened by expand of its size (a justified line's font
 * expansion, as pdfTeX's): the glyphs then stand where their widened
 * advances put them, so the PDF needs no adjustment per glyph, only
 * the text matrix.  cairo keeps one font subset for every width.
 */
static void
set_expanded(struct pdf *p, cairo_scaled_font_t *sf, double expand)
{
	cairo_matrix_t		 fm, ctm;
	cairo_font_options_t	*fo;
	cairo_scaled_font_t	*wide;

	if (expand == 0) {
		cairo_set_scaled_font(p->cr, sf);
		return;
	}
	cairo_scaled_font_get_font_matrix(sf, &fm);
	cairo_scaled_font_get_ctm(sf, &ctm);
	fo = cairo_font_options_create();
	cairo_scaled_font_get_font_options(sf, fo);
	fm.xx *= 1 + expand;
	fm.yx *= 1 + expand;
	wide = cairo_scaled_font_create(cairo_scaled_font_get_font_face(sf),
	    &fm, &ctm, fo);
	cairo_set_scaled_font(p->cr, wide);
	cairo_scaled_font_destroy(wide);
	cairo_font_options_destroy(fo);
}

/* Show the text waiting in p's batch, if any. */
static void
text_flush(struct pdf *p)
{
	struct text_batch	*b = &p->batch;

	if (b->sf == NULL)
		return;
	set_expanded(p, b->sf, b->expand);
	cairo_show_text_glyphs(p->cr, b->text.p, (int)b->text.len, b->glyphs,
	    (int)b->nglyphs, b->clusters, (int)b->nclusters, 0);
	cairo_scaled_font_destroy(b->sf);
	b->sf = NULL;
	b->nglyphs = b->nclusters = b->text.len = 0;
}

/*
 * Add n glyphs cg of font sf widened by expand, with the nc clusters cc
 * over the tlen bytes of text (left to right), to p's batch.
 */
static void
text_add(struct pdf *p, cairo_scaled_font_t *sf, double expand,
    const char *text, size_t tlen, const cairo_glyph_t *cg, int n,
    const cairo_text_cluster_t *cc, int nc)
{
	struct text_batch	*b = &p->batch;

	if (b->sf != NULL && (b->sf != sf || b->expand != expand))
		text_flush(p);
	if (b->sf == NULL) {
		b->sf = cairo_scaled_font_reference(sf);
		b->expand = expand;
	}
	b->glyphs = xgrow(b->glyphs, &b->cglyphs, b->nglyphs + (size_t)n,
	    sizeof(*b->glyphs));
	memcpy(b->glyphs + b->nglyphs, cg, (size_t)n * sizeof(*cg));
	b->nglyphs += (size_t)n;
	b->clusters = xgrow(b->clusters, &b->cclusters, b->nclusters +
	    (size_t)nc, sizeof(*b->clusters));
	memcpy(b->clusters + b->nclusters, cc, (size_t)nc * sizeof(*cc));
	b->nclusters += (size_t)nc;
	buf_put(&b->text, text, tlen);
}

/* Let go of p's batch (flushed, or abandoned with the drawing). */
static void
text_free(struct pdf *p)
{
	struct text_batch	*b = &p->batch;

	if (b->sf != NULL)
		cairo_scaled_font_destroy(b->sf);
	free(b->glyphs);
	free(b->clusters);
	buf_free(&b->text);
	memset(b, 0, sizeof(*b));
}

/*
 * Paint a picture through a form of its own, which holds the picture:
 * cairo 1.16 names a picture in the page's resources once per paint, so
 * the same picture painted twice on a page gave a dictionary with a
 * duplicated key.  The picture itself is still embedded once.
 */
static void
paint_picture(cairo_t *cr, const struct lay_image *img)
{
	cairo_rectangle_t	 box = { 0, 0, img->pw, img->ph };
	cairo_surface_t		*form;
	cairo_t			*fcr;

	form = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &box);
	fcr = cairo_create(form);
	cairo_set_source_surface(fcr, img->surf, 0, 0);
	cairo_paint(fcr);
	cairo_destroy(fcr);
	cairo_set_source_surface(cr, form, 0, 0);
	cairo_paint(cr);
	cairo_surface_destroy(form);
}

/*
 * The n bytes of a right-to-left cluster's text, its characters put in
 * the order they are drawn: a glyph standing for several characters (a
 * lam-alef, the ligature of Allah) maps to them reversed.  Extractors
 * read right-to-left text as drawn and turn each word around (rule L2
 * of UAX #9 over the glyphs' text): without this they turned the
 * ligature's letters around with it, and pdftotext read "الأول" as
 * "ا ألول" and "الله" as "اهلل".
 */
static void
reverse_cluster(char *s, size_t n)
{
	char	*rev;

	if (n < 2 || g_utf8_strlen(s, n) < 2)
		return;
	rev = g_utf8_strreverse(s, n);
	memcpy(s, rev, n);
	g_free(rev);
}

/*
 * A right-to-left cluster c over text s: one glyph for several
 * characters maps to them reversed (reverse_cluster()).  Each cluster
 * keeps its own glyphs: a glyph in a cluster of several gets no
 * ToUnicode entry of its own, and MuPDF, which reads no /ActualText,
 * then gives U+FFFD for it.  So a lam with the alef it carries (two
 * glyphs, the alef of no advance) stays two clusters, and plain
 * pdftotext cuts the word at the alef (tests/tools/parity joins it).
 */
static void
rtl_cluster(char *s, const cairo_text_cluster_t *c)
{
	if (c->num_glyphs == 1)
		reverse_cluster(s, c->num_bytes);
}

/*
 * Marks of no advance in a run drawn left to right (a Thai vowel or
 * tone mark over its letter) whose origin stands at or a hair past the
 * next glyph's (the font draws them leftwards, over their letter):
 * moved to just before it.  Extractors order a line's characters by
 * their origins, and pdftotext read "มีระดับ" as "มรี ะดับ", the mark
 * after the next letter and the word cut there.  The move is at most
 * MARK_PULL: nothing a reader sees.  (Right to left, the alef a lam
 * carries stands on the lam's left edge; moved inside, pdftotext still
 * cut "الأول" there, so it stays.)  cg holds the n glyphs drawn, g the
 * run's (empty ones, never marks, are not drawn).
 */
static void
marks_before_next(const PangoGlyphString *g, cairo_glyph_t *cg, int n)
{
	int	 i, k = 0;

	for (i = 0; i < g->num_glyphs && k < n; i++) {
		const PangoGlyphInfo *gl = &g->glyphs[i];

		if (gl->glyph == PANGO_GLYPH_EMPTY ||
		    (gl->glyph & PANGO_GLYPH_UNKNOWN_FLAG))
			continue;
		if (gl->geometry.width == 0 && k + 1 < n &&
		    cg[k].x >= cg[k + 1].x - MARK_NUDGE &&
		    cg[k].x - cg[k + 1].x < MARK_PULL)
			cg[k].x = cg[k + 1].x - MARK_NUDGE;
		k++;
	}
}

/*
 * Glyphs of run r at (x, y) in the cut font sf, with the text they show
 * (cluster by cluster, as pango_cairo_show_glyph_item() gives it) so
 * that cairo writes the ToUnicode map from it.  Empty and unknown
 * glyphs are not drawn, as in Pango.  A run an override set right to
 * left is one cluster, drawn from the left: cairo writes its text, in
 * logical order, as the /ActualText of all its glyphs, and extractors
 * read the characters, not the turned letters.
 */
static void
show_cut(struct pdf *p, cairo_scaled_font_t *sf, const struct lay_run *r,
    PangoGlyphItem *gi, double x, double y)
{
	char			*text;
	const PangoGlyphString	*g = r->glyphs;
	PangoGlyphItemIter	 it;
	cairo_glyph_t		*cg;
	cairo_text_cluster_t	*cc;
	int			 i, n = 0, nc = 0, pos = 0, lo, hi, k, off;
	size_t			 tlen;
	int			 backward = r->item.analysis.level & 1;

	cg = xreallocarray(NULL, (size_t)g->num_glyphs + 1, sizeof(*cg));
	cc = xreallocarray(NULL, (size_t)g->num_glyphs + 1, sizeof(*cc));
	for (i = 0; i < g->num_glyphs; i++) {
		const PangoGlyphInfo *gl = &g->glyphs[i];

		if (gl->glyph != PANGO_GLYPH_EMPTY &&
		    !(gl->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
			cg[n].index = gl->glyph;
			cg[n].x = x + (double)(pos + gl->geometry.x_offset) /
			    PANGO_SCALE;
			cg[n].y = y + (double)gl->geometry.y_offset /
			    PANGO_SCALE;
			n++;
		}
		pos += gl->geometry.width;
	}
	if (!backward)
		marks_before_next(g, cg, n);
	text = xmalloc(MAX(r->turned_len + 2 * OVERRIDE_LEN,
	    (size_t)r->item.length) + 1);
	memcpy(text, r->text + r->item.offset, r->item.length);
	tlen = r->item.length;
	if (pango_glyph_item_iter_init_start(&it, gi, r->text)) {
		do {
			lo = MIN(it.start_glyph, it.end_glyph + 1);
			hi = MAX(it.start_glyph + 1, it.end_glyph);
			cc[nc].num_bytes = it.end_index - it.start_index;
			cc[nc].num_glyphs = backward ?
			    it.start_glyph - it.end_glyph :
			    it.end_glyph - it.start_glyph;
			for (k = lo; k < hi; k++)
				if (g->glyphs[k].glyph == PANGO_GLYPH_EMPTY ||
				    (g->glyphs[k].glyph &
				    PANGO_GLYPH_UNKNOWN_FLAG))
					cc[nc].num_glyphs--;
			nc++;
		} while (pango_glyph_item_iter_next_cluster(&it) &&
		    nc <= g->num_glyphs);
	}
	if (r->turned) {
		/*
		 * One cluster, drawn from the left, over the text the run
		 * stands for (turned_stretch()): cairo writes it as the
		 * /ActualText of all its glyphs, and extractors read the
		 * characters in their order, not the letters as they
		 * stand.  The override's own controls (U+202E, U+202C)
		 * wrap it, as in the source: a reader that orders a
		 * line's runs again (the bidi algorithm over what it
		 * extracted) then keeps these as they are, one run right
		 * to left, where letters that read left to right would
		 * otherwise make a run of their own.
		 */
		memcpy(text, OVERRIDE_RTL, OVERRIDE_LEN);
		memcpy(text + OVERRIDE_LEN, r->text + r->turned_off,
		    r->turned_len);
		memcpy(text + OVERRIDE_LEN + r->turned_len, OVERRIDE_END,
		    OVERRIDE_LEN);
		tlen = r->turned_len + 2 * OVERRIDE_LEN;
		cc[0].num_bytes = (int)tlen;
		cc[0].num_glyphs = n;
		nc = n > 0 || tlen > 0;
		backward = 0;
	} else if (backward)
		for (i = 0, off = 0; i < nc; off += cc[i++].num_bytes)
			rtl_cluster(text + off, &cc[i]);
	if (backward || r->turned) {
		text_flush(p);
		set_expanded(p, sf, r->expand);
		cairo_show_text_glyphs(p->cr, text, (int)tlen, cg, n, cc, nc,
		    backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0);
	} else
		text_add(p, sf, r->expand, text, tlen, cg, n, cc, nc);
	free(text);
	free(cg);
	free(cc);
}

/*
 * Which glyphs of g cairo 1.16 paints as images: those FreeType loads
 * as BGRA pixels (the emoji of fonts-noto-color-emoji).  NULL when the
 * face has no colour glyph, else one flag per glyph.
 */
static char *
colour_glyphs(cairo_scaled_font_t *sf, const PangoGlyphString *g)
{
	FT_Face	 face;
	char	*colour = NULL;
	int	 i;
	unsigned gl;

	if (cairo_scaled_font_get_type(sf) != CAIRO_FONT_TYPE_FT ||
	    (face = cairo_ft_scaled_font_lock_face(sf)) == NULL)
		return NULL;
	if (FT_HAS_COLOR(face)) {
		colour = xcalloc((size_t)g->num_glyphs + 1, 1);
		for (i = 0; i < g->num_glyphs; i++) {
			gl = g->glyphs[i].glyph;
			colour[i] = gl != PANGO_GLYPH_EMPTY &&
			    !(gl & PANGO_GLYPH_UNKNOWN_FLAG) &&
			    FT_Load_Glyph(face, gl, FT_LOAD_COLOR) == 0 &&
			    face->glyph->format == FT_GLYPH_FORMAT_BITMAP &&
			    face->glyph->bitmap.pixel_mode ==
			    FT_PIXEL_MODE_BGRA;
		}
	}
	cairo_ft_scaled_font_unlock_face(sf);
	return colour;
}

/* Is some glyph of [lo, hi) painted as an image? */
static int
colour_cluster(const char *colour, int lo, int hi)
{
	for (; lo < hi; lo++)
		if (colour[lo])
			return 1;
	return 0;
}

/* Are the glyphs [lo, hi) of g all empty (nothing drawn)? */
static int
blank_cluster(const PangoGlyphString *g, int lo, int hi)
{
	for (; lo < hi; lo++)
		if (g->glyphs[lo].glyph != PANGO_GLYPH_EMPTY)
			return 0;
	return 1;
}

/* The text [b0, b1) of a run drawn as colour glyphs from x0 to x1. */
struct shadow {
	int	 b0, b1;
	double	 x0, x1;
};

/*
 * Draw the carrier's two spaces (selected, glyph space of advance adv)
 * over shadow sh at baseline y, mapped to its text; then empty sh.
 */
static void
shadow_flush(struct pdf *p, const struct lay_run *r, struct shadow *sh,
    hb_codepoint_t space, double adv, double y)
{
	cairo_glyph_t		 cg[2];
	cairo_text_cluster_t	 cc = { 0, 2 };

	if (sh->b1 <= sh->b0)
		return;
	cg[0].index = cg[1].index = space;
	cg[0].x = sh->x0;
	cg[1].x = MAX(sh->x0, sh->x1 - adv);
	cg[0].y = y;
	cg[1].y = y + SHADOW_RISE;
	cc.num_bytes = sh->b1 - sh->b0;
	cairo_show_text_glyphs(p->cr, r->text + sh->b0, cc.num_bytes, cg, 2,
	    &cc, 1, 0);
	sh->b0 = sh->b1 = 0;
}

/* How much of its width the space carrying colour glyphs' text keeps. */
#define SHADOW_WIDTH	0.01

/*
 * Remember sf, a font without colour glyphs that run r drew with, as
 * the carrier of the next colour glyphs' text.
 */
static void
carrier_set(struct pdf *p, cairo_scaled_font_t *sf, const struct lay_run *r)
{
	hb_codepoint_t	 space;

	if (sf == p->carrier || !hb_font_get_nominal_glyph(
	    pango_font_get_hb_font(r->item.analysis.font), ' ', &space))
		return;
	cairo_scaled_font_destroy(p->carrier);
	p->carrier = cairo_scaled_font_reference(sf);
	p->carrier_space = space;
}

/*
 * Select the carrier's face at the size of colour font sf, squeezed to
 * SHADOW_WIDTH of its width; sets *space to its space glyph and *adv
 * to that glyph's advance.  Without a carrier yet (a title of emoji
 * alone), sf's own space carries the text (the colour font's tall box
 * then makes it a line of its own for extractors).
 */
static void
carrier_select(struct pdf *p, cairo_scaled_font_t *sf, hb_codepoint_t own,
    hb_codepoint_t *space, double *adv)
{
	cairo_scaled_font_t	*base = p->carrier != NULL ? p->carrier : sf;
	cairo_scaled_font_t	*thin;
	cairo_font_options_t	*fo;
	cairo_matrix_t		 fm, ctm;
	cairo_text_extents_t	 ext;
	cairo_glyph_t		 g = { 0, 0, 0 };

	*space = p->carrier != NULL ? p->carrier_space : own;
	cairo_scaled_font_get_font_matrix(sf, &fm);
	cairo_scaled_font_get_ctm(base, &ctm);
	fm.xx *= SHADOW_WIDTH;
	fm.yx *= SHADOW_WIDTH;
	fo = cairo_font_options_create();
	cairo_scaled_font_get_font_options(base, fo);
	thin = cairo_scaled_font_create(cairo_scaled_font_get_font_face(base),
	    &fm, &ctm, fo);
	g.index = *space;
	cairo_scaled_font_glyph_extents(thin, &g, 1, &ext);
	*adv = ext.x_advance;
	cairo_set_scaled_font(p->cr, thin);
	cairo_scaled_font_destroy(thin);
	cairo_font_options_destroy(fo);
}

/*
 * The text of run r's colour glyphs, which cairo paints as images and
 * so leaves out of the PDF's text: over each cluster of them, a
 * cluster of two blank glyphs (the space of the last text font, the
 * carrier) at the cluster's two ends, mapped to its characters.  cairo
 * writes a cluster of two glyphs under /ActualText, and extractors
 * spread that text over the span from the first glyph to the end of
 * the second, so "👍🏽" reads as one word where it is drawn and a space
 * between two emoji stays a gap.  The space is squeezed to
 * SHADOW_WIDTH of its width so that the span ends where the emoji
 * does.  The two glyphs must stand apart both ways: cairo measures a
 * show by the box of its glyphs' inked boxes rounded out to whole
 * units, and drops it as drawing nothing when that box is empty.  Of
 * blank glyphs the box is that of their positions, empty across when
 * both round to one x, and empty upwards when the baseline falls on a
 * whole point (to cairo's 1/256): so the second stands SHADOW_RISE
 * higher, which no extractor sees.  A run in
 * a font without colour glyphs becomes the carrier.  Every cut keeps
 * the space (fonts.c).
 */
static void
colour_text(struct pdf *p, cairo_scaled_font_t *sf, const struct lay_run *r,
    PangoGlyphItem *gi, double x, double y)
{
	const PangoGlyphString	*g = r->glyphs;
	PangoGlyphItemIter	 it;
	char			*colour;
	double			*at, adv;
	hb_codepoint_t		 own, space;
	int			 i, lo, hi;
	struct shadow		 sh = { 0, 0, 0, 0 };

	/* The carrier is known to have none: no face to lock per run. */
	if (sf == p->carrier)
		return;
	if ((colour = colour_glyphs(sf, g)) == NULL) {
		carrier_set(p, sf, r);
		return;
	}
	if (!hb_font_get_nominal_glyph(pango_font_get_hb_font(
	    r->item.analysis.font), ' ', &own)) {
		free(colour);
		return;
	}
	/* Where each glyph starts, in the order drawn. */
	at = xreallocarray(NULL, (size_t)g->num_glyphs + 1, sizeof(*at));
	at[0] = x;
	for (i = 0; i < g->num_glyphs; i++)
		at[i + 1] = at[i] + (double)g->glyphs[i].geometry.width /
		    PANGO_SCALE;
	text_flush(p);
	carrier_select(p, sf, own, &space, &adv);
	if (pango_glyph_item_iter_init_start(&it, gi, r->text)) {
		do {
			lo = MIN(it.start_glyph, it.end_glyph + 1);
			hi = MAX(it.start_glyph + 1, it.end_glyph);
			if (colour_cluster(colour, lo, hi)) {
				shadow_flush(p, r, &sh, space, adv, y);
				sh = (struct shadow){ it.start_index,
				    it.end_index, at[lo], at[hi] };
			} else if (sh.b1 > sh.b0 && blank_cluster(g, lo, hi) &&
			    (it.start_index == sh.b1 || it.end_index == sh.b0)) {
				/* A variation selector's empty glyph. */
				sh.b0 = MIN(sh.b0, it.start_index);
				sh.b1 = MAX(sh.b1, it.end_index);
			} else
				shadow_flush(p, r, &sh, space, adv, y);
		} while (pango_glyph_item_iter_next_cluster(&it));
	}
	shadow_flush(p, r, &sh, space, adv, y);
	free(colour);
	free(at);
}

static void
draw_run(struct pdf *p, const struct lay_line *ln, const struct lay_run *r)
{
	PangoGlyphItem	 gi;
	PangoItem	 item = r->item;
	cairo_scaled_font_t *sf;

	if (r->img != NULL) {
		/* The picture's foot on the baseline, clipped to its box. */
		text_flush(p);
		cairo_save(p->cr);
		cairo_translate(p->cr, ln->x + r->x, ln->y - r->rise -
		    r->height);
		cairo_scale(p->cr, r->width / r->img->pw,
		    r->height / r->img->ph);
		cairo_rectangle(p->cr, 0, 0, r->img->pw, r->img->ph);
		cairo_clip(p->cr);
		paint_picture(p->cr, r->img);
		cairo_restore(p->cr);
		return;
	}
	memset(&gi, 0, sizeof(gi));
	gi.item = &item;
	gi.glyphs = r->glyphs;
	sf = fonts_cut_font(p->cut, r->item.analysis.font);
	if (sf != NULL) {
		show_cut(p, sf, r, &gi, ln->x + r->x, ln->y - r->rise);
		colour_text(p, sf, r, &gi, ln->x + r->x, ln->y - r->rise);
	} else {
		text_flush(p);
		cairo_move_to(p->cr, ln->x + r->x, ln->y - r->rise);
		/* With the text: cairo maps the glyphs back for extraction. */
		pango_cairo_show_glyph_item(p->cr, r->text, &gi);
		colour_text(p, pango_cairo_font_get_scaled_font(
		    PANGO_CAIRO_FONT(r->item.analysis.font)), r, &gi,
		    ln->x + r->x, ln->y - r->rise);
	}
	if (r->strike_th > 0)
		strike(p, ln, r);
}

/* Begin a destination named name (cairo places it at what it holds). */
static void
dest_begin(struct pdf *p, const char *name)
{
	char	*a;

	a = xasprintf("name='%s'", name);
	text_flush(p);
	cairo_tag_begin(p->cr, CAIRO_TAG_DEST, a);
	free(a);
}

/* End the destination dest_begin() began. */
static void
dest_end(struct pdf *p)
{
	text_flush(p);
	cairo_tag_end(p->cr, CAIRO_TAG_DEST);
}

/* The words of a line's runs from i on that share run i's link. */
static char *
link_text(const struct lay_line *ln, size_t i)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*link = ln->runs[i].link;
	const struct lay_run *r;

	for (; i < ln->nruns && ln->runs[i].link == link; i++) {
		r = &ln->runs[i];
		if (r->img == NULL)
			buf_put(&b, r->text + r->item.offset,
			    (size_t)r->item.length);
	}
	if (b.p == NULL)
		return xstrdup("");
	return b.p;
}

/*
 * The language of run r when it is not the document's, else NULL: the
 * one the tree gave its words (check.c), never Pango's guess from the
 * script, so that the PDF tags what the EPUB tags.
 */
static const char *
other_lang(const struct pdf *p, const struct lay_run *r)
{
	if (r->img != NULL || r->lang == NULL || p->lang == NULL ||
	    strcasecmp(r->lang, p->lang) == 0)
		return NULL;
	return r->lang;
}

/* Does run r hang left of its line in a list item: its label? */
static int
is_label(const struct lay_line *ln, const struct lay_run *r)
{
	return r->x < 0 && ancestor(ln->elem, "LI") != NULL;
}

/* Does run r need an element of its own under its line's element? */
static int
needs_mark(const struct pdf *p, const struct lay_line *ln,
    const struct lay_run *r)
{
	return is_label(ln, r) || r->link != NULL || other_lang(p, r) ||
	    (r->img != NULL && strcmp(ln->elem->tag, "Figure") != 0);
}

/*
 * cairo 1.16 marks content only in elements without children: text
 * drawn straight into a P that also holds a Span or a Link would be in
 * no element at all.  So every element that will hold one of ours gets
 * its plain text in Spans too: these are the elements.
 */
static GHashTable *
mixed_elems(const struct pdf *p, const struct layout *o)
{
	GHashTable		*h = g_hash_table_new(NULL, NULL);
	const struct lay_line	*ln;
	size_t			 i, j, k;

	for (i = 0; i < o->npages; i++)
		for (j = 0; j < o->pages[i].nlines; j++) {
			ln = &o->pages[i].lines[j];
			for (k = 0; ln->elem != NULL && k < ln->nruns; k++)
				if (needs_mark(p, ln, &ln->runs[k]))
					g_hash_table_add(h, (void *)ln->elem);
		}
	return h;
}

/* Where run i of a line belongs in the structure. */
struct place {
	const struct lay_elem	*lbl;	/* this line's list label */
	const struct lay_elem	*link;	/* the open link's element */
	const char		*linkattr;
	const struct lay_elem	*linkparent;
	int			 linkmixed;	/* with a language span */
	const struct lay_elem	*plain;	/* the span of plain runs */
};

/* Open a link's element for run i (a new one where the link changes). */
static const struct lay_elem *
place_link(struct pdf *p, const struct lay_line *ln, size_t i,
    const struct lay_elem *e, struct place *pl)
{
	const char	*link = ln->runs[i].link;
	size_t		 j;

	if (pl->link != NULL && pl->linkattr == link && pl->linkparent == e)
		return pl->link;
	pl->link = mark(p, CAIRO_TAG_LINK, e, link);
	pl->linkattr = link;
	pl->linkparent = e;
	pl->linkmixed = 0;
	for (j = i; j < ln->nruns && ln->runs[j].link == link; j++)
		if (other_lang(p, &ln->runs[j]))
			pl->linkmixed = 1;
	enter(p, pl->link);
	innermost(p)->contents = link_text(ln, i);
	return pl->link;
}

/*
 * Open the element run i draws into: the line's, or under it a label
 * (runs hanging left of the line in a list item), a link, a picture's
 * Figure, a span in another language, or a plain span where its
 * element holds any of those; record what post-processing must add.
 */
static void
place_run(struct pdf *p, const struct lay_line *ln, size_t i,
    struct place *pl)
{
	const struct lay_run	*r = &ln->runs[i];
	const struct lay_elem	*e = ln->elem, *plain = NULL;
	const char		*l;

	if (is_label(ln, r)) {
		if (pl->lbl == NULL)
			pl->lbl = mark(p, PDFPOST_LBL,
			    ancestor(ln->elem, "LI"), NULL);
		e = pl->lbl;
	}
	if (r->link != NULL)
		e = place_link(p, ln, i, e, pl);
	if (r->img != NULL && strcmp(e->tag, "Figure") != 0)
		e = mark(p, "Figure", e, NULL);
	else if ((l = other_lang(p, r)) != NULL) {
		enter(p, e);
		e = mark(p, "Span", e, NULL);
		enter(p, e);
		innermost(p)->lang = xstrdup(l);
	} else if ((e == ln->elem && g_hash_table_contains(p->mixed, e)) ||
	    (e == pl->link && pl->linkmixed)) {
		plain = pl->plain != NULL && pl->plain->parent == e ?
		    pl->plain : mark(p, "Span", e, NULL);
		e = plain;
	}
	pl->plain = plain;
	enter(p, e);
	if (r->img != NULL && innermost(p)->alt == NULL) {
		l = alt_text(p, r->img->path);
		innermost(p)->alt = xstrdup(l != NULL ? l : "");
	}
}

/* A line's runs, each in its structure element. */
static void
draw_line(struct pdf *p, const struct lay_line *ln)
{
	struct place	 pl;
	size_t		 i;

	memset(&pl, 0, sizeof(pl));
	for (i = 0; i < ln->nruns; i++) {
		place_run(p, ln, i, &pl);
		/*
		 * Destinations inside the run's element, since cairo's tags
		 * nest; the line's own one holds its first run.
		 */
		if (i == 0 && ln->dest != NULL)
			dest_begin(p, ln->dest);
		if (ln->runs[i].dest != NULL)
			dest_begin(p, ln->runs[i].dest);
		draw_run(p, ln, &ln->runs[i]);
		if (ln->runs[i].dest != NULL)
			dest_end(p);
		if (i == 0 && ln->dest != NULL)
			dest_end(p);
	}
}

/*
 * Running head, folio and rules: artifacts (ISO 32000-1, 14.8.2.2),
 * drawn in an element post-processing takes out of the tree.
 */
static void
draw_artifacts(struct pdf *p, const struct lay_page *pg)
{
	const struct lay_elem	*doc = p->nopen > 0 ? p->open[0] : NULL;
	size_t			 i, n = pg->nrules;

	/* cairo 1.16 fails on an element with nothing in it. */
	for (i = 0; i < pg->nlines; i++)
		if (pg->lines[i].elem == NULL)
			n += pg->lines[i].nruns;
	if (n == 0)
		return;
	enter(p, mark(p, PDFPOST_ARTIFACT, doc, NULL));
	for (i = 0; i < pg->nlines; i++)
		if (pg->lines[i].elem == NULL)
			for (size_t j = 0; j < pg->lines[i].nruns; j++)
				draw_run(p, &pg->lines[i],
				    &pg->lines[i].runs[j]);
	text_flush(p);
	for (i = 0; i < pg->nrules; i++) {
		cairo_set_line_width(p->cr, pg->rules[i].width);
		cairo_move_to(p->cr, pg->rules[i].x0, pg->rules[i].y0);
		cairo_line_to(p->cr, pg->rules[i].x1, pg->rules[i].y1);
		cairo_stroke(p->cr);
	}
}

/*
 * A page in reading order: body and notes, then its artifacts.
 *
 * Everything is drawn inside a clip to the page.  cairo 1.16's
 * recording surface takes an unclipped paint on a page with nothing
 * drawn yet for a fill of the whole page and drops what it recorded
 * so far, the structure tags with it: an abort or a segmentation
 * fault in cairo_surface_finish, or "invalid tag nesting".  Such a
 * paint is a picture, and also every colour glyph (an emoji: cairo
 * paints it as an image), so a page that begins with either one
 * failed; with the clip no paint is unclipped.
 */
static void
draw_page(struct pdf *p, const struct lay_page *pg, double w, double h)
{
	size_t	 i;

	p->post.folios = xgrow(p->post.folios, &p->post.cpages,
	    p->post.npages + 1, sizeof(*p->post.folios));
	p->post.folios[p->post.npages++] = pg->num;
	cairo_save(p->cr);
	cairo_rectangle(p->cr, 0, 0, w, h);
	cairo_clip(p->cr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	for (i = 0; i < pg->nlines; i++)
		if (pg->lines[i].elem != NULL)
			draw_line(p, &pg->lines[i]);
	draw_artifacts(p, pg);
	/* Tags may not stay open across pages with notes between. */
	close_to(p, p->last_page ? 0 : 1);
	text_flush(p);
	cairo_restore(p->cr);
	cairo_show_page(p->cr);
}

/*
 * Bookmarks: each title at the top, each heading under the last
 * shallower one; a mark's page is cairo's page (from 1) less offset.
 */
static void
outline_marks(struct pdf *p, const struct lay_mark *m, size_t n, int offset,
    int flags)
{
	int	 parent[MAXLEVEL + 1], id, lv, k;
	char	*a;
	size_t	 i;

	for (k = 0; k <= MAXLEVEL; k++)
		parent[k] = CAIRO_PDF_OUTLINE_ROOT;
	for (i = 0; i < n; i++) {
		lv = m[i].level;
		if (lv < 0)
			lv = 0;
		if (lv > MAXLEVEL - 1)
			lv = MAXLEVEL - 1;
		a = xasprintf("page=%d pos=[0 %.2f]", m[i].page + offset,
		    m[i].y);
		id = cairo_pdf_surface_add_outline(p->surf, parent[lv],
		    m[i].title, a, lv == 0 ? flags : CAIRO_PDF_OUTLINE_FLAG_OPEN);
		free(a);
		for (k = lv + 1; k <= MAXLEVEL; k++)
			parent[k] = id;
	}
}

static void
outline(struct pdf *p, const struct layout *o)
{
	outline_marks(p, o->marks, o->nmarks, 0, CAIRO_PDF_OUTLINE_FLAG_OPEN);
}

/* The document information, dated from opts->epoch. */
static void
metadata(struct pdf *p, const struct doc *doc, const struct opts *op)
{
	const struct meta	*m = &doc->meta;
	char			 date[32], creator[64];
	struct tm		 tm;
	time_t			 t = op ? op->epoch : 0;

	if (m->title != NULL)
		cairo_pdf_surface_set_metadata(p->surf,
		    CAIRO_PDF_METADATA_TITLE, m->title);
	if (m->author != NULL)
		cairo_pdf_surface_set_metadata(p->surf,
		    CAIRO_PDF_METADATA_AUTHOR, m->author);
	if (m->subject != NULL || m->course != NULL)
		cairo_pdf_surface_set_metadata(p->surf,
		    CAIRO_PDF_METADATA_SUBJECT,
		    m->subject ? m->subject : m->course);
	if (m->keywords != NULL)
		cairo_pdf_surface_set_metadata(p->surf,
		    CAIRO_PDF_METADATA_KEYWORDS, m->keywords);
	snprintf(creator, sizeof(creator), "lectern %s", LECTERN_VERSION);
	cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_CREATOR,
	    creator);
	/* Fixed dates, so two builds give the same bytes. */
	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	cairo_pdf_surface_set_metadata(p->surf,
	    CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_MOD_DATE,
	    date);
}

/*
 * A drawn PDF waiting for its post-pass: cairo's bytes, in a scratch
 * file with no name (qpdf reads it through /proc/self/fd as it needs
 * it, so the raw PDF is never in memory whole, and nothing is left
 * behind however the run ends), and what the post-pass adds.  It
 * borrows nothing from the layout, so the layout can be freed before
 * qpdf runs (the two were the peak).
 */
struct pdf_draft {
	FILE		*raw;
	int		 err;		/* errno of a failed write, or 0 */
	struct pdfpost	 post;
	const char	*name;		/* the output, for messages */
};

/* cairo's bytes, as it writes them, into the draft's scratch file. */
static cairo_status_t
to_raw(void *closure, const unsigned char *data, unsigned int len)
{
	struct pdf_draft	*dr = closure;

	if (dr->raw == NULL)		/* no scratch file: dr->err says why */
		return CAIRO_STATUS_WRITE_ERROR;
	if (fwrite(data, 1, len, dr->raw) != len) {
		dr->err = errno;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

/* What post-processing says about the whole document. */
static void
post_meta(struct pdf *p, const struct doc *doc, const struct opts *op)
{
	const struct meta	*m = &doc->meta;

	p->post.title = m->title;
	p->post.author = m->author;
	p->post.subject = m->subject ? m->subject : m->course;
	p->post.keywords = m->keywords;
	p->post.lang = m->lang != NULL ? m->lang : "en";
	p->post.rtl = m->rtl;
	p->post.creator = "lectern " LECTERN_VERSION;
	p->post.epoch = op ? op->epoch : 0;
	p->lang = p->post.lang;
}

/*
 * The fonts of c cut to the glyphs o's runs use too (c's cuts grow
 * with a book's lectures).  Returns 0, or -1 after a diagnostic.
 */
static int
cut_more(struct fonts_cut *c, const struct layout *o)
{
	const struct lay_line	*ln;
	size_t			 i, j, k;

	for (i = 0; i < o->npages; i++)
		for (j = 0; j < o->pages[i].nlines; j++) {
			ln = &o->pages[i].lines[j];
			for (k = 0; k < ln->nruns; k++)
				if (ln->runs[k].img == NULL &&
				    ln->runs[k].glyphs != NULL)
					fonts_cut_use(c,
					    ln->runs[k].item.analysis.font,
					    ln->runs[k].glyphs);
		}
	return fonts_cut_make(c);
}

/*
 * The layout's fonts cut down to the glyphs its runs use; NULL after a
 * diagnostic.
 */
static struct fonts_cut *
cut_fonts(const struct layout *o)
{
	struct fonts_cut	*c = fonts_cut_new();

	if (cut_more(c, o) == -1) {
		fonts_cut_free(c);
		return NULL;
	}
	return c;
}

/*
 * Draw the layout into cairo's bytes (in the draft's scratch file);
 * NULL after a diagnostic.  The layout may be freed once this returns.
 */
struct pdf_draft *
pdf_draw(const struct layout *o, const struct doc *doc,
    const struct opts *op, const char *name)
{
	struct pdf		 p;
	struct pdf_draft	*dr;
	cairo_status_t		 st;
	size_t			 i;

	memset(&p, 0, sizeof(p));
	p.ar = arena_new();
	post_meta(&p, doc, op);
	collect_alts(&p, doc->root);
	if ((p.cut = cut_fonts(o)) == NULL) {
		arena_free(p.ar);
		free(p.alts);
		return NULL;
	}
	dr = xcalloc(1, sizeof(*dr));
	dr->name = name;
	if ((dr->raw = tmpfile()) == NULL) {
		diag_file(name, D_SYS_WRITE, strerror(errno));
		fonts_cut_free(p.cut);
		arena_free(p.ar);
		free(p.alts);
		free(dr);
		return NULL;
	}
	p.mixed = mixed_elems(&p, o);
	p.surf = cairo_pdf_surface_create_for_stream(to_raw, dr,
	    o->page_w, o->page_h);
	p.cr = cairo_create(p.surf);
	metadata(&p, doc, op);
	outline(&p, o);
	for (i = 0; i < o->npages; i++) {
		progress_pages(i + 1, o->npages);
		draw_page(&p, &o->pages[i], o->page_w, o->page_h);
		if (cairo_status(p.cr) != CAIRO_STATUS_SUCCESS)
			break;
	}
	close_to(&p, 0);
	text_flush(&p);
	text_free(&p);
	st = cairo_status(p.cr);
	cairo_destroy(p.cr);
	cairo_surface_finish(p.surf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(p.surf);
	cairo_surface_destroy(p.surf);
	dr->post = p.post;
	cairo_scaled_font_destroy(p.carrier);
	fonts_cut_free(p.cut);
	g_hash_table_destroy(p.mixed);
	free(p.alts);
	arena_free(p.ar);
	if (dr->err == 0 && fflush(dr->raw) == EOF)
		dr->err = errno;
	if (dr->err != 0) {
		diag_file(name, D_SYS_WRITE, strerror(dr->err));
		pdf_draft_free(dr);
		return NULL;
	}
	if (st != CAIRO_STATUS_SUCCESS) {
		diag_file(name, D_SYS_LIB, "cairo", cairo_status_to_string(st));
		pdf_draft_free(dr);
		return NULL;
	}
	return dr;
}

/*
 * Post-process the draft with qpdf (pdfpost.c) and write the finished
 * PDF to out.  Returns 0, or -1 after a diagnostic.
 */
int
pdf_finish(const struct pdf_draft *dr, struct output *out)
{
	char		 file[64];

	progress_show("finishing the PDF");
	snprintf(file, sizeof(file), "/proc/self/fd/%d", fileno(dr->raw));
	return pdfpost_apply_file(&dr->post, dr->name, file, out);
}

void
pdf_draft_free(struct pdf_draft *dr)
{
	if (dr == NULL)
		return;
	if (dr->raw != NULL)
		fclose(dr->raw);
	pdfpost_free(&dr->post);
	free(dr);
}

/* Draw, post-process and write in one call (the layout kept throughout). */
int
pdf_write(const struct layout *o, const struct doc *doc,
    const struct opts *op, struct output *out)
{
	struct pdf_draft	*dr;
	int			 rc;

	if ((dr = pdf_draw(o, doc, op, out->path != NULL ? out->path :
	    "PDF")) == NULL)
		return -1;
	rc = pdf_finish(dr, out);
	pdf_draft_free(dr);
	return rc;
}

/* --- a book: many lectures, one PDF ------------------------------------ */

/*
 * A book being drawn: one cairo surface; each lecture's layout drawn
 * and let go in turn, so only its bookmarks stay; the front matter
 * last, when the lectures' first pages are known (pdfpost.c puts it
 * first).
 */
struct pdf_book {
	struct pdf		 p;
	struct pdf_draft	 dr;	/* cairo's bytes, in a scratch file:
					   a book's run to tens of MB */
	const struct book	*book;
	const struct opts	*op;
	int			 npages;	/* drawn so far */
	struct lay_mark		*marks;		/* the lectures' bookmarks,
						   titles in p.ar */
	size_t			 nmarks, cmarks;
};

/* The words of d's front matter and body, noted for the fonts' cut. */
static void
doc_text(struct fonts_cut *c, const struct doc *d)
{
	const struct meta	*m = &d->meta;
	const struct node	*n = d->root;

	fonts_cut_text(c, m->title_text);
	fonts_cut_text(c, m->label);
	fonts_cut_text(c, m->date_text);
	fonts_cut_text(c, m->byline);
	fonts_cut_text(c, m->previous_text);
	fonts_cut_text(c, m->next_text);
	fonts_cut_text(c, m->verso_head);
	/* Depth first without recursion: lists may nest 10,000 deep. */
	while (n != NULL) {
		if (n->kind == N_TEXT || n->kind == N_CODE ||
		    n->kind == N_CODEBLOCK)
			fonts_cut_text(c, n->text);
		if (n->first != NULL) {
			n = n->first;
			continue;
		}
		while (n != NULL && n->next == NULL)
			n = n->parent;
		if (n != NULL)
			n = n->next;
	}
}

/*
 * The book's fonts are cut once for the words of every lecture (and
 * again only when a lecture draws a glyph they lack): one font subset
 * each in the book, not one per lecture.
 */
struct pdf_book *
pdf_book_begin(const struct book *b, const struct opts *op,
    const char *name)
{
	struct pdf_book	*pb = xcalloc(1, sizeof(*pb));
	size_t		 i;

	pb->dr.name = name;
	pb->book = b;
	pb->op = op;
	pb->p.ar = arena_new();
	post_meta(&pb->p, b->front, op);
	pb->p.cut = fonts_cut_new();
	doc_text(pb->p.cut, b->front);
	for (i = 0; i < b->nlectures; i++)
		doc_text(pb->p.cut, b->lectures[i]);
	return pb;
}

/* The surface, the size of the first lecture's pages. */
static void
book_start(struct pdf_book *pb, const struct layout *o)
{
	if ((pb->dr.raw = tmpfile()) == NULL)
		pb->dr.err = errno;
	pb->p.surf = cairo_pdf_surface_create_for_stream(to_raw, &pb->dr,
	    o->page_w, o->page_h);
	pb->p.cr = cairo_create(pb->p.surf);
	metadata(&pb->p, pb->book->front, pb->op);
}

/* An empty page, numbered on from the last (a verso left blank). */
static void
blank_page(struct pdf_book *pb)
{
	struct pdf	*p = &pb->p;

	p->post.folios = xgrow(p->post.folios, &p->post.cpages,
	    p->post.npages + 1, sizeof(*p->post.folios));
	p->post.folios[p->post.npages++] = ++pb->npages;
	text_flush(p);
	cairo_show_page(p->cr);
}

/*
 * Draw o's pages, the pictures' alternate texts from d's tree (NULL:
 * none), a blank page after the first when verso is set; -1 after a
 * diagnostic (fonts that cannot be cut).
 */
static int
book_pages(struct pdf_book *pb, const struct layout *o, const struct doc *d,
    int verso)
{
	struct pdf	*p = &pb->p;
	size_t		 i;

	p->nalts = 0;
	if (d != NULL && d->root != NULL)
		collect_alts(p, d->root);
	/* One cut for the book (the lectures share their fonts). */
	if (cut_more(p->cut, o) == -1)
		return -1;
	p->mixed = mixed_elems(p, o);
	for (i = 0; i < o->npages; i++) {
		p->last_page = i + 1 == o->npages;
		draw_page(p, &o->pages[i], o->page_w, o->page_h);
		if (verso && i == 0 && o->npages > 1)
			blank_page(pb);
	}
	p->last_page = 0;
	g_hash_table_destroy(p->mixed);
	p->mixed = NULL;
	return 0;
}

/* 0, or -1 after a diagnostic: cairo failed, or its scratch file. */
static int
book_status(struct pdf_book *pb)
{
	cairo_status_t	 st = cairo_status(pb->p.cr);

	if (st == CAIRO_STATUS_SUCCESS && pb->dr.err == 0)
		return 0;
	if (pb->dr.err != 0)
		diag_file(pb->dr.name, D_SYS_WRITE, strerror(pb->dr.err));
	else
		diag_file(pb->dr.name, D_SYS_LIB, "cairo",
		    cairo_status_to_string(st));
	return -1;
}

int
pdf_book_lecture(struct pdf_book *pb, const struct layout *o,
    const struct doc *d)
{
	struct lay_mark	*m;
	size_t		 i;

	if (pb->p.surf == NULL)
		book_start(pb, o);
	while (pb->npages + 1 < o->first)
		blank_page(pb);
	if (book_pages(pb, o, d, 0) == -1)
		return -1;
	pb->npages += (int)o->npages;
	for (i = 0; i < o->nmarks; i++) {
		pb->marks = xgrow(pb->marks, &pb->cmarks, pb->nmarks + 1,
		    sizeof(*pb->marks));
		m = &pb->marks[pb->nmarks++];
		*m = o->marks[i];
		m->title = arena_strdup(pb->p.ar, o->marks[i].title);
	}
	return book_status(pb);
}

/*
 * The front matter after the lectures: the title page, its blank
 * verso, the contents, and a blank page more when they end on a right
 * hand page, so that the first lecture opens on one.
 */
static int
book_front(struct pdf_book *pb, const struct layout *front)
{
	struct pdf	*p = &pb->p;
	struct lay_mark	*fm;
	size_t		 i, n0 = p->post.npages;

	if (book_pages(pb, front, NULL, 1) == -1)
		return -1;
	if ((p->post.npages - n0) % 2 == 1)
		blank_page(pb);
	p->post.nfront = p->post.npages - n0;
	/* Bookmarks: the front's first (its pages after the lectures'). */
	fm = xcalloc(front->nmarks + 1, sizeof(*fm));
	for (i = 0; i < front->nmarks; i++) {
		fm[i] = front->marks[i];
		fm[i].page += (int)n0 + (fm[i].page > 1);	/* the verso */
	}
	outline_marks(p, fm, front->nmarks, 0, CAIRO_PDF_OUTLINE_FLAG_OPEN);
	free(fm);
	outline_marks(p, pb->marks, pb->nmarks, 0, 0);
	return 0;
}

int
pdf_book_end(struct pdf_book *pb, const struct layout *front,
    struct output *out)
{
	struct pdf	*p = &pb->p;
	const char	*name = out->path != NULL ? out->path : "PDF";
	cairo_status_t	 st;
	int		 rc;
	char		 file[64];

	if (p->surf == NULL)
		book_start(pb, front);
	rc = book_front(pb, front);
	text_flush(p);
	st = cairo_status(p->cr);
	cairo_destroy(p->cr);
	p->cr = NULL;
	cairo_surface_finish(p->surf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(p->surf);
	cairo_surface_destroy(p->surf);
	p->surf = NULL;
	if (rc == 0 && pb->dr.err == 0 && fflush(pb->dr.raw) == EOF)
		pb->dr.err = errno;
	if (rc == 0 && pb->dr.err != 0) {
		diag_file(name, D_SYS_WRITE, strerror(pb->dr.err));
		rc = -1;
	} else if (rc == 0 && st != CAIRO_STATUS_SUCCESS) {
		diag_file(name, D_SYS_LIB, "cairo", cairo_status_to_string(st));
		rc = -1;
	} else if (rc == 0) {
		progress_show("finishing the PDF");
		snprintf(file, sizeof(file), "/proc/self/fd/%d",
		    fileno(pb->dr.raw));
		rc = pdfpost_apply_file(&p->post, name, file, out);
	}
	pdf_book_free(pb);
	return rc;
}

void
pdf_book_free(struct pdf_book *pb)
{
	if (pb == NULL)
		return;
	if (pb->p.cr != NULL)
		cairo_destroy(pb->p.cr);
	if (pb->p.surf != NULL) {
		cairo_surface_finish(pb->p.surf);
		cairo_surface_destroy(pb->p.surf);
	}
	text_free(&pb->p);
	cairo_scaled_font_destroy(pb->p.carrier);
	fonts_cut_free(pb->p.cut);
	if (pb->dr.raw != NULL)
		fclose(pb->dr.raw);
	pdfpost_free(&pb->p.post);
	free(pb->p.alts);
	free(pb->marks);
	arena_free(pb->p.ar);
	free(pb);
}
