/*
 * Layout stage 5: a table into the vertical list.  Columns share the
 * measure by CSS 2.1's automatic table layout; a row is a box per line
 * of its tallest cell, so a row taller than a page splits between
 * lines; a page that starts inside the table repeats its header row.
 * In a right-to-left lecture the columns run from the right, as the
 * EPUB's table does under <html dir="rtl">.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "layout-int.h"
#include "style.h"
#include "tree.h"
#include "util.h"

#define CELL_GAP	8.0	/* between table columns: their padding */
#define CELL_PAD	2.0	/* above and below a row's text */
#define HUGE_MEASURE	1e5	/* a line that is never broken */
#define WIDTH_EPS	0.01	/* so a word exactly a column wide fits */
#define ROW_SPLIT	150	/* a page break inside a row, rather not */
#define HEAD_MAX	0.25	/* a header row taller than this share of
				   the text block is not repeated */

/* The widths a column can take: its longest word, its longest line. */
struct colw {
	double	 min, max;
};

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
 * Each column's minimum (its widest unbreakable word, as shaped) and
 * maximum (its widest cell set on one line) into cw[0..nc).
 */
static void
column_extents(struct vbuild *B, const struct node *n, const struct ctx *c,
    int nc, struct colw *cw)
{
	const struct node	*row, *cell;
	struct pstyle		 ps;
	struct plines		 pl;
	size_t			 k;
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
			for (k = 0; k < pl.n; k++)
				if (pl.lines[k].width > cw[i].max)
					cw[i].max = pl.lines[k].width;
			if (B->set->hl.widest_word > cw[i].min)
				cw[i].min = B->set->hl.widest_word;
		}
	for (i = 0; i < nc; i++) {
		cw[i].min += WIDTH_EPS;
		cw[i].max += WIDTH_EPS;
		if (cw[i].max < cw[i].min)
			cw[i].max = cw[i].min;
	}
}

/*
 * Column widths into w[0..nc) (CSS 2.1, 17.5.2.2): every column its
 * widest line when they all fit; else its longest word plus a share
 * of the room left in proportion to how much more its lines want;
 * when even the longest words do not fit, those scaled down together,
 * and words broken inside (said once).  Returns the table's width.
 */
static double
table_widths(struct vbuild *B, const struct node *n, const struct ctx *c,
    int nc, double *w)
{
	struct colw	*cw;
	double		 smin = 0, smax = 0, avail, tw;
	int		 i;

	cw = xcalloc(nc, sizeof(*cw));
	column_extents(B, n, c, nc, cw);
	avail = c->measure - CELL_GAP * (nc - 1);
	for (i = 0; i < nc; i++) {
		smin += cw[i].min;
		smax += cw[i].max;
	}
	if (smin > avail) {
		diag(&n->pos, D_TABLE_TOO_WIDE, nc, smin + CELL_GAP * (nc - 1),
		    c->measure);
		B->set->hl.long_said = 1;
	}
	tw = CELL_GAP * (nc - 1);
	for (i = 0; i < nc; i++) {
		if (smax <= avail)
			w[i] = cw[i].max;
		else if (smin >= avail)
			w[i] = avail > 0 ? avail * cw[i].min / smin : 0;
		else
			w[i] = cw[i].min + (avail - smin) *
			    (cw[i].max - cw[i].min) / (smax - smin);
		tw += w[i];
	}
	free(cw);
	return tw;
}

/*
 * Append line ln of cell id to box b, its baseline at y, its left edge
 * at x.
 */
static void
box_line(struct arena *ar, struct vbox *b, const struct lay_line *ln,
    double x, double y, const struct lay_elem *e, const struct lay_cell *id)
{
	struct lay_line	*ls;

	ls = arena_alloc(ar, (b->nlines + 1) * sizeof(*ls));
	if (b->nlines > 0)
		memcpy(ls, b->lines, b->nlines * sizeof(*ls));
	ls[b->nlines] = *ln;
	ls[b->nlines].x = x;
	ls[b->nlines].y = y;
	ls[b->nlines].elem = e;
	ls[b->nlines].cell = id;
	b->lines = ls;
	b->nlines++;
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

/*
 * How a cell of column i is aligned, in the line setter's terms: where
 * lines start (A_LEFT) or end (A_RIGHT).  GFM's ":--" and "--:" are
 * the EPUB's text-align left and right, sides of the page whatever the
 * direction: in a right-to-left lecture left is where lines end.
 * Unaligned cells start where lines start, as text-align: start.
 */
static enum palign
cell_align(const struct node *table, int i, int rtl)
{
	switch (table->u.table.align[i]) {
	case AL_RIGHT:
		return rtl ? A_LEFT : A_RIGHT;
	case AL_LEFT:
		return rtl ? A_RIGHT : A_LEFT;
	case AL_CENTER:
		return A_CENTER;
	default:
		return A_LEFT;
	}
}

/* A table being laid out: its columns and its header row, set. */
struct tbl {
	const struct node	*n;
	const struct ctx	*c;
	const double		*w;		/* column widths */
	double			 tw;		/* the table's width */
	double			 x0;		/* its left edge */
	int			 rtl;		/* columns from the right */
	int			 num;		/* its number in the layout */
	const struct lay_elem	*elem;
	struct vbox		*head;		/* the header row as one box,
						   an artifact, or NULL */
};

/*
 * The left edge of column i: the columns follow one another from the
 * table's start, its left edge, or right to left its right edge.
 */
static double
col_x(const struct tbl *t, int i)
{
	double	 x = 0;
	int	 j;

	for (j = 0; j < i; j++)
		x += t->w[j] + CELL_GAP;
	return t->rtl ? t->x0 + t->tw - x - t->w[i] : t->x0 + x;
}

/* A row's cells set in their columns: pl[i], line k of cell i. */
struct rowset {
	struct plines		*pl;
	const struct lay_elem	**ce;		/* TH or TD of each cell */
	struct lay_cell		*id;		/* which cell each is */
	int			 nc;
	size_t			 nlines;	/* of its tallest cell */
};

/* Row number rnum (from 1) of table t set into rs. */
static void
row_set(struct vbuild *B, const struct tbl *t, const struct node *row,
    int rnum, struct rowset *rs)
{
	struct arena		*ar = B->ks->arena;
	const struct node	*cell;
	const struct lay_elem	*re;
	struct pstyle		 ps;
	int			 i, hdr = (row->flags & NF_HEADER) != 0;

	rs->nc = t->n->u.table.ncols;
	rs->pl = arena_alloc(ar, rs->nc * sizeof(*rs->pl));
	rs->ce = arena_alloc(ar, rs->nc * sizeof(*rs->ce));
	rs->id = arena_alloc(ar, rs->nc * sizeof(*rs->id));
	memset(rs->pl, 0, rs->nc * sizeof(*rs->pl));
	rs->nlines = 0;
	re = lay_elem(ar, "TR", t->elem);
	lay_pstyle_body(&B->ks->st, t->c->measure, B->in_note, &ps);
	for (cell = row->first, i = 0; i < rs->nc; i++) {
		rs->ce[i] = lay_elem(ar, hdr ? "TH" : "TD", re);
		rs->id[i].table = t->num;
		rs->id[i].row = rnum;
		rs->id[i].col = i + 1;
		rs->id[i].repeated = 0;
		if (cell == NULL)
			continue;
		ps.measure = t->w[i] > 1 ? t->w[i] : 1;
		ps.align = cell_align(t->n, i, t->rtl);
		cell_para(B, cell, hdr, &ps, &rs->pl[i]);
		if (rs->pl[i].n > rs->nlines)
			rs->nlines = rs->pl[i].n;
		cell = cell->next;
	}
}

/*
 * Lines [k0, k1) of every cell of rs into a new box, with the row's
 * top pad when k0 is its first line and its bottom pad when k1 is past
 * its last; widen [*lo, *hi] by the notes they reference.
 */
static struct vbox *
row_box(struct vbuild *B, const struct tbl *t, const struct rowset *rs,
    size_t k0, size_t k1, int *lo, int *hi)
{
	struct arena		*ar = B->ks->arena;
	const struct pstyle	*ps;
	struct pstyle		 body;
	struct vbox		*b;
	const struct plines	*pl;
	double			 top;
	size_t			 k;
	int			 i;

	lay_pstyle_body(&B->ks->st, t->c->measure, B->in_note, &body);
	ps = &body;
	top = k0 == 0 ? CELL_PAD : 0;
	b = lay_vbox(ar, top + (k1 - k0) * ps->leading +
	    (k1 >= rs->nlines ? CELL_PAD : 0));
	for (i = 0; i < rs->nc; i++) {
		pl = &rs->pl[i];
		for (k = k0; k < k1 && k < pl->n; k++) {
			box_line(ar, b, &pl->lines[k], col_x(t, i), top +
			    (k - k0) * ps->leading + lay_baseline(ps->leading,
			    ps->size), rs->ce[i], &rs->id[i]);
			if (pl->hi[k] > 0) {
				if (pl->lo[k] < *lo)
					*lo = pl->lo[k];
				if (pl->hi[k] > *hi)
					*hi = pl->hi[k];
			}
		}
	}
	return b;
}

/* Push box b for the notes [lo, hi] its lines reference. */
static void
push_box(struct vbuild *B, struct vbox *b, int lo, int hi)
{
	lay_vpush(B->v, PB_BOX, b->h, 0, 0, 0, b);
	if (hi > 0 && !B->in_note) {
		B->v->it[B->v->n - 1].first_note = lo - 1;
		B->v->it[B->v->n - 1].nnotes = hi - lo + 1;
	}
	B->keep = 0;
}

/*
 * The header row rs again, for the top of a page the table continues
 * on, or NULL when it is taller than HEAD_MAX of the text block (a
 * browser repeats a table's thead only when it is short: a tall one
 * would leave little room for the rows).  Its lines are an artifact
 * (no element: pdf.c draws them with the running head, out of the
 * structure, which has the row once), each line's cell marked
 * repeated; its rules.
 */
static struct vbox *
repeated_head(struct vbuild *B, const struct tbl *t, const struct rowset *rs)
{
	const struct style	*st = &B->ks->st;
	struct arena		*ar = B->ks->arena;
	struct vbox		*r;
	struct lay_cell		*id;
	size_t			 k;
	int			 lo = INT32_MAX, hi = 0;

	r = row_box(B, t, rs, 0, rs->nlines, &lo, &hi);
	if (r->h > HEAD_MAX * (st->page_h - st->margin_top -
	    st->margin_bottom))
		return NULL;
	id = arena_alloc(ar, (r->nlines + 1) * sizeof(*id));
	for (k = 0; k < r->nlines; k++) {
		r->lines[k].elem = NULL;
		r->lines[k].dest = NULL;
		r->lines[k].para = 0;
		id[k] = *r->lines[k].cell;
		id[k].repeated = 1;
		r->lines[k].cell = &id[k];
	}
	box_rule(ar, r, t->x0, t->x0 + t->tw, 0, 0.8);
	box_rule(ar, r, t->x0, t->x0 + t->tw, r->h, 0.5);
	return r;
}

/*
 * One row, a box per line, which a page may part (rather not, and
 * never after its first line or before its last): a row taller than a
 * page, the header row too, splits between lines, never inside one.
 * The header row keeps with the first line of the first row, so it
 * never stands alone at a page's foot, and heads the pages the table
 * continues on.  Rules above the first row, under the header and
 * under the last row.
 */
static void
table_row(struct vbuild *B, struct tbl *t, const struct node *row, int rnum)
{
	struct arena	*ar = B->ks->arena;
	struct rowset	 rs;
	struct vbox	*b;
	size_t		 k, nb;
	int		 hdr, lo, hi;

	hdr = (row->flags & NF_HEADER) != 0;
	row_set(B, t, row, rnum, &rs);
	nb = rs.nlines == 0 ? 1 : rs.nlines;
	if (hdr && t->head == NULL && !B->in_note)
		t->head = repeated_head(B, t, &rs);
	if (row != t->n->first)
		lay_vpen(B, (row->prev->flags & NF_HEADER) ? PB_INF : 0);
	for (k = 0; k < nb; k++) {
		lo = INT32_MAX;
		hi = 0;
		b = row_box(B, t, &rs, k, nb == 1 ? rs.nlines : k + 1,
		    &lo, &hi);
		/* A list item that opens with a table: its marker on row one. */
		if (b->nlines > 0)
			lay_put_marker(B, &b->lines[0]);
		if (row == t->n->first && k == 0)
			box_rule(ar, b, t->x0, t->x0 + t->tw, 0, 0.8);
		if (k == nb - 1 && (hdr || row->next == NULL))
			box_rule(ar, b, t->x0, t->x0 + t->tw, b->h,
			    hdr ? 0.5 : 0.8);
		if (k > 0)
			lay_vpen(B, k == 1 || k == nb - 1 ? PB_INF :
			    ROW_SPLIT);
		if (!hdr)
			b->head = t->head;
		push_box(B, b, lo, hi);
		if (b->head != NULL)
			B->v->it[B->v->n - 1].head = b->head->h;
	}
}

/* A table: its columns measured, then each row. */
void
lay_table(struct vbuild *B, const struct node *n, const struct ctx *c)
{
	const struct node	*row;
	struct tbl		 t;
	double			*w;
	int			 nc = n->u.table.ncols, rnum;

	if (nc <= 0)
		return;
	lay_block_space(B);
	w = xcalloc(nc, sizeof(*w));
	memset(&t, 0, sizeof(t));
	t.n = n;
	t.c = c;
	t.w = w;
	t.tw = table_widths(B, n, c, nc, w);
	/* A table's direction is its lecture's (check.c decided it). */
	t.rtl = B->doc->meta.rtl != 0;
	t.x0 = t.rtl ? c->left + c->measure - t.tw : c->left;
	t.num = ++B->ntables;
	t.elem = lay_elem(B->ks->arena, "Table", c->elem);
	for (row = n->first, rnum = 1; row != NULL; row = row->next, rnum++)
		table_row(B, &t, row, rnum);
	B->set->hl.long_said = 0;
	free(w);
	B->prev = PV_BLOCK;
}
