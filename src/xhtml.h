/* The EPUB's XHTML: the chapter, its images, the labels of the tables of contents. */
#ifndef LECTERN_XHTML_H
#define LECTERN_XHTML_H

#include <stddef.h>

#include "xmlw.h"

struct doc;
struct meta;
struct node;
struct buf;
struct page_list;

/*
 * A string of m's lecture (its title, a label, a caption) with its runs
 * in another language in <span lang xml:lang>: util.c's
 * string_run_lang(), as lay_para_add_text() tags them in the PDF.
 */
void	 xw_text_lang(struct xw *, const char *, const struct meta *m);
/*
 * <name>words</name>, words being lectern's own (labels.c): tagged
 * with the meta's words_lang when they are not in the lecture's
 * language.
 */
void	 xhtml_words(struct xw *, const char *name, const char *words,
	    const struct meta *);
/*
 * <!DOCTYPE html> and <html> with the language and the XHTML
 * namespace, and the epub: one (OPS) when ops is set; dir="rtl" for a
 * lecture in a right-to-left language.
 */
void	 xhtml_root(struct xw *, const struct meta *, int ops);

/* One image to package: where it is and what the book calls it. */
struct xhtml_media {
	const char	*disk;	/* the file on disk (the doc's arena) */
	char		*href;	/* "images/NAME", from OEBPS/ */
	const char	*type;	/* media type */
};

/*
 * Every packaged image of the doc, once each, in document order.
 * Caller frees with xhtml_media_free().
 */
size_t	 xhtml_media(const struct doc *, struct xhtml_media **);
/* The EPUB core media type for a file name, or NULL: not packaged. */
const char *xhtml_type_ext(const char *type);
void	 xhtml_media_free(struct xhtml_media *, size_t);

/*
 * The content document, linking css (an href relative to it), with a
 * marker before the first word of each print page in pages (NULL:
 * none; each marker written is flagged placed).  Returns
 * the XHTML bytes (caller frees) and their length in *len, or NULL
 * after a report.
 */
char	*xhtml_chapter(const struct doc *, const struct xhtml_media *,
	    size_t nmedia, const char *css, struct page_list *pages,
	    size_t *len);

/* The file of the book's lecture whose id is anchor.  Caller frees. */
char	*xhtml_lecture_file(const char *anchor);
/*
 * A book's title page: the course's title, subtitle, author, date,
 * publisher and rights (NULL: left out).  As xhtml_chapter() returns.
 */
char	*xhtml_title_page(const struct doc *front, const char *subtitle,
	    const char *publisher, const char *rights, const char *css,
	    size_t *len);

/*
 * A heading's inlines for a table of contents: Han runs keep their
 * language spans, other markup and note references drop.
 */
void	 xhtml_label(struct xw *, const struct node *heading);
/* The same as plain text appended to buf (for toc.ncx). */
void	 xhtml_plain(struct buf *, const struct node *heading);

#endif
