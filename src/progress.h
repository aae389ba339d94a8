/* One progress line on stderr for long builds ("[ 8,123/16,210 pages]"). */
#ifndef LECTERN_PROGRESS_H
#define LECTERN_PROGRESS_H

#include <stddef.h>

/*
 * There is one stderr, so one progress line for the whole run.  Nothing
 * shows for the first second (PROGRESS_DELAY_MS; the environment's
 * LECTERN_PROGRESS_DELAY_MS overrides it, for the tests).  Then, when
 * stderr is a terminal, one line updated in place (\r) at most ten
 * times a second and cleared by progress_end() or before any message
 * (diag.c calls progress_clear()); under -v on anything else, a plain
 * line at most once a second; under -q, or without -v on a file or
 * pipe, nothing.
 *
 *	progress_begin(verbose, quiet);		once, before the work
 *	progress_pages(n, total);		"[ n/total pages]", or
 *						"page n" when total is 0
 *	progress_show("lecture %d/%d, page %s", ...);	any text
 *	progress_end();				clears the line
 */
void	progress_begin(int verbose, int quiet);
void	progress_pages(size_t n, size_t total);
void	progress_show(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));
void	progress_clear(void);
void	progress_end(void);
/* n with a comma every three digits, into out (32 bytes room). */
const char *progress_count(size_t n, char *out);

#endif
