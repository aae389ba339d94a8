/* Paragraph breaking over boxes, glue and penalties (Knuth and Plass). */
#ifndef LECTERN_LINEBREAK_H
#define LECTERN_LINEBREAK_H

#include <stddef.h>

/* A penalty at or above this never breaks; at or below -LB_INF always. */
#define LB_INF 10000

enum lb_type { LB_BOX, LB_GLUE, LB_PENALTY };

/*
 * One item of a paragraph.  Widths in any unit (layout uses points).
 * The caller ends a paragraph the usual way: glue(0, fill), then a
 * forced break penalty(-LB_INF).  A break may happen at a glue that
 * follows a box, or at a penalty below LB_INF.
 */
struct lb_item {
	enum lb_type	 type;
	double		 width;		/* box, glue; penalty: width added
					   if broken here (the hyphen) */
	double		 stretch;	/* glue only; >= 1e6 means fill */
	double		 shrink;	/* glue only */
	int		 penalty;	/* penalty only */
	int		 flagged;	/* penalty only: a hyphenation break */
	double		 protrude;	/* glue, penalty: how far a line
					   ending here may hang past its
					   right edge; box: past its left
					   edge when it starts a line (the
					   line's measure grows by both) */
};

struct lb_params {
	double	 tolerance;		/* largest adjustment ratio allowed in
					   the first pass, e.g. 1.0..2.0 */
	double	 emergency_stretch;	/* added to each line's stretch in the
					   second pass, in width units */
	int	 line_penalty;		/* added to each line's badness: 10 */
	int	 flagged_demerits;	/* two hyphenated lines in a row */
	int	 fitness_demerits;	/* fitness classes more than one apart */
	int	 final_hyphen_demerits;	/* hyphen on the next-to-last line */
	int	 max_hyphen_run;	/* no more hyphenated lines in a row
					   than this (0: no limit) */
	int	 looseness;		/* 0: optimum; else the line count
					   nearest the optimum's plus this
					   (TeX's \looseness) */
	double	 ideal_ratio;		/* the adjustment ratio badness is
					   measured from (linebreak.c) */
};

/* Sensible defaults (TeX's plain values, tuned for 10-11 pt text). */
void	lb_params_default(struct lb_params *);

/* One line of the result. */
struct lb_line {
	size_t	 start;		/* first item of the line (after discarding
				   glue and penalties at its start) */
	size_t	 end;		/* the break item: the line is [start, end) */
	double	 ratio;		/* adjustment ratio: < 0 shrinks, > 0
				   stretches; 0 for a line ending in fill */
	int	 hyphenated;	/* ends at a flagged penalty */
	int	 fitness;	/* 0 tight, 1 decent, 2 loose, 3 very loose */
	int	 overfull;	/* could not be shrunk enough */
	double	 natural;	/* natural width of [start, end) incl. any
				   penalty width at end */
};

struct lb_result {
	struct lb_line	*lines;		/* caller frees with lb_result_free */
	size_t		 nlines;
	int		 pass;		/* 1: first pass fit; 2: emergency
					   stretch; 3: forced (overfull) */
	double		 demerits;	/* total of the chosen breaks */
};

/*
 * Break items[0..n) into lines.  Line k (0-based) is widths[k] wide;
 * lines past nwidths take widths[nwidths-1].  Always returns a result
 * (n > 0 and the list ends with a forced break): when no feasible
 * breaks exist even with emergency stretch, a third pass accepts
 * overfull lines and marks them.  Returns 0, or -1 if n == 0.
 */
int	lb_break(const struct lb_item *items, size_t n, const double *widths,
	    size_t nwidths, const struct lb_params *, struct lb_result *);
void	lb_result_free(struct lb_result *);

/*
 * Active nodes visited by every lb_break() so far: a test counts them to
 * check that the work grows linearly with the input (never reset).
 */
extern unsigned long	lb_stat_visits;

#endif
