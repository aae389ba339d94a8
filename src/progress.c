/* Progress of a long build: "lecture 37/500, page 1,204" on stderr, redrawn in place on a terminal. */
#include <stdio.h>
#include <unistd.h>

#include "progress.h"

#define PROGRESS_AFTER	1.0	/* seconds before a terminal sees it */
#define REDRAW_EVERY	0.1	/* seconds between two redraws */
#define LINE_EVERY	1.0	/* seconds between lines (-v, no tty) */

static double
since(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) + (b->tv_nsec - a->tv_nsec) / 1e9;
}

void
progress_start(struct progress *p, int verbose, int quiet)
{
	p->tty = isatty(STDERR_FILENO);
	p->verbose = verbose;
	p->on = !quiet && (p->tty || verbose);
	p->shown = 0;
	clock_gettime(CLOCK_MONOTONIC, &p->t0);
	p->last = p->t0;
	p->last.tv_sec -= 60;
}

/* n with a comma between each group of three digits, into out. */
static void
grouped(int n, char *out, size_t sz)
{
	char	 digits[16];
	size_t	 len, i, o = 0;

	len = (size_t)snprintf(digits, sizeof(digits), "%d", n);
	for (i = 0; i < len && o + 2 < sz; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

void
progress_lecture(struct progress *p, size_t k, size_t n, int page)
{
	struct timespec	 now;
	char		 pg[24];

	if (!p->on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!p->verbose && since(&p->t0, &now) < PROGRESS_AFTER)
		return;
	if (since(&p->last, &now) < (p->tty ? REDRAW_EVERY : LINE_EVERY) &&
	    k != n)
		return;
	p->last = now;
	grouped(page, pg, sizeof(pg));
	if (page > 0)
		fprintf(stderr, "%slecture %zu/%zu, page %s%s", p->tty ?
		    "\r" : "", k, n, pg, p->tty ? "\033[K" : "\n");
	else
		fprintf(stderr, "%sreading lecture %zu/%zu%s", p->tty ? "\r" : "", k,
		    n, p->tty ? "\033[K" : "\n");
	p->shown = p->tty;
	fflush(stderr);
}

void
progress_end(struct progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
	p->shown = 0;
}
