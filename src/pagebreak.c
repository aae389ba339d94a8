/* Page building over a vertical list: total fit, with footnotes. */
#include <math.h>
#include <stdlib.h>

#include "pagebreak.h"
#include "util.h"

/*
 * Knuth and Plass's method turned on pages: every legal break is a
 * node reached by the cheapest run of pages from the top, and a node
 * leaves the active list once a page from it would be too full, so
 * the work is the list's length times the breaks a page spans.  A
 * node also remembers what its page hands on to the next (the rest of
 * a split note), which side of the spread comes next, and how its page
 * was set, because those change what the next page may do and cost.
 * A figure that does not fit where it stands floats: the page runs on
 * past it with the text that follows, and the node at its end carries
 * the figure to the top of the next page (as a note is carried), as a
 * book's page builder does (TeX's \topinsert).  One figure a page may
 * float, the first that does not fit, and none after it may stand on
 * that page, so figures keep their order.
 * A first pass keeps every rule; if nothing gets through, a second
 * allows forbidden breaks and overfull pages at a price that makes
 * them the last resort, and always ends.
 */

#define BAD_INF		10000.0	/* badness of a page that cannot fill */
#define UNDERFULL_WEIGHT 10.0	/* past BAD_INF: BAD_INF more for each
				   tenth of the page left empty */
#define SHORT_COST	1e6	/* a full page left short (its glue would
				   stretch beyond r = 1): more than 10000
				   good pages cost */
#define SPREAD_COST	100.0	/* facing pages two classes apart */
#define ALONE_COST	1e6	/* one page of a spread short, the other
				   not: they would end on different lines */
#define FORBID_COST	1e7	/* fallback pass: a break at PB_INF */
#define OVERFULL_COST	1e9	/* fallback pass: a page too full */
#define EPS		1e-6	/* heights closer than this are equal */
#define NONE		PB_NONE
#define NOTE_MIN	2	/* lines of a split note on its own page */
#define WAIT_COST	5e6	/* a note that does not start on the page
				   of its reference: worse than a loose
				   page, better than a forbidden break */
#define MAX_FUTURES	64	/* new nodes kept at one break */
#define COMPACT_FROM	4096	/* nodes made before the first compact() */

/* Active node visits since start; tests check that they grow linearly. */
unsigned long	 pb_stat_visits;
/* Futures left out at breaks with more than MAX_FUTURES (keep_cheapest()). */
unsigned long	 pb_stat_pruned;
/* Nodes made, and the most one pb_break() held at once (compact()). */
unsigned long	 pb_stat_made, pb_stat_held;

/*
 * What a page hands on to the next: the first note line it did not
 * show (line `from` of `note`); every note anchored after that one so
 * far waits too, in order.
 */
struct carry {
	size_t	 note, from;	/* note NONE: nothing carried */
};

/* A feasible page break and the cheapest way found to reach it. */
struct node {
	size_t		 pos;	/* break item; NONE for the start, n at
				   the end of the list */
	size_t		 start;	/* first item of the next page */
	size_t		 page;	/* pages before the next one */
	size_t		 prev;
	size_t		 next;	/* active list */
	struct carry	 carry;	/* notes the next page must take first */
	size_t		 fig;	/* a figure floated to the top of the
				   next page, or NONE */
	double		 cost;
	int		 odd;	/* an odd number of pages before the next */
	int		 fit;	/* class of the page ending here, -1 if it
				   is not full (or there is none) */
	int		 tried;	/* a page from here was ever feasible */
};

/* Where a page's notes go, and what they leave over. */
struct place {
	double		 height;	/* notes, rule and gaps */
	struct carry	 out;
	size_t		 last_to;	/* lines of the last part shown */
	size_t		 waiting;	/* notes anchored on the page that
					   wait whole for the next */
};

struct pb {
	const struct pb_item	*it;
	size_t			 n;
	const struct pb_note	*notes;
	size_t			 nnotes;
	const struct pb_params	*p;
	double			*sh, *sst, *ssh;	/* prefix sums */
	size_t			*nb;	/* notes anchored before item i */
	size_t			*nextfig;	/* the first floating figure
						   at or after item i, or n */
	double			*lp;	/* note line prefix sums */
	size_t			*loff;	/* note k's lines start at loff[k] */
	struct node		*nodes;
	size_t			 nnodes, capnodes;
	size_t			 compact_at;	/* nnodes for the next compact() */
	size_t			 active;
	int			 fallback;
	size_t			*fut;	/* the new nodes at one break by
					   their future: see offer() */
	size_t			 capfut;	/* a power of two, or 0 */
	size_t			*futused;	/* the slots of fut in use */
	size_t			 nfutused, capfutused;
};

static int
forced(const struct pb_item *it)
{
	return it->type == PB_PENALTY && it->penalty <= -PB_INF;
}

/* May the page break at i?  (i == n: the end of the list.) */
static int
legal(const struct pb *s, size_t i)
{
	if (i == s->n)
		return 1;
	if (s->it[i].type == PB_PENALTY)
		return s->it[i].penalty < PB_INF || s->fallback;
	return s->it[i].type == PB_GLUE && i > 0 &&
	    s->it[i - 1].type == PB_BOX;
}

/* The first box at or after item j, or n: where a page starts. */
static size_t
first_box(const struct pb *s, size_t j)
{
	while (j < s->n && s->it[j].type != PB_BOX)
		j++;
	return j < s->n ? j : s->n;
}

/*
 * What a page of items [start, e) draws above them: the header row of
 * a table it starts inside, repeated.
 */
static double
start_head(const struct pb *s, size_t start, size_t e)
{
	return start < e && start < s->n ? s->it[start].head : 0;
}

static double
page_height(const struct pb *s, size_t k)
{
	const struct pb_params *p = s->p;

	return p->page_heights[k < p->npage_heights ? k :
	    p->npage_heights - 1];
}

/* Height of lines [from, to) of note k. */
static double
lines_height(const struct pb *s, size_t k, size_t from, size_t to)
{
	return s->lp[s->loff[k] + to] - s->lp[s->loff[k] + from];
}

static void
prefix_sums(struct pb *s)
{
	size_t	 i, k, total = 0;

	s->sh = xreallocarray(NULL, s->n + 1, 3 * sizeof(double));
	s->sst = s->sh + s->n + 1;
	s->ssh = s->sst + s->n + 1;
	s->nb = xreallocarray(NULL, s->n + 1, sizeof(size_t));
	s->sh[0] = s->sst[0] = s->ssh[0] = 0;
	s->nb[0] = 0;
	for (i = 0; i < s->n; i++) {
		const struct pb_item *it = &s->it[i];
		int glue = it->type == PB_GLUE;
		int box = it->type == PB_BOX;

		s->sh[i + 1] = s->sh[i] + (glue || box ? it->height : 0);
		s->sst[i + 1] = s->sst[i] + (glue || box ? it->stretch : 0);
		s->ssh[i + 1] = s->ssh[i] + (glue ? it->shrink : 0);
		/* Notes are numbered in the order of their anchors. */
		s->nb[i + 1] = box && it->first_note >= 0 && it->nnotes > 0 ?
		    (size_t)it->first_note + (size_t)it->nnotes : s->nb[i];
	}
	s->nextfig = xreallocarray(NULL, s->n + 1, sizeof(size_t));
	s->nextfig[s->n] = s->n;
	for (i = s->n; i-- > 0; )
		s->nextfig[i] = s->it[i].type == PB_BOX && s->it[i].floats ?
		    i : s->nextfig[i + 1];
	s->loff = xreallocarray(NULL, s->nnotes + 1, sizeof(size_t));
	for (k = 0; k < s->nnotes; k++) {
		s->loff[k] = total + k;
		total += s->notes[k].nlines;
	}
	s->loff[s->nnotes] = total + s->nnotes;
	s->lp = xreallocarray(NULL, total + s->nnotes + 1, sizeof(double));
	for (k = 0; k < s->nnotes; k++) {
		s->lp[s->loff[k]] = 0;
		for (i = 0; i < s->notes[k].nlines; i++)
			s->lp[s->loff[k] + i + 1] = s->lp[s->loff[k] + i] +
			    s->notes[k].lines[i];
	}
}

/* The notes anchored on items [a, b): [*first, *last). */
static void
anchored(const struct pb *s, size_t a, size_t b, size_t *first,
    size_t *last)
{
	/* Indices past the notes given (a layout bug) are dropped. */
	*first = s->nb[a] < s->nnotes ? s->nb[a] : s->nnotes;
	*last = s->nb[b] < s->nnotes ? s->nb[b] : s->nnotes;
	if (*last < *first)
		*last = *first;
}

/*
 * The notes queued from c (note c.note from line c.from, then every
 * later note up to end, exclusive) laid out in order in room: all of
 * them when they fit, else as many lines as fit, the note that runs
 * out of room split wherever it must.  The first part takes at least
 * min lines (fewer if it has fewer); a note the queue reaches later
 * gets NOTE_MIN lines or waits whole for the next page, so no page
 * holds a lone first line of a note.  Returns 0, or -1 if the first
 * part's minimum does not fit.
 */
static int
fill_notes(const struct pb *s, struct carry c, size_t end, double room,
    size_t min, struct place *pl)
{
	size_t	 k, from, nl, lo, hi, mid, least, parts = 0;
	double	 h = s->p->notes_sep, gap;

	pl->out.note = NONE;
	pl->out.from = 0;
	pl->height = 0;
	pl->last_to = 0;
	for (k = c.note, from = c.from; k < end; k++, from = 0) {
		nl = s->notes[k].nlines;
		gap = parts > 0 ? s->p->note_gap : 0;
		if (h + gap + lines_height(s, k, from, nl) <= room + EPS) {
			h += gap + lines_height(s, k, from, nl);
			pl->last_to = nl;
			parts++;
			continue;
		}
		/* The most lines of note k that fit: over the prefix sums. */
		lo = from;
		hi = nl;
		while (lo < hi) {
			mid = lo + (hi - lo + 1) / 2;
			if (h + gap + lines_height(s, k, from, mid) <=
			    room + EPS)
				lo = mid;
			else
				hi = mid - 1;
		}
		least = parts == 0 ? min : NOTE_MIN;
		if (least > nl - from)
			least = nl - from;
		if (lo < from + least) {
			if (parts == 0 && least > 0)
				return -1;
			lo = from;
		}
		if (lo > from) {
			h += gap + lines_height(s, k, from, lo);
			pl->last_to = lo;
			parts++;
		}
		pl->out.note = k;
		pl->out.from = lo;
		break;
	}
	pl->height = parts > 0 ? h : 0;
	return 0;
}

/*
 * Lay out a page's notes in room (natural) or, squeezing the page's
 * glue, in room_max: first what the previous page carried (in: the
 * first line not yet shown; the notes after it up to first wait too),
 * then the notes anchored on [first, last).  All of them when they
 * fit; otherwise as many lines as fit, in order, the rest carried to
 * the next page: a carried note shows at least a line here, a note
 * anchored here NOTE_MIN lines unless another part comes before it.
 * Anchored notes that do not start here are counted in pl->waiting.
 * Lenient (the fallback pass): no minimum.  Returns 0, or -1 if the
 * minimum does not fit.
 */
static int
place_notes(const struct pb *s, const struct carry *in, size_t first,
    size_t last, double room, double room_max, int lenient,
    struct place *pl)
{
	struct carry	 c = *in;
	size_t		 min, start;

	if (c.note == NONE) {
		c.note = first;
		c.from = 0;
	}
	min = lenient ? 0 : in->note != NONE ? 1 : NOTE_MIN;
	pl->waiting = 0;
	if (fill_notes(s, c, last, room_max, 0, pl) == 0 &&
	    pl->out.note == NONE)
		return 0;
	if (fill_notes(s, c, last, room, min, pl) == -1 &&
	    fill_notes(s, c, last, room_max, min, pl) == -1)
		return -1;
	if (pl->out.note != NONE) {
		start = pl->out.note + (pl->out.from > 0);
		if (start < first)
			start = first;
		pl->waiting = last > start ? last - start : 0;
	}
	return 0;
}

/*
 * The cost of a full page whose glue must stretch by ratio r (st: the
 * stretch there is) to take up the fraction `empty` of its height.
 * TeX's badness, 100 r^3, up to r = 1; glue never stretches further
 * (lay_pages.c leaves the rest at the foot), so beyond, the page is
 * short: SHORT_COST, more than 10000 good pages, and growing with the
 * part left empty, so that a total-fit search never ends a page after
 * two lines as gladly as after twenty.  Less than the slack left
 * empty does not count as short.
 */
static double
underfull(double r, double st, double empty, double slack_frac)
{
	if (st > 0 && r <= 1)
		return 100 * r * r * r;
	if (empty <= slack_frac)
		return 100 + BAD_INF * empty;
	return SHORT_COST + BAD_INF * (1 + UNDERFULL_WEIGHT * empty);
}

/*
 * The class of a full page's glue setting, as TeX's fitness classes
 * of lines: 0 shrunk past half, 1 decent, 2 loose, 3 short (its glue
 * cannot fill it: left more than the slack empty at the foot).
 */
static int
page_fit(double r, double left, double slack)
{
	if (left > slack)
		return 3;
	if (r < -0.5)
		return 0;
	return r <= 0.5 ? 1 : 2;
}

/*
 * The fallback's overfull page from node a to e: its notes in what
 * room the body leaves (none if it leaves none), the rest carried,
 * so no note is ever drawn over the body or above the page.
 */
static void
overfull_notes(const struct pb *s, const struct node *a, size_t e,
    struct place *pl)
{
	size_t	 first, last;
	double	 left;

	left = page_height(s, a->page) - (s->sh[e] - s->sh[a->start] +
	    start_head(s, a->start, e)) + (s->ssh[e] - s->ssh[a->start]);
	anchored(s, a->start, e, &first, &last);
	place_notes(s, &a->carry, first, last, left, left, 1, pl);
}

/* The first item of figure f's float: the glue before it, or f. */
static size_t
float_from(const struct pb *s, size_t f)
{
	return f > 0 && s->it[f - 1].type == PB_GLUE ? f - 1 : f;
}

/*
 * The height a floated figure f takes at the top of a page: itself
 * and, below it, the space that stood above it.
 */
static double
float_height(const struct pb *s, size_t f)
{
	return f == NONE ? 0 : s->sh[f + 1] - s->sh[float_from(s, f)];
}

/* How much the space below a floated figure f may stretch. */
static double
float_stretch(const struct pb *s, size_t f)
{
	return f == NONE ? 0 : s->sst[f + 1] - s->sst[float_from(s, f)];
}

/*
 * The figure that floats off the page from node a to a break at e
 * (carried figure included): the page's first floating figure that,
 * even with the glue shrunk, does not fit below what comes before it,
 * when no other figure follows it on the page and a page follows (not
 * at a forced break or the end).  NONE if none does; then a page that
 * cannot hold its figures is too full.
 */
static size_t
floating(const struct pb *s, const struct node *a, size_t e, int end,
    double H)
{
	size_t	 f;
	double	 upto;

	if (end)
		return NONE;
	for (f = s->nextfig[a->start]; f < e; f = s->nextfig[f + 1]) {
		upto = s->sh[f + 1] - s->sh[a->start] +
		    start_head(s, a->start, e) + float_height(s, a->fig) -
		    (s->ssh[f + 1] - s->ssh[a->start]);
		if (upto > H + EPS)
			return s->nextfig[f + 1] < e ? NONE : f;
	}
	return NONE;
}

/*
 * The page from node a to a break at e: its glue ratio (at most 1),
 * its notes, its cost and its class (page_fit; -1 for the last page
 * or one a forced break ends).  The space above a page's notes may
 * grow by notes_stretch as its glue does.  Returns 0 when the page is
 * feasible, -1 when this and every later break from a are too full
 * (an underfull page is never infeasible: its cost just grows).  *out:
 * the figure that floats off this page to the next, or NONE.
 */
static int
page_cost(const struct pb *s, const struct node *a, size_t e,
    double *cost, double *ratio, int *fit, struct place *pl, size_t *out)
{
	double	 h, st, sh, H, nat, shortfall, left = 0;
	size_t	 first, last, g;
	int	 end, rc;

	H = page_height(s, a->page);
	end = e == s->n || forced(&s->it[e]);
	nat = s->sh[e] - s->sh[a->start] + start_head(s, a->start, e) +
	    float_height(s, a->fig);
	st = s->sst[e] - s->sst[a->start] + float_stretch(s, a->fig);
	sh = s->ssh[e] - s->ssh[a->start];
	if ((*out = floating(s, a, e, end, H)) != NONE) {
		g = float_from(s, *out);
		nat -= s->sh[*out + 1] - s->sh[g];
		st -= s->sst[*out + 1] - s->sst[g];
		sh -= s->ssh[*out + 1] - s->ssh[g];
	}
	anchored(s, a->start, e, &first, &last);
	rc = place_notes(s, &a->carry, first, last, H - nat, H - nat + sh,
	    0, pl);
	if (rc == -1)
		return -1;
	h = nat + pl->height;
	if (pl->height > 0)
		st += s->p->notes_stretch;
	shortfall = H - h;
	*ratio = 0;
	*cost = 0;
	if (shortfall < -EPS) {
		if (sh <= 0 || -shortfall > sh + EPS)
			return -1;
		*ratio = shortfall / sh;
		*cost = 100 * fabs(*ratio * *ratio * *ratio);
	} else if (!end && shortfall > EPS) {
		*ratio = st > 0 ? shortfall / st : 0;
		left = shortfall - st > EPS ? shortfall - st : 0;
		*cost = underfull(*ratio, st, left / H,
		    s->p->short_slack / H);
		if (*ratio > 1)
			*ratio = 1;
	}
	*fit = end ? -1 : page_fit(*ratio, left, s->p->short_slack);
	*cost += WAIT_COST * (double)pl->waiting;
	if (e < s->n && s->it[e].type == PB_PENALTY && !end) {
		if (s->it[e].penalty >= PB_INF)
			*cost += FORBID_COST;
		else
			*cost += s->it[e].penalty;
	}
	/*
	 * Facing pages in balance: a recto (page 3, 5, ...; 0-based
	 * even) set tight beside a loose verso, or the other way, costs
	 * as much as a page at the tolerance; one of the two short and
	 * not the other (they end on different lines) as much as a
	 * short page.
	 */
	if (!end && !a->odd && a->fit >= 0) {
		if ((*fit == 3) != (a->fit == 3))
			*cost += ALONE_COST;
		else if (abs(*fit - a->fit) > 1)
			*cost += SPREAD_COST;
	}
	return 0;
}

static size_t
new_node(struct pb *s)
{
	s->nodes = xgrow(s->nodes, &s->capnodes, s->nnodes + 1,
	    sizeof(*s->nodes));
	pb_stat_made++;
	if (s->nnodes + 1 > pb_stat_held)
		pb_stat_held = s->nnodes + 1;
	return s->nnodes++;
}

/* Pages past the last given height are all alike: one class. */
static size_t
page_class(const struct pb *s, size_t page)
{
	return page < s->p->npage_heights ? page : s->p->npage_heights;
}

/* Do nodes x and y have the same future (offer())? */
static int
same_future(const struct node *x, const struct node *y)
{
	return x->page == y->page && x->odd == y->odd && x->fit == y->fit &&
	    x->carry.note == y->carry.note && x->carry.from == y->carry.from &&
	    x->fig == y->fig;
}

static size_t
future_hash(const struct node *x)
{
	size_t	 h = x->page;

	h = h * 31 + (size_t)x->odd;
	h = h * 31 + (size_t)(x->fit + 1);
	h = h * 1000003 + x->carry.note;
	h = h * 1000003 + x->carry.from;
	h = h * 1000003 + x->fig;
	return h ^ (h >> 17);
}

/*
 * The slot of s->fut for a node with the future of x: the slot holding
 * such a node, or the empty one (NONE) where it would go.
 */
static size_t *
future_slot(struct pb *s, const struct node *x)
{
	size_t	 i = future_hash(x) & (s->capfut - 1);

	while (s->fut[i] != NONE && !same_future(&s->nodes[s->fut[i]], x))
		i = (i + 1) & (s->capfut - 1);
	return &s->fut[i];
}

/*
 * Empty s->fut for the nodes of a new break, with room for twice as
 * many as there are active nodes (each offers at most one).  Only the
 * slots used at the last break are emptied, unless fut must grow.
 */
static void
futures_reset(struct pb *s, size_t nactive)
{
	size_t	 cap = s->capfut > 0 ? s->capfut : 64, i;

	while (cap < 2 * nactive + 2)
		cap *= 2;
	if (cap != s->capfut) {
		free(s->fut);
		s->fut = xreallocarray(NULL, cap, sizeof(*s->fut));
		s->capfut = cap;
		for (i = 0; i < cap; i++)
			s->fut[i] = NONE;
	} else
		for (i = 0; i < s->nfutused; i++)
			s->fut[s->futused[i]] = NONE;
	s->nfutused = 0;
}

/*
 * Offer a way to break at e: from node a, one more page (of class
 * fit, -1 if not full), leaving carry, at total cost.  Among the new
 * nodes at e, one survives for each future they may have: page height
 * class, side of the spread, class of the last page and carried note.
 * They are found by their future in s->fut, not by a walk over all of
 * them: a book of many notes has hundreds of futures at one break, and
 * the walk made each break cost their square.
 */
static void
offer(struct pb *s, size_t a, size_t e, int fit, const struct carry *carry,
    size_t fig, double cost)
{
	struct node	 x = { .pos = e, .start = first_box(s, e + 1),
	    .prev = a, .next = NONE, .carry = *carry, .fig = fig,
	    .cost = cost, .fit = fit };
	size_t		*slot;

	x.page = page_class(s, s->nodes[a].page + 1);
	x.odd = !s->nodes[a].odd;
	slot = future_slot(s, &x);
	if (*slot != NONE) {
		if (cost < s->nodes[*slot].cost) {
			s->nodes[*slot].cost = cost;
			s->nodes[*slot].prev = a;
		}
		return;
	}
	s->futused = xgrow(s->futused, &s->capfutused, s->nfutused + 1,
	    sizeof(*s->futused));
	s->futused[s->nfutused++] = (size_t)(slot - s->fut);
	*slot = new_node(s);
	s->nodes[*slot] = x;
}

/* Can a page run from node a to a break at e at all? */
static int
reachable(const struct pb *s, const struct node *a, size_t e)
{
	if (a->start < e)
		return 1;
	/* An empty page only to hold what notes or figure are left. */
	return e == s->n && (a->carry.note != NONE || a->fig != NONE);
}

/* A new node at a break, by its cost (keep_cheapest()). */
struct ranked {
	double	 cost;
	size_t	 k;
};

/* Cheapest first; of equal cost, the first made. */
static int
by_cost(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->cost != y->cost)
		return x->cost < y->cost ? -1 : 1;
	return (x->k > y->k) - (x->k < y->k);
}

/* By index: the order the nodes were made in. */
static int
by_index(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	return (x->k > y->k) - (x->k < y->k);
}

/*
 * Make the new nodes from first_new on active: the MAX_FUTURES
 * cheapest, if there are more.  Each is the best way to one future
 * (offer()), and a page break that ends several notes in a row can
 * have thousands, each active until a page from it is too full: a
 * generated lecture of 70 long notes took minutes.  A lecture short of
 * the cap pages exactly as before; past it, the search stays total fit
 * over the futures kept (a beam), and its work is bounded by the cap
 * times the breaks a page spans.
 */
static void
keep_cheapest(struct pb *s, size_t first_new)
{
	size_t		 n = s->nnodes - first_new, k;
	struct ranked	*r;

	if (n <= MAX_FUTURES) {
		for (k = first_new; k < s->nnodes; k++) {
			s->nodes[k].next = s->active;
			s->active = k;
		}
		return;
	}
	r = xreallocarray(NULL, n, sizeof(*r));
	for (k = 0; k < n; k++)
		r[k] = (struct ranked){ s->nodes[first_new + k].cost,
		    first_new + k };
	qsort(r, n, sizeof(*r), by_cost);
	/* In the order made, as the list would be without the cap. */
	qsort(r, MAX_FUTURES, sizeof(*r), by_index);
	for (k = 0; k < MAX_FUTURES; k++) {
		s->nodes[r[k].k].next = s->active;
		s->active = r[k].k;
	}
	pb_stat_pruned += n - MAX_FUTURES;
	free(r);
}

/*
 * Try every active node as the top of a page that ends at e.  Those
 * for which this page is already too full, and all at a forced break,
 * leave the list.  In the fallback pass, a node that never had a
 * feasible page makes this overfull one, so the list never runs dry.
 */
static void
try_break(struct pb *s, size_t e)
{
	struct place	 pl;
	size_t		 a, prevk = NONE, next, first_new = s->nnodes, fig;
	size_t		 nactive;
	double		 cost, ratio;
	int		 rc, fit, end;

	end = e == s->n || forced(&s->it[e]);
	for (a = s->active, nactive = 0; a != NONE; a = s->nodes[a].next)
		nactive++;
	futures_reset(s, nactive);
	for (a = s->active; a != NONE; a = next) {
		next = s->nodes[a].next;
		pb_stat_visits++;
		rc = 1;
		if (reachable(s, &s->nodes[a], e)) {
			rc = page_cost(s, &s->nodes[a], e, &cost, &ratio,
			    &fit, &pl, &fig);
			if (rc == 0) {
				s->nodes[a].tried = 1;
				offer(s, a, e, fit, &pl.out, fig,
				    s->nodes[a].cost + cost);
			}
		}
		if (rc == -1 && s->fallback && !s->nodes[a].tried) {
			s->nodes[a].tried = 1;
			overfull_notes(s, &s->nodes[a], e, &pl);
			offer(s, a, e, -1, &pl.out, NONE,
			    s->nodes[a].cost + OVERFULL_COST);
		}
		/*
		 * A forced break within what a discards at its top (a
		 * page cannot end before it starts) leaves it be.
		 */
		if (rc == -1 || (end && rc != 1)) {
			if (prevk == NONE)
				s->active = next;
			else
				s->nodes[prevk].next = next;
			continue;
		}
		prevk = a;
	}
	keep_cheapest(s, first_new);
}

/*
 * How many pages of notes alone must follow the last break at node k,
 * for what its pages could not hold (a long note anchored near the
 * end of the list): each takes at least a line, as many as fit.
 */
static size_t
tail_pages(const struct pb *s, const struct node *nk)
{
	struct place	 pl;
	struct carry	 c = nk->carry;
	size_t		 count = 0;

	while (c.note != NONE) {
		fill_notes(s, c, s->nnotes, page_height(s, nk->page + count),
		    1, &pl);
		c = pl.out;
		count++;
	}
	return count;
}

/* The total cost of ending at node k: pages of notes alone are bad. */
static double
final_cost(const struct pb *s, size_t k)
{
	return s->nodes[k].cost + BAD_INF * (double)tail_pages(s,
	    &s->nodes[k]);
}

/*
 * Let go of the nodes no way through can pass any more: kept are the
 * active ones and those their prev chains reach (and best's), in the
 * order they were made, so that ties break as before.  Every break
 * tried made nodes that stayed to the end: a quarter of the layout's
 * memory on a long lecture once its lines kept no runs (lay_measure()).
 * Called between breaks, when no index is held but these.
 */
static void
compact(struct pb *s, size_t *best)
{
	struct node	 x;
	size_t		*map, a, k, live = 0;

	map = xreallocarray(NULL, s->nnodes, sizeof(*map));
	for (k = 0; k < s->nnodes; k++)
		map[k] = NONE;
	for (a = s->active; a != NONE; a = s->nodes[a].next)
		for (k = a; k != NONE && map[k] == NONE; k = s->nodes[k].prev)
			map[k] = 0;
	for (k = *best; k != NONE && map[k] == NONE; k = s->nodes[k].prev)
		map[k] = 0;
	for (k = 0; k < s->nnodes; k++)
		if (map[k] != NONE)
			map[k] = live++;
	/* In place: a node only moves down. */
	for (k = 0; k < s->nnodes; k++) {
		if (map[k] == NONE)
			continue;
		x = s->nodes[k];
		x.prev = x.prev != NONE ? map[x.prev] : NONE;
		x.next = x.next != NONE ? map[x.next] : NONE;
		s->nodes[map[k]] = x;
	}
	s->active = s->active != NONE ? map[s->active] : NONE;
	*best = *best != NONE ? map[*best] : NONE;
	s->nnodes = live;
	free(map);
}

/*
 * One pass.  Returns the node of the cheapest last break, or NONE
 * when the active list ran dry (no feasible way through).
 */
static size_t
run_pass(struct pb *s)
{
	size_t	 e, k, best = NONE;

	s->nnodes = 0;
	k = new_node(s);
	s->nodes[k] = (struct node){ .pos = NONE, .start = first_box(s, 0),
	    .page = 0, .prev = NONE, .next = NONE, .carry = { NONE, 0 },
	    .fig = NONE, .fit = -1 };
	s->active = k;
	s->compact_at = COMPACT_FROM;
	for (e = 0; e <= s->n && s->active != NONE; e++) {
		if (!legal(s, e))
			continue;
		if (s->nnodes >= s->compact_at) {
			compact(s, &best);
			s->compact_at = 2 * s->nnodes > COMPACT_FROM ?
			    2 * s->nnodes : COMPACT_FROM;
		}
		/* Nodes that have shown everything are finished. */
		if (e == s->n)
			for (k = s->active; k != NONE; k = s->nodes[k].next)
				if (s->nodes[k].start >= s->n &&
				    s->nodes[k].carry.note == NONE &&
				    s->nodes[k].fig == NONE &&
				    s->nodes[k].pos != NONE &&
				    (best == NONE ||
				    final_cost(s, k) < final_cost(s, best)))
					best = k;
		try_break(s, e);
	}
	for (k = s->active; k != NONE; k = s->nodes[k].next)
		if (s->nodes[k].pos == s->n && s->nodes[k].fig == NONE &&
		    (best == NONE ||
		    final_cost(s, k) < final_cost(s, best)))
			best = k;
	return best;
}

/*
 * Page pg's note parts: from carry in (or note first, line 0) to
 * carry out (or the end of note last - 1), a part per note shown.
 */
static void
note_parts(const struct pb *s, const struct carry *in, size_t first,
    size_t last, const struct carry *out, struct pb_page *pg)
{
	size_t	 k, k0, from0, k1;

	k0 = in->note != NONE ? in->note : first;
	from0 = in->note != NONE ? in->from : 0;
	k1 = out->note != NONE ? out->note + (out->from > 0) : last;
	pg->nparts = k1 > k0 ? k1 - k0 : 0;
	pg->parts = pg->nparts ? xreallocarray(NULL, pg->nparts,
	    sizeof(*pg->parts)) : NULL;
	for (k = k0; k < k1; k++)
		pg->parts[k - k0] = (struct pb_note_part){ k,
		    k == k0 ? from0 : 0, out->note == k ? out->from :
		    s->notes[k].nlines };
}

/* Fill in page pg, from node a to the break at e, notes and all. */
static void
make_page(const struct pb *s, const struct node *a, size_t e,
    struct pb_page *pg)
{
	struct place	 pl;
	double		 cost, ratio = 0;
	size_t		 first, last, fig;
	int		 fit;

	if (page_cost(s, a, e, &cost, &ratio, &fit, &pl, &fig) == -1) {
		overfull_notes(s, a, e, &pl);
		ratio = -1;
		fig = NONE;
	}
	anchored(s, a->start, e, &first, &last);
	pg->start = a->start < e ? a->start : e;
	pg->end = e;
	pg->ratio = ratio;
	pg->natural = s->sh[e] - s->sh[pg->start] +
	    start_head(s, pg->start, e) + float_height(s, a->fig) -
	    (fig != NONE ? float_height(s, fig) : 0);
	pg->full = e < s->n && !forced(&s->it[e]);
	pg->float_in = a->fig;
	pg->float_out = fig;
	note_parts(s, &a->carry, first, last, &pl.out, pg);
}

static void
collect(struct pb *s, size_t last, struct pb_result *r)
{
	struct place	 pl;
	struct carry	 c = s->nodes[last].carry;
	size_t		 k, i, count = 0, tail;

	for (k = last; s->nodes[k].prev != NONE; k = s->nodes[k].prev)
		count++;
	tail = tail_pages(s, &s->nodes[last]);
	r->pages = xcalloc(count + tail + 1, sizeof(*r->pages));
	r->npages = count + tail;
	r->cost = final_cost(s, last);
	i = count;
	for (k = last; s->nodes[k].prev != NONE; k = s->nodes[k].prev) {
		const struct node *nk = &s->nodes[k];

		make_page(s, &s->nodes[nk->prev], nk->pos, &r->pages[--i]);
	}
	/* Pages of notes alone, after the last line of the list. */
	for (i = count; i < count + tail; i++) {
		struct pb_page *pg = &r->pages[i];

		pg->start = pg->end = s->n;
		pg->float_in = pg->float_out = NONE;
		fill_notes(s, c, s->nnotes, page_height(s, i), 1, &pl);
		note_parts(s, &c, s->nnotes, s->nnotes, &pl.out, pg);
		c = pl.out;
	}
}

int
pb_break(const struct pb_item *items, size_t n, const struct pb_note *notes,
    size_t nnotes, const struct pb_params *p, struct pb_result *r)
{
	struct pb	 s = { 0 };
	size_t		 last;

	r->pages = NULL;
	r->npages = 0;
	r->cost = 0;
	if (n == 0 || p->npage_heights == 0)
		return -1;
	s.it = items;
	s.n = n;
	s.notes = notes;
	s.nnotes = nnotes;
	s.p = p;
	prefix_sums(&s);
	last = run_pass(&s);
	if (last == NONE) {
		s.fallback = 1;
		last = run_pass(&s);
	}
	if (last != NONE)
		collect(&s, last, r);
	free(s.sh);
	free(s.nb);
	free(s.nextfig);
	free(s.lp);
	free(s.loff);
	free(s.nodes);
	free(s.fut);
	free(s.futused);
	return last == NONE ? -1 : 0;
}

void
pb_result_free(struct pb_result *r)
{
	size_t	 i;

	for (i = 0; i < r->npages; i++)
		free(r->pages[i].parts);
	free(r->pages);
	r->pages = NULL;
	r->npages = 0;
}
