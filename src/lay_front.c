/* Layout stage 5: the title block on page 1 and the closing lines (previous, next lecture) into the vertical list. */
#include <math.h>
#include <stdio.h>
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

/* YYYY-MM-DD as "6 March 2018", the way the EPUB prints it. */
static void
long_date(struct buf *b, const char *date)
{
	static const char *const months[12] = { "January", "February",
	    "March", "April", "May", "June", "July", "August", "September",
	    "October", "November", "December" };
	int	 y, mo, d;

	if (sscanf(date, "%4d-%2d-%2d", &y, &mo, &d) == 3 && mo >= 1 &&
	    mo <= 12 && d >= 1 && d <= 31)
		buf_printf(b, "%d %s %d", d, months[mo - 1], y);
	else
		buf_puts(b, date);
}

/*
 * Page 1's title block, the EPUB's header in the same words: "Lecture
 * N", the title (the outline's root), the author, the date.
 */
void
lay_title_block(struct vbuild *B, const struct ctx *c)
{
	const struct style	*st = &B->ks->st;
	const struct meta	*m = &B->doc->meta;
	struct pstyle		 ps;
	struct buf		 b = { NULL, 0, 0 };
	const char		*title = m->title ? m->title : B->doc->stem;

	lay_pstyle_body(st, c->measure, B->in_note, &ps);
	ps.role = LR_TITLE;
	ps.align = A_LEFT;
	ps.hyph = 0;
	if (m->number != NULL) {
		buf_printf(&b, "Lecture %s", m->number);
		ps.family = st->heading_font;
		title_line(B, c, b.p, &ps, "P");
	}
	B->pendmark = lay_mark(B->out, title, 0);
	ps.family = st->heading_font;
	ps.size = st->title_size;
	ps.leading = ceil(ps.size * 1.25);
	ps.f = S_BOLD;
	title_line(B, c, title, &ps, "H1");
	ps.family = st->body_font;
	ps.size = st->body_size;
	ps.leading = st->body_leading;
	ps.f = S_ITALIC;
	if (m->author != NULL)
		title_line(B, c, m->author, &ps, "P");
	if (m->date != NULL) {
		buf_reset(&b);
		long_date(&b, m->date);
		title_line(B, c, b.p, &ps, "P");
	}
	buf_free(&b);
	lay_vglue(B, 2 * st->body_leading, st->body_leading / 2, 0);
	B->keep = 1;
	B->prev = PV_HEAD;
}

/* One centred italic line of the closing block. */
static void
closing_line(struct vbuild *B, const struct ctx *c, const char *what,
    const struct neighbour *nb)
{
	struct pstyle	 ps;
	struct buf	 b = { NULL, 0, 0 };

	/* The EPUB's words: "Previous: 1.07 Title". */
	buf_printf(&b, "%s: %s%s%s", what, nb->number ? nb->number : "",
	    nb->number ? " " : "", nb->title);
	lay_pstyle_body(&B->ks->st, c->measure, B->in_note, &ps);
	ps.align = A_CENTER;
	ps.hyph = 0;
	ps.f = S_ITALIC;
	B->keep = 1;
	front_line(B, c, b.p, &ps, "P");
	buf_free(&b);
}

/* The previous and next lectures, after a short rule. */
void
lay_closing(struct vbuild *B, const struct ctx *c)
{
	const struct meta	*m = &B->doc->meta;
	const struct style	*st = &B->ks->st;

	if (m->previous.title == NULL && m->next.title == NULL)
		return;
	lay_vglue(B, 2 * st->body_leading, st->body_leading, 0);
	lay_rule_block(B, c);
	if (m->previous.title != NULL)
		closing_line(B, c, "Previous", &m->previous);
	if (m->next.title != NULL)
		closing_line(B, c, "Next", &m->next);
}
