/* Reading `pdftotext -bbox-layout` output: pages, blocks, lines, words. */
#ifndef BBOX_H
#define BBOX_H

#include <stddef.h>

/*
 * A word as poppler found it, after merging pieces that touch (a note
 * number set smaller than its word is a word of its own to poppler,
 * but no space parts them on the page).
 */
struct bword {
	double	 x0, y0, x1, y1;
	double	 size;		/* height of its widest piece: the text size */
	char	*text;		/* UTF-8, owned by the bdoc */
	int	 cell;		/* its table cell, index into bdoc.cells,
				   or -1 (see bbox_cells_from) */
	int	 cline;		/* the dump's line it lies on: the order
				   of its cell's lines */
};

/* A table cell as lectern's layout dump names it (from 1). */
struct bcell {
	int	 table, row, col;
};

struct bline {
	double	 x0, y0, x1, y1;
	int	 page;		/* 1-based */
	int	 block;		/* index over the whole document */
	int	 inblock;	/* 0-based position in its block */
	int	 blocklen;	/* lines in its block */
	int	 furniture;	/* running head or folio */
	int	 note;		/* a line of a note, by the layout dump */
	double	 size;		/* median word size */
	struct bword *w;	/* points into bdoc.words */
	size_t	 wi;		/* index of w in bdoc.words */
	size_t	 nw;
};

/* A line of text of lectern's layout dump (not a head or a folio). */
struct dline {
	int	 page;
	double	 x, y, w;	/* its ink's left, baseline, width */
	int	 hyph;		/* hyphenated (text ends with its hyphen) */
	int	 cell;		/* in a table cell */
	int	 used;		/* read for a row already */
	int	 line;		/* its number among the dump's lines of
				   text (bword.cline counts alike) */
	char	*text;		/* in logical order */
};

struct bpage {
	double	 width, height;
};

struct bdoc {
	struct bpage	*pages;
	size_t		 npages;
	struct bline	*lines;	/* in reading order */
	size_t		 nlines;
	struct bword	*words;
	size_t		 nwords;
	struct bcell	*cells;	/* every cell the dump names, in its order */
	size_t		 ncells;
	double		 bodysize;	/* the size of most words high on pages */
	char		*title;		/* the PDF's Title (<title>), or NULL */
	struct dline	*dlines;	/* the dump's, in its order */
	size_t		 ndlines;
	int		 roles;		/* read from a layout dump: lines'
					   note and furniture are its */
};

/*
 * Set: pieces of Hebrew or Arabic are not merged, even when they touch
 * (poppler gives such text letter by letter as drawn; the reader puts
 * the letters in order itself).
 */
extern int	bbox_rtl_pieces;

/*
 * Read path (XHTML from pdftotext -bbox-layout).  Returns 0, or -1
 * after printing why.  Free with bbox_free().
 */
int	bbox_read(const char *path, struct bdoc *);
void	bbox_free(struct bdoc *);
/*
 * Running heads and folios from lectern's layout dump of the same
 * document, in place of the guess bbox_read() made; and the body size
 * from the lines the dump calls body (a lecture of a few body words
 * and many notes has more words at the note size).  0, or -1.
 */
int	bbox_furniture_from(struct bdoc *, const char *dump);
/*
 * Each word's table cell, where the dump's "cell TABLE ROW COLUMN"
 * record after a line of text puts one: the words of that page inside
 * the line's span, on its baseline.  A header row drawn again atop a
 * page ("cell ... repeated") is furniture (bbox_furniture_from()).
 * Returns 0, or -1 after printing why.
 */
int	bbox_cells_from(struct bdoc *, const char *dump);

/* Is the word only digits (a folio) or roman numerals? */
int	bbox_is_number(const char *);
/* Does the UTF-8 string end in a hyphen (U+002D or U+2010)? */
int	bbox_ends_hyphen(const char *);
/* Median of v[0..n) (sorts v); 0 when n is 0. */
double	bbox_median(double *v, size_t n);
/* The p-th percentile (0..100) of v[0..n), nearest rank (sorts v). */
double	bbox_percentile(double *v, size_t n, double p);

#endif
