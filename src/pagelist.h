/* The print edition's page starts, as the layout found them and the EPUB marks them. */
#ifndef LECTERN_PAGELIST_H
#define LECTERN_PAGELIST_H

#include <stddef.h>

struct node;

/*
 * Where a printed page begins: before the byte off of node's text
 * (N_TEXT, N_CODE, N_INLINE_HTML or N_CODEBLOCK), the first word of
 * the page's body text.  node NULL: at the start of the body (the
 * first page, which the title block opens).  placed is set by the
 * XHTML writer when it wrote the marker, so the page list names only
 * markers that exist.
 */
struct page_start {
	int			 folio;		/* the printed page number */
	const struct node	*node;
	size_t			 off;
	int			 placed;
};

/* The print edition the page numbers come from. */
struct page_list {
	struct page_start	*starts;	/* in page order */
	size_t			 n;
	double			 page_w, page_h;	/* points */
};

void	page_list_free(struct page_list *);

#endif
