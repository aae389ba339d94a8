/* Progress of a long build: one updating line on stderr. */
#ifndef LECTERN_PROGRESS_H
#define LECTERN_PROGRESS_H

#include <time.h>

/*
 * Shown on a terminal once the build has run PROGRESS_AFTER seconds;
 * with -v always (a line a second when stderr is not a terminal);
 * with -q never.
 */
struct progress {
	int		 on;		/* may be shown at all */
	int		 tty;		/* stderr is a terminal: redraw */
	int		 verbose;
	int		 shown;		/* a line is on the terminal */
	struct timespec	 t0, last;
};

void	progress_start(struct progress *, int verbose, int quiet);
/* "lecture 37/500, page 1,204"; page 0: "reading lecture 37/500". */
void	progress_lecture(struct progress *, size_t k, size_t n, int page);
/* Clear the line, if one was drawn. */
void	progress_end(struct progress *);

#endif
