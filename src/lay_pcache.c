/* Set paragraphs kept from a lecture's first layout for the balance's tries (layout.c). */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "layout-int.h"
#include "util.h"

/*
 * One paragraph as the first layout set it: what went in (the text,
 * its spans and sources, the look, the looseness asked for) and what
 * came out (the lines, the notes they reference, the report's record,
 * the widest word).  The lines' runs, glyphs and strings stay in the
 * first layout's store, which the cache keeps alive.
 */
struct pentry {
	int		 set;		/* this paragraph was kept */
	char		*text;
	size_t		 len;
	struct span	*sp;
	size_t		 nsp;
	struct anchor	*an;
	size_t		 nan;
	struct pstyle	 ps;
	int		 loose;
	int		 long_said;
	struct lay_line	*lines;		/* as set, before the block
					   stages placed them */
	int		*lo, *hi;
	size_t		 n;
	struct lay_para	 rec;
	double		 widest_word;
};

/*
 * The lines a cache keeps at most: a lecture past BALANCE_PAGES
 * (layout.c) is not balanced, so its tries never come, and a huge
 * lecture's first layout must not hold a second copy of its lines.
 */
#define PCACHE_LINES	(150 * 80)

struct pcache {
	struct lay_store *ks;		/* the first layout's: the lines
					   borrow from it (held) */
	struct pentry	*e;		/* by index in layout.paras */
	size_t		 ne, ce;
	size_t		 nlines;
	int		 full;		/* past PCACHE_LINES: emptied */
};

struct pcache *
lay_pcache_new(void)
{
	return xcalloc(1, sizeof(struct pcache));
}

/* Every entry let go of. */
static void
empty(struct pcache *c)
{
	struct pentry	*e;
	size_t		 i;

	for (i = 0; i < c->ne; i++) {
		e = &c->e[i];
		free(e->text);
		free(e->sp);
		free(e->an);
		free(e->lines);
		free(e->lo);
		free(e->hi);
	}
	free(c->e);
	c->e = NULL;
	c->ne = c->ce = 0;
}

void
lay_pcache_free(struct pcache *c)
{
	if (c == NULL)
		return;
	empty(c);
	lay_store_release(c->ks);
	free(c);
}

/* Equal strings, or both NULL. */
static int
same_str(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static int
same_pos(const struct pos *a, const struct pos *b)
{
	return a->line == b->line && a->col == b->col &&
	    same_str(a->file, b->file);
}

/*
 * The same span: pictures by their file (each layout loads its own),
 * links and destinations by their text (each layout quotes its own).
 */
static int
same_span(const struct span *a, const struct span *b)
{
	return a->start == b->start && a->end == b->end && a->f == b->f &&
	    a->note == b->note && a->note_last == b->note_last &&
	    same_str(a->lang, b->lang) && same_str(a->link, b->link) &&
	    same_str(a->dest, b->dest) && (a->img == NULL) == (b->img == NULL) &&
	    (a->img == NULL || same_str(a->img->path, b->img->path)) &&
	    same_pos(&a->pos, &b->pos);
}

static int
same_anchor(const struct anchor *a, const struct anchor *b)
{
	return a->off == b->off && a->src == b->src &&
	    a->src_off == b->src_off && a->len == b->len &&
	    same_pos(&a->pos, &b->pos);
}

static int
same_pstyle(const struct pstyle *a, const struct pstyle *b)
{
	return same_str(a->family, b->family) && a->size == b->size &&
	    a->leading == b->leading && a->f == b->f && a->align == b->align &&
	    a->hyph == b->hyph && a->literal == b->literal &&
	    a->indent == b->indent && a->measure == b->measure &&
	    a->role == b->role;
}

/* Is e the paragraph p in the look ps, asked for the same looseness? */
static int
same_para(const struct pentry *e, const struct setter *S,
    const struct para *p, const struct pstyle *ps, int loose)
{
	size_t	 i;

	if (!e->set || e->loose != loose || e->long_said != S->hl.long_said ||
	    e->len != p->t.len || e->nsp != p->nsp || e->nan != p->nan ||
	    memcmp(e->text, p->t.p, e->len) != 0 || !same_pstyle(&e->ps, ps))
		return 0;
	for (i = 0; i < e->nsp; i++)
		if (!same_span(&e->sp[i], &p->sp[i]))
			return 0;
	for (i = 0; i < e->nan; i++)
		if (!same_anchor(&e->an[i], &p->an[i]))
			return 0;
	return 1;
}

/* n things of size bytes each, copied to memory of their own. */
static void *
dup_n(const void *from, size_t n, size_t size)
{
	void	*to;

	if (n == 0)
		return NULL;
	to = xreallocarray(NULL, n, size);
	memcpy(to, from, n * size);
	return to;
}

/* The same, in the arena. */
static void *
arena_dup_n(struct arena *ar, const void *from, size_t n, size_t size)
{
	void	*to;

	if (n == 0)
		return NULL;
	to = arena_alloc(ar, n * size);
	memcpy(to, from, n * size);
	return to;
}

int
lay_pcache_get(struct setter *S, const struct para *p,
    const struct pstyle *ps, int loose, struct plines *pl)
{
	struct pcache	*c = S->pc;
	struct arena	*ar = S->sh.ks->arena;
	struct pentry	*e;

	if (c == NULL || S->pc_fill || c->full || S->cur >= c->ne)
		return 0;
	e = &c->e[S->cur];
	if (!same_para(e, S, p, ps, loose))
		return 0;
	pl->n = e->n;
	pl->lines = arena_dup_n(ar, e->lines, e->n, sizeof(*e->lines));
	pl->lo = arena_dup_n(ar, e->lo, e->n, sizeof(*e->lo));
	pl->hi = arena_dup_n(ar, e->hi, e->n, sizeof(*e->hi));
	S->out->paras[S->cur] = e->rec;
	S->hl.widest_word = e->widest_word;
	return 1;
}

void
lay_pcache_put(struct setter *S, const struct para *p,
    const struct pstyle *ps, int loose, const struct plines *pl)
{
	struct pcache	*c = S->pc;
	struct pentry	*e;

	if (c == NULL || !S->pc_fill || c->full)
		return;
	if ((c->nlines += pl->n) > PCACHE_LINES) {
		empty(c);
		c->full = 1;
		return;
	}
	if (c->ks == NULL) {
		c->ks = S->sh.ks;
		c->ks->refs++;
	}
	assert(c->ks == S->sh.ks);
	if (S->cur >= c->ne) {
		c->e = xgrow(c->e, &c->ce, S->cur + 1, sizeof(*c->e));
		memset(c->e + c->ne, 0, (S->cur + 1 - c->ne) * sizeof(*c->e));
		c->ne = S->cur + 1;
	}
	e = &c->e[S->cur];
	e->set = 1;
	e->len = p->t.len;
	e->text = dup_n(p->t.p, p->t.len, 1);
	e->nsp = p->nsp;
	e->sp = dup_n(p->sp, p->nsp, sizeof(*p->sp));
	e->nan = p->nan;
	e->an = dup_n(p->an, p->nan, sizeof(*p->an));
	e->ps = *ps;
	e->loose = loose;
	e->long_said = S->hl.long_said;
	e->n = pl->n;
	e->lines = dup_n(pl->lines, pl->n, sizeof(*pl->lines));
	e->lo = dup_n(pl->lo, pl->n, sizeof(*pl->lo));
	e->hi = dup_n(pl->hi, pl->n, sizeof(*pl->hi));
	e->rec = S->out->paras[S->cur];
	e->widest_word = S->hl.widest_word;
}
