/* The print layout: the tree as positioned lines on pages. */
#ifndef LECTERN_LAYOUT_H
#define LECTERN_LAYOUT_H

#include <stddef.h>

#include <cairo.h>
#include <pango/pango.h>

#include "tree.h"

struct book;
struct doc;
struct opts;
struct lay_store;
struct page_list;

/*
 * A structure element for the tagged PDF: "Document", "H2", "P",
 * "L", "LI", "Table", "TR", "TD", "BlockQuote", "Note", "Code"...
 * Lines point at their innermost element; parents lead to the
 * document.
 */
struct lay_elem {
	const char		*tag;
	const struct lay_elem	*parent;
	int			 depth;		/* Document is 0 */
};

/* A picture, loaded once, drawn w by h points. */
struct lay_image {
	const char	*path;		/* the file, as check.c found it */
	cairo_surface_t	*surf;		/* a JPEG's carries its bytes; an
					   SVG's records its vectors */
	int		 pw, ph;	/* its pixels */
};

/*
 * Glyphs of one font drawn at (x, baseline - rise), or a picture
 * (img) w by h points whose foot stands on the baseline.  item is a copy
 * whose offset and length index into text; the font belongs to the
 * original item, which the layout keeps until lay_free().
 */
struct lay_run {
	double		 x, rise, width;
	double		 expand;	/* glyphs widened by this share of
					   their width (a justified line's
					   font expansion), or 0 */
	PangoItem	 item;
	PangoGlyphString *glyphs;
	const char	*text;
	const char	*link;		/* cairo link attributes, or NULL */
	const char	*dest;		/* a destination name here, or NULL */
	const char	*lang;		/* the language the tree gave its
					   words (N_LANG, a span's lang), or
					   NULL: its paragraph's */
	const struct lay_image *img;	/* a picture, not glyphs */
	double		 height;	/* of the picture */
	float		 strike_pos;	/* struck through: the line's middle
					   this far above the baseline, */
	float		 strike_th;	/* this thick, as its font says;
					   0: not struck */
	int		 turned;	/* letters that read left to right,
					   set right to left by an override
					   (U+202E, <bdo dir="rtl">) */
	unsigned	 turned_off;	/* a turned run: the bytes of text
					   its glyphs stand for */
	unsigned	 turned_len;	/* (lay_lines.c turned_stretch()) */
};

/*
 * Which table cell a line is of: the table's number in the layout,
 * its row and column (all from 1; the header row is row 1).  repeated:
 * the header row drawn again atop a page the table continues on, an
 * artifact.  The dump says so, so that tools comparing the PDF's words
 * with the EPUB's read a table cell by cell and its header once.
 */
struct lay_cell {
	int		 table, row, col;
	int		 repeated;
};

enum lay_role { LR_BODY, LR_HEADING, LR_TITLE, LR_HEAD, LR_FOLIO, LR_NOTE,
	LR__MAX };

/* One line of text; positions in points from the page's top left. */
struct lay_line {
	enum lay_role		 role;
	double			 x, y;		/* left edge, baseline */
	double			 width;		/* as set */
	double			 ratio;		/* of its glue */
	int			 hyphenated;
	const char		*text;		/* plain, for dumps */
	struct lay_run		*runs;
	size_t			 nruns;
	const struct lay_elem	*elem;		/* NULL: an artifact */
	const char		*dest;		/* a destination at its left
						   edge (heading ids), or NULL */
	int			 para;		/* 1 + index into paras, or 0 */
	int			 pline;		/* 0-based line of its para */
	int			 overfull;	/* wider than its measure */
	struct pos		 pos;		/* its first word's source */
	const struct node	*word;		/* the tree text holding its
						   first word, or NULL */
	size_t			 word_off;	/* that word's byte in
						   word->text */
	const struct lay_cell	*cell;		/* a table cell's line, or
						   NULL */
};

/*
 * A paragraph as the line breaker set it, kept for the typographic
 * report: where it is, how it was set, what went wrong.
 */
struct lay_para {
	struct pos	 pos;
	enum lay_role	 role;
	int		 justified;
	int		 nlines;
	int		 page0, page1;	/* first and last page, 1-based */
	int		 toolong;	/* words wider than the measure */
	struct pos	 longpos;	/* the first of them */
	const char	*longword;
	int		 widow, orphan;	/* left on the pages */
	int		 widow_avoided, orphan_avoided;
	int		 loose;		/* set a line shorter (-1) or
					   longer (1) than its best */
	double		 price[2];	/* demerits added by setting it a
					   line shorter, longer; HUGE_VAL:
					   no such setting */
};

/* A straight line drawn on the page (table and note rules). */
struct lay_rule {
	double	 x0, y0, x1, y1, width;
};

struct lay_page {
	int		 num;		/* 1-based; also its label */
	struct lay_line	*lines;		/* reading order: body, notes,
					   then head and folio */
	size_t		 nlines;
	struct lay_rule	*rules;
	size_t		 nrules;
	double		 gap;		/* the most space added between two
					   lines of text (paragraphs, tight
					   items), pt */
	double		 short_by;	/* the foot of the text block left
					   empty, pt: 0 on a full page */
};

/* A bookmark: level 0 is the title, headings keep their level. */
struct lay_mark {
	const char	*title;
	int		 level;
	int		 page;		/* 1-based */
	double		 y;
};

/* The finished layout: what pdf.c draws and report.c reads. */
struct layout {
	double		 page_w, page_h;
	int		 first;		/* the first page's folio: 1, or
					   where a book's lecture begins */
	struct lay_page	*pages;
	size_t		 npages;
	struct lay_mark	*marks;
	size_t		 nmarks;
	struct lay_para	*paras;		/* every set paragraph */
	size_t		 nparas, cparas;
	struct lay_store *store;	/* what the pages borrow: arena,
					   fonts, glyphs, pictures */
};

/*
 * Lay the doc out with the style in opts->style_dir.  Returns 0, or -1
 * after a diagnostic (a style that cannot be read, a missing font).
 * Call lay_free() in both cases.
 *
 * Memory: every page is held until lay_free(): its glyphs, most of
 * it, and a run per stretch of a line in one font and span (a run per
 * word took a 3 MB lecture's PDF to a peak of 350 MB; 288 MB since
 * runs go on past a space, lay_lines.c glue()).  No page is handed
 * out before the last is built: pb_break() chooses the breaks of the
 * whole body at once, and pdf.c cuts each font to every glyph the
 * layout uses before it draws page 1 (fonts_cut_make(); a book's cut
 * grows with its lectures) and must know which elements hold a span
 * (mixed_elems()).  A page-commit callback needs all three to
 * work page by page first (issue 10, item 4).  pdf_draw() lets the
 * caller free the layout before the PDF's post-pass.
 */
int	lay_build(struct layout *, const struct doc *, const struct opts *);
/*
 * lay_build_book() (first 1: lay_build()) for a layout that is never
 * drawn (check, the EPUB's page list): the same pages, lines,
 * paragraphs and messages, but a line keeps no runs (nruns 0) nor text
 * (""), so its glyphs, over half a layout's memory, are let go
 * paragraph by paragraph.
 */
int	lay_measure(struct layout *, const struct doc *, const struct opts *,
	    int first);
/*
 * The same for a lecture of a book (course.c set its anchor and running
 * heads), its first page numbered first (odd: a right-hand page).
 */
int	lay_build_book(struct layout *, const struct doc *,
	    const struct opts *, int first);
/*
 * A book's front matter: the title page, then the contents with each
 * lecture's first folio (starts, in book order).  No running heads or
 * folios: pdf.c numbers these pages in roman.
 */
int	lay_build_front(struct layout *, const struct book *,
	    const int *starts, const struct opts *);
void	lay_free(struct layout *);
/*
 * The style, fonts and hyphenation dictionaries every layout since the
 * last call shared (loaded by the first): release them once no layout
 * of them is left.  The next build loads them again.
 */
void	lay_end(void);
/*
 * The typographic report of a built layout: per paragraph, then the
 * whole document, to path (if not NULL); the one-line summary also
 * on stderr if verbose.  Returns 0, or -1 after a diagnostic.
 */
int	lay_report(const struct layout *, const char *source,
	    const char *path, int verbose);
/*
 * lay_report() in two steps, so that the layout can be freed between
 * them: the report's text into text (NULL: none) and the summary on
 * stderr if verbose, then the text saved to path through a temporary
 * file.  Both return 0, or -1 after a diagnostic.
 */
struct buf;
int	lay_report_text(const struct layout *, const char *source,
	    int verbose, struct buf *text);
int	lay_report_save(const char *path, const struct buf *text);
/*
 * Where each page of a built layout begins in the tree, for the EPUB's
 * page list (pagelist.h); free with page_list_free().
 */
void	lay_page_list(const struct layout *, struct page_list *);

#endif
