/* Measure word spacing, hyphenation and overfull lines in a PDF's text. */

/* Input: the XHTML that `pdftotext -bbox-layout FILE.pdf OUT.html` writes. */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bbox.h"

#define EDGE_TOL	1.0	/* pt: a justified line reaches R */
#define OVERFULL_TOL	0.5	/* pt: past R by more is overfull */
#define LOOSE_RATIO	1.5	/* x median gap */
#define HANG_TOL	0.35	/* x text size: how far a line ending in a
				   hyphen, dash, stop, comma or quote may
				   pass R (optical margins) */

struct limits {
	double	 p95;		/* < 0: no limit */
	double	 loose;
	int	 hyphrun;
	int	 overfull;
};

static int	 verbose;

/* What the figures mean; printed by -v. */
static const char defs[] =
    "Definitions:\n"
    "  text block edge R  for each page side (odd pages, even pages: the\n"
    "    margins may be mirrored), the right edge shared by most lines\n"
    "    that are followed by another line of their block: the densest\n"
    "    1 pt window of their right edges, R its median.\n"
    "  justified line  not a running head or folio, at least two words,\n"
    "    followed by another line of its block (so not a paragraph's\n"
    "    last line, nor a one-line heading or title line), and right\n"
    "    edge within 1 pt of R.\n"
    "  line gap  the mean of its inter-word gaps (xMin of word i+1 minus\n"
    "    xMax of word i), divided by the line's text size (median word\n"
    "    height) so that notes set smaller compare with the body.\n"
    "  p95  the 95th percentile (nearest rank) over justified lines of\n"
    "    line gap / median line gap.\n"
    "  loose  percentage of justified lines whose gap exceeds 1.5 x the\n"
    "    median.\n"
    "  hyph-ends  lines whose last word ends in U+002D or U+2010 and\n"
    "    whose paragraph goes on (another line of the block follows, or\n"
    "    the line reaches R); max-run: the longest run of such lines one\n"
    "    after another (running heads and folios skipped).\n"
    "  overfull  lines whose right edge passes R by more than 0.5 pt\n"
    "    (and a line ending in a hyphen, dash, stop, comma, colon,\n"
    "    semicolon or quote by more than 0.35 x its size besides: it\n"
    "    hangs into the margin).  Such a line is justified when it ends\n"
    "    within 1 pt of R plus that.\n"
    "  Lines holding Han, kana or full-width characters (U+2E80 on) are\n"
    "    left out of every figure: their gaps are not word spaces.\n";

static int
cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * Does the line hold a Han, kana or full-width character (U+2E80 on,
 * as a UTF-8 lead byte 0xE2 0xBA.. or above)?  Its gaps are not word
 * spaces: tests/typo/cjkcheck.py measures such lines by their rules.
 */
static int
cjk_line(const struct bline *l)
{
	const unsigned char *s;
	size_t	 i;

	for (i = 0; i < l->nw; i++)
		for (s = (const unsigned char *)l->w[i].text; *s; s++)
			if (*s > 0xE2 || (*s == 0xE2 && s[1] >= 0xBA))
				return 1;
	return 0;
}

static int
candidate(const struct bline *l)
{
	return !l->furniture && l->nw >= 2 && l->inblock < l->blocklen - 1 &&
	    !cjk_line(l);
}

/* The right edge most lines of one page side share; -1 if none. */
static double
edge(const struct bdoc *d, int side)
{
	double	*v, r;
	size_t	 i, j, n = 0, best = 0, bi = 0;

	if ((v = calloc(d->nlines + 1, sizeof(*v))) == NULL)
		exit(2);
	for (i = 0; i < d->nlines; i++)
		if (d->lines[i].page % 2 == side && candidate(&d->lines[i]))
			v[n++] = d->lines[i].x1;
	if (n == 0) {
		free(v);
		return -1;
	}
	qsort(v, n, sizeof(*v), cmpd);
	for (i = j = 0; i < n; i++) {
		while (v[i] - v[j] > EDGE_TOL)
			j++;
		if (i - j + 1 > best) {
			best = i - j + 1;
			bi = j;
		}
	}
	r = v[bi + best / 2];
	free(v);
	return r;
}

/*
 * How far line l may pass R: its last character hangs into the margin
 * when it is a hyphen, dash, full stop, comma, colon, semicolon or
 * quote (optical margins), else not at all.
 */
static double
hang(const struct bline *l)
{
	static const char *const marks[] = { "-", "\xe2\x80\x90",
	    "\xe2\x80\x93", "\xe2\x80\x94", ".", ",", ":", ";", "'", "\"",
	    "\xe2\x80\x99", "\xe2\x80\x9d", "\xc2\xbb", NULL };
	const char	*w = l->w[l->nw - 1].text;
	size_t		 i, n = strlen(w), k;

	for (i = 0; marks[i] != NULL; i++) {
		k = strlen(marks[i]);
		if (n >= k && strcmp(w + n - k, marks[i]) == 0)
			return HANG_TOL * l->size;
	}
	return 0;
}

/* Does line l reach the edge R (within the tolerance and its hang)? */
static int
at_edge(const struct bline *l, double R)
{
	return l->x1 >= R - EDGE_TOL && l->x1 <= R + EDGE_TOL + hang(l);
}

static void
showline(const char *what, const struct bline *l, double x)
{
	size_t	 i;

	printf("  %s p%d %.2f:", what, l->page, x);
	for (i = 0; i < l->nw && i < 12; i++)
		printf(" %s", l->w[i].text);
	printf("%s\n", i < l->nw ? " ..." : "");
}

static double
linegap(const struct bline *l)
{
	double	 sum = 0;
	size_t	 i;

	for (i = 1; i < l->nw; i++)
		sum += l->w[i].x0 - l->w[i - 1].x1;
	return sum / (l->nw - 1) / (l->size > 0 ? l->size : 1);
}

static void
usage(void)
{
	fprintf(stderr, "usage: typomeasure [-v] [--max-p95 X] "
	    "[--max-loose PCT] [--max-hyph-run N]\n"
	    "\t\t   [--max-overfull N] FILE.html\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	struct limits	 lim = { -1, -1, -1, -1 };
	struct bdoc	 d;
	const char	*path = NULL;
	double		 r[2], *gap, *rel, med, p95 = 0, loose = 0;
	size_t		 i, n = 0, nloose = 0, nhyph = 0, run = 0, maxrun = 0;
	size_t		 over = 0;
	int		 a, bad = 0;

	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "-v") == 0)
			verbose = 1;
		else if (strcmp(argv[a], "--max-p95") == 0 && a + 1 < argc)
			lim.p95 = atof(argv[++a]);
		else if (strcmp(argv[a], "--max-loose") == 0 && a + 1 < argc)
			lim.loose = atof(argv[++a]);
		else if (strcmp(argv[a], "--max-hyph-run") == 0 &&
		    a + 1 < argc)
			lim.hyphrun = atoi(argv[++a]);
		else if (strcmp(argv[a], "--max-overfull") == 0 &&
		    a + 1 < argc)
			lim.overfull = atoi(argv[++a]);
		else if (argv[a][0] == '-' || path != NULL)
			usage();
		else
			path = argv[a];
	}
	if (path == NULL)
		usage();
	if (bbox_read(path, &d) == -1)
		return 2;
	r[0] = edge(&d, 0);
	r[1] = edge(&d, 1);
	gap = calloc(d.nlines + 1, sizeof(*gap));
	rel = calloc(d.nlines + 1, sizeof(*rel));
	if (gap == NULL || rel == NULL)
		exit(2);

	for (i = 0; i < d.nlines; i++) {
		const struct bline *l = &d.lines[i];
		double R = r[l->page % 2];

		if (candidate(l) && at_edge(l, R))
			gap[n++] = linegap(l);
	}
	memcpy(rel, gap, n * sizeof(*gap));
	med = bbox_median(rel, n);
	for (i = 0; i < n; i++) {
		rel[i] = med > 0 ? gap[i] / med : 0;
		if (rel[i] > LOOSE_RATIO)
			nloose++;
	}
	if (n > 0) {
		p95 = bbox_percentile(rel, n, 95);
		loose = 100.0 * nloose / n;
	}

	if (verbose) {
		fputs(defs, stdout);
		printf("edge R: odd pages %.2f, even pages %.2f; body size "
		    "%.2f; median gap %.3f x size (%.2f pt at body size)\n",
		    r[1], r[0], d.bodysize, med, med * d.bodysize);
	}
	for (i = 0; i < d.nlines; i++) {
		const struct bline *l = &d.lines[i];
		double R = r[l->page % 2];
		int goes_on = l->inblock < l->blocklen - 1 || at_edge(l, R);

		if (l->furniture || cjk_line(l))
			continue;
		if (R > 0 && l->x1 > R + OVERFULL_TOL + hang(l)) {
			over++;
			if (verbose)
				showline("overfull", l, l->x1 - R);
		}
		if (verbose && candidate(l) && at_edge(l, R) &&
		    med > 0 && linegap(l) / med > LOOSE_RATIO)
			showline("loose", l, linegap(l) / med);
		if (goes_on && bbox_ends_hyphen(l->w[l->nw - 1].text)) {
			nhyph++;
			if (++run > maxrun)
				maxrun = run;
			if (verbose && run > 2)
				showline("hyph-run", l, (double)run);
		} else
			run = 0;
	}

	printf("lines %zu  p95 %.2f  loose %.1f%%  hyph-ends %zu  "
	    "max-run %zu  overfull %zu\n", n, p95, loose, nhyph, maxrun, over);
	if (lim.p95 >= 0 && p95 > lim.p95)
		bad = 1;
	if (lim.loose >= 0 && loose > lim.loose)
		bad = 1;
	if (lim.hyphrun >= 0 && maxrun > (size_t)lim.hyphrun)
		bad = 1;
	if (lim.overfull >= 0 && over > (size_t)lim.overfull)
		bad = 1;
	if ((lim.p95 >= 0 || lim.loose >= 0) && n == 0) {
		fprintf(stderr, "%s: no justified lines found\n", path);
		bad = 1;
	}
	free(gap);
	free(rel);
	bbox_free(&d);
	return bad;
}
