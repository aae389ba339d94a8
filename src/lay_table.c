/* Layout stage 5: a table into the vertical list, one unbreakable box per row. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "layout-int.h"
#include "style.h"
#include "tree.h"
#include "util.h"

#define CELL_GAP	8.0	/* between table columns */
#define CELL_PAD	2.0	/* above and below a row's text */
#define HUGE_MEASURE	1e5	/* a line that is never broken */

/* A table cell's inlines set as a paragraph into pl; header cells are bold. */
static void
cell_para(struct vbuild *B, const struct node *cell, int hdr,
    const struct pstyle *ps, struct plines *pl)
{
	struct para	 p;
	struct span	 s;

	memset(&p, 0, sizeof(p));
	memset(&s, 0, sizeof(s));
	s.f = hdr ? S_BOLD : 0;
	s.pos = cell->pos;
	lay_gather(B->ks, &p, cell, &s);
	lay_set_para(B->set, &p, ps, pl);
	lay_para_free(&p);
}

/*
 * Column widths into w[0..nc): each column's widest cell set on one
 * line, scaled down together when the table would not fit.  Returns
 * the table's width.
 */
static double
table_widths(struct vbuild *B, const struct node *n, const struct ctx *c,
    int nc, double *w)
{
	const struct node	*row, *cell;
	struct pstyle		 ps;
	struct plines		 pl;
	double			 sum = 0, avail, tw;
	int			 i;

	lay_pstyle_body(&B->ks->st, c->measure, B->in_note, &ps);
	ps.align = A_LEFT;
	ps.hyph = 0;
	ps.measure = HUGE_MEASURE;
	for (row = n->first; row != NULL; row = row->next)
		for (cell = row->first, i = 0; cell != NULL && i < nc;
		    cell = cell->next, i++) {
			cell_para(B, cell, (row->flags & NF_HEADER) != 0,
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

/*
 * Append a cell's lines to a row's box at x, rows of leading from the
 * top pad; widen [*lo, *hi] by the notes they reference.
 */
static void
box_lines(struct arena *ar, struct vbox *b, const struct plines *pl,
    const struct pstyle *ps, double x, const struct lay_elem *e,
    int *lo, int *hi)
{
	struct lay_line	*ls;
	size_t		 k, nl = b->nlines;

	ls = arena_alloc(ar, (nl + pl->n + 1) * sizeof(*ls));
	if (nl > 0)
		memcpy(ls, b->lines, nl * sizeof(*ls));
	for (k = 0; k < pl->n; k++) {
		ls[nl + k] = pl->lines[k];
		ls[nl + k].x = x;
		ls[nl + k].y = CELL_PAD + k * ps->leading +
		    lay_baseline(ps->leading, ps->size);
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

/* A horizontal rule across [x0, x1] at y of the box. */
static void
box_rule(struct arena *ar, struct vbox *b, double x0, double x1, double y,
    double width)
{
	struct lay_rule	*r;

	r = arena_alloc(ar, (b->nrules + 1) * sizeof(*r));
	if (b->nrules > 0)
		memcpy(r, b->rules, b->nrules * sizeof(*r));
	r[b->nrules].x0 = x0;
	r[b->nrules].x1 = x1;
	r[b->nrules].y0 = r[b->nrules].y1 = y;
	r[b->nrules].width = width;
	b->rules = r;
	b->nrules++;
}

/* How a cell of column i is aligned. */
static enum palign
cell_align(const struct node *table, int i)
{
	switch (table->u.table.align[i]) {
	case AL_RIGHT:
		return A_RIGHT;
	case AL_CENTER:
		return A_CENTER;
	default:
		return A_LEFT;
	}
}

/*
 * One row as one box: a page never splits a row.  Rules above the
 * first row, under the header and under the last row.
 */
static void
table_row(struct vbuild *B, const struct node *n, const struct node *row,
    const struct ctx *c, const double *w, double tw,
    const struct lay_elem *te)
{
	struct arena		*ar = B->ks->arena;
	const struct node	*cell;
	const struct lay_elem	*re;
	struct pstyle		 ps;
	struct plines		 pl;
	struct vbox		*b;
	double			 x = c->left;
	size_t			 maxl = 0;
	int			 i, hdr, lo = INT32_MAX, hi = 0;

	hdr = (row->flags & NF_HEADER) != 0;
	re = lay_elem(ar, "TR", te);
	b = lay_vbox(ar, 0);
	lay_pstyle_body(&B->ks->st, c->measure, B->in_note, &ps);
	for (cell = row->first, i = 0; cell != NULL &&
	    i < n->u.table.ncols; cell = cell->next, i++) {
		ps.measure = w[i] > 1 ? w[i] : 1;
		ps.align = cell_align(n, i);
		cell_para(B, cell, hdr, &ps, &pl);
		box_lines(ar, b, &pl, &ps, x, lay_elem(ar, hdr ? "TH" : "TD",
		    re), &lo, &hi);
		if (pl.n > maxl)
			maxl = pl.n;
		x += w[i] + CELL_GAP;
	}
	b->h = maxl * ps.leading + 2 * CELL_PAD;
	/* A list item that opens with a table: its marker on row one. */
	if (b->nlines > 0)
		lay_put_marker(B, &b->lines[0]);
	if (row == n->first)
		box_rule(ar, b, c->left, c->left + tw, 0, 0.8);
	if (hdr || row->next == NULL)
		box_rule(ar, b, c->left, c->left + tw, b->h, hdr ? 0.5 : 0.8);
	/* The header keeps with the first row. */
	if (row != n->first)
		lay_vpen(B, (row->prev->flags & NF_HEADER) ? PB_INF : 0);
	lay_vpush(B->v, PB_BOX, b->h, 0, 0, 0, b);
	if (hi > 0 && !B->in_note) {
		B->v->it[B->v->n - 1].first_note = lo - 1;
		B->v->it[B->v->n - 1].nnotes = hi - lo + 1;
	}
	B->keep = 0;
}

/* A table: its columns measured, then each row as a box. */
void
lay_table(struct vbuild *B, const struct node *n, const struct ctx *c)
{
	const struct node	*row;
	const struct lay_elem	*te;
	double			*w, tw;
	int			 nc = n->u.table.ncols;

	if (nc <= 0)
		return;
	lay_block_space(B);
	w = xcalloc(nc, sizeof(*w));
	tw = table_widths(B, n, c, nc, w);
	te = lay_elem(B->ks->arena, "Table", c->elem);
	for (row = n->first; row != NULL; row = row->next)
		table_row(B, n, row, c, w, tw, te);
	free(w);
	B->prev = PV_BLOCK;
}
