/* Layout stage 5: the title block on page 1 and the closing lines (previous, next lecture) into the vertical list. */
#include <math.h>
#include <string.h>

#include "course.h"
#include "labels.h"
#include "layout-int.h"
#include "style.h"
#include "tree.h"
#include "util.h"

/*
 * Set text as one line group at the column's left, tagged tag; a link
 * to the destination target, and the destination dest, when not NULL.
 */
static void
front_line_at(struct vbuild *B, const struct ctx *c, const char *text,
    const struct pstyle *ps, const char *tag, const char *target,
    const char *dest)
{
	struct plines	 pl;
	struct span	 s;

	memset(&s, 0, sizeof(s));
	s.pos = B->doc->meta.pos;
	if (target != NULL)
		s.link = lay_quoted(B->ks->arena, "dest", target);
	if (dest != NULL)
		s.dest = dest;
	lay_set_text(B->set, text, &s, &B->doc->meta, ps, &pl);
	lay_add_lines(B, &pl, ps, c->left, lay_elem(B->ks->arena, tag,
	    c->elem));
}

static void
front_line(struct vbuild *B, const struct ctx *c, const char *text,
    const struct pstyle *ps, const char *tag)
{
	front_line_at(B, c, text, ps, tag, NULL, NULL);
}

/* One line group of the title block, kept with what follows. */
static void
title_line(struct vbuild *B, const struct ctx *c, const char *text,
    const struct pstyle *ps, const char *tag)
{
	front_line(B, c, text, ps, tag);
	B->keep = 1;
	lay_vglue(B, 4, 0, 0);
	B->keep = 1;
}

/*
 * What list v (to its last box) lacks to be a whole number of lines
 * lead high: the text after the title block then stands on the same
 * lines as on every other page, so page 1 can end where they do.
 */
static double
to_grid(const struct vlist *v, double lead)
{
	double	 h = 0, over;
	size_t	 i, end = v->n;

	/*
	 * A page starts at its first box: glue above it is dropped; and
	 * the glue that ends v is the one the caller's glue replaces.
	 */
	while (end > 0 && v->it[end - 1].type != PB_BOX)
		end--;
	for (i = 0; i < end && v->it[i].type != PB_BOX; i++)
		continue;
	for (; i < end; i++)
		if (v->it[i].type != PB_PENALTY)
			h += v->it[i].height;
	if (lead <= 0)
		return 0;
	over = fmod(h, lead);
	return over > 1e-6 ? lead - over : 0;
}

/*
 * Page 1's title block, the EPUB's header in check.c's words: "Lecture
 * N", the title (the outline's root), the author, the date.
 */
void
lay_title_block(struct vbuild *B, const struct ctx *c)
{
	const struct style	*st = &B->ks->st;
	const struct meta	*m = &B->doc->meta;
	struct pstyle		 ps;

	lay_pstyle_body(st, c->measure, B->in_note, &ps);
	ps.role = LR_TITLE;
	ps.align = A_LEFT;
	ps.hyph = 0;
	ps.family = st->heading_font;
	if (m->label != NULL)
		title_line(B, c, m->label, &ps, "P");
	B->pendmark = lay_mark(B->out, m->title_text, 0);
	ps.size = st->title_size;
	ps.leading = ceil(ps.size * 1.25);
	ps.f = S_BOLD;
	/* A book's lecture is a destination: the contents, its neighbours. */
	front_line_at(B, c, m->title_text, &ps, "H1", NULL, m->anchor);
	B->keep = 1;
	lay_vglue(B, 4, 0, 0);
	B->keep = 1;
	ps.family = st->body_font;
	ps.size = st->body_size;
	ps.leading = st->body_leading;
	ps.f = S_ITALIC;
	if (m->byline != NULL)
		title_line(B, c, m->byline, &ps, "P");
	if (m->date_text != NULL)
		title_line(B, c, m->date_text, &ps, "P");
	/*
	 * The space under the title may grow by a line, as above a
	 * heading (lay_blocks.c): the first page ends on the last line
	 * too when its paragraphs cannot break to fill it.
	 */
	lay_vglue(B, 2 * st->body_leading + to_grid(B->v, st->body_leading),
	    st->body_leading, 0);
	B->keep = 1;
	B->prev = PV_HEAD;
}

/* One centred italic line of the closing block, as check.c worded it. */
static void
closing_line(struct vbuild *B, const struct ctx *c, const char *text,
    const char *target)
{
	struct pstyle	 ps;

	lay_pstyle_body(&B->ks->st, c->measure, B->in_note, &ps);
	ps.align = A_CENTER;
	ps.hyph = 0;
	ps.f = S_ITALIC;
	B->keep = 1;
	front_line_at(B, c, text, &ps, "P", target, NULL);
}

/* The previous and next lectures, after a short rule. */
void
lay_closing(struct vbuild *B, const struct ctx *c)
{
	const struct meta	*m = &B->doc->meta;
	const struct style	*st = &B->ks->st;

	if (m->previous_text == NULL && m->next_text == NULL)
		return;
	lay_vglue(B, 2 * st->body_leading, st->body_leading, 0);
	lay_rule_block(B, c);
	if (m->previous_text != NULL)
		closing_line(B, c, m->previous_text, m->previous_target);
	if (m->next_text != NULL)
		closing_line(B, c, m->next_text, m->next_target);
}

/* --- a book's front matter: the title page and the contents ---------- */

/* The folio column of the contents: room for "1,234" in the body face. */
#define FOLIO_EMS	4

/* A centred line of the title page in ps, tagged tag, with space below. */
static void
title_page_line(struct vbuild *B, const struct ctx *c, const char *text,
    const struct pstyle *ps, const char *tag, double below)
{
	if (text == NULL)
		return;
	front_line(B, c, text, ps, tag);
	B->keep = 1;
	lay_vglue(B, below, 0, 0);
	B->keep = 1;
}

/*
 * The title page: the course's title a third of the way down, its
 * subtitle, author and date; publisher and rights below them.  The
 * words are course.c's.
 */
static void
title_page(struct vbuild *B, const struct ctx *c, const struct book *bk)
{
	const struct style	*st = &B->ks->st;
	const struct meta	*m = &bk->front->meta;
	struct pstyle		 ps;

	/* A box first, so the space above the title is not dropped. */
	lay_vpush(B->v, PB_BOX, 0, 0, 0, 0, lay_vbox(B->ks->arena, 0));
	lay_vglue(B, (st->page_h - st->margin_top - st->margin_bottom) / 4,
	    0, 0);
	lay_pstyle_body(st, c->measure, 0, &ps);
	ps.role = LR_TITLE;
	ps.align = A_CENTER;
	ps.hyph = 0;
	ps.family = st->heading_font;
	ps.size = st->title_size * 1.3;
	ps.leading = ceil(ps.size * 1.25);
	ps.f = S_BOLD;
	B->pendmark = lay_mark(B->out, m->title_text, 0);
	title_page_line(B, c, m->title_text, &ps, "H1", st->body_leading);
	ps.size = st->h_size[0];
	ps.leading = ceil(ps.size * 1.3);
	ps.f = 0;
	title_page_line(B, c, bk->subtitle, &ps, "P", 2 * st->body_leading);
	ps.family = st->body_font;
	ps.size = st->body_size;
	ps.leading = st->body_leading;
	ps.f = S_ITALIC;
	title_page_line(B, c, m->byline, &ps, "P", st->body_leading / 2);
	title_page_line(B, c, m->date_text, &ps, "P", 3 * st->body_leading);
	ps.f = 0;
	ps.size = st->note_size;
	ps.leading = st->note_leading;
	title_page_line(B, c, bk->publisher, &ps, "P", st->note_leading);
	title_page_line(B, c, bk->rights, &ps, "P", 0);
}

/*
 * One line of the contents: the lecture's title at the left (on as
 * many lines as it needs), its folio at the right of the last, both
 * links to the lecture's first page.
 */
static void
contents_entry(struct vbuild *B, const struct ctx *c, const struct doc *d,
    int folio, const struct lay_elem *toc)
{
	const struct style	*st = &B->ks->st;
	const struct lay_elem	*e = lay_elem(B->ks->arena, "TOCI", toc);
	struct pstyle		 ps, pf;
	struct plines		 pl, pn;
	struct span		 s;
	struct vbox		*b;
	char			 num[16];
	size_t			 k;

	memset(&s, 0, sizeof(s));
	s.pos = d->meta.pos;
	s.link = lay_quoted(B->ks->arena, "dest", d->meta.anchor);
	lay_pstyle_body(st, c->measure - FOLIO_EMS * st->body_size, 0, &ps);
	ps.align = A_LEFT;
	ps.hyph = 0;
	lay_set_text(B->set, d->meta.toc_text, &s, &d->meta, &ps, &pl);
	pf = ps;
	pf.measure = c->measure;
	pf.align = A_RIGHT;
	snprintf(num, sizeof(num), "%d", folio);
	lay_set_text(B->set, num, &s, NULL, &pf, &pn);
	for (k = 0; k < pl.n; k++) {
		if (k > 0)
			lay_vpen(B, PB_INF);
		b = lay_vbox(B->ks->arena, ps.leading);
		b->nlines = k + 1 == pl.n && pn.n > 0 ? 2 : 1;
		b->lines = arena_alloc(B->ks->arena, b->nlines *
		    sizeof(*b->lines));
		b->lines[0] = pl.lines[k];
		if (b->nlines == 2)
			b->lines[1] = pn.lines[0];
		for (size_t j = 0; j < b->nlines; j++) {
			b->lines[j].x += c->left;
			b->lines[j].y = lay_baseline(ps.leading, ps.size);
			b->lines[j].elem = e;
		}
		lay_vpush(B->v, PB_BOX, b->h, 0, 0, 0, b);
	}
	lay_vglue(B, st->body_leading / 3, st->body_leading / 3, 0);
}

void
lay_book_front(struct vbuild *B, const struct ctx *c, const struct book *bk,
    const int *starts)
{
	const struct style	*st = &B->ks->st;
	const struct lay_elem	*toc;
	struct pstyle		 ps;
	size_t			 i;

	title_page(B, c, bk);
	B->keep = 0;
	lay_vpen(B, -PB_INF);
	lay_vpush(B->v, PB_BOX, 0, 0, 0, 0, lay_vbox(B->ks->arena, 0));
	lay_vglue(B, 3 * st->body_leading, 0, 0);
	lay_pstyle_body(st, c->measure, 0, &ps);
	ps.role = LR_HEADING;
	ps.align = A_LEFT;
	ps.hyph = 0;
	ps.family = st->heading_font;
	ps.size = st->title_size;
	ps.leading = ceil(ps.size * 1.25);
	ps.f = S_BOLD;
	B->pendmark = lay_mark(B->out, bk->front->meta.labels->contents, 0);
	title_line(B, c, bk->front->meta.labels->contents, &ps, "H1");
	lay_vglue(B, st->body_leading, 0, 0);
	toc = lay_elem(B->ks->arena, "TOC", c->elem);
	for (i = 0; i < bk->nlectures; i++)
		contents_entry(B, c, bk->lectures[i], starts[i], toc);
}
