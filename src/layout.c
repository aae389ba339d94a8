/* The print layout: runs the stages (layout-int.h) from the tree to a struct layout of pages. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <pango/pangocairo.h>

#include "diag.h"
#include "fonts.h"
#include "hyph.h"
#include "layout-int.h"
#include "lectern.h"
#include "pagebreak.h"
#include "progress.h"
#include "style.h"
#include "course.h"
#include "tree.h"
#include "util.h"

/* Milliseconds from a to b. */
static double
ms(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1e3 + (b->tv_nsec - a->tv_nsec) / 1e6;
}

/*
 * What every layout of a run shares (a balance's tries, a book's
 * lectures): the style and its checked families, one font map and
 * context (Pango's caches of fonts, glyphs and metrics live in them),
 * and a hyphenation dictionary per language.  Loaded on the first
 * build and kept until lay_end(); a style or family that failed fails
 * every build after, said once.
 */
struct shared_hyph {
	char		*lang;
	struct hyph	*hy;		/* NULL: no dictionary */
};

static struct shared {
	int		 loaded;
	int		 failed;
	char		*style_dir;	/* the style was loaded from */
	struct style	 st;
	struct fonts	 f;
	struct shared_hyph *hyph;
	size_t		 nhyph, chyph;
} shared;

/* The style and its three families, loaded once; -1 after a diagnostic. */
static int
shared_load(const struct opts *op)
{
	struct style	*st = &shared.st;
	const char	*dir = op ? op->style_dir : NULL;

	if (shared.loaded) {
		/* One run, one style: every build passes the same opts. */
		assert((dir == NULL) == (shared.style_dir == NULL) &&
		    (dir == NULL || strcmp(dir, shared.style_dir) == 0));
		return shared.failed ? -1 : 0;
	}
	shared.loaded = 1;
	shared.style_dir = dir != NULL ? xstrdup(dir) : NULL;
	if (style_load(st, dir) == -1 ||
	    fonts_check(st->body_font, st->path) == -1 ||
	    fonts_check(st->heading_font, st->path) == -1 ||
	    fonts_check(st->mono_font, st->path) == -1) {
		shared.failed = 1;
		return -1;
	}
	fonts_open(&shared.f);
	return 0;
}

/* The dictionary for lang, opened on first use (borrowed; may be NULL). */
static struct hyph *
shared_hyph(const char *lang)
{
	struct shared_hyph	*h;
	size_t			 i;

	for (i = 0; i < shared.nhyph; i++)
		if (strcmp(shared.hyph[i].lang, lang) == 0)
			return shared.hyph[i].hy;
	shared.hyph = xgrow(shared.hyph, &shared.chyph, shared.nhyph + 1,
	    sizeof(*shared.hyph));
	h = &shared.hyph[shared.nhyph++];
	h->lang = xstrdup(lang);
	h->hy = hyph_open(lang);
	return h->hy;
}

/* Everything the run's layouts shared; call once no layout is left. */
void
lay_end(void)
{
	size_t	 i;

	for (i = 0; i < shared.nhyph; i++) {
		if (shared.hyph[i].hy != NULL)
			hyph_close(shared.hyph[i].hy);
		free(shared.hyph[i].lang);
	}
	free(shared.hyph);
	fonts_close(&shared.f);
	if (shared.loaded)
		style_free(&shared.st);
	free(shared.style_dir);
	memset(&shared, 0, sizeof(shared));
}

/*
 * The tree to vertical lists (title block, blocks, closing, notes),
 * then to pages.  Returns 0, or -1 if a font is missing or the page
 * breaker failed.
 */
static int
build(struct layout *o, const struct doc *doc, struct setter *set,
    const struct book *bk, const int *starts)
{
	const struct style *st = &o->store->st;
	struct vbuild	 B;
	struct ctx	 c;
	int		 rc = 0, j;

	memset(&B, 0, sizeof(B));
	B.out = o;
	B.ks = o->store;
	B.doc = doc;
	B.set = set;
	B.v = &B.body;
	B.pendmark = -1;
	memset(&c, 0, sizeof(c));
	c.measure = st->page_w - st->margin_inner - st->margin_outer;
	/* A book's lecture is a part of it; pdf.c adds the book's front. */
	c.elem = lay_elem(o->store->arena, doc->meta.anchor != NULL ||
	    bk != NULL ? "Part" : "Document", NULL);
	if (bk != NULL)
		lay_book_front(&B, &c, bk, starts);
	else {
		lay_title_block(&B, &c);
		lay_blocks(&B, doc->root, &c);
		lay_closing(&B, &c);
		lay_notes(&B, doc->root, &c);
	}
	if (set->sh.failed || lay_paginate(o, set, &B.body, B.notes,
	    B.nnotes, doc) == -1)
		rc = -1;
	lay_vlist_free(&B.body);
	for (j = 0; j < B.nnotes; j++)
		lay_vlist_free(&B.notes[j]);
	free(B.notes);
	return rc;
}

/*
 * One layout job: what is laid out, where it stands in a book, and how
 * long its parts took over every try.
 */
struct job {
	const struct doc	*doc;
	const struct opts	*op;
	int			 first;	/* the first page's number */
	const struct book	*bk;	/* the book's front matter, or NULL */
	const int		*starts;	/* with bk: each lecture's first page */
	struct pcache		*pc;	/* a balance's: the paragraphs its
					   first layout set, or NULL */
	struct lay_store	*base;	/* that layout's store (pc borrows) */
	double			 fonts_ms, lines_ms;
	int			 measure;	/* lines without runs */
};

/*
 * One layout of j's doc into o, each paragraph k < nloose set loose[k]
 * lines off its best (loose may be NULL).  Returns 0, or -1 after a
 * diagnostic.
 */
static int
build_once(struct layout *o, struct job *j, const int *loose, size_t nloose)
{
	const struct doc *doc = j->doc;
	struct setter	 set;
	struct hyph	*hy;
	struct timespec	 t0, t1, t2;
	int		 rc;

	memset(o, 0, sizeof(*o));
	o->first = j->first;
	o->store = lay_store_new();
	if (loose != NULL && j->base != NULL) {
		/* A try's lines borrow from the first layout's store. */
		o->store->base = j->base;
		j->base->refs++;
	}
	o->store->doc_id_prefix = doc->meta.id_prefix;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (shared_load(j->op) == -1)
		return -1;
	/* Copies that borrow: the shared style and fonts outlive o. */
	o->store->st = shared.st;
	o->store->f = shared.f;
	o->page_w = shared.st.page_w;
	o->page_h = shared.st.page_h;
	pango_context_set_language(o->store->f.ctx, pango_language_from_string(
	    doc->meta.lang ? doc->meta.lang : "en"));
	/* A right-to-left lecture's paragraphs start at the right (lay_shape.c). */
	pango_context_set_base_dir(o->store->f.ctx, doc->meta.rtl ?
	    PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
	hy = shared_hyph(doc->meta.lang ? doc->meta.lang : "en");
	lay_setter_init(&set, o, hy, doc->meta.cjk_lang);
	set.measure = j->measure;
	set.loose = loose;
	set.nloose = nloose;
	set.pc = j->pc;
	/* The first layout of a balance fills the cache, its tries read. */
	set.pc_fill = loose == NULL;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	rc = build(o, doc, &set, j->bk, j->starts);
	clock_gettime(CLOCK_MONOTONIC, &t2);
	j->fonts_ms += ms(&t0, &t1);
	j->lines_ms += ms(&t1, &t2);
	lay_setter_free(&set);
	return rc;
}

/*
 * Pages balanced by their paragraphs (issue 14): while a full page
 * comes up short, lay the lecture out again with one paragraph on it
 * (or on the next page) set a line longer or shorter, the cheapest in
 * demerits first, and keep the first layout that is better: fewer
 * short pages, or as many left less short.  Each try lays the whole
 * lecture out again, muted (the first build said everything); so at
 * most BALANCE_TRIES per short page, and none past BALANCE_PAGES
 * pages.
 */
#define BALANCE_TRIES	10
#define BALANCE_PAGES	150

/* How far o is from balanced: lay_short_score, then the space left. */
static void
unbalance(const struct layout *o, int *score, double *left)
{
	size_t	 i;

	*score = lay_short_score(o);
	*left = 0;
	for (i = 0; i < o->npages; i++)
		if (lay_page_short(o, i))
			*left += o->pages[i].short_by;
}

/*
 * Try the candidates of short page i (0-based) of o, with loose[] the
 * settings so far; keep the first better layout in o.  Returns 1 if
 * one was kept, 0 if none was.
 */
static int
try_page(struct layout *o, size_t i, struct job *j, int *loose,
    size_t *tries)
{
	struct layout	 t;
	struct lay_cand	*c;
	size_t		 k, nc, n = o->nparas;
	double		 left, tleft;
	int		 score, tscore, kept = 0;

	unbalance(o, &score, &left);
	nc = lay_loose_cands(o, i, &c);
	for (k = 0; k < nc && *tries > 0 && !kept; k++) {
		(*tries)--;
		loose[c[k].para] = c[k].loose;
		if (build_once(&t, j, loose, n) == 0 && t.nparas == n) {
			unbalance(&t, &tscore, &tleft);
			if (tscore < score || (tscore == score &&
			    tleft < left - 1)) {
				lay_free(o);
				*o = t;
				kept = 1;
				continue;
			}
		}
		lay_free(&t);
		loose[c[k].para] = 0;
	}
	free(c);
	return kept;
}

static void
balance(struct layout *o, struct job *j)
{
	size_t	 i, n = o->nparas, tries = 0;
	int	*loose;

	if (lay_short_score(o) == 0 || o->npages > BALANCE_PAGES)
		return;
	for (i = 0; i < o->npages; i++)
		tries += lay_page_short(o, i) ? BALANCE_TRIES : 0;
	loose = xcalloc(n + 1, sizeof(*loose));
	j->base = o->store;
	diag_mute(1);
	for (i = 0; i < o->npages && tries > 0; i++)
		/* A page better but still short gets another turn. */
		while (i < o->npages && lay_page_short(o, i) &&
		    try_page(o, i, j, loose, &tries))
			continue;
	diag_mute(0);
	j->base = NULL;
	free(loose);
}

/*
 * j laid out into o, a lecture's pages balanced (the book's front
 * matter is not: its pages end where its lists do).  Returns 0, or -1
 * after a diagnostic (a style that cannot be read, a missing font).
 * Call lay_free() in both cases.
 */
static int
lay_job(struct layout *o, struct job *j)
{
	int		 rc;
	unsigned long	 pruned = pb_stat_pruned;

	if (j->bk == NULL)
		j->pc = lay_pcache_new();
	/* The body's messages and its notes', by line. */
	diag_hold();
	rc = build_once(o, j, NULL, 0);
	diag_release();
	if (rc == 0 && j->bk == NULL)
		balance(o, j);
	lay_pcache_free(j->pc);
	j->pc = NULL;
	progress_clear();
	if (j->op != NULL && j->op->verbose)
		fprintf(stderr, "%s: layout: %zu pages, fonts %.1f ms, "
		    "lines and pages %.1f ms%s\n", j->doc->path, o->npages,
		    j->fonts_ms, j->lines_ms, pb_stat_pruned > pruned ?
		    " (page breaks: the cheapest ways kept where a break "
		    "had too many)" : "");
	return rc;
}

/* The doc as a handout, its pages numbered from 1. */
int
lay_build(struct layout *o, const struct doc *doc, const struct opts *op)
{
	return lay_build_book(o, doc, op, 1);
}

/* lay_build_book() for what is never drawn: no line keeps its runs. */
int
lay_measure(struct layout *o, const struct doc *doc, const struct opts *op,
    int first)
{
	struct job	 j = { doc, op, first, NULL, NULL, NULL, NULL, 0, 0, 1 };

	return lay_job(o, &j);
}

/* The doc as a lecture of a book, its first page numbered first. */
int
lay_build_book(struct layout *o, const struct doc *doc,
    const struct opts *op, int first)
{
	struct job	 j = { doc, op, first, NULL, NULL, NULL, NULL, 0, 0, 0 };

	return lay_job(o, &j);
}

/* The book's front matter (bk->front as the doc), lectures at starts. */
int
lay_build_front(struct layout *o, const struct book *bk, const int *starts,
    const struct opts *op)
{
	struct job	 j = { bk->front, op, 1, bk, starts, NULL, NULL, 0, 0, 0 };

	return lay_job(o, &j);
}

/* A store of its own for a layout, held once. */
struct lay_store *
lay_store_new(void)
{
	struct lay_store	*ks = xcalloc(1, sizeof(*ks));

	ks->arena = arena_new();
	ks->refs = 1;
	return ks;
}

/* Let go of ks: freed with the last hold, and its base let go of. */
void
lay_store_release(struct lay_store *ks)
{
	struct lay_store	*base;

	if (ks == NULL || --ks->refs > 0)
		return;
	base = ks->base;
	lay_shapes_free(ks);
	lay_images_free(ks);
	arena_free(ks->arena);
	free(ks);
	lay_store_release(base);
}

/* Everything o holds, the store its pages borrow from too. */
void
lay_free(struct layout *o)
{
	free(o->marks);
	free(o->paras);
	lay_store_release(o->store);
	memset(o, 0, sizeof(*o));
}

/*
 * lectern dump --layout: the doc laid out and dumped to fp (report.c).
 * Returns 0, or -1 after a diagnostic.
 */
int
layout_dump(const struct doc *doc, const struct opts *op, FILE *fp)
{
	struct layout	 o;

	if (lay_build(&o, doc, op) == -1) {
		lay_free(&o);
		return -1;
	}
	lay_dump(&o, fp);
	lay_free(&o);
	return 0;
}
