/* Layout stage 5: the vertical list the block stages fill: boxes of set lines, glue, page-break penalties, markers. */
#include <stdlib.h>
#include <string.h>

#include "layout-int.h"
#include "style.h"
#include "util.h"

#define BROKEN_PENALTY	100	/* a page break after a hyphenated line */

/* A structure element in the arena, child of parent (NULL: the root). */
const struct lay_elem *
lay_elem(struct arena *ar, const char *tag, const struct lay_elem *parent)
{
	struct lay_elem	*e;

	e = arena_alloc(ar, sizeof(*e));
	e->tag = tag;
	e->parent = parent;
	e->depth = parent ? parent->depth + 1 : 0;
	return e;
}

/*
 * A new bookmark of o on page 1 (lay_pages.c moves it to its box's
 * page); returns its index.
 */
int
lay_mark(struct layout *o, const char *title, int level)
{
	struct lay_mark	*m;

	o->marks = xreallocarray(o->marks, o->nmarks + 1, sizeof(*o->marks));
	m = &o->marks[o->nmarks];
	m->title = title;
	m->level = level;
	m->page = 1;
	m->y = 0;
	return o->nmarks++;
}

/* The look of body text (of a note's, in one) in a column measure wide. */
void
lay_pstyle_body(const struct style *st, double measure, int in_note,
    struct pstyle *ps)
{
	memset(ps, 0, sizeof(*ps));
	ps->family = st->body_font;
	ps->size = st->body_size;
	ps->leading = st->body_leading;
	ps->align = st->justify ? A_JUSTIFY : A_LEFT;
	ps->hyph = st->hyphenate;
	ps->measure = measure;
	ps->role = LR_BODY;
	if (in_note) {
		ps->size = st->note_size;
		ps->leading = st->note_leading;
		ps->role = LR_NOTE;
	}
}

/* Append an item to v; bx is the box it stands for, or NULL. */
void
lay_vpush(struct vlist *v, enum pb_type type, double h, double y, double z,
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

/* v's arrays (its boxes are in the arena). */
void
lay_vlist_free(struct vlist *v)
{
	free(v->it);
	free(v->bx);
	free(v->wo);
	memset(v, 0, sizeof(*v));
}

/* Space between blocks: a legal break unless a heading keeps on. */
void
lay_vglue(struct vbuild *B, double h, double y, double z)
{
	struct pb_item	*last;

	if (B->v->n == 0)
		return;
	last = &B->v->it[B->v->n - 1];
	if (last->type == PB_GLUE) {
		if (h > last->height)
			last->height = h;
		if (y > last->stretch)
			last->stretch = y;
		return;
	}
	if (B->keep && last->type == PB_BOX)
		lay_vpush(B->v, PB_PENALTY, 0, 0, 0, PB_INF, NULL);
	lay_vpush(B->v, PB_GLUE, h, y, z, 0, NULL);
	B->keep = 0;
}

/* A page-break penalty between two boxes (none in notes). */
void
lay_vpen(struct vbuild *B, int pen)
{
	/* A note may split anywhere: pb_break sees its lines only. */
	if (B->v->n == 0 || B->in_note)
		return;
	if (B->keep)
		pen = PB_INF;
	lay_vpush(B->v, PB_PENALTY, 0, 0, 0, pen, NULL);
	B->keep = 0;
}

/* The space between two blocks, smaller in notes; none at the top. */
void
lay_block_space(struct vbuild *B)
{
	const struct style	*st = &B->ks->st;
	double			 s = st->para_space;

	if (B->in_note)
		s *= st->note_size / st->body_size;
	if (B->prev != PV_NONE)
		lay_vglue(B, s, s / 2, s / 3);
}

/* An empty box h high, in the arena. */
struct vbox *
lay_vbox(struct arena *ar, double h)
{
	struct vbox	*b;

	b = arena_alloc(ar, sizeof(*b));
	b->h = h;
	b->mark = -1;
	return b;
}

/*
 * Make the runs of line mk, set at x from the column's left, the
 * marker of the next line: a list's bullet or number, a note's
 * number.  An item that opens with a list keeps both markers.
 */
void
lay_set_marker(struct vbuild *B, const struct lay_line *mk, double x)
{
	struct lay_run	*r;
	size_t		 i, n = B->marker ? B->nmarker : 0;

	r = arena_alloc(B->ks->arena, (n + mk->nruns) * sizeof(*r));
	if (n > 0)
		memcpy(r, B->marker, n * sizeof(*r));
	for (i = 0; i < mk->nruns; i++) {
		r[n + i] = mk->runs[i];
		r[n + i].x += x;
	}
	B->marker = r;
	B->nmarker = n + mk->nruns;
}

/* Put the pending marker in front of line ln. */
void
lay_put_marker(struct vbuild *B, struct lay_line *ln)
{
	struct lay_run	*r;
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;

	if (B->marker == NULL)
		return;
	r = arena_alloc(B->ks->arena, (ln->nruns + B->nmarker) * sizeof(*r));
	memcpy(r, B->marker, B->nmarker * sizeof(*r));
	for (i = 0; i < B->nmarker; i++)
		r[i].x -= ln->x;
	if (ln->nruns > 0)
		memcpy(r + B->nmarker, ln->runs, ln->nruns * sizeof(*r));
	ln->runs = r;
	ln->nruns += B->nmarker;
	/*
	 * The dump shows the marker too: "1. Text", "• Text".  A marker
	 * may be several runs ("1" and "." are two in a line that reads
	 * right to left): one word all the same.
	 */
	for (i = 0; i < B->nmarker; i++)
		buf_put(&b, r[i].text + r[i].item.offset, r[i].item.length);
	buf_putc(&b, ' ');
	buf_puts(&b, ln->text);
	ln->text = arena_strdup(B->ks->arena, b.p);
	buf_free(&b);
	B->marker = NULL;
}

/* Baseline in a slot of height lead for text of size. */
double
lay_baseline(double lead, double size)
{
	return 0.5 * lead + 0.35 * size;
}

/*
 * The penalty about to go into the body keeps a widow or an orphan
 * away (what): remember it, so the report can tell where it mattered.
 * Stored as the item's index times 4 plus what, ascending.
 */
static void
keep_wo(struct vlist *v, unsigned what)
{
	v->wo = xgrow(v->wo, &v->cwo, v->nwo + 1, sizeof(*v->wo));
	v->wo[v->nwo++] = v->n * 4 + what;
}

/*
 * Lines into the current list: each its own box, penalties between
 * them that keep two lines together at either end of the paragraph.
 */
void
lay_add_lines(struct vbuild *B, struct plines *pl, const struct pstyle *ps,
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
				if (!B->in_note)
					keep_wo(B->v, (k == 1 ? WO_ORPHAN : 0) |
					    (k == pl->n - 1 ? WO_WIDOW : 0));
			}
			lay_vpen(B, pen);
		}
		b = lay_vbox(B->ks->arena, ps->leading);
		b->lines = &pl->lines[k];
		b->nlines = 1;
		b->lines->x = left;
		b->lines->y = lay_baseline(ps->leading, ps->size);
		b->lines->elem = e;
		lay_put_marker(B, b->lines);
		if (k == 0) {
			b->mark = B->pendmark;
			b->lines->dest = B->penddest;
			B->pendmark = -1;
			B->penddest = NULL;
		}
		lay_vpush(B->v, PB_BOX, b->h, 0, 0, 0, b);
		if (pl->hi[k] > 0 && !B->in_note) {
			B->v->it[B->v->n - 1].first_note = pl->lo[k] - 1;
			B->v->it[B->v->n - 1].nnotes =
			    pl->hi[k] - pl->lo[k] + 1;
		}
		B->keep = 0;
	}
}
