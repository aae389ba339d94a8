/* The print layout: runs the stages (layout-int.h) from the tree to a struct layout of pages. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <pango/pangocairo.h>

#include "fonts.h"
#include "hyph.h"
#include "layout-int.h"
#include "lectern.h"
#include "progress.h"
#include "style.h"
#include "tree.h"
#include "util.h"

/* Milliseconds from a to b. */
static double
ms(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1e3 + (b->tv_nsec - a->tv_nsec) / 1e6;
}

/* The style and its three families; -1 after a diagnostic. */
static int
style_fonts(struct layout *o, const struct opts *op)
{
	struct style	*st = &o->store->st;

	if (style_load(st, op ? op->style_dir : NULL) == -1)
		return -1;
	o->page_w = st->page_w;
	o->page_h = st->page_h;
	if (fonts_check(st->body_font, st->path) == -1 ||
	    fonts_check(st->heading_font, st->path) == -1 ||
	    fonts_check(st->mono_font, st->path) == -1)
		return -1;
	return 0;
}

/*
 * The tree to vertical lists (title block, blocks, closing, notes),
 * then to pages.  Returns 0, or -1 if a font is missing or the page
 * breaker failed.
 */
static int
build(struct layout *o, const struct doc *doc, struct setter *set)
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
	c.elem = lay_elem(o->store->arena, "Document", NULL);
	lay_title_block(&B, &c);
	lay_blocks(&B, doc->root, &c);
	lay_closing(&B, &c);
	lay_notes(&B, doc->root, &c);
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
 * Lay the doc out with the style in op->style_dir into o.  Returns 0,
 * or -1 after a diagnostic (a style that cannot be read, a missing
 * font).  Call lay_free() in both cases.
 */
int
lay_build(struct layout *o, const struct doc *doc, const struct opts *op)
{
	struct setter	 set;
	struct hyph	*hy;
	struct timespec	 t0, t1, t2;
	int		 rc;

	memset(o, 0, sizeof(*o));
	o->store = xcalloc(1, sizeof(*o->store));
	o->store->arena = arena_new();
	if (style_fonts(o, op) == -1)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	fonts_open(&o->store->f);
	pango_context_set_language(o->store->f.ctx, pango_language_from_string(
	    doc->meta.lang ? doc->meta.lang : "en"));
	hy = hyph_open(doc->meta.lang ? doc->meta.lang : "en");
	lay_setter_init(&set, o, hy, doc->meta.cjk_lang);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	rc = build(o, doc, &set);
	clock_gettime(CLOCK_MONOTONIC, &t2);
	progress_clear();
	if (op != NULL && op->verbose)
		fprintf(stderr, "%s: layout: %zu pages, fonts %.1f ms, "
		    "lines and pages %.1f ms\n", doc->path, o->npages,
		    ms(&t0, &t1), ms(&t1, &t2));
	if (hy != NULL)
		hyph_close(hy);
	lay_setter_free(&set);
	return rc;
}

/* Everything o holds, the store its pages borrow from too. */
void
lay_free(struct layout *o)
{
	struct lay_store	*ks = o->store;

	free(o->marks);
	free(o->paras);
	if (ks != NULL) {
		lay_shapes_free(ks);
		lay_images_free(ks);
		fonts_close(&ks->f);
		style_free(&ks->st);
		arena_free(ks->arena);
		free(ks);
	}
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
