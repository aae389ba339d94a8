/* Layout stage 7: where each printed page begins in the tree, for the EPUB's page list. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "layout-int.h"
#include "pagelist.h"
#include "tree.h"
#include "util.h"

/*
 * The page's first line of body text that names a tree word: body
 * and headings, in reading order (table cells row by row, a list
 * item's text after its marker).  Notes at the page's foot do not
 * count: the EPUB has them at the end, where a marker would be out
 * of page order, and neither does an artifact (a table's header row
 * repeated at the top: its words stand where the table began).  NULL:
 * the page has none (a title, notes only).
 */
static const struct lay_line *
first_word_line(const struct lay_page *pg)
{
	const struct lay_line	*ln;
	size_t			 k;

	for (k = 0; k < pg->nlines; k++) {
		ln = &pg->lines[k];
		if ((ln->role == LR_BODY || ln->role == LR_HEADING) &&
		    ln->word != NULL && ln->elem != NULL)
			return ln;
	}
	return NULL;
}

/* Whether the line before ln in its paragraph (on page prev) ended hyphenated. */
static int
after_hyphen(const struct lay_page *prev, const struct lay_line *ln)
{
	size_t	 k;

	if (prev == NULL || ln->para == 0 || ln->pline == 0)
		return 0;
	for (k = 0; k < prev->nlines; k++)
		if (prev->lines[k].para == ln->para &&
		    prev->lines[k].pline == ln->pline - 1)
			return prev->lines[k].hyphenated;
	return 0;
}

/*
 * The start of the word holding byte off of text: a page that begins
 * with the rest of a hyphenated word is marked before the whole word,
 * as a reader of the EPUB meets it.
 */
static size_t
word_start(const char *text, size_t off)
{
	const char	*p = text + off, *q;
	gunichar	 c;

	while (p > text) {
		q = g_utf8_find_prev_char(text, p);
		if (q == NULL)
			break;
		c = g_utf8_get_char(q);
		if (!g_unichar_isalnum(c) || is_han_or_kana(c))
			break;
		p = q;
	}
	return (size_t)(p - text);
}

void
lay_page_list(const struct layout *lay, struct page_list *pl)
{
	const struct lay_line	*ln;
	struct page_start	*ps;
	size_t			 i, j;

	memset(pl, 0, sizeof(*pl));
	pl->page_w = lay->page_w;
	pl->page_h = lay->page_h;
	pl->starts = xcalloc(lay->npages ? lay->npages : 1,
	    sizeof(*pl->starts));
	for (i = 0; i < lay->npages; i++) {
		ps = &pl->starts[pl->n++];
		ps->folio = lay->pages[i].num;
		/* The first page opens with the title block. */
		if (i == 0)
			continue;
		/* A page without body words starts where the next one does. */
		for (j = i; j < lay->npages; j++)
			if ((ln = first_word_line(&lay->pages[j])) != NULL)
				break;
		if (j == lay->npages) {
			pl->n--;
			continue;
		}
		ps->node = ln->word;
		ps->off = ln->word_off;
		if (j == i && after_hyphen(&lay->pages[i - 1], ln))
			ps->off = word_start(ln->word->text, ps->off);
	}
}

void
page_list_free(struct page_list *pl)
{
	free(pl->starts);
	memset(pl, 0, sizeof(*pl));
}
