/* One progress line on stderr for long builds: when, how often, how it is cleared. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

#define PROGRESS_DELAY_MS	1000	/* a build shorter than this shows
					   nothing */
#define TTY_EVERY_MS		100	/* a terminal's line, redrawn */
#define LINE_EVERY_MS		1000	/* -v on a file or pipe: a line */
#define PROGRESS_MAX		200	/* longest line we draw */

enum pmode { P_OFF, P_TTY, P_LINES };

/*
 * A book's next lecture is laid out on a thread of its own while this
 * one is drawn, and both show progress: one line, drawn under a lock.
 */
static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;

static struct {
	enum pmode	 mode;
	double		 start, last;	/* ms */
	double		 delay;
	size_t		 shown;		/* columns on the terminal now */
} pr;

/* Milliseconds on the monotonic clock. */
static double
now_ms(void)
{
	struct timespec	 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

void
progress_begin(int verbose, int quiet)
{
	const char	*d = getenv("LECTERN_PROGRESS_DELAY_MS");

	memset(&pr, 0, sizeof(pr));
	if (quiet)
		pr.mode = P_OFF;
	else if (isatty(STDERR_FILENO))
		pr.mode = P_TTY;
	else
		pr.mode = verbose ? P_LINES : P_OFF;
	pr.delay = d != NULL && *d != '\0' ? atof(d) : PROGRESS_DELAY_MS;
	pr.start = now_ms();
	pr.last = -1e9;
}

const char *
progress_count(size_t n, char *out)
{
	char	 digits[32];
	size_t	 len, i, o = 0;

	len = (size_t)snprintf(digits, sizeof(digits), "%zu", n);
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return out;
}

/* Is it time to show a line: past the delay, not too soon after the last? */
static int
due(void)
{
	double	 t;

	if (pr.mode == P_OFF)
		return 0;
	t = now_ms();
	if (t - pr.start < pr.delay || t - pr.last < (pr.mode == P_TTY ?
	    TTY_EVERY_MS : LINE_EVERY_MS))
		return 0;
	pr.last = t;
	return 1;
}

/* Draw text: over the terminal's line, or as a line of its own. */
static void
draw(const char *text)
{
	size_t	 len = strlen(text);

	if (pr.mode == P_LINES) {
		fprintf(stderr, "lectern: %s\n", text);
		return;
	}
	/* Spaces over what a longer line left. */
	fprintf(stderr, "\r%s%*s", text,
	    pr.shown > len ? (int)(pr.shown - len) : 0, "");
	if (pr.shown > len)
		fprintf(stderr, "\r%s", text);
	pr.shown = len;
	fflush(stderr);
}

/* fmt's line if one is due; at once if fresh (a new stage). */
static void
vshow(int fresh, const char *fmt, va_list ap)
{
	char	 text[PROGRESS_MAX];

	pthread_mutex_lock(&lock);
	if (fresh)
		pr.last = -1e9;
	if (due()) {
		vsnprintf(text, sizeof(text), fmt, ap);
		draw(text);
	}
	pthread_mutex_unlock(&lock);
}

static void
show(int fresh, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vshow(fresh, fmt, ap);
	va_end(ap);
}

void
progress_show(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vshow(0, fmt, ap);
	va_end(ap);
}

void
progress_pages(size_t n, size_t total)
{
	char	 a[32], b[32];

	if (total > 0)
		show(n == 1, "[%*s/%s pages]", (int)strlen(
		    progress_count(total, b)), progress_count(n, a), b);
	else
		show(n == 1, "page %s", progress_count(n, a));
}

void
progress_clear(void)
{
	pthread_mutex_lock(&lock);
	if (pr.mode == P_TTY && pr.shown > 0) {
		fprintf(stderr, "\r%*s\r", (int)pr.shown, "");
		fflush(stderr);
		pr.shown = 0;
		/* Redrawn at the next step, not a tenth of a second later. */
		pr.last = -1e9;
	}
	pthread_mutex_unlock(&lock);
}

void
progress_end(void)
{
	progress_clear();
	pthread_mutex_lock(&lock);
	pr.mode = P_OFF;
	pthread_mutex_unlock(&lock);
}
