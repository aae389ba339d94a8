/* Layout stage 5: the tree's blocks (paragraphs, headings, lists, quotes, code, figures, notes) into vertical lists. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "layout-int.h"
#include "style.h"
#include "tree.h"
#include "util.h"

#define LIST_INDENT	1.6	/* list and quote indents, in body ems */
#define QUOTE_INDENT	1.4
#define NOTE_INDENT	1.8	/* note text indent, in note ems */
#define CODE_HANG	4	/* a wrapped code line's rest, in characters */
#define MONO_ADVANCE	0.6	/* a monospaced character, in ems */
#define CJK_INDENT	2	/* a Chinese or Japanese paragraph's first
				   line, in ems (clreq 3.4, jlreq 3.3.1) */
#define PX_PT		0.75	/* a picture's pixel at 96 per inch */
#define FIG_MAX_H	0.5	/* a figure's height, of the text block's */
#define FIG_PAD		4.0	/* above and below a figure */
#define CAPTION_GAP	3.0	/* between a figure and its caption */
#define MEASURE_FLOOR	(1.0 / 3)	/* nesting keeps this much of the
					   text width */

/* Gather, set and add a paragraph-like node. */
static void
para_node(struct vbuild *B, const struct node *n, const struct pstyle *ps,
    double left, const struct lay_elem *e)
{
	struct para	 p;
	struct plines	 pl;
	struct span	 s;

	memset(&p, 0, sizeof(p));
	memset(&s, 0, sizeof(s));
	s.pos = n->pos;
	lay_gather(B->ks, &p, n, &s);
	lay_set_para(B->set, &p, ps, &pl);
	lay_add_lines(B, &pl, ps, left, e);
	lay_para_free(&p);
}

/*
 * A figure's caption, set centred at the notes' size, its lines in
 * pl; its height (0 without one).
 */
static double
caption(struct vbuild *B, const struct node *n, const struct ctx *c,
    struct plines *pl, struct pstyle *ps)
{
	struct span	 s;

	pl->n = 0;
	if (n->u.img.caption == NULL)
		return 0;
	lay_pstyle_body(&B->ks->st, c->measure, 1, ps);
	ps->align = A_CENTER;
	ps->role = B->in_note ? LR_NOTE : LR_BODY;
	memset(&s, 0, sizeof(s));
	s.pos = n->pos;
	lay_set_text(B->set, n->u.img.caption, &s, &B->doc->meta, ps, pl);
	return pl->n > 0 ? CAPTION_GAP + pl->n * ps->leading : 0;
}

/*
 * The lines of a figure's box: the picture's, then its caption's, each
 * placed in the box and tagged as a Caption in fig.
 */
static struct lay_line *
figure_lines(struct vbuild *B, const struct ctx *c, const struct plines *cap,
    const struct pstyle *cps, double top, const struct lay_elem *fig)
{
	struct lay_line		*ln;
	const struct lay_elem	*e;
	size_t			 k;

	ln = arena_alloc(B->ks->arena, (1 + cap->n) * sizeof(*ln));
	e = cap->n > 0 ? lay_elem(B->ks->arena, "Caption", fig) : NULL;
	for (k = 0; k < cap->n; k++) {
		ln[1 + k] = cap->lines[k];
		ln[1 + k].x = c->left;
		ln[1 + k].y = top + CAPTION_GAP + k * cps->leading +
		    lay_baseline(cps->leading, cps->size);
		ln[1 + k].elem = e;
	}
	return ln;
}

/*
 * A picture on its own: as wide as it is (a pixel at 96 per inch) up
 * to the measure, at most FIG_MAX_H of the text block high, centred;
 * its caption under it, in the same box, so that the two float as one.
 */
static void
figure(struct vbuild *B, const struct node *n, const struct ctx *c)
{
	const struct style	*st = &B->ks->st;
	const struct lay_image	*im;
	struct lay_run		*r;
	struct lay_line		*ln;
	struct vbox		*b;
	const struct lay_elem	*fig;
	struct plines		 cap;
	struct pstyle		 cps;
	double			 w, h, maxh, caph;
	int			 floats;

	if ((im = lay_image_load(B->ks, n)) == NULL)
		return;
	w = im->pw * PX_PT;
	if (w > c->measure)
		w = c->measure;
	h = w * im->ph / im->pw;
	maxh = FIG_MAX_H * (st->page_h - st->margin_top - st->margin_bottom);
	if (h > maxh) {
		w *= maxh / h;
		h = maxh;
	}
	lay_block_space(B);
	caph = caption(B, n, c, &cap, &cps);
	/*
	 * cairo 1.16 marks content only in elements without children, so
	 * a captioned picture is a Div holding the Figure (pdf.c makes it
	 * for the picture) and the Caption.
	 */
	fig = lay_elem(B->ks->arena, cap.n > 0 ? "Div" : "Figure", c->elem);
	b = lay_vbox(B->ks->arena, h + 2 * FIG_PAD + caph);
	b->lines = ln = figure_lines(B, c, &cap, &cps, FIG_PAD + h, fig);
	b->nlines = 1 + cap.n;
	r = arena_alloc(B->ks->arena, sizeof(*r));
	r->img = im;
	r->width = w;
	r->height = h;
	r->text = "";
	ln->runs = r;
	ln->nruns = 1;
	ln->text = "";
	ln->role = B->in_note ? LR_NOTE : LR_BODY;
	ln->x = c->left + (c->measure - w) / 2;
	ln->y = FIG_PAD + h;
	ln->width = w;
	ln->elem = fig;
	/*
	 * A figure of the body floats where it does not fit (pagebreak.c);
	 * one that opens a list item stays by its marker.
	 */
	floats = !B->in_note && B->marker == NULL;
	lay_put_marker(B, ln);
	/*
	 * The space about a figure of the body may grow by a line: a
	 * figure is rarely a whole number of lines high, and its page
	 * must still end on the text block's last line (TeX's float
	 * separations stretch for the same reason).  Between two
	 * paragraphs, space never grows so.
	 */
	lay_vpush(B->v, PB_BOX, b->h, B->in_note ? 0 : st->body_leading, 0,
	    0, b);
	B->v->it[B->v->n - 1].floats = floats;
	B->keep = 0;
	B->prev = PV_BLOCK;
}

/*
 * A paragraph: indented when it follows another (no space between
 * them), else after the block space.  check.c says which are figures.
 */
static void
paragraph(struct vbuild *B, const struct node *n, const struct ctx *c)
{
	struct pstyle	 ps;

	if ((n->flags & NF_FIGURE) && n->first != NULL &&
	    n->first->kind == N_IMAGE) {
		figure(B, n->first, c);
		return;
	}
	lay_pstyle_body(&B->ks->st, c->measure, B->in_note, &ps);
	if (B->prev == PV_PARA && !c->tight) {
		ps.indent = B->ks->st.indent;
		lay_vglue(B, 0, 1, 0);
	} else if (c->tight && B->prev == PV_PARA)
		lay_vglue(B, 0, 1, 0);
	else
		lay_block_space(B);
	/* Chinese and Japanese indent every paragraph two ems. */
	if (lay_cjk_lang(B->doc->meta.lang) && !B->in_note && !c->tight &&
	    (n->parent == NULL || n->parent->kind != N_ITEM))
		ps.indent = CJK_INDENT * ps.size;
	para_node(B, n, &ps, c->left, lay_elem(B->ks->arena, "P", c->elem));
	B->prev = PV_PARA;
}

/*
 * A heading as written, bold sans, ragged; a bookmark and a link
 * target (its id) on its first line; never the last thing on a page.
 */
static void
heading(struct vbuild *B, const struct node *n, const struct ctx *c)
{
	const struct style	*st = &B->ks->st;
	struct pstyle		 ps;
	const char		*title;
	char			 tag[16];
	int			 lv = n->u.head.level;

	memset(&ps, 0, sizeof(ps));
	ps.family = st->heading_font;
	ps.size = st->h_size[lv < 3 ? lv - 1 : 2];
	ps.leading = ceil(ps.size * 1.3);
	ps.f = S_BOLD;
	ps.align = A_LEFT;
	ps.measure = c->measure;
	ps.role = LR_HEADING;
	/*
	 * The space above a heading may grow by a line: where a page
	 * would come up short and no paragraph can be set a line longer
	 * or shorter (layout.c), the heading moves down and the page
	 * still ends on the last line (the space between two paragraphs
	 * grows by 1 pt at most).
	 */
	if (B->prev != PV_NONE || B->v->n > 0)
		lay_vglue(B, 1.5 * st->body_leading, st->body_leading,
		    0.25 * st->body_leading);
	title = n->u.head.text;
	if (title != NULL && *title != '\0' && !B->in_note) {
		B->pendmark = lay_mark(B->out, title, lv);
		B->penddest = n->u.head.id;
	}
	snprintf(tag, sizeof(tag), "H%d", lv > 6 ? 6 : lv);
	para_node(B, n, &ps, c->left, lay_elem(B->ks->arena,
	    arena_strdup(B->ks->arena, tag), c->elem));
	B->keep = 1;
	lay_vglue(B, 0.5 * st->body_leading, 0, 0);
	B->keep = 1;
	B->prev = PV_HEAD;
}

/* Source line t..nl with tabs as spaces to every 8th column, never empty. */
static void
detab(struct buf *line, const char *t, const char *nl)
{
	size_t	 k, col;

	buf_reset(line);
	for (k = 0, col = 0; t + k < nl; k++) {
		if (t[k] == '\t') {
			do
				buf_putc(line, ' ');
			while (++col % 8);
		} else {
			buf_putc(line, t[k]);
			col++;
		}
	}
	if (line->len == 0)
		buf_putc(line, ' ');
}

/* A code block: one line per source line, spaces kept, monospaced. */
static void
codeblock(struct vbuild *B, const struct node *n, const struct ctx *c)
{
	const struct style *st = &B->ks->st;
	struct pstyle	 ps;
	struct para	 p;
	struct plines	 pl;
	struct span	 s;
	const struct lay_elem *e;
	const char	*t = n->text ? n->text : "", *nl;
	struct buf	 line = { NULL, 0, 0 };
	double		 hang, measure;
	int		 first = 1;

	memset(&ps, 0, sizeof(ps));
	ps.family = st->mono_font;
	ps.size = st->mono_size;
	ps.leading = ceil(st->mono_size * 1.3);
	ps.align = A_LEFT;
	ps.literal = 1;
	measure = c->measure - st->body_size;
	ps.role = LR_BODY;
	lay_block_space(B);
	e = lay_elem(B->ks->arena, "Code", c->elem);
	memset(&s, 0, sizeof(s));
	s.pos = n->pos;
	for (; *t != '\0'; t = *nl ? nl + 1 : nl) {
		if ((nl = strchr(t, '\n')) == NULL)
			nl = t + strlen(t);
		detab(&line, t, nl);
		/*
		 * A line too long for the measure wraps, at a space where
		 * it can; the rest hangs CODE_HANG characters further in
		 * than the line itself, so that it cannot pass for a line
		 * of its own (the first line stands out of the hang by a
		 * negative indent).
		 */
		hang = ((line.p ? strspn(line.p, " ") : 0) + CODE_HANG) *
		    MONO_ADVANCE * st->mono_size;
		if (hang > measure / 2)
			hang = measure / 2;
		ps.indent = -hang;
		ps.measure = measure - hang;
		memset(&p, 0, sizeof(p));
		/* Its start is where the page list can find the line. */
		lay_para_add_src(&p, line.p, n, (size_t)(t - n->text), &s);
		lay_set_para(B->set, &p, &ps, &pl);
		/* A page may break between any two code lines. */
		if (!first && pl.n > 0)
			lay_vpen(B, 0);
		first = 0;
		lay_add_lines(B, &pl, &ps, c->left + st->body_size + hang, e);
		lay_para_free(&p);
		B->prev = PV_BLOCK;
		s.pos.line++;
	}
	buf_free(&line);
	B->prev = PV_BLOCK;
}

/* A thematic break: a short centred rule. */
void
lay_rule_block(struct vbuild *B, const struct ctx *c)
{
	struct vbox	*b;
	double		 w = c->measure / 4;

	lay_block_space(B);
	b = lay_vbox(B->ks->arena, B->ks->st.body_leading);
	b->rules = arena_alloc(B->ks->arena, sizeof(*b->rules));
	b->nrules = 1;
	b->rules->x0 = c->left + (c->measure - w) / 2;
	b->rules->x1 = b->rules->x0 + w;
	b->rules->y0 = b->rules->y1 = b->h / 2;
	b->rules->width = 0.5;
	lay_vpush(B->v, PB_BOX, b->h, 0, 0, 0, b);
	B->prev = PV_BLOCK;
}

/*
 * The marker text mk (a bullet, a number), from pos, set flush right
 * in a column measure wide and made the next line's marker at x;
 * like carries its link and destination.
 */
static void
marker(struct vbuild *B, const char *mk, const struct span *like,
    const struct pstyle *ps, double x)
{
	struct para	 p;
	struct plines	 pl;

	memset(&p, 0, sizeof(p));
	lay_para_add(&p, mk, strlen(mk), like);
	/* Its runs are copied before the next line (lay_set_marker()). */
	B->set->keep_runs++;
	lay_set_para(B->set, &p, ps, &pl);
	B->set->keep_runs--;
	lay_para_free(&p);
	if (pl.n > 0)
		lay_set_marker(B, &pl.lines[0], x);
}

/*
 * Narrow column c by ind on the side lines start from (the left, or
 * the right in a right-to-left lecture), where a marker hangs.
 */
static void
hang(const struct vbuild *B, struct ctx *c, double ind)
{
	if (!B->doc->meta.rtl)
		c->left += ind;
	c->measure -= ind;
}

/*
 * Where the box of a marker ind - gap wide stands beside column c,
 * narrowed by hang(): in the indent, gap from the text.  The marker is
 * set at the box's end (A_RIGHT: toward the text, either way).
 */
static double
marker_x(const struct vbuild *B, const struct ctx *c, double ind,
    double gap)
{
	return B->doc->meta.rtl ? c->left + c->measure + gap : c->left - ind;
}

/*
 * How much of by a nested block at n may take from measure: all of it
 * while a third of the text width is left, less from there on, so deep
 * nesting never sets text beyond the page (said once).
 */
static double
indent_within(struct vbuild *B, const struct node *n, double measure,
    double by)
{
	const struct style	*st = &B->ks->st;
	double			 floor_w;

	floor_w = MEASURE_FLOOR *
	    (st->page_w - st->margin_inner - st->margin_outer);
	if (measure - by >= floor_w)
		return by;
	if (!B->floor_said) {
		diag(&n->pos, D_NESTING_FLOOR);
		B->floor_said = 1;
	}
	return measure > floor_w ? measure - floor_w : 0;
}

/*
 * The width of the widest of the markers mk[0..n-1] set in ps, unbroken:
 * a number hangs in an indent at least that wide plus its gap.
 */
static double
marker_width(struct vbuild *B, char mk[][32], int n, const struct pstyle *ps)
{
	struct pstyle	 wide = *ps;
	struct span	 s;
	struct plines	 pl;
	double		 w = 0, left, right;
	size_t		 k;
	int		 i;

	memset(&s, 0, sizeof(s));
	s.pos = B->doc->meta.pos;
	wide.align = A_LEFT;
	wide.hyph = 0;
	for (i = 0; i < n; i++) {
		lay_set_text(B->set, mk[i], &s, NULL, &wide, &pl);
		/* Right to left, the marker stands at the measure's end. */
		left = B->doc->meta.rtl ? wide.measure : 0;
		right = 0;
		for (k = 0; pl.n > 0 && k < pl.lines[0].nruns; k++) {
			left = fmin(left, pl.lines[0].runs[k].x);
			right = fmax(right, pl.lines[0].runs[k].x +
			    pl.lines[0].runs[k].width);
		}
		if (right - left > w)
			w = right - left;
	}
	return w;
}

/* The number of items in list n. */
static int
list_items(const struct node *n)
{
	const struct node	*it;
	int			 k = 0;

	for (it = n->first; it != NULL; it = it->next)
		k++;
	return k;
}

/*
 * A list: items indented, each one's bullet or number hanging in the
 * indent before its first line (the indent widened for numbers wider
 * than it); tight lists without space between.
 */
static void
list(struct vbuild *B, const struct node *n, const struct ctx *c)
{
	const struct style	*st = &B->ks->st;
	const struct node	*it;
	struct ctx		 ic;
	struct pstyle		 ps;
	struct span		 s;
	const struct lay_elem	*le;
	double			 ind = LIST_INDENT * st->body_size;
	char			 mk[32], ends[2][32];
	double			 gap = 0.4 * st->body_size;
	int			 num = n->u.list.start;

	lay_pstyle_body(st, c->measure, B->in_note, &ps);
	if (n->u.list.ordered && n->first != NULL) {
		snprintf(ends[0], sizeof(ends[0]), "%d.", num);
		snprintf(ends[1], sizeof(ends[1]), "%d.",
		    num + list_items(n) - 1);
		ind = fmax(ind, marker_width(B, ends, 2, &ps) + gap);
	}
	lay_block_space(B);
	le = lay_elem(B->ks->arena, "L", c->elem);
	for (it = n->first; it != NULL; it = it->next, num++) {
		ic = *c;
		hang(B, &ic, indent_within(B, n, c->measure, ind));
		ic.elem = lay_elem(B->ks->arena, "LI", le);
		ic.tight = (n->flags & NF_TIGHT) != 0;
		if (n->u.list.ordered)
			snprintf(mk, sizeof(mk), "%d.", num);
		else
			snprintf(mk, sizeof(mk), "\xe2\x80\xa2");
		lay_pstyle_body(st, c->measure, B->in_note, &ps);
		ps.align = A_RIGHT;
		ps.measure = ind - gap;
		memset(&s, 0, sizeof(s));
		s.pos = it->pos;
		/* At the narrowest, the marker hangs into the outer indent. */
		marker(B, mk, &s, &ps, marker_x(B, &ic, ind, gap));
		if (it != n->first) {
			if (ic.tight)
				lay_vglue(B, 0, 1, 0);
			else
				lay_block_space(B);
		}
		B->prev = PV_NONE;
		lay_blocks(B, it, &ic);
		B->marker = NULL;
	}
	B->prev = PV_BLOCK;
}

/* A block quotation: narrower by an indent on each side. */
static void
quote(struct vbuild *B, const struct node *n, const struct ctx *c)
{
	struct ctx	 qc = *c;
	double		 ind = QUOTE_INDENT * B->ks->st.body_size;

	lay_block_space(B);
	ind = indent_within(B, n, c->measure, 2 * ind) / 2;
	qc.left += ind;
	qc.measure -= 2 * ind;
	qc.elem = lay_elem(B->ks->arena, "BlockQuote", c->elem);
	B->prev = PV_NONE;
	lay_blocks(B, n, &qc);
	B->prev = PV_BLOCK;
}

/* check.c's sections become Sect elements; no space of their own. */
static void
section(struct vbuild *B, const struct node *n, const struct ctx *c)
{
	struct ctx	 sc = *c;

	sc.elem = lay_elem(B->ks->arena, "Sect", c->elem);
	lay_blocks(B, n, &sc);
}

/* Every block child of n, in order, into the current list B->v. */
void
lay_blocks(struct vbuild *B, const struct node *n, const struct ctx *c)
{
	const struct node	*b;

	for (b = n->first; b != NULL; b = b->next) {
		switch (b->kind) {
		case N_SECTION:
			section(B, b, c);
			break;
		case N_HEADING:
			heading(B, b, c);
			break;
		case N_PARA:
			paragraph(B, b, c);
			break;
		case N_QUOTE:
			quote(B, b, c);
			break;
		case N_LIST:
			list(B, b, c);
			break;
		case N_ITEM:
			lay_blocks(B, b, c);
			break;
		case N_CODEBLOCK:
		case N_HTML:	/* shown as text, as in the EPUB */
			codeblock(B, b, c);
			break;
		case N_TABLE:
			lay_table(B, b, c);
			break;
		case N_RULE:
			lay_rule_block(B, c);
			break;
		case N_NOTES:	/* set apart, at the feet of pages */
			break;
		default:
			if (tree_is_inline(b->kind))
				break;
			lay_blocks(B, b, c);
			break;
		}
	}
}

/* A note's number as the marker of its first line, linked back. */
static void
note_marker(struct vbuild *B, int num, double ind, const struct ctx *c)
{
	struct pstyle	 ps;
	struct span	 s;
	char		 t[64];
	const char	*pre = B->doc->meta.id_prefix;

	memset(&s, 0, sizeof(s));
	s.pos = B->doc->meta.pos;
	snprintf(t, sizeof(t), "%sfnref-%d", pre, num);
	s.link = lay_quoted(B->ks->arena, "dest", t);
	snprintf(t, sizeof(t), "%sfn-%d", pre, num);
	s.dest = arena_strdup(B->ks->arena, t);
	snprintf(t, sizeof(t), "%d.", num);
	lay_pstyle_body(&B->ks->st, c->measure, B->in_note, &ps);
	ps.align = A_RIGHT;
	ps.measure = ind - 0.3 * ps.size;
	B->marker = NULL;
	marker(B, t, &s, &ps, marker_x(B, c, ind, 0.3 * ps.size));
}

/*
 * Each note's blocks into its own vertical list, B->notes[num - 1],
 * set small and indented, its number hanging in the indent.
 */
void
lay_notes(struct vbuild *B, const struct node *root, const struct ctx *c)
{
	const struct node	*ns, *fd;
	struct ctx		 nc;
	struct pstyle		 ps;
	double			 ind = NOTE_INDENT * B->ks->st.note_size;
	char			 widest[1][32];

	B->nnotes = B->doc->nnotes;
	if (B->nnotes <= 0)
		return;
	/* Every note hangs its number in the indent the widest needs. */
	lay_pstyle_body(&B->ks->st, c->measure, 1, &ps);
	snprintf(widest[0], sizeof(widest[0]), "%d.", B->nnotes);
	ind = fmax(ind, marker_width(B, widest, 1, &ps) + 0.3 * ps.size);
	B->notes = xcalloc(B->nnotes, sizeof(*B->notes));
	for (ns = root->first; ns != NULL && ns->kind != N_NOTES;
	    ns = ns->next)
		continue;
	if (ns == NULL)
		return;
	B->in_note = 1;
	for (fd = ns->first; fd != NULL; fd = fd->next) {
		if (fd->kind != N_FNDEF || fd->u.note.num < 1 ||
		    fd->u.note.num > B->nnotes)
			continue;
		B->v = &B->notes[fd->u.note.num - 1];
		B->prev = PV_NONE;
		B->keep = 0;
		nc = *c;
		hang(B, &nc, ind);
		nc.elem = lay_elem(B->ks->arena, "Note", c->elem);
		note_marker(B, fd->u.note.num, ind, &nc);
		lay_blocks(B, fd, &nc);
		B->marker = NULL;
	}
	B->in_note = 0;
	B->v = &B->body;
}
