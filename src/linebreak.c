/* Paragraph breaking over boxes, glue and penalties (Knuth and Plass). */
#include <math.h>
#include <stdlib.h>

#include "linebreak.h"
#include "util.h"

/*
 * Knuth and Plass, "Breaking paragraphs into lines" (1981): an active
 * node per feasible break and per kind of future (fitness class of its
 * line, length of the hyphen run it ends, line number while widths
 * differ), the cheapest way to reach it, and a line from each active
 * node to each legal break.  A node leaves the list once its line
 * would be overfull, so the work is the paragraph's length times the
 * breaks a line spans.  Pass 1 keeps to the tolerance; pass 2 (only
 * if pass 1 finds nothing) counts emergency stretch; pass 3 accepts
 * any loose line and, where nothing fits at all, an overfull one.
 */

#define FILL		1e6	/* glue stretch at or above this is fill */
#define BAD_INF		10000.0	/* badness of a line that cannot stretch */
#define RUN_DEMERITS	1e7	/* pass 3: a hyphen run over the limit */
#define NONE		((size_t)-1)
#define EPS		1e-9	/* widths closer than this are equal */

/*
 * The adjustment ratio badness is measured from.  Justified text in a
 * measure of 60 to 70 letters averages spaces a little wider than the
 * font's natural one; counting badness from a slightly stretched space
 * lets lines share that widening evenly, where badness from the
 * natural space sets some lines tight and leaves others very loose.
 * With the layout's stretch of half a space, 0.7 means a space of
 * 1.35 times the font's (Noto Serif's is narrow, 0.26 em).  Measured
 * on the lecture (A5, tests/typo): from 0 to 0.7, with the fitness
 * demerits below, the 95th percentile gap over the median went from
 * 1.51 to 1.34 and loose lines from 5.6 % to 1.0 %.  The default of
 * lb_params.ideal_ratio; Chinese and Japanese, set solid, take 0.
 */
#define IDEAL_RATIO	0.7

/* Active node visits since start; tests check that they grow linearly. */
unsigned long	 lb_stat_visits;

/* A feasible break: where, how we got there, and what it cost. */
struct node {
	size_t	 pos;		/* break item; NONE for the paragraph start */
	size_t	 start;		/* first item of the line after it */
	size_t	 line;		/* lines before the next one */
	size_t	 prev;		/* node of the previous break, or NONE */
	size_t	 next;		/* next active node, or NONE */
	double	 d;		/* total demerits up to here */
	int	 fit;		/* fitness class of the line ending here */
	int	 run;		/* hyphenated lines in a row ending here */
};

/* The best way found to break at one item, per class of future. */
struct cand {
	size_t	 from;		/* active node the line starts at */
	size_t	 line;
	double	 d;
	int	 fit, run;
};

/* Everything one pass reads and builds. */
struct lb {
	const struct lb_item	*it;
	size_t			 n;
	const double		*widths;
	size_t			 nwidths;
	const struct lb_params	*p;
	double			*sw, *sy, *sz, *sf;	/* prefix sums */
	struct node		*nodes;
	size_t			 nnodes, capnodes;
	size_t			 active;	/* head of the active list */
	struct cand		*cands;
	size_t			 ncands, capcands;
	double			 tolerance, emergency;
	int			 final;		/* pass 3 */
};

void
lb_params_default(struct lb_params *p)
{
	/*
	 * TeX's plain values, save one: lines two fitness classes
	 * apart cost 2000, not 10000.  With badness counted from
	 * IDEAL_RATIO, a decent line beside a loose one is often what
	 * keeps the loose one from getting looser (10000: p95 1.41;
	 * 2000 to 5000: 1.34 to 1.35 on the lecture).
	 * A generous tolerance only widens the search; the demerits
	 * still punish loose lines hard.  Emergency stretch is about
	 * 3 em of 10.5 pt text.
	 */
	p->tolerance = 2.0;
	p->emergency_stretch = 30;
	p->line_penalty = 10;
	p->flagged_demerits = 3000;
	p->fitness_demerits = 2000;
	p->final_hyphen_demerits = 5000;
	p->max_hyphen_run = 2;
	p->looseness = 0;
	p->ideal_ratio = IDEAL_RATIO;
}

static int
forced(const struct lb_item *it)
{
	return it->type == LB_PENALTY && it->penalty <= -LB_INF;
}

/*
 * May the line break at item i?  At a penalty below LB_INF, or at a
 * glue after a box, unless a forced break follows at once: breaking
 * there would only leave an empty line.
 */
static int
legal(const struct lb *s, size_t i)
{
	const struct lb_item *it = s->it;

	if (it[i].type == LB_PENALTY)
		return it[i].penalty < LB_INF;
	if (it[i].type != LB_GLUE || i == 0 || it[i - 1].type != LB_BOX)
		return 0;
	return !(i + 1 < s->n && forced(&it[i + 1]));
}

/* The first item of the line after a break at b. */
static size_t
line_start(const struct lb *s, size_t b)
{
	size_t	 j;

	for (j = b + 1; j < s->n; j++)
		if (s->it[j].type == LB_BOX || forced(&s->it[j]))
			break;
	return j;
}

static double
width_of(const struct lb *s, size_t line)
{
	return s->widths[line < s->nwidths ? line : s->nwidths - 1];
}

static void
prefix_sums(struct lb *s)
{
	size_t	 i;

	s->sw = xreallocarray(NULL, s->n + 1, 4 * sizeof(double));
	s->sy = s->sw + s->n + 1;
	s->sz = s->sy + s->n + 1;
	s->sf = s->sz + s->n + 1;
	s->sw[0] = s->sy[0] = s->sz[0] = s->sf[0] = 0;
	for (i = 0; i < s->n; i++) {
		const struct lb_item *it = &s->it[i];
		int glue = it->type == LB_GLUE;

		s->sw[i + 1] = s->sw[i] +
		    (it->type == LB_PENALTY ? 0 : it->width);
		s->sy[i + 1] = s->sy[i] +
		    (glue && it->stretch < FILL ? it->stretch : 0);
		s->sf[i + 1] = s->sf[i] + (glue && it->stretch >= FILL);
		s->sz[i + 1] = s->sz[i] + (glue ? it->shrink : 0);
	}
}

static size_t
new_node(struct lb *s)
{
	s->nodes = xgrow(s->nodes, &s->capnodes, s->nnodes + 1,
	    sizeof(*s->nodes));
	return s->nnodes++;
}

/* A line from an active node to a break, measured. */
struct span {
	double	 natural;	/* width, with the hyphen at a penalty */
	double	 ratio;		/* true adjustment ratio; +-HUGE_VAL when
				   there is no glue to adjust */
	double	 feasible;	/* the ratio the tolerance is checked on:
				   emergency stretch counted */
	double	 shrink;
	int	 fill;		/* ends in fill glue: a last line */
};

/*
 * Measure the line from active node a to a break at b.  Emergency
 * stretch (pass 2 on) only widens what is feasible: the badness comes
 * from the true ratio, so that the lines that cannot be helped are
 * loose, and not, as in TeX, every line of the paragraph a little.
 */
static void
measure(const struct lb *s, const struct node *a, size_t b,
    struct span *m)
{
	double	 w, l, y, z;

	w = width_of(s, a->line);
	l = s->sw[b] - s->sw[a->start];
	if (s->it[b].type == LB_PENALTY)
		l += s->it[b].width;
	/* Optical margins: what hangs out takes no room. */
	l -= s->it[b].protrude;
	if (a->start < s->n && s->it[a->start].type == LB_BOX)
		l -= s->it[a->start].protrude;
	y = s->sy[b] - s->sy[a->start];
	z = s->sz[b] - s->sz[a->start];
	m->natural = l;
	m->shrink = z;
	m->fill = s->sf[b] - s->sf[a->start] > 0;
	if (l > w) {
		m->ratio = z > 0 ? (w - l) / z : -HUGE_VAL;
		m->feasible = m->ratio;
	} else if (l == w || m->fill) {
		m->ratio = m->feasible = 0;
	} else {
		m->ratio = y > 0 ? (w - l) / y : HUGE_VAL;
		y += s->emergency;
		m->feasible = y > 0 ? (w - l) / y : HUGE_VAL;
	}
}

/*
 * The ratio the layout sets: finite, 0 for a line without the glue to
 * adjust (set ragged; an infinite ratio would make NaN of 0 stretch).
 */
static double
set_ratio(const struct span *m)
{
	return isinf(m->ratio) ? 0 : m->ratio;
}

/*
 * TeX's badness, 100 |r|^3 up to BAD_INF, measured from IDEAL_RATIO
 * rather than from the natural space (see there).  Fill lines are
 * judged from 0: their spaces are natural.
 */
static double
badness(const struct lb *s, const struct span *m)
{
	double	 d;

	if (isinf(m->ratio) || fabs(m->ratio) >= 100)
		return BAD_INF;
	d = m->fill ? m->ratio : m->ratio - s->p->ideal_ratio;
	d = 100 * fabs(d * d * d);
	return d < BAD_INF ? d : BAD_INF;
}

static int
fitness(double r)
{
	if (r < -0.5)
		return 0;
	if (r <= 0.5)
		return 1;
	if (r <= 1)
		return 2;
	return 3;
}

/*
 * Is candidate y no better than candidate x for every way the
 * paragraph may go on?  x may differ only in what the next line can
 * add: fitness demerits, flagged and final-hyphen demerits, and a
 * longer hyphen run that could make a later break infeasible.
 */
static int
dominated(const struct lb *s, const struct cand *x, const struct cand *y)
{
	double	 slack;

	/* With a looseness asked for, every line count is a future. */
	if (x->line != y->line && (s->p->looseness != 0 ||
	    x->line < s->nwidths - 1 || y->line < s->nwidths - 1))
		return 0;
	if (x->run > y->run)
		return 0;
	slack = x->fit == y->fit ? 0 : s->p->fitness_demerits;
	if (x->run > 0 && y->run == 0)
		slack += s->p->flagged_demerits + s->p->final_hyphen_demerits;
	return x->d + slack <= y->d;
}

/* Offer a way to break at the current item; keep it unless dominated. */
static void
offer(struct lb *s, const struct cand *c)
{
	size_t	 i, k;

	for (i = 0; i < s->ncands; i++)
		if (dominated(s, &s->cands[i], c))
			return;
	for (i = k = 0; i < s->ncands; i++)
		if (!dominated(s, c, &s->cands[i]))
			s->cands[k++] = s->cands[i];
	s->ncands = k;
	s->cands = xgrow(s->cands, &s->capcands, s->ncands + 1,
	    sizeof(*s->cands));
	s->cands[s->ncands++] = *c;
}

/*
 * The demerits of a line from a to b with adjustment ratio r, into
 * *out.  Returns 0, or -1 when the line would make a hyphen run longer
 * than the limit (allowed, at a high price, in pass 3 only).
 */
static int
demerits(const struct lb *s, const struct node *a, size_t b,
    const struct span *m, int fit, int run, double *out)
{
	const struct lb_item	*it = &s->it[b];
	const struct lb_params	*p = s->p;
	double			 bad, d;

	bad = badness(s, m);
	d = (p->line_penalty + bad) * (p->line_penalty + bad);
	if (it->type == LB_PENALTY && it->penalty > -LB_INF) {
		if (it->penalty >= 0)
			d += (double)it->penalty * it->penalty;
		else
			d -= (double)it->penalty * it->penalty;
	}
	if (run >= 2)
		d += p->flagged_demerits;
	if (a->run > 0 && forced(it))
		d += p->final_hyphen_demerits;
	if (abs(fit - a->fit) > 1)
		d += p->fitness_demerits;
	if (p->max_hyphen_run > 0 && run > p->max_hyphen_run) {
		if (!s->final)
			return -1;
		d += RUN_DEMERITS;
	}
	*out = d;
	return 0;
}

/* Turn the candidates at b into active nodes, at the list's head. */
static void
activate(struct lb *s, size_t b)
{
	size_t	 i, k, start;

	start = line_start(s, b);
	for (i = 0; i < s->ncands; i++) {
		const struct cand *c = &s->cands[i];

		k = new_node(s);
		s->nodes[k] = (struct node){ .pos = b, .start = start,
		    .line = c->line, .prev = c->from, .next = s->active,
		    .d = c->d, .fit = c->fit, .run = c->run };
		s->active = k;
	}
	s->ncands = 0;
}

/*
 * Try every active node as the start of a line ending at b.  Nodes
 * whose line would already be overfull, and all at a forced break,
 * leave the active list.  In pass 3, when none would be left and no
 * break found, the deactivated node closest to b makes an overfull
 * line anyway, so the paragraph always gets through.
 */
static void
try_break(struct lb *s, size_t b)
{
	const struct lb_item *it = &s->it[b];
	struct span	 m;
	size_t		 a, prevk = NONE, next, last_dead = NONE;
	double		 d;
	int		 fit, run, flagged;

	flagged = it->type == LB_PENALTY && it->flagged;
	for (a = s->active; a != NONE; a = next) {
		struct node *na = &s->nodes[a];

		lb_stat_visits++;
		next = na->next;
		measure(s, na, b, &m);
		if (m.feasible >= -1 && m.feasible <= s->tolerance) {
			fit = fitness(set_ratio(&m));
			run = flagged ? na->run + 1 : 0;
			if (demerits(s, na, b, &m, fit, run, &d) == 0)
				offer(s, &(struct cand){ .from = a,
				    .line = na->line + 1, .d = na->d + d,
				    .fit = fit, .run = run });
		}
		if (m.feasible < -1 || forced(it)) {
			if (last_dead == NONE ||
			    s->nodes[last_dead].start < na->start)
				last_dead = a;
			if (prevk == NONE)
				s->active = next;
			else
				s->nodes[prevk].next = next;
			continue;
		}
		prevk = a;
	}
	if (s->final && s->ncands == 0 && s->active == NONE &&
	    last_dead != NONE) {
		struct node *na = &s->nodes[last_dead];

		measure(s, na, b, &m);
		offer(s, &(struct cand){ .from = last_dead,
		    .line = na->line + 1, .d = na->d,
		    .fit = fitness(set_ratio(&m)),
		    .run = flagged ? na->run + 1 : 0 });
	}
	activate(s, b);
}

/*
 * TeX's \looseness: of the final nodes, the one whose line count is
 * nearest the optimum's (node best) plus the looseness, the fewest
 * demerits among equals.
 */
static size_t
loosest(const struct lb *s, size_t best)
{
	size_t	 k, pick = best;
	long	 want, dk, dp;

	want = (long)s->nodes[best].line + s->p->looseness;
	for (k = s->active; k != NONE; k = s->nodes[k].next) {
		if (s->nodes[k].pos != s->n - 1)
			continue;
		dk = labs((long)s->nodes[k].line - want);
		dp = labs((long)s->nodes[pick].line - want);
		if (dk < dp || (dk == dp && s->nodes[k].d < s->nodes[pick].d))
			pick = k;
	}
	return pick;
}

/*
 * One pass over the paragraph.  Returns the node of the final break,
 * or NONE when the active list ran dry (no feasible breaks).
 */
static size_t
run_pass(struct lb *s)
{
	size_t	 b, k, best;

	s->nnodes = 0;
	s->ncands = 0;
	k = new_node(s);
	s->nodes[k] = (struct node){ .pos = NONE, .start = 0, .line = 0,
	    .prev = NONE, .next = NONE, .fit = 1 };
	s->active = k;
	for (b = 0; b < s->n && s->active != NONE; b++) {
		if (!legal(s, b))
			continue;
		try_break(s, b);
	}
	if (s->active == NONE)
		return NONE;
	/* The list ended with a forced break: only its nodes remain. */
	best = NONE;
	for (k = s->active; k != NONE; k = s->nodes[k].next)
		if (s->nodes[k].pos == s->n - 1 &&
		    (best == NONE || s->nodes[k].d < s->nodes[best].d))
			best = k;
	if (best != NONE && s->p->looseness != 0)
		best = loosest(s, best);
	return best;
}

/* Walk back from the last break and fill in the lines. */
static void
collect(struct lb *s, size_t last, struct lb_result *r)
{
	struct span	 m;
	size_t		 k, i, count = 0;

	for (k = last; s->nodes[k].prev != NONE; k = s->nodes[k].prev)
		count++;
	r->lines = xreallocarray(NULL, count, sizeof(*r->lines));
	r->nlines = count;
	r->demerits = s->nodes[last].d;
	i = count;
	for (k = last; s->nodes[k].prev != NONE; k = s->nodes[k].prev) {
		const struct node *nk = &s->nodes[k];
		const struct node *from = &s->nodes[nk->prev];
		struct lb_line *l = &r->lines[--i];

		measure(s, from, nk->pos, &m);
		l->start = from->start;
		l->end = nk->pos;
		l->ratio = set_ratio(&m);
		l->natural = m.natural;
		l->hyphenated = s->it[nk->pos].type == LB_PENALTY &&
		    s->it[nk->pos].flagged;
		l->fitness = fitness(l->ratio);
		l->overfull = m.natural - m.shrink >
		    width_of(s, from->line) + EPS;
	}
}

int
lb_break(const struct lb_item *items, size_t n, const double *widths,
    size_t nwidths, const struct lb_params *p, struct lb_result *r)
{
	struct lb	 s = { 0 };
	size_t		 last;

	r->lines = NULL;
	r->nlines = 0;
	r->pass = 0;
	r->demerits = 0;
	if (n == 0 || nwidths == 0)
		return -1;
	s.it = items;
	s.n = n;
	s.widths = widths;
	s.nwidths = nwidths;
	s.p = p;
	prefix_sums(&s);

	s.tolerance = p->tolerance;
	r->pass = 1;
	last = run_pass(&s);
	if (last == NONE && p->emergency_stretch > 0) {
		s.emergency = p->emergency_stretch;
		r->pass = 2;
		last = run_pass(&s);
	}
	if (last == NONE) {
		s.emergency = p->emergency_stretch;
		s.tolerance = HUGE_VAL;
		s.final = 1;
		r->pass = 3;
		last = run_pass(&s);
	}
	/* Pass 3 always ends: every dry spell makes an overfull line. */
	if (last != NONE)
		collect(&s, last, r);
	free(s.sw);
	free(s.nodes);
	free(s.cands);
	return last == NONE ? -1 : 0;
}

void
lb_result_free(struct lb_result *r)
{
	free(r->lines);
	r->lines = NULL;
	r->nlines = 0;
}
