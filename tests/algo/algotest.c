/* Test driver for the typesetting algorithms: linebreak, hyph, pagebreak. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hyph.h"
#include "linebreak.h"
#include "pagebreak.h"
#include "util.h"

#define MAXITEMS	80000
#define HYPHEN_PENALTY	50
#define EMERGENCY	3	/* emergency stretch: 3 letters */
#define IDEAL_RATIO	0.7	/* as in linebreak.c: badness counts from it */

static int	 nfail;

static void
check(int ok, const char *name, const char *why)
{
	if (ok)
		printf("ok %s\n", name);
	else {
		printf("FAIL %s: %s\n", name, why);
		nfail++;
	}
}

/* A small fixed random sequence, the same on every machine. */
static unsigned long	 seed = 12345;

static int
rnd(int n)
{
	seed = seed * 1103515245 + 12345;
	return (int)((seed >> 16) % (unsigned long)n);
}

/* The frog king, as in Knuth and Plass's paper. */
static const char *frog =
    "In olden times when wishing still helped one, there lived a king "
    "whose daughters were all beautiful; and the youngest was so "
    "beautiful that the sun itself, which has seen so much, was "
    "astonished whenever it shone in her face. Close by the king's "
    "castle lay a great dark forest, and under an old lime-tree in the "
    "forest was a well, and when the day was very warm, the king's "
    "child went out into the forest and sat down by the side of the "
    "cool fountain; and when she was bored she took a golden ball, and "
    "threw it up on high and caught it; and this ball was her favorite "
    "plaything.";

/*
 * A paragraph in a monospaced world: each letter 1 wide, a space 1
 * (stretch 1/2, shrink 1/4: sums exact in binary, so that no ratio
 * falls on the other side of a fitness class by rounding), hyphen
 * points (from h, if any) as flagged penalties of width 1.  Returns
 * the number of items.
 */
static size_t
para(const char *text, struct hyph *h, struct lb_item *it)
{
	const char	*p = text, *w;
	size_t		 n = 0, len, pts[64], np, i, from;

	while (*p != '\0') {
		w = p;
		while (*p != '\0' && *p != ' ')
			p++;
		len = (size_t)(p - w);
		/* Hyphenate the letters only, not trailing punctuation. */
		np = 0;
		if (h != NULL) {
			size_t l = len;
			while (l > 0 && strchr(".,;:'", w[l - 1]) != NULL)
				l--;
			if (memchr(w, '-', l) == NULL)
				np = hyph_points(h, w, l, pts, 64);
		}
		for (i = 0, from = 0; i <= np; i++) {
			size_t to = i < np ? pts[i] : len;
			it[n++] = (struct lb_item){ LB_BOX,
			    (double)(to - from), 0, 0, 0, 0, 0 };
			if (i < np)
				it[n++] = (struct lb_item){ LB_PENALTY, 1, 0, 0,
				    HYPHEN_PENALTY, 1, 0 };
			from = to;
		}
		/* An explicit hyphen: a break after it, no hyphen added. */
		if (memchr(w, '-', len) != NULL && n > 0) {
			const char *d = memchr(w, '-', len);
			it[n - 1].width = (double)(d + 1 - w);
			it[n++] = (struct lb_item){ LB_PENALTY, 0, 0, 0,
			    HYPHEN_PENALTY, 1, 0 };
			it[n++] = (struct lb_item){ LB_BOX,
			    (double)(w + len - d - 1), 0, 0, 0, 0, 0 };
		}
		if (*p == ' ') {
			p++;
			it[n++] = (struct lb_item){ LB_GLUE, 1, 0.5,
			    0.25, 0, 0, 0 };
		}
	}
	it[n++] = (struct lb_item){ LB_GLUE, 0, 1e6, 0, 0, 0, 0 };
	it[n++] = (struct lb_item){ LB_PENALTY, 0, 0, 0, -LB_INF, 0, 0 };
	return n;
}

/* ---- an independent reference: plain dynamic programming ---- */

static int
ref_forced(const struct lb_item *it)
{
	return it->type == LB_PENALTY && it->penalty <= -LB_INF;
}

static int
ref_legal(const struct lb_item *it, size_t n, size_t i)
{
	if (it[i].type == LB_PENALTY)
		return it[i].penalty < LB_INF;
	return it[i].type == LB_GLUE && i > 0 && it[i - 1].type == LB_BOX &&
	    !(i + 1 < n && ref_forced(&it[i + 1]));
}

/* Start of the line after a break at b (b == n: paragraph start). */
static size_t
ref_start(const struct lb_item *it, size_t n, size_t b)
{
	size_t	 j;

	if (b == n)
		return 0;
	for (j = b + 1; j < n; j++)
		if (it[j].type == LB_BOX || ref_forced(&it[j]))
			break;
	return j;
}

/*
 * The least total demerits over every sequence of breaks whose lines
 * all have ratios in [-1, tolerance], trying all pairs of breaks: no
 * pruning, no dominance.  States: break x fitness x hyphen run.
 */
static double
reference(const struct lb_item *it, size_t n, double width,
    const struct lb_params *p)
{
	enum { NF = 4, NR = 8 };
	double	*best, r, l, y, z, f, bad, d, dev, ans = HUGE_VAL;
	size_t	 a, b, i, sa, ia, ib;
	size_t	*br, nb = 0;
	int	 fa, ra, fb, rb;

	br = xreallocarray(NULL, n + 1, sizeof(*br));
	br[nb++] = n;			/* the start */
	for (i = 0; i < n; i++)
		if (ref_legal(it, n, i))
			br[nb++] = i;
	best = xreallocarray(NULL, nb * NF * NR, sizeof(double));
	for (i = 0; i < nb * NF * NR; i++)
		best[i] = HUGE_VAL;
	best[0 * NF * NR + 1 * NR + 0] = 0;
	for (ib = 1; ib < nb; ib++) {
		b = br[ib];
		for (ia = 0; ia < ib; ia++) {
			a = br[ia];
			sa = ref_start(it, n, a);
			/* A forced break in between ends every line. */
			l = y = z = f = 0;
			for (i = sa; i < b; i++) {
				if (ref_forced(&it[i]))
					break;
				if (it[i].type == LB_PENALTY)
					continue;
				l += it[i].width;
				if (it[i].type == LB_GLUE) {
					if (it[i].stretch >= 1e6)
						f++;
					else
						y += it[i].stretch;
					z += it[i].shrink;
				}
			}
			if (i < b)
				continue;
			if (it[b].type == LB_PENALTY)
				l += it[b].width;
			if (l < width)
				r = f > 0 ? 0 : y > 0 ? (width - l) / y :
				    HUGE_VAL;
			else if (l > width)
				r = z > 0 ? (width - l) / z : -HUGE_VAL;
			else
				r = 0;
			if (r < -1 || r > p->tolerance)
				continue;
			dev = f > 0 ? r : r - IDEAL_RATIO;
			bad = fmin(100 * fabs(dev * dev * dev), 10000);
			fb = r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
			for (fa = 0; fa < NF; fa++)
			for (ra = 0; ra < NR - 1; ra++) {
				double prev = best[(ia * NF + fa) * NR + ra];
				if (prev == HUGE_VAL)
					continue;
				rb = it[b].type == LB_PENALTY && it[b].flagged ?
				    ra + 1 : 0;
				if (p->max_hyphen_run > 0 &&
				    rb > p->max_hyphen_run)
					continue;
				d = (p->line_penalty + bad) *
				    (p->line_penalty + bad);
				if (it[b].type == LB_PENALTY &&
				    !ref_forced(&it[b]))
					d += (it[b].penalty >= 0 ? 1 : -1) *
					    (double)it[b].penalty *
					    it[b].penalty;
				if (rb >= 2)
					d += p->flagged_demerits;
				if (ra > 0 && ref_forced(&it[b]))
					d += p->final_hyphen_demerits;
				if (abs(fb - fa) > 1)
					d += p->fitness_demerits;
				if (prev + d < best[(ib * NF + fb) * NR + rb])
					best[(ib * NF + fb) * NR + rb] =
					    prev + d;
			}
		}
	}
	for (i = 0; i < NF * NR; i++)
		if (best[(nb - 1) * NF * NR + i] < ans)
			ans = best[(nb - 1) * NF * NR + i];
	free(best);
	free(br);
	return ans;
}

/* ---- paragraphs ---- */

static void
print_lines(const struct lb_item *it, const struct lb_result *r)
{
	size_t	 k;

	printf("pass %d lines %zu demerits %.0f\n", r->pass, r->nlines,
	    r->demerits);
	for (k = 0; k < r->nlines; k++) {
		const struct lb_line *l = &r->lines[k];
		printf("%3zu [%zu,%zu) r=%+.3f fit=%d%s%s nat=%g\n", k,
		    l->start, l->end, l->ratio, l->fitness,
		    l->hyphenated ? " hyph" : "", l->overfull ? " OVER" : "",
		    l->natural);
	}
	(void)it;
}

static int
max_run(const struct lb_result *r)
{
	size_t	 k;
	int	 run = 0, most = 0;

	for (k = 0; k < r->nlines; k++) {
		run = r->lines[k].hyphenated ? run + 1 : 0;
		if (run > most)
			most = run;
	}
	return most;
}

/* Words (boxes, save hyphen pieces) on the last line. */
static int
last_line_words(const struct lb_item *it, const struct lb_result *r)
{
	const struct lb_line *l = &r->lines[r->nlines - 1];
	size_t	 i;
	int	 words = 1;

	for (i = l->start; i < l->end; i++)
		if (it[i].type == LB_GLUE && it[i].stretch < 1e6)
			words++;
	return words;
}

/* Knuth and Plass's frog king at several measures: optimal? */
static void
t_frog(struct hyph *h)
{
	static struct lb_item it[2000];
	static const double widths[] = { 35, 40, 50, 60 };
	struct lb_params p;
	struct lb_result r;
	double	 ref;
	size_t	 n, k;
	char	 name[64];

	lb_params_default(&p);
	p.emergency_stretch = EMERGENCY;
	for (k = 0; k < sizeof(widths) / sizeof(widths[0]); k++) {
		n = para(frog, h, it);
		lb_break(it, n, &widths[k], 1, &p, &r);
		printf("frog width %g\n", widths[k]);
		print_lines(it, &r);
		ref = reference(it, n, widths[k], &p);
		snprintf(name, sizeof(name), "frog-optimal-%g", widths[k]);
		check(r.pass == 1 && fabs(ref - r.demerits) <= 1e-6 * ref,
		    name, "demerits differ from the exhaustive reference");
		snprintf(name, sizeof(name), "frog-run-%g", widths[k]);
		check(max_run(&r) <= p.max_hyphen_run, name,
		    "more hyphenated lines in a row than allowed");
		lb_result_free(&r);
	}
}

/* Greedy first fit, for comparison: the last line's word count. */
static size_t
first_fit_last_words(const struct lb_item *it, size_t n, double w)
{
	double	 x = 0;
	size_t	 i, words = 0;

	for (i = 0; i < n; i++) {
		if (it[i].type == LB_BOX) {
			if (x > 0 && x + 1 + it[i].width > w) {
				x = 0;
				words = 0;
			}
			x += (x > 0) + it[i].width;
			words++;
		}
	}
	return words;
}

/* First fit strands a word on the last line; total fit does not. */
static void
t_lastline(void)
{
	static struct lb_item it[400];
	const char *text = "aaaaaaa bb ccccccc dd eeeeeee ffffffff gg "
	    "hhhhh iiii jjj kkkk lllllllll mmm nnnnnn oooooooo pppp "
	    "qqqqqq rrrrrrr ss";
	struct lb_params p;
	struct lb_result r;
	double	 w = 30;
	size_t	 n, ff;

	lb_params_default(&p);
	p.emergency_stretch = EMERGENCY;
	n = para(text, NULL, it);
	ff = first_fit_last_words(it, n, w);
	lb_break(it, n, &w, 1, &p, &r);
	printf("lastline first-fit words %zu total-fit words %d\n", ff,
	    last_line_words(it, &r));
	print_lines(it, &r);
	check(ff == 1, "lastline-firstfit-strands", "first fit did not "
	    "strand a word: the test paragraph is no test");
	check(last_line_words(it, &r) >= 2, "lastline-totalfit",
	    "total fit left one word on the last line");
	lb_result_free(&r);
}

/* A word wider than the measure: pass 3, one overfull line, only one. */
static void
t_longword(void)
{
	static struct lb_item it[400];
	const char *text = "see the address "
	    "https://example.org/a/very/long/path/that/never/ends/at/all "
	    "for more of the details that matter here";
	struct lb_params p;
	struct lb_result r;
	double	 w = 30;
	size_t	 n, k, over = 0, which = 0;

	lb_params_default(&p);
	p.emergency_stretch = EMERGENCY;
	n = para(text, NULL, it);
	lb_break(it, n, &w, 1, &p, &r);
	printf("longword\n");
	print_lines(it, &r);
	for (k = 0; k < r.nlines; k++)
		if (r.lines[k].overfull) {
			over++;
			which = k;
		}
	check(r.pass == 3, "longword-pass3", "not the third pass");
	check(over == 1, "longword-one-overfull", "not exactly one line "
	    "marked overfull");
	check(over == 1 && r.lines[which].end - r.lines[which].start <= 2,
	    "longword-alone", "the overfull line holds more than the word");
	lb_result_free(&r);
}

/* Narrow lines without hyphens: emergency stretch, nothing overfull. */
static void
t_emergency(void)
{
	static struct lb_item it[400];
	const char *text = "extraordinary circumstances notwithstanding "
	    "the committee unanimously recommended postponement";
	struct lb_params p;
	struct lb_result r;
	double	 w = 20;
	size_t	 n, k, over = 0;

	lb_params_default(&p);
	p.emergency_stretch = EMERGENCY;
	p.emergency_stretch = 10;
	n = para(text, NULL, it);
	lb_break(it, n, &w, 1, &p, &r);
	printf("emergency\n");
	print_lines(it, &r);
	for (k = 0; k < r.nlines; k++)
		over += r.lines[k].overfull;
	check(r.pass == 2, "emergency-pass2", "not the second pass");
	check(over == 0, "emergency-no-overfull", "an overfull line");
	lb_result_free(&r);
}

/*
 * Words with a break point every three letters: at some measure the
 * best breaks without a limit hyphenate three lines in a row.  With
 * the limit of two, a third is infeasible, and the result is still
 * the optimum under that rule.
 */
static void
t_hyphrun(void)
{
	static struct lb_item it[2000];
	static const char *words[] = { "abcdefghijkl", "mnopqrstu",
	    "vwxyzabcdefghi", "jklmno", "pqrstuvwxyzab" };
	struct lb_params p;
	struct lb_result r;
	double	 w, found = 0, ref;
	size_t	 n, i, k, piece;
	int	 unlimited = 0;

	lb_params_default(&p);
	p.emergency_stretch = EMERGENCY;
	for (w = 12; w <= 40 && found == 0; w++) {
		n = 0;
		for (i = 0; i < 40; i++) {
			size_t len = strlen(words[i % 5]);
			for (k = 0; k < len; k += piece) {
				piece = len - k < 3 ? len - k : 3;
				if (k > 0)
					it[n++] = (struct lb_item){ LB_PENALTY,
					    1, 0, 0, HYPHEN_PENALTY, 1, 0 };
				it[n++] = (struct lb_item){ LB_BOX,
				    (double)piece, 0, 0, 0, 0, 0 };
			}
			it[n++] = (struct lb_item){ LB_GLUE, 1, 0.5,
			    0.25, 0, 0, 0 };
		}
		it[n - 1] = (struct lb_item){ LB_GLUE, 0, 1e6, 0, 0, 0, 0 };
		it[n++] = (struct lb_item){ LB_PENALTY, 0, 0, 0, -LB_INF, 0, 0 };
		p.max_hyphen_run = 0;
		lb_break(it, n, &w, 1, &p, &r);
		unlimited = max_run(&r);
		lb_result_free(&r);
		if (unlimited < 3)
			continue;
		p.max_hyphen_run = 2;
		lb_break(it, n, &w, 1, &p, &r);
		if (r.pass != 1) {
			lb_result_free(&r);
			continue;
		}
		printf("hyphrun width %g unlimited run %d limited run %d\n",
		    w, unlimited, max_run(&r));
		print_lines(it, &r);
		found = w;
		ref = reference(it, n, w, &p);
		check(max_run(&r) <= 2, "hyphrun-limit",
		    "three hyphenated lines in a row");
		check(r.pass == 1 && fabs(ref - r.demerits) <= 1e-6 * ref,
		    "hyphrun-optimal", "not the optimum under the limit");
		lb_result_free(&r);
	}
	check(found > 0, "hyphrun-case", "no measure gave a run of three: "
	    "the test is no test");
}

/*
 * Ten times the text, at most fifteen times the work.  The short
 * paragraph is already three frog kings long, so that the first
 * lines, where few breaks are active yet, do not dominate it.
 */
static void
t_linear(struct hyph *h)
{
	static struct lb_item it[MAXITEMS];
	struct lb_params p;
	struct lb_result r;
	struct buf b = { 0 };
	unsigned long v1 = 0, v10;
	double	 w = 60;
	size_t	 n, i;

	lb_params_default(&p);
	p.emergency_stretch = EMERGENCY;
	for (i = 0; i < 30; i++) {
		buf_puts(&b, frog);
		buf_putc(&b, ' ');
		if (i == 2) {
			n = para(b.p, h, it);
			v1 = lb_stat_visits;
			lb_break(it, n, &w, 1, &p, &r);
			v1 = lb_stat_visits - v1;
			lb_result_free(&r);
		}
	}
	n = para(b.p, h, it);
	v10 = lb_stat_visits;
	lb_break(it, n, &w, 1, &p, &r);
	v10 = lb_stat_visits - v10;
	lb_result_free(&r);
	buf_free(&b);
	printf("linear visits 1x %lu 10x %lu ratio %.2f\n", v1, v10,
	    (double)v10 / v1);
	check(v1 > 0 && v10 < 15 * v1, "linebreak-linear",
	    "active node visits grew faster than the text");
}

/*
 * Does the line's ratio set it to width w?  (Lines ending in fill and
 * lines with nothing to adjust are set at ratio 0.)
 */
static int
ratio_agrees(const struct lb_item *it, const struct lb_line *l, double w)
{
	double	 x = 0, y = 0, z = 0;
	size_t	 i;
	int	 fill = 0;

	for (i = l->start; i < l->end; i++) {
		if (it[i].type == LB_PENALTY)
			continue;
		x += it[i].width;
		if (it[i].type == LB_GLUE && it[i].stretch >= 1e6)
			fill = 1;
		else if (it[i].type == LB_GLUE) {
			y += it[i].stretch;
			z += it[i].shrink;
		}
	}
	if (it[l->end].type == LB_PENALTY)
		x += it[l->end].width;
	if (fill && x <= w)
		return l->ratio == 0;
	if (l->ratio == 0)
		return fabs(x - w) < 1e-9 || (x < w ? y == 0 : z == 0);
	return fabs(x + l->ratio * (l->ratio > 0 ? y : z) - w) < 1e-6;
}

/*
 * Random paragraphs: words of 0 to 40 letters, hyphen points, forced
 * breaks inside, penalties of every sign, one to three measures from 5
 * to 60.  The lines must follow each other over the whole list, each
 * ending at a legal break, set to its own width, and none be overfull
 * before pass 3.
 */
static void
t_lines_stress(void)
{
	static struct lb_item it[400];
	struct lb_params p;
	struct lb_result r;
	const char *why = NULL;
	double	 ws[3];
	size_t	 n, k, at, nw;
	int	 t, i, len;

	lb_params_default(&p);
	p.emergency_stretch = EMERGENCY;
	for (t = 0; t < 300 && why == NULL; t++) {
		n = 0;
		for (i = 0; i < 40; i++) {
			len = rnd(8) == 0 ? rnd(41) : 1 + rnd(9);
			it[n++] = (struct lb_item){ LB_BOX, len, 0, 0, 0, 0, 0 };
			switch (rnd(6)) {
			case 0:
				it[n++] = (struct lb_item){ LB_PENALTY, 1, 0, 0,
				    HYPHEN_PENALTY, 1, 0 };
				break;
			case 1:
				it[n++] = (struct lb_item){ LB_PENALTY, 0, 0, 0,
				    rnd(2 * LB_INF + 1) - LB_INF, 0, 0 };
				break;
			case 2:
				it[n++] = (struct lb_item){ LB_GLUE, 0, 1e6, 0,
				    0, 0, 0 };
				it[n++] = (struct lb_item){ LB_PENALTY, 0, 0, 0,
				    -LB_INF, 0, 0 };
				break;
			default:
				it[n++] = (struct lb_item){ LB_GLUE, 1, 0.5,
				    0.25, 0, 0, 0 };
				break;
			}
		}
		it[n++] = (struct lb_item){ LB_GLUE, 0, 1e6, 0, 0, 0, 0 };
		it[n++] = (struct lb_item){ LB_PENALTY, 0, 0, 0, -LB_INF, 0, 0 };
		nw = 1 + rnd(3);
		for (k = 0; k < nw; k++)
			ws[k] = 5 + rnd(56);
		if (lb_break(it, n, ws, nw, &p, &r) != 0) {
			why = "lb_break failed";
			break;
		}
		for (k = at = 0; k < r.nlines && why == NULL; k++) {
			const struct lb_line *l = &r.lines[k];
			if (l->start < at || l->end < l->start || l->end >= n)
				why = "lines out of order";
			else if (!ref_legal(it, n, l->end))
				why = "a line ends where it may not";
			else if (l->overfull && r.pass < 3)
				why = "an overfull line before pass 3";
			else if (isnan(l->ratio) || isinf(l->ratio))
				why = "a ratio that is not a number";
			else if (!ratio_agrees(it, l, ws[k < nw ? k : nw - 1]))
				why = "a ratio not for its line's width";
			at = l->end + 1;
		}
		if (why == NULL && (r.nlines == 0 ||
		    r.lines[r.nlines - 1].end != n - 1))
			why = "the last line does not end the paragraph";
		lb_result_free(&r);
	}
	printf("lines-stress: %d paragraphs\n", t);
	check(why == NULL, "lines-stress", why);
}

/* ---- hyphenation ---- */

/*
 * The lectures' other languages, each with a word holding a letter
 * outside ASCII (several of Debian's dictionaries are 8-bit: German
 * ISO 8859-1, Polish 8859-2, Greek 8859-7, Russian KOI8-R): its points
 * are printed, it must have some, and each must fall between two
 * letters of the UTF-8 word.
 */
static void
t_hyph_langs(void)
{
	static const struct { const char *lang, *word; } ws[] = {
		{ "de", "Donaudampfschifffahrtsgesellschaftskapit\xc3\xa4n" },
		{ "de", "Stra\xc3\x9f" "enbahnhaltestelle" },
		{ "fr", "r\xc3\xa9volutionnaire" },
		{ "es", "constituci\xc3\xb3n" },
		{ "it", "sanit\xc3\xa0rio" },
		{ "pt", "constitui\xc3\xa7\xc3\xa3o" },
		{ "nl", "be\xc3\xab" "digingsplechtigheid" },
		{ "pl", "rewolucyjn\xc4\x85" },
		{ "ru", "\xd1\x80\xd0\xb5\xd0\xb2\xd0\xbe\xd0\xbb\xd1\x8e"
		    "\xd1\x86\xd0\xb8\xd0\xbe\xd0\xbd\xd0\xbd\xd1\x8b\xd0\xb9" },
		{ "el", "\xce\xb5\xcf\x80\xce\xb1\xce\xbd\xce\xac\xcf\x83"
		    "\xcf\x84\xce\xb1\xcf\x83\xce\xb7" },
	};
	struct hyph *h;
	size_t	 k, i, np, pts[32], at;
	char	 name[64];
	int	 inside;

	for (k = 0; k < sizeof(ws) / sizeof(ws[0]); k++) {
		snprintf(name, sizeof(name), "hyph-lang-%s-%zu", ws[k].lang, k);
		if ((h = hyph_open(ws[k].lang)) == NULL) {
			check(0, name, "no dictionary (Makefile's HYPHEN_DEBS)");
			continue;
		}
		np = hyph_points(h, ws[k].word, strlen(ws[k].word), pts, 32);
		printf("hyph %s %s:", ws[k].lang, ws[k].word);
		inside = 1;
		for (i = at = 0; i < np; i++) {
			printf(" %.*s-", (int)(pts[i] - at), ws[k].word + at);
			/* Never inside a UTF-8 sequence. */
			if (((unsigned char)ws[k].word[pts[i]] & 0xC0) == 0x80)
				inside = 0;
			at = pts[i];
		}
		printf(" %s\n", ws[k].word + at);
		check(np > 0 && inside, name, "no points, or one inside a letter");
		hyph_close(h);
	}
}

static void
t_hyph(void)
{
	static const char *words[] = { "hyphenation", "Mao", "McCarthy",
	    "1962", "ninety", "nine", "encyclopedia", "Encyclopedia",
	    "typesetting", "don't", "everybody\xe2\x80\x99s",
	    "paragraph's", "table", "algorithm", "NASA", "x86",
	    "\xc3\x89ncyclopedia", "r\xc3\xa9habilitation" };
	struct hyph *h;
	size_t	 k, i, np, pts[32], at;

	h = hyph_open("en");
	check(h != NULL, "hyph-open-en", "no English dictionary");
	if (h == NULL)
		return;
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
		np = hyph_points(h, words[k], strlen(words[k]), pts, 32);
		printf("hyph %s:", words[k]);
		for (i = at = 0; i < np; i++) {
			printf(" %.*s-", (int)(pts[i] - at), words[k] + at);
			at = pts[i];
		}
		printf(" %s\n", words[k] + at);
	}
	np = hyph_points(h, "hyphenation", 11, pts, 32);
	check(np == 2 && pts[0] == 2 && pts[1] == 6, "hyph-hyphenation",
	    "hyphenation is not hy-phen-ation");
	/* Words seen before come back the same, cut to max; a word is
	   its bytes, not its buffer ("hyphen" inside "hyphenation"). */
	np = hyph_points(h, "hyphenation", 11, pts, 1);
	check(np == 1 && pts[0] == 2, "hyph-seen-max",
	    "a word asked again gave other points");
	{
		size_t	 a[32], b[32], na, nb;

		na = hyph_points(h, "hyphenation", 6, a, 32);
		nb = hyph_points(h, "hyphen", 6, b, 32);
		check(na == nb && memcmp(a, b, na * sizeof(a[0])) == 0 &&
		    hyph_points(h, "hyphenation", 11, pts, 32) == 2,
		    "hyph-seen-bytes", "a word's prefix took its points");
	}
	check(hyph_points(h, "McCarthy", 8, pts, 32) == 0, "hyph-capital",
	    "a word with a capital inside was broken");
	check(hyph_points(h, "1962", 4, pts, 32) == 0, "hyph-digits",
	    "digits were broken");
	/* libhyphen counts letters: the offsets must still be bytes. */
	np = hyph_points(h, "\xc3\x89ncyclopedia", 13, pts, 32);
	check(np == 4 && pts[0] == 3 && pts[1] == 5, "hyph-utf8-offsets",
	    "byte offsets wrong in a word with an E-acute");
	np = hyph_points(h, "everybody\xe2\x80\x99s", 12, pts, 32);
	check(np > 0 && pts[np - 1] <= 9 - 3, "hyph-apostrophe",
	    "a break across or near the apostrophe");
	hyph_close(h);
	h = hyph_open("en-GB");
	check(h != NULL, "hyph-open-en-GB", "en-GB found no dictionary");
	hyph_close(h);
	h = hyph_open("EN-us");
	check(h != NULL, "hyph-open-case", "EN-us found no dictionary");
	hyph_close(h);
	t_hyph_langs();
	check(hyph_open("xx") == NULL, "hyph-open-none",
	    "a dictionary for language xx");
	check(hyph_open("../../etc/passwd") == NULL, "hyph-open-path",
	    "a path for a language");
}

/* ---- pages ---- */

#define LINE	14.0	/* a line's advance */
#define GAP	7.0	/* between paragraphs */

struct vlist {
	struct pb_item	 it[MAXITEMS];
	size_t		 n;
	struct pb_note	 notes[64];
	double		 nlines[64][64];
	size_t		 nnotes;
};

/* Room for one more item (and its note); the driver stops if not. */
static void
v_room(const struct vlist *v)
{
	if (v->n + 1 >= MAXITEMS || v->nnotes + 1 >= 64) {
		fprintf(stderr, "algotest: vertical list too long\n");
		exit(2);
	}
}

static void
v_box(struct vlist *v, double h, int note_lines)
{
	struct pb_item *b;
	size_t	 k;

	v_room(v);
	b = &v->it[v->n++];
	*b = (struct pb_item){ PB_BOX, h, 0, 0, 0, -1, 0, 0, 0 };
	if (note_lines > 0) {
		b->first_note = (int)v->nnotes;
		b->nnotes = 1;
		for (k = 0; k < (size_t)note_lines; k++)
			v->nlines[v->nnotes][k] = 10;
		v->notes[v->nnotes].lines = v->nlines[v->nnotes];
		v->notes[v->nnotes].nlines = (size_t)note_lines;
		v->nnotes++;
	}
}

/* One more note of note_lines lines, anchored on the last box too. */
static void
v_note(struct vlist *v, int note_lines)
{
	struct pb_item *b = &v->it[v->n - 1];
	size_t	 k;

	v_room(v);
	if (b->first_note < 0)
		b->first_note = (int)v->nnotes;
	b->nnotes++;
	for (k = 0; k < (size_t)note_lines; k++)
		v->nlines[v->nnotes][k] = 10;
	v->notes[v->nnotes].lines = v->nlines[v->nnotes];
	v->notes[v->nnotes].nlines = (size_t)note_lines;
	v->nnotes++;
}

/*
 * Every line of every note shown once, in order, from the page of its
 * reference on; returns a reason, or NULL.
 */
static const char *
notes_whole(const struct vlist *v, const struct pb_result *r)
{
	size_t	 k, j, note = 0, line = 0;

	for (k = 0; k < r->npages; k++)
		for (j = 0; j < r->pages[k].nparts; j++) {
			const struct pb_note_part *pt = &r->pages[k].parts[j];

			if (pt->note != note || pt->from != line ||
			    pt->to <= pt->from)
				return "a note line shown twice, late or never";
			line = pt->to;
			if (line == v->notes[note].nlines) {
				note++;
				line = 0;
			}
		}
	return note == v->nnotes ? NULL : "notes missing at the end";
}

static void
v_pen(struct vlist *v, int penalty)
{
	v_room(v);
	v->it[v->n++] = (struct pb_item){ PB_PENALTY, 0, 0, 0, penalty,
	    -1, 0, 0, 0 };
}

static void
v_glue(struct vlist *v)
{
	v_room(v);
	v->it[v->n++] = (struct pb_item){ PB_GLUE, GAP, GAP, GAP / 4, 0,
	    -1, 0, 0, 0 };
}

/*
 * A paragraph of nl lines as the layout builds it: no break after its
 * first line or before its last (no orphan, no widow); a note of
 * note_lines lines on line note_at (0-based; -1: none).
 */
static void
v_para(struct vlist *v, int nl, int note_at, int note_lines)
{
	int	 k;

	if (v->n > 0)
		v_glue(v);
	for (k = 0; k < nl; k++) {
		if (k > 0)
			v_pen(v, k == 1 || k == nl - 1 ? PB_INF : 0);
		v_box(v, LINE, k == note_at ? note_lines : 0);
	}
}

/* A heading: kept with the first two lines of what follows. */
static void
v_heading(struct vlist *v, int nl)
{
	int	 k;

	if (v->n > 0)
		v_glue(v);
	v_box(v, 2 * LINE, 0);
	for (k = 0; k < nl; k++) {
		v_pen(v, k < 2 || k == nl - 1 ? PB_INF : 0);
		v_box(v, LINE, 0);
	}
}

static void
print_pages(const struct vlist *v, const struct pb_result *r)
{
	size_t	 k, j;

	printf("pages %zu cost %.1f\n", r->npages, r->cost);
	for (k = 0; k < r->npages; k++) {
		const struct pb_page *pg = &r->pages[k];
		printf("%3zu [%zu,%zu) r=%+.3f nat=%g%s", k, pg->start,
		    pg->end, pg->ratio, pg->natural, pg->full ? " full" : "");
		for (j = 0; j < pg->nparts; j++)
			printf(" note%zu[%zu,%zu)", pg->parts[j].note,
			    pg->parts[j].from, pg->parts[j].to);
		printf("\n");
	}
	(void)v;
}

/*
 * What every page result must satisfy: pages in order covering every
 * box once; each note starts on the page of its anchor (or waits there
 * behind notes that fill it) and, if split, goes on first thing on the
 * next page.  If strict (the list can be
 * broken well): no break at a forbidden penalty, every page holds its
 * height, and full pages that can stretch fill it exactly.  Returns a
 * reason, or NULL.
 */
static const char *
invariants(const struct vlist *v, const struct pb_result *r, double H,
    int strict)
{
	size_t	 k, i, j, prev_end = 0, nboxes = 0, seen = 0;
	double	 h, st, sh, notes;
	int	 missing = 0;

	for (i = 0; i < v->n; i++)
		nboxes += v->it[i].type == PB_BOX;
	for (k = 0; k < r->npages; k++) {
		const struct pb_page *pg = &r->pages[k];

		if (pg->start < prev_end || pg->end < pg->start)
			return "pages out of order";
		for (i = prev_end; i < pg->start; i++)
			if (v->it[i].type == PB_BOX)
				return "a box on no page";
		if (strict && pg->end < v->n &&
		    v->it[pg->end].type == PB_PENALTY &&
		    v->it[pg->end].penalty >= PB_INF)
			return "a break at a forbidden penalty";
		h = st = sh = 0;
		for (i = pg->start; i < pg->end; i++) {
			const struct pb_item *it = &v->it[i];
			if (it->type == PB_PENALTY)
				continue;
			h += it->height;
			st += it->type == PB_GLUE ? it->stretch : 0;
			sh += it->type == PB_GLUE ? it->shrink : 0;
			if (it->type != PB_BOX)
				continue;
			seen++;
			if (it->first_note < 0)
				continue;
			for (j = 0; j < pg->nparts; j++)
				if (pg->parts[j].note ==
				    (size_t)it->first_note &&
				    pg->parts[j].from == 0)
					break;
			/* It may wait only behind notes filling the page. */
			if (j == pg->nparts) {
				missing = 1;
				continue;
			}
			if (pg->parts[j].to < v->notes[it->first_note].nlines &&
			    pg->parts[j].to < 2)
				return "a split note with one line on its page";
		}
		notes = 0;
		for (j = 0; j < pg->nparts; j++) {
			const struct pb_note_part *pt = &pg->parts[j];
			notes += (double)(pt->to - pt->from) * 10;
			if (pt->from > 0 && j != 0)
				return "a continued note not first";
			if (j + 1 < pg->nparts &&
			    pt->to < v->notes[pt->note].nlines)
				return "a split note not last";
			if (pt->to < v->notes[pt->note].nlines &&
			    (k + 1 == r->npages ||
			    r->pages[k + 1].nparts == 0 ||
			    r->pages[k + 1].parts[0].note != pt->note ||
			    r->pages[k + 1].parts[0].from != pt->to))
				return "a split note not continued next";
		}
		if (pg->nparts > 0)
			notes += 8 + 4 * (double)(pg->nparts - 1);
		h += notes;
		if (pg->ratio < -1 - 1e-9)
			return "a page's glue shrunk beyond its shrink";
		h += pg->ratio * (pg->ratio > 0 ? st : sh);
		if (missing && (pg->nparts == 0 || h + 4 + 2 * 10 <= H + 1e-6))
			return "a note not on its anchor's page";
		missing = 0;
		/* A short page: its glue stretched to the end, no further. */
		if (strict && (h > H + 1e-6 || (pg->full && st > 0 &&
		    h < H - 1e-6 && pg->ratio < 1 - 1e-9)))
			return "a page not filled to its height";
		prev_end = pg->end;
	}
	if (seen != nboxes)
		return "boxes missing or shown twice";
	return NULL;
}

/* Break v into pages of height H; check and (if show) print them. */
static void
pb_run(const char *name, struct vlist *v, double H, struct pb_result *r,
    int show)
{
	struct pb_params p = { &H, 1, 8, 4, 0, 0 };
	const char *why;
	char	 nm[64];

	pb_break(v->it, v->n, v->notes, v->nnotes, &p, r);
	printf("%s: %zu pages\n", name, r->npages);
	if (show)
		print_pages(v, r);
	why = invariants(v, r, H, 1);
	snprintf(nm, sizeof(nm), "%s-invariants", name);
	check(why == NULL, nm, why);
}

/* Index of the k-th box. */
static size_t
box_index(const struct vlist *v, size_t k)
{
	size_t	 i;

	for (i = 0; i < v->n; i++)
		if (v->it[i].type == PB_BOX && k-- == 0)
			return i;
	return v->n;
}

/* Which page shows item i? */
static size_t
page_of(const struct pb_result *r, size_t i)
{
	size_t	 k;

	for (k = 0; k < r->npages; k++)
		if (i >= r->pages[k].start && i < r->pages[k].end)
			return k;
	return (size_t)-1;
}

static void
t_pages(void)
{
	static struct vlist v;
	struct pb_result r;
	const char *why;
	size_t	 head, k, lines;

	/* A note on what would be the last line of page 1. */
	memset(&v, 0, sizeof(v));
	v_para(&v, 4, -1, 0);
	v_para(&v, 4, -1, 0);
	v_para(&v, 6, 1, 3);
	v_para(&v, 5, -1, 0);
	v_para(&v, 4, -1, 0);
	v_para(&v, 6, -1, 0);
	pb_run("pages-note", &v, 10 * LINE + 2 * GAP, &r, 1);
	k = page_of(&r, box_index(&v, 9));
	check(k != (size_t)-1 && r.pages[k].nparts >= 1 &&
	    r.pages[k].parts[0].note == 0, "pages-note-on-page",
	    "the note is not on its line's page");
	pb_result_free(&r);

	/* A heading that would come last on page 1 moves to page 2. */
	memset(&v, 0, sizeof(v));
	v_para(&v, 3, -1, 0);
	v_para(&v, 3, -1, 0);
	v_para(&v, 3, -1, 0);
	v_heading(&v, 5);
	v_para(&v, 4, -1, 0);
	pb_run("pages-heading", &v, 11 * LINE + 3 * GAP, &r, 1);
	head = box_index(&v, 9);
	check(page_of(&r, head) == 1 && r.pages[1].start == head,
	    "pages-heading-moves", "the heading is not at the top of page 2");
	pb_result_free(&r);

	/* A paragraph that would leave one line over gives two. */
	memset(&v, 0, sizeof(v));
	v_para(&v, 3, -1, 0);
	v_para(&v, 3, -1, 0);
	v_para(&v, 6, -1, 0);
	v_para(&v, 6, -1, 0);
	pb_run("pages-widow", &v, 11 * LINE + 2 * GAP, &r, 1);
	lines = 0;
	for (k = r.pages[1].start; k < r.pages[1].end &&
	    v.it[k].type != PB_GLUE; k++)
		lines += v.it[k].type == PB_BOX;
	check(r.npages >= 2 && lines == 2, "pages-widow-two",
	    "page 2 does not open with two lines of the paragraph");
	pb_result_free(&r);

	/* A note too long for the rest of its page continues. */
	memset(&v, 0, sizeof(v));
	v_para(&v, 4, -1, 0);
	v_para(&v, 5, 2, 12);
	v_para(&v, 6, 3, 2);
	v_para(&v, 8, -1, 0);
	v_para(&v, 8, -1, 0);
	pb_run("pages-longnote", &v, 12 * LINE + 2 * GAP, &r, 1);
	k = page_of(&r, box_index(&v, 6));
	check(k != (size_t)-1 && k + 1 < r.npages &&
	    r.pages[k].parts[r.pages[k].nparts - 1].note == 0 &&
	    r.pages[k].parts[r.pages[k].nparts - 1].to < 12 &&
	    r.pages[k + 1].parts[0].note == 0, "pages-longnote-split",
	    "the long note was not split across pages");
	pb_result_free(&r);

	/*
	 * Two references on one line, the first note longer than a page
	 * (issue 9): it runs on over the next pages, the second follows
	 * it, and every page holds its notes below its text.
	 */
	memset(&v, 0, sizeof(v));
	v_para(&v, 4, -1, 0);
	v_para(&v, 5, 2, 40);
	v_note(&v, 3);
	v_para(&v, 8, -1, 0);
	v_para(&v, 8, 4, 2);
	pb_run("pages-twonotes", &v, 12 * LINE + 2 * GAP, &r, 1);
	why = notes_whole(&v, &r);
	check(why == NULL, "pages-twonotes-whole", why);
	pb_result_free(&r);
}

/* Cost of a page [a, e) in the reference, or HUGE_VAL if infeasible. */
static double
ref_page(const struct vlist *v, size_t a, size_t e, double H)
{
	double	 h = 0, st = 0, sh = 0, r, c = 0;
	size_t	 i;
	int	 end = e == v->n;

	for (i = a; i < e; i++) {
		if (v->it[i].type == PB_PENALTY)
			continue;
		h += v->it[i].height;
		st += v->it[i].type == PB_GLUE ? v->it[i].stretch : 0;
		sh += v->it[i].type == PB_GLUE ? v->it[i].shrink : 0;
	}
	if (h > H + 1e-6) {
		if (h - sh > H + 1e-6)
			return HUGE_VAL;
		r = (H - h) / sh;
		c = -100 * r * r * r;
	} else if (!end && h < H - 1e-6) {
		/* Glue stops at r = 1; what is left makes the page short. */
		r = st > 0 ? (H - h) / st : HUGE_VAL;
		if (r <= 1)
			c = 100 * r * r * r;
		else
			c = 1e6 + 10000 * (1 + 10 * (H - h - st) / H);
	}
	if (!end && v->it[e].type == PB_PENALTY)
		c += v->it[e].penalty;
	return c;
}

/* The first box at or after i. */
static size_t
ref_box(const struct vlist *v, size_t i)
{
	while (i < v->n && v->it[i].type != PB_BOX)
		i++;
	return i;
}

/*
 * Facing pages: a full page on the recto side (the next page after an
 * even number) two classes from the full verso before it costs 100,
 * one of the two short (class 3) and not the other 1e6.
 */
static int	 ref_spreads = 1;	/* 0: leave facing pages out */

static void
d_spread(double *cost, int odd, int fa, int fb)
{
	if (!ref_spreads || odd || fa < 0 || fb < 0)
		return;
	if ((fa == 3) != (fb == 3))
		*cost += 1e6;
	else if (abs(fa - fb) > 1)
		*cost += 100;
}

/* Class of a full page's glue setting (as pagebreak.c's page_fit). */
static int
ref_fit(double r)
{
	return r > 1 + 1e-9 ? 3 : r < -0.5 ? 0 : r <= 0.5 ? 1 : 2;
}

/* The glue ratio of a page [a, e) of height H (0 for the last). */
static double
ref_ratio(const struct vlist *v, size_t a, size_t e, double H)
{
	double	 h = 0, st = 0, sh = 0;
	size_t	 i;

	for (i = a; i < e; i++) {
		if (v->it[i].type == PB_PENALTY)
			continue;
		h += v->it[i].height;
		st += v->it[i].type == PB_GLUE ? v->it[i].stretch : 0;
		sh += v->it[i].type == PB_GLUE ? v->it[i].shrink : 0;
	}
	if (h > H)
		return sh > 0 ? (H - h) / sh : 0;
	if (e < v->n && h < H - 1e-6 && st <= 0)
		return HUGE_VAL;	/* short: nothing to stretch */
	return e < v->n && st > 0 ? (H - h) / st : 0;
}

/*
 * The cheapest pages by trying every pair of breaks (no notes).  The
 * state at a break: the least cost of pages up to it, for each side
 * of the spread the next page falls on and each class of the page
 * that ends there (-1: none or not full), so that facing pages two
 * classes apart can be charged as pagebreak.c does.
 */
static double
ref_pages(const struct vlist *v, double H)
{
	enum { NF = 5 };
#define STATE(e, odd, fit) (((e) * 2 + (odd)) * NF + (fit) + 1)
	double	*best, c, ans = HUGE_VAL, prev;
	size_t	 e, b, s;
	int	 ok, odd, fa, fb;

	best = xreallocarray(NULL, (v->n + 1) * 2 * NF, sizeof(double));
	for (e = 0; e < (v->n + 1) * 2 * NF; e++)
		best[e] = HUGE_VAL;
	for (e = 0; e <= v->n; e++) {
		ok = e == v->n || (v->it[e].type == PB_PENALTY &&
		    v->it[e].penalty < PB_INF) || (v->it[e].type == PB_GLUE &&
		    e > 0 && v->it[e - 1].type == PB_BOX);
		if (!ok)
			continue;
		/* b == e stands for the start of the list. */
		for (b = 0; b <= e; b++) {
			s = ref_box(v, b < e ? b + 1 : 0);
			if (s >= e)
				continue;
			c = ref_page(v, s, e, H);
			if (c == HUGE_VAL)
				continue;
			fb = e < v->n ? ref_fit(ref_ratio(v, s, e, H)) : -1;
			for (odd = 0; odd < 2; odd++)
			for (fa = -1; fa < NF - 1; fa++) {
				if (b == e)
					prev = odd == 0 && fa == -1 ? 0 :
					    HUGE_VAL;
				else
					prev = best[STATE(b, odd, fa)];
				if (prev == HUGE_VAL)
					continue;
				d_spread(&prev, odd, fa, fb);
				if (prev + c < best[STATE(e, !odd, fb)])
					best[STATE(e, !odd, fb)] = prev + c;
			}
		}
	}
	for (odd = 0; odd < 2 * NF; odd++)
		if (best[v->n * 2 * NF + odd] < ans)
			ans = best[v->n * 2 * NF + odd];
	free(best);
	return ans;
#undef STATE
}

static void
random_doc(struct vlist *v, int paras)
{
	int	 k;

	memset(v, 0, sizeof(*v));
	for (k = 0; k < paras; k++) {
		if (rnd(6) == 0)
			v_heading(v, 2 + rnd(6));
		else
			v_para(v, 1 + rnd(9), -1, 0);
	}
}

/*
 * Greedy page building for comparison: each page takes all it can.
 * Returns the largest glue ratio of its full pages.
 */
static double
greedy_worst(const struct vlist *v, double H)
{
	size_t	 s, e, best, i;
	double	 worst = 0, h, st;
	int	 ok;

	for (s = ref_box(v, 0); s < v->n; s = ref_box(v, best + 1)) {
		best = v->n + 1;
		for (e = s + 1; e <= v->n; e++) {
			ok = e == v->n || (v->it[e].type == PB_PENALTY &&
			    v->it[e].penalty < PB_INF) ||
			    (v->it[e].type == PB_GLUE &&
			    v->it[e - 1].type == PB_BOX);
			if (!ok)
				continue;
			if (ref_page(v, s, e, H) == HUGE_VAL)
				break;
			best = e;
		}
		if (best >= v->n)
			break;
		h = st = 0;
		for (i = s; i < best; i++) {
			if (v->it[i].type == PB_PENALTY)
				continue;
			h += v->it[i].height;
			st += v->it[i].type == PB_GLUE ? v->it[i].stretch : 0;
		}
		if (st > 0 && (H - h) / st > worst)
			worst = (H - h) / st;
	}
	return worst;
}

/*
 * Where filling each page in turn strands lines (greedy's third page
 * must stretch three times its glue), the whole-list choice sets every
 * full page within [-1, 1].
 */
static void
t_pages_strand(void)
{
	static struct vlist v;
	static const int paras[] = { 3, 3, 5, 4, 7, 8, 2 };
	struct pb_result r;
	double	 H = 10 * LINE + 2 * GAP, worst = 0;
	size_t	 k;

	memset(&v, 0, sizeof(v));
	for (k = 0; k < sizeof(paras) / sizeof(paras[0]); k++)
		v_para(&v, paras[k], -1, 0);
	pb_run("pages-strand", &v, H, &r, 1);
	for (k = 0; k < r.npages; k++)
		if (r.pages[k].full && fabs(r.pages[k].ratio) > worst)
			worst = fabs(r.pages[k].ratio);
	printf("pages-strand greedy worst %.3f total-fit worst %.3f\n",
	    greedy_worst(&v, H), worst);
	check(greedy_worst(&v, H) > 1, "pages-strand-greedy",
	    "greedy pages do well here: the test is no test");
	check(worst <= 1, "pages-strand-tolerance",
	    "a full page set beyond [-1, 1]");
	pb_result_free(&r);
}

/*
 * Facing pages in balance: here the cheapest pages, page by page,
 * would face a shrunk page with a loose one; the pages chosen do not.
 */
static void
t_pages_spread(void)
{
	static struct vlist v;
	static const int paras[] = { 4, 7, 6, 5, 6, 6, 3, 3, 7, 6, 6, 5 };
	struct pb_result r;
	double	 H = 10 * LINE + 2 * GAP, unbalanced;
	size_t	 k;
	int	 ok = 1;

	memset(&v, 0, sizeof(v));
	for (k = 0; k < sizeof(paras) / sizeof(paras[0]); k++)
		v_para(&v, paras[k], -1, 0);
	for (k = 0; k < v.n; k++)
		if (v.it[k].type == PB_GLUE) {
			v.it[k].stretch = 2 * GAP;
			v.it[k].shrink = GAP;
		}
	pb_run("pages-spread", &v, H, &r, 1);
	/* 0-based page k even, k >= 2: a recto facing page k - 1. */
	for (k = 2; k < r.npages; k += 2)
		if (r.pages[k].full && r.pages[k - 1].full &&
		    abs(ref_fit(r.pages[k].ratio) -
		    ref_fit(r.pages[k - 1].ratio)) > 1)
			ok = 0;
	ref_spreads = 0;
	unbalanced = ref_pages(&v, H);
	ref_spreads = 1;
	check(unbalanced < ref_pages(&v, H), "pages-spread-case",
	    "balance costs nothing here: the test is no test");
	check(ok, "pages-spread-balanced",
	    "facing pages two glue classes apart");
	check(fabs(r.cost - ref_pages(&v, H)) < 1e-6, "pages-spread-optimal",
	    "not the reference's cost");
	pb_result_free(&r);
}

static void
t_pages_optimal(void)
{
	static struct vlist v;
	struct pb_result r;
	double	 ref, H = 12 * LINE + 2 * GAP;
	unsigned long v1 = 0, v10;
	size_t	 n1;
	int	 k, ok = 1;

	for (k = 0; k < 8; k++) {
		random_doc(&v, 20);
		pb_run("pages-random", &v, H, &r, 1);
		ref = ref_pages(&v, H);
		if (fabs(ref - r.cost) > 1e-6 * fmax(1, fabs(ref))) {
			printf("reference %.3f\n", ref);
			ok = 0;
		}
		pb_result_free(&r);
	}
	check(ok, "pages-optimal", "costs differ from the reference");

	/* The same fifty paragraphs, then ten times over. */
	random_doc(&v, 50);
	v1 = pb_stat_visits;
	pb_run("pages-linear-1x", &v, H, &r, 0);
	v1 = pb_stat_visits - v1;
	pb_result_free(&r);
	n1 = v.n;
	for (k = 1; k < 10; k++) {
		v.it[v.n] = (struct pb_item){ PB_GLUE, GAP, GAP, GAP / 4, 0,
		    -1, 0, 0, 0 };
		memcpy(&v.it[v.n + 1], v.it, n1 * sizeof(v.it[0]));
		v.n += n1 + 1;
	}
	v10 = pb_stat_visits;
	pb_run("pages-linear-10x", &v, H, &r, 0);
	v10 = pb_stat_visits - v10;
	pb_result_free(&r);
	printf("pages linear visits 1x %lu 10x %lu ratio %.2f\n", v1, v10,
	    (double)v10 / v1);
	check(v1 > 0 && v10 < 15 * v1, "pagebreak-linear",
	    "active node visits grew faster than the list");
}

/*
 * A long list: the nodes no way through passes any more are let go as
 * the breaker goes (compact()), so those held at once stay a fraction
 * of those made, and the pages are the same as when all were kept
 * (the reference's cost on a short list is checked above).
 */
static void
t_pages_compact(void)
{
	static struct vlist v;
	struct pb_result r;
	double	 H = 12 * LINE + 2 * GAP;
	unsigned long made;
	size_t	 n1;
	int	 k;

	random_doc(&v, 50);
	n1 = v.n;
	for (k = 1; k < 40 && v.n + n1 + 1 <= MAXITEMS; k++) {
		v.it[v.n] = (struct pb_item){ PB_GLUE, GAP, GAP, GAP / 4, 0,
		    -1, 0, 0, 0 };
		memcpy(&v.it[v.n + 1], v.it, n1 * sizeof(v.it[0]));
		v.n += n1 + 1;
	}
	made = pb_stat_made;
	pb_stat_held = 0;
	pb_run("pages-compact", &v, H, &r, 0);
	made = pb_stat_made - made;
	check(r.npages > 0 && made > 16384 && pb_stat_held < made / 4,
	    "pagebreak-compact", "the nodes held grew with the nodes made");
	pb_result_free(&r);
}

/*
 * Random lists with notes of one to twenty lines, some forced breaks,
 * an occasional block taller than a page: whatever comes, the result
 * keeps its invariants (checked under ASan and valgrind by make asan
 * and make valgrind, which run this driver too).
 */
static void
t_pages_stress(void)
{
	static struct vlist v;
	struct pb_result r;
	struct pb_params p;
	double	 H = 12 * LINE + 2 * GAP;
	const char *why = NULL;
	int	 t, k, bad = 0;

	p.page_heights = &H;
	p.npage_heights = 1;
	p.notes_stretch = 0;
	p.short_slack = 0;
	p.notes_sep = 8;
	p.note_gap = 4;
	for (t = 0; t < 200 && !bad; t++) {
		memset(&v, 0, sizeof(v));
		for (k = 0; k < 25; k++) {
			switch (rnd(8)) {
			case 0:
				v_heading(&v, 2 + rnd(5));
				break;
			case 1:
				if (v.n > 0)
					v_pen(&v, -PB_INF);
				break;
			case 2:
				/* A figure: one box, sometimes too tall. */
				v_glue(&v);
				v_box(&v, LINE * (1 + rnd(14)), 0);
				break;
			default:
				v_para(&v, 1 + rnd(9), v.nnotes < 60 &&
				    rnd(3) == 0 ? rnd(4) : -1, 1 + rnd(20));
				break;
			}
		}
		if (pb_break(v.it, v.n, v.notes, v.nnotes, &p, &r) != 0) {
			bad = 1;
			why = "pb_break failed";
			break;
		}
		why = invariants(&v, &r, H, 0);
		bad = why != NULL;
		if (bad && getenv("ALGO_DEBUG")) {
			print_pages(&v, &r);
			for (k = 0; k < (int)v.nnotes; k++)
				printf("note%d: %zu lines\n", k,
				    v.notes[k].nlines);
		}
		pb_result_free(&r);
	}
	printf("pages-stress: %d lists\n", t);
	check(!bad, "pages-stress", why);
}

int
main(int argc, char *argv[])
{
	struct hyph *h;
	const char *what = argc > 1 ? argv[1] : "all";

	h = hyph_open("en");
	if (strcmp(what, "all") == 0 || strcmp(what, "lines") == 0) {
		t_frog(h);
		t_lastline();
		t_longword();
		t_emergency();
		t_hyphrun();
		t_linear(h);
		t_lines_stress();
	}
	if (strcmp(what, "all") == 0 || strcmp(what, "hyph") == 0)
		t_hyph();
	if (strcmp(what, "all") == 0 || strcmp(what, "pages") == 0) {
		t_pages();
		t_pages_strand();
		t_pages_spread();
		t_pages_optimal();
		t_pages_compact();
		t_pages_stress();
	}
	hyph_close(h);
	return nfail > 0;
}
