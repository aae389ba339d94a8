/* After cairo: what cairo 1.16 cannot write into the PDF, added with qpdf. */
#ifndef LECTERN_PDFPOST_H
#define LECTERN_PDFPOST_H

#include <stddef.h>
#include <time.h>

struct output;

/*
 * What pdf.c knows about one structure element it began, in the order
 * it began them, which is the order of cairo's structure tree read
 * depth first.  Strings are owned by the struct pdfpost.
 */
struct pdfpost_elem {
	char	*tag;		/* as begun: "P", "Figure", "Link"... */
	char	*alt;		/* Figure: its alternate text, or NULL */
	char	*lang;		/* a language not the document's, or NULL */
	char	*contents;	/* Link: what its annotation says, or NULL */
};

/*
 * Tags pdf.c draws with, for post-processing to recognise: content in
 * PDFPOST_ARTIFACT is running heads, folios and rules, taken out of the
 * structure tree and marked /Artifact (cairo 1.16 accepts only standard
 * structure types, so it is drawn as "Private", which lectern uses for
 * nothing else); PDFPOST_LBL is a list item's label, whose siblings
 * post-processing moves into an LBody.
 */
#define PDFPOST_ARTIFACT	"Private"
#define PDFPOST_LBL		"Lbl"

/* Everything the finished PDF says about itself. */
struct pdfpost {
	const char	*title, *author, *subject, *keywords;
	const char	*lang;		/* the document's, BCP 47 */
	int		 rtl;		/* it reads right to left: pages
					   side by side open that way */
	const char	*creator;	/* "lectern 0.1.0" */
	time_t		 epoch;		/* creation and modification */
	int		*folios;	/* printed number of each page */
	size_t		 npages, cpages;
	size_t		 nfront;	/* a book's front matter: the last
					   pages drawn, moved to the front,
					   numbered i, ii... (their folios
					   unused); its structure is the
					   last root element */
	struct pdfpost_elem *elems;
	size_t		 nelems, celems;
};

/* Record one more element; returns it (until the next call). */
struct pdfpost_elem *pdfpost_elem(struct pdfpost *, const char *tag);
void	pdfpost_free(struct pdfpost *);

/*
 * Rewrite the PDF cairo made, in the file named file (qpdf reads it as
 * it needs it, so it need not be in memory whole), onto out: catalog
 * language, page labels, viewer preferences, XMP metadata, sRGB output
 * intent, artifacts out of the structure tree, LBody, /Alt, /Lang,
 * TH scope, link contents, /Tabs, a book's front matter to the front;
 * written by qpdf with a deterministic ID.  path names the output in
 * messages.  Returns 0, or -1 after a diagnostic (a failed write is
 * output_close()'s to report).
 */
int	pdfpost_apply_file(const struct pdfpost *, const char *path,
	    const char *file, struct output *out);

#endif
