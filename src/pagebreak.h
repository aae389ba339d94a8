/* Page building over a vertical list of lines, glue and penalties. */
#ifndef LECTERN_PAGEBREAK_H
#define LECTERN_PAGEBREAK_H

#include <stddef.h>

/* A penalty at or above this never breaks; at or below -PB_INF always. */
#define PB_INF 10000
#define PB_NONE ((size_t)-1)	/* no item */

enum pb_type { PB_BOX, PB_GLUE, PB_PENALTY };

/*
 * One item of the main vertical list, top to bottom.  A box is a line
 * of text (or a rule, an image, a title block): it takes `height`
 * (its advance: from the top of its slot to the top of the next one).
 * Glue is space between blocks that may stretch or shrink to make
 * every full page end at the same baseline.  A page may break at a
 * penalty below PB_INF, or at a glue that directly follows a box; the
 * glue or penalty at a break, and the glue and penalties that follow
 * it, vanish.  The layout puts a penalty between every two lines:
 * 0 where a break is fine, PB_INF where it would leave a widow or an
 * orphan or part a heading from its text.
 */
struct pb_item {
	enum pb_type	 type;
	double		 height;	/* box: its advance; glue: natural */
	double		 stretch;	/* glue; a box: space about it that
					   may grow as glue does (a figure) */
	double		 shrink;	/* glue */
	int		 penalty;	/* penalty */
	int		 first_note;	/* box: first note anchored on this
					   line (index into notes), or -1 */
	int		 nnotes;	/* box: how many notes, consecutive */
	double		 head;		/* box: drawn above it when a page
					   starts with it (a table's header
					   row, repeated) */
	int		 floats;	/* box: a figure that, where it does
					   not fit, may move to the top of
					   the next page, the text after it
					   filling this one */
};

/* A footnote: its lines' heights, top to bottom. */
struct pb_note {
	const double	*lines;
	size_t		 nlines;
};

struct pb_params {
	const double	*page_heights;	/* body height of page k (0-based);
					   past npages, the last one */
	size_t		 npage_heights;
	double		 notes_sep;	/* space for the rule above the notes
					   of a page */
	double		 note_gap;	/* space between two notes */
	double		 notes_stretch;	/* the space above a page's notes
					   may grow by this much */
	double		 short_slack;	/* a page ending this far above
					   the others is short */
};

/*
 * A note's place on a page: lines [from, to) of note `note`.  A long
 * note may be split: its first lines on the page of its reference, the
 * rest at the top of the next page's notes.
 */
struct pb_note_part {
	size_t	 note, from, to;
};

struct pb_page {
	size_t		 start, end;	/* main items [start, end) shown; the
					   discarded items at a break are
					   outside every page */
	double		 ratio;		/* glue setting: > 0 stretched,
					   < 0 shrunk; never past 1: what
					   the glue cannot fill is left at
					   the foot, or above the notes */
	double		 natural;	/* natural height of the content */
	struct pb_note_part *parts;	/* notes at this page's foot */
	size_t		 nparts;
	int		 full;		/* not the last page, not cut short by
					   a forced break */
	size_t		 float_in;	/* a figure (item index) that floated
					   here from the page before: drawn
					   first, then the space that stood
					   before it; PB_NONE if none */
	size_t		 float_out;	/* a figure in [start, end) that is
					   not drawn here but floats on (it
					   and the glue just before it are
					   skipped); PB_NONE if none */
};

struct pb_result {
	struct pb_page	*pages;
	size_t		 npages;
	double		 cost;
};

/*
 * Choose page breaks for items[0..n) over the whole list, minimising
 * the total cost (badness of each page's glue setting plus penalties),
 * so that a footnote lands on the page of the line that references it
 * (or starts there and continues), a figure that does not fit where it
 * stands floats to the top of the next page while the text after it
 * fills this one, no forbidden break is taken unless
 * no other exists, and every full page is filled to its height.
 * Returns 0, or -1 when n == 0.
 */
int	pb_break(const struct pb_item *items, size_t n,
	    const struct pb_note *notes, size_t nnotes,
	    const struct pb_params *, struct pb_result *);
void	pb_result_free(struct pb_result *);

/*
 * Active nodes visited by every pb_break() so far: a test counts them to
 * check that the work grows linearly with the input (never reset).
 */
extern unsigned long	pb_stat_visits;
extern unsigned long	pb_stat_pruned;	/* futures the cap left out */
/* Nodes made by every pb_break(), and the most one held at once. */
extern unsigned long	pb_stat_made, pb_stat_held;

#endif
