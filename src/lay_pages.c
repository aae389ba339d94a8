/* Layout stage 6: the vertical lists broken into pages (pb_break) and every box placed; notes, running head, folio. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout-int.h"
#include "style.h"
#include "tree.h"
#include "util.h"

#define NOTE_SEP	9.0	/* room for the rule above the notes */
#define NOTE_GAP	1.5	/* between two notes */

/* The page stage's state: its input lists and where lines go. */
struct pager {
	struct layout		*out;		/* pages, marks, paragraphs */
	struct lay_store	*ks;		/* style, arena */
	struct setter		*set;		/* running head and folio */
	const struct doc	*doc;		/* the running head's words */
	const struct vlist	*body;
	const struct vlist	*notes;
	int			 nnotes;
	size_t			 lcap, rcap;	/* of the page being filled */
};

/*
 * The array a of n elements of size bytes, with room for one more: a
 * copy twice as large (first elements at the start) in the arena when
 * *cap is reached.
 */
static void *
room(struct arena *ar, void *a, size_t n, size_t *cap, size_t first,
    size_t size)
{
	void	*p;

	if (n < *cap)
		return a;
	*cap = *cap ? *cap * 2 : first;
	p = arena_alloc(ar, *cap * size);
	if (n > 0)
		memcpy(p, a, n * size);
	return p;
}

/* Copy ln onto pg, moved by (dx, dy). */
static void
add_line(struct pager *P, struct lay_page *pg, const struct lay_line *ln,
    double dx, double dy)
{
	struct lay_line	*l;

	pg->lines = room(P->ks->arena, pg->lines, pg->nlines, &P->lcap, 64,
	    sizeof(*pg->lines));
	l = &pg->lines[pg->nlines++];
	*l = *ln;
	/* Runs hold positions from the line's left edge. */
	l->x += dx;
	l->y += dy;
}

/* Copy rule r onto pg, moved by (dx, dy). */
static void
add_rule(struct pager *P, struct lay_page *pg, const struct lay_rule *r,
    double dx, double dy)
{
	struct lay_rule	*n;

	pg->rules = room(P->ks->arena, pg->rules, pg->nrules, &P->rcap, 8,
	    sizeof(*pg->rules));
	n = &pg->rules[pg->nrules++];
	*n = *r;
	n->x0 += dx;
	n->x1 += dx;
	n->y0 += dy;
	n->y1 += dy;
}

/* Box b's lines and rules onto pg with its top at (x0, y); its bookmark too. */
static void
place_box(struct pager *P, struct lay_page *pg, const struct vbox *b,
    double x0, double y)
{
	size_t	 k;

	for (k = 0; k < b->nlines; k++)
		add_line(P, pg, &b->lines[k], x0, y);
	for (k = 0; k < b->nrules; k++)
		add_rule(P, pg, &b->rules[k], x0, y);
	if (b->mark >= 0) {
		P->out->marks[b->mark].page = pg->num;
		P->out->marks[b->mark].y = y;
	}
}

/* One line of furniture: text set in ps, its left edge at x0, baseline y. */
static void
furniture_line(struct pager *P, struct lay_page *pg, const char *text,
    const struct pstyle *ps, unsigned f, double x0, double y)
{
	struct plines	 pl;
	struct span	 s;

	memset(&s, 0, sizeof(s));
	s.f = f;
	s.pos = P->doc->meta.pos;
	lay_set_text(P->set, text, &s, NULL, ps, &pl);
	if (pl.n == 0)
		return;
	pl.lines[0].x = 0;
	pl.lines[0].elem = NULL;
	add_line(P, pg, &pl.lines[0], x0, y);
}

/* Running head and folio (on the right of a recto), from page 2. */
static void
furniture(struct pager *P, struct lay_page *pg, double x0, double meas)
{
	const struct style	*st = &P->ks->st;
	struct pstyle		 ps;
	char			 num[16];

	const struct meta	*m = &P->doc->meta;

	lay_pstyle_body(st, meas, 0, &ps);
	ps.size = st->head_size;
	ps.hyph = 0;
	ps.align = A_CENTER;
	ps.role = LR_HEAD;
	/* In a book, the course on the left, the lecture on the right. */
	furniture_line(P, pg, pg->num % 2 == 0 && m->verso_head != NULL ?
	    m->verso_head : m->title_text, &ps, S_ITALIC, x0,
	    st->margin_top - 0.9 * st->body_leading);
	snprintf(num, sizeof(num), "%d", pg->num);
	ps.align = pg->num % 2 == 1 ? A_RIGHT : A_LEFT;
	ps.role = LR_FOLIO;
	furniture_line(P, pg, num, &ps, 0, x0,
	    st->page_h - st->margin_bottom + 1.5 * st->body_leading);
}

/* The height the page's notes take, with the rule above them. */
static double
notes_height(const struct pager *P, const struct pb_page *pp)
{
	const struct vlist	*v;
	size_t			 i, k;
	double			 h = NOTE_SEP;

	if (pp->nparts == 0)
		return 0;
	for (i = 0; i < pp->nparts; i++) {
		v = &P->notes[pp->parts[i].note];
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
place_notes(struct pager *P, struct lay_page *pg, const struct pb_page *pp,
    double x0, double bottom, double meas)
{
	const struct vlist	*v;
	struct lay_rule		 r;
	size_t			 i, k;
	double			 y;

	if (pp->nparts == 0)
		return;
	y = bottom - notes_height(P, pp);
	/* The rule stands where the notes' lines start. */
	r.x0 = P->doc->meta.rtl ? meas - meas / 3 : 0;
	r.x1 = r.x0 + meas / 3;
	r.y0 = r.y1 = y + NOTE_SEP / 2;
	r.width = 0.4;
	add_rule(P, pg, &r, x0, 0);
	y += NOTE_SEP;
	for (i = 0; i < pp->nparts; i++) {
		v = &P->notes[pp->parts[i].note];
		if (i > 0)
			y += NOTE_GAP;
		for (k = pp->parts[i].from; k < pp->parts[i].to; k++) {
			if (v->bx[k] != NULL)
				place_box(P, pg, v->bx[k], x0, y);
			y += v->it[k].height;
		}
	}
}

/* What the body penalty at item k keeps away (WO_*), or 0. */
static unsigned
wo_at(const struct vlist *v, size_t k)
{
	size_t	 lo = 0, hi = v->nwo, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (v->wo[mid] / 4 < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < v->nwo && v->wo[lo] / 4 == k ? v->wo[lo] % 4 : 0;
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
wo_avoided(struct pager *P, const struct pb_page *pg, double avail, int num)
{
	const struct vlist	*v = P->body;
	const struct pb_item	*it;
	const struct lay_line	*ln;
	struct lay_para		*lp;
	size_t			 k, best = (size_t)-1;
	double			 h = 0;
	unsigned		 what;

	for (k = pg->start; k < v->n; k++) {
		it = &v->it[k];
		if (h <= avail + 0.01 && ((it->type == PB_PENALTY &&
		    (it->penalty < PB_INF || wo_at(v, k))) ||
		    (it->type == PB_GLUE && k > 0 &&
		    v->it[k - 1].type == PB_BOX)))
			best = k;
		if (it->type == PB_BOX || it->type == PB_GLUE)
			h += it->height;
		if (h > avail + 0.01)
			break;
	}
	if (best == (size_t)-1 || best == pg->end ||
	    (what = wo_at(v, best)) == 0 || best + 1 >= v->n ||
	    v->bx[best + 1] == NULL || v->bx[best + 1]->nlines == 0)
		return;
	ln = v->bx[best + 1]->lines;
	if (ln->para <= 0)
		return;
	lp = &P->out->paras[ln->para - 1];
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
wo_left(struct layout *o)
{
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

/* What item it adds to its height on page pg (< 0: shrunk). */
static double
stretched(const struct pb_page *pg, const struct pb_item *it)
{
	if (pg->full && pg->ratio > 0)
		return pg->ratio * it->stretch;
	return pg->ratio < 0 ? pg->ratio * it->shrink : 0;
}

/*
 * Body box k onto page at y, the space about it (a figure's) grown
 * as pg's glue is, half above and half below.  Returns the y below it.
 */
static double
put_box(struct pager *P, struct lay_page *page, const struct pb_page *pg,
    size_t k, double x0, double y)
{
	const struct pb_item	*it = &P->body->it[k];
	double			 add = stretched(pg, it);

	place_box(P, page, P->body->bx[k], x0, y + add / 2);
	return y + it->height + add;
}

/*
 * Page pg's body boxes onto page, from the top margin (a figure that
 * floated here first), glue set by its ratio (never past 1: what the glue cannot fill stays at the foot, or
 * above the notes).  Records the most space added between two lines
 * of text (glue of no height of its own) and, on a full page without
 * notes, how far its text ends above the foot of the block body_h
 * high.
 */
static void
fill_page(struct pager *P, struct lay_page *page, const struct pb_page *pg,
    double x0, double body_h)
{
	const struct pb_item	*it;
	double			 y = P->ks->st.margin_top, add;
	size_t			 k;

	/* A figure floated here: first, the space above it now below. */
	if (pg->float_in != PB_NONE) {
		k = pg->float_in;
		y = put_box(P, page, pg, k, x0, y);
		it = k > 0 ? &P->body->it[k - 1] : NULL;
		if (it != NULL && it->type == PB_GLUE)
			y += it->height + stretched(pg, it);
	}
	for (k = pg->start; k < pg->end; k++) {
		it = &P->body->it[k];
		/* A figure floated on, and the space above it. */
		if (pg->float_out != PB_NONE && (k == pg->float_out ||
		    (k + 1 == pg->float_out && it->type == PB_GLUE)))
			continue;
		/* A table continued: its header row again, first. */
		if (k == pg->start && it->type == PB_BOX &&
		    P->body->bx[k] != NULL && P->body->bx[k]->head != NULL) {
			place_box(P, page, P->body->bx[k]->head, x0, y);
			y += it->head;
		}
		if (it->type == PB_BOX)
			y = put_box(P, page, pg, k, x0, y);
		else if (it->type == PB_GLUE) {
			add = stretched(pg, it);
			y += it->height + add;
			if (it->height == 0 && add > page->gap)
				page->gap = add;
		}
	}
	if (pg->full && pg->nparts == 0 &&
	    y < P->ks->st.margin_top + body_h - 0.01)
		page->short_by = P->ks->st.margin_top + body_h - y;
}

/*
 * The height of the text block: as many body lines as the margins
 * leave room for, so that a page of plain text fills it exactly and
 * every full page ends on the same line.
 */
static double
text_block(const struct style *st)
{
	double	 h = st->page_h - st->margin_top - st->margin_bottom;

	if (st->body_leading > 0 && h >= st->body_leading)
		h = floor(h / st->body_leading + 1e-6) * st->body_leading;
	return h;
}

/* pb_break() over the body with each note's line heights; -1 if it failed. */
static int
break_pages(struct pager *P, double body_h, struct pb_result *res)
{
	struct pb_params	 pp;
	struct pb_note		*pn;
	double			*hs;
	size_t			 k;
	int			 j, rc;

	pn = xcalloc(P->nnotes > 0 ? P->nnotes : 1, sizeof(*pn));
	for (j = 0; j < P->nnotes; j++) {
		hs = arena_alloc(P->ks->arena, (P->notes[j].n + 1) *
		    sizeof(*hs));
		for (k = 0; k < P->notes[j].n; k++)
			hs[k] = P->notes[j].it[k].height;
		pn[j].lines = hs;
		pn[j].nlines = P->notes[j].n;
	}
	memset(&pp, 0, sizeof(pp));
	pp.page_heights = &body_h;
	pp.npage_heights = 1;
	pp.notes_sep = NOTE_SEP;
	pp.note_gap = NOTE_GAP;
	pp.notes_stretch = P->ks->st.body_leading;
	pp.short_slack = P->ks->st.body_leading / 2;
	rc = pb_break(P->body->it, P->body->n, pn, P->nnotes, &pp, res);
	free(pn);
	return rc;
}

/*
 * Is page num of doc a recto, a right-hand page (its inner margin on
 * the left)?  In a book read left to right the odd pages are; one read
 * right to left opens the other way, and its rectos are the even
 * pages.  What stands on the outer side (the folio) follows, since its
 * alignment is logical (lay_lines.c).
 */
static int
recto(const struct doc *doc, int num)
{
	return (num % 2 == 1) != (doc->meta.rtl != 0);
}

/*
 * Break the body into pages with pb_break and place every box into
 * o->pages: text from the top margin, glue set by the page's ratio,
 * notes (their lists in notes[0..nnotes)) at the foot, running head
 * (doc's title) and folio from page 2, set through set.  Left margins
 * alternate: the inner one is on the left of rectos (recto()).  Then
 * the paragraphs' pages, widows and orphans for the report.  Returns
 * 0, or -1 if the page breaker failed.
 */
int
lay_paginate(struct layout *o, struct setter *set, struct vlist *body,
    const struct vlist *notes, int nnotes, const struct doc *doc)
{
	const struct style	*st = &o->store->st;
	struct pager		 P;
	struct pb_result	 res;
	double			 body_h, meas, x0;
	size_t			 i;

	memset(&P, 0, sizeof(P));
	P.out = o;
	P.ks = o->store;
	P.set = set;
	P.doc = doc;
	P.body = body;
	P.notes = notes;
	P.nnotes = nnotes;
	body_h = text_block(st);
	meas = st->page_w - st->margin_inner - st->margin_outer;
	if (body->n == 0)
		lay_vpush(body, PB_BOX, 0, 0, 0, 0, lay_vbox(P.ks->arena, 0));
	if (break_pages(&P, body_h, &res) == -1)
		return -1;
	o->npages = res.npages;
	o->pages = arena_alloc(P.ks->arena, res.npages * sizeof(*o->pages));
	for (i = 0; i < res.npages; i++) {
		o->pages[i].num = o->first + (int)i;
		x0 = recto(doc, o->pages[i].num) ? st->margin_inner :
		    st->margin_outer;
		P.lcap = P.rcap = 0;
		fill_page(&P, &o->pages[i], &res.pages[i], x0, body_h);
		place_notes(&P, &o->pages[i], &res.pages[i], x0,
		    st->margin_top + body_h, meas);
		if (i + 1 < res.npages)
			wo_avoided(&P, &res.pages[i], body_h -
			    notes_height(&P, &res.pages[i]), o->pages[i].num);
		/* A book's front matter (a doc with no body) has none. */
		if (i > 0 && doc->root != NULL)
			furniture(&P, &o->pages[i], x0, meas);
	}
	pb_result_free(&res);
	wo_left(o);
	return 0;
}

/*
 * Is page i (0-based) of o short: a full page whose text ends half a
 * body line or more above the foot of the text block?
 */
static int
page_short(const struct layout *o, size_t i)
{
	return o->pages[i].short_by >= 0.5 * o->store->st.body_leading;
}

/*
 * How far o is from balanced pages: twice its short pages, and once
 * more each short left-hand page beside a full right-hand one.
 * 0: every full page ends on the same line.
 */
int
lay_short_score(const struct layout *o)
{
	size_t	 i;
	int	 score = 0;

	for (i = 0; i < o->npages; i++) {
		if (!page_short(o, i))
			continue;
		score += 2;
		/* Page i + 1 is even (a verso) when i is odd. */
		if (i % 2 == 1 && i + 1 < o->npages && !page_short(o, i + 1))
			score++;
	}
	return score;
}

/* Order candidates by their price, cheapest first. */
static int
cand_cmp(const void *a, const void *b)
{
	const struct lay_cand *x = a, *y = b;

	return x->price < y->price ? -1 : x->price > y->price;
}

/*
 * The paragraphs that could set short page i (0-based) right, cheapest
 * first: each body paragraph on it one line longer (it fills the
 * hole), each on it or on the next page one line shorter (what
 * follows moves up), at the price lay_lines.c found for it.  Returns
 * their number; *out is the caller's to free.
 */
size_t
lay_loose_cands(const struct layout *o, size_t i, struct lay_cand **out)
{
	const struct lay_para	*lp;
	struct lay_cand		*c;
	size_t			 k, n = 0;
	int			 pg = o->pages[i].num, dir;

	c = xreallocarray(NULL, 2 * o->nparas + 1, sizeof(*c));
	for (k = 0; k < o->nparas; k++) {
		lp = &o->paras[k];
		if (lp->role != LR_BODY || lp->loose != 0 ||
		    lp->page1 < pg || lp->page0 > pg + 1)
			continue;
		for (dir = 0; dir < 2; dir++) {
			if (lp->price[dir] == HUGE_VAL ||
			    (dir == 1 && lp->page0 > pg))
				continue;
			c[n].para = k;
			c[n].loose = dir == 0 ? -1 : 1;
			c[n++].price = lp->price[dir];
		}
	}
	qsort(c, n, sizeof(*c), cand_cmp);
	*out = c;
	return n;
}

/* Is page i (0-based) short?  (For the driver's loop.) */
int
lay_page_short(const struct layout *o, size_t i)
{
	return page_short(o, i);
}
