/* Layout stage 5: the title block on page 1 and the closing lines (previous, next lecture) into the vertical list. */
#include <math.h>
#include <string.h>

#include "layout-int.h"
#include "style.h"
#include "tree.h"
#include "util.h"

/* Set text as one line group at the column's left, tagged tag. */
static void
front_line(struct vbuild *B, const struct ctx *c, const char *text,
    const struct pstyle *ps, const char *tag)
{
	struct plines	 pl;
	struct span	 s;

	memset(&s, 0, sizeof(s));
	s.pos = B->doc->meta.pos;
	lay_set_text(B->set, text, &s, ps, &pl);
	lay_add_lines(B, &pl, ps, c->left, lay_elem(B->ks->arena, tag,
	    c->elem));
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
	title_line(B, c, m->title_text, &ps, "H1");
	ps.family = st->body_font;
	ps.size = st->body_size;
	ps.leading = st->body_leading;
	ps.f = S_ITALIC;
	if (m->byline != NULL)
		title_line(B, c, m->byline, &ps, "P");
	if (m->date_text != NULL)
		title_line(B, c, m->date_text, &ps, "P");
	lay_vglue(B, 2 * st->body_leading + to_grid(B->v, st->body_leading),
	    st->body_leading / 2, 0);
	B->keep = 1;
	B->prev = PV_HEAD;
}

/* One centred italic line of the closing block, as check.c worded it. */
static void
closing_line(struct vbuild *B, const struct ctx *c, const char *text)
{
	struct pstyle	 ps;

	lay_pstyle_body(&B->ks->st, c->measure, B->in_note, &ps);
	ps.align = A_CENTER;
	ps.hyph = 0;
	ps.f = S_ITALIC;
	B->keep = 1;
	front_line(B, c, text, &ps, "P");
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
		closing_line(B, c, m->previous_text);
	if (m->next_text != NULL)
		closing_line(B, c, m->next_text);
}
