/* The typographic report and `lectern dump --layout`, read from a finished struct layout. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "layout-int.h"
#include "progress.h"
#include "util.h"

static const char *const role_names[LR__MAX] = {
	"body", "heading", "title", "head", "folio", "note"
};

/*
 * Where a line's text starts and ends on the page: after any indent,
 * and where centring or a folio on the right put it.
 */
static void
ink(const struct lay_line *ln, double *x0, double *x1)
{
	size_t	 i;

	*x0 = ln->x;
	*x1 = ln->x + ln->width;
	if (ln->nruns == 0)
		return;
	/* The first run is the leftmost only left to right. */
	*x0 = *x1 = ln->x + ln->runs[0].x;
	for (i = 0; i < ln->nruns; i++) {
		*x0 = fmin(*x0, ln->x + ln->runs[i].x);
		*x1 = fmax(*x1, ln->x + ln->runs[i].x + ln->runs[i].width);
	}
}

/*
 * The dump of o to fp: "size W H", then per page "page N" and one
 * line per text line: page, role, x, baseline y, width, glue ratio,
 * hyphenated (0/1), text.  Positions in points from the top left.
 * A line of a table cell is followed by "cell TABLE ROW COLUMN"
 * (numbers from 1), with "repeated" for the header row drawn again
 * atop a page, an artifact (tests/tools/parity reads a table cell by
 * cell from these, and drops the repeated header).
 */
void
lay_dump(const struct layout *o, FILE *fp)
{
	const struct lay_page	*pg;
	const struct lay_line	*ln;
	size_t			 i, k;
	double			 x0, x1;

	fprintf(fp, "size %.2f %.2f\n", o->page_w, o->page_h);
	for (i = 0; i < o->npages; i++) {
		pg = &o->pages[i];
		fprintf(fp, "page %d\n", pg->num);
		for (k = 0; k < pg->nlines; k++) {
			ln = &pg->lines[k];
			ink(ln, &x0, &x1);
			fprintf(fp, "%d %s %.2f %.2f %.2f %.3f %d %s\n",
			    pg->num, role_names[ln->role], x0, ln->y,
			    x1 - x0, ln->ratio, ln->hyphenated, ln->text);
			if (ln->cell != NULL)
				fprintf(fp, "cell %d %d %d%s\n",
				    ln->cell->table, ln->cell->row,
				    ln->cell->col, ln->cell->repeated ?
				    " repeated" : "");
		}
	}
}

/* --- the typographic report --------------------------------------- */

#define LOOSE_GAP	1.5	/* loose: spaces this many times the
				   median space (as tests/typo counts), */
#define LOOSE_SPACE	2.0	/* or this many times their own width */
#define TIGHT_RATIO	(-0.5)	/* tight: TeX's tight class */
#define SHORT_PAGE	0.5	/* short: the text ends this many body
				   lines above the others (as
				   tests/typo/vgap.awk counts) */

/* A set line and the page it is on. */
struct rline {
	const struct lay_line	*ln;
	int			 page;
};

/* Lines in reading order: by paragraph, then line. */
static int
rline_cmp(const void *a, const void *b)
{
	const struct lay_line	*x = ((const struct rline *)a)->ln;
	const struct lay_line	*y = ((const struct rline *)b)->ln;

	if (x->para != y->para)
		return x->para < y->para ? -1 : 1;
	return (x->pline > y->pline) - (x->pline < y->pline);
}

/* Ascending doubles, for qsort. */
static int
dbl_cmp(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* What the report counts, per paragraph and for the document. */
struct rstat {
	size_t	 lines;		/* justified lines, not a paragraph's last */
	size_t	 loose, tight, hyph, run, maxrun, overfull;
	double	 rmin, rmax;
	double	 loose_at;	/* the ratio that makes spaces loose */
};

/*
 * Is ln one whose spacing counts: a justified line of text, not its
 * paragraph's last unless that had to shrink?
 */
static int
spaced(const struct layout *o, const struct lay_line *ln)
{
	const struct lay_para	*lp = &o->paras[ln->para - 1];

	return lp->justified && (lp->role == LR_BODY ||
	    lp->role == LR_NOTE) && (ln->pline < lp->nlines - 1 ||
	    ln->ratio != 0);
}

/* Count ln into st; returns its problems as text, or NULL. */
static const char *
rstat_add(struct rstat *st, const struct layout *o, const struct lay_line *ln)
{
	const char	*why = NULL;

	if (ln->overfull) {
		st->overfull++;
		why = "overfull";
	}
	if (!spaced(o, ln))
		return why;
	if (st->lines == 0 || ln->ratio < st->rmin)
		st->rmin = ln->ratio;
	if (st->lines == 0 || ln->ratio > st->rmax)
		st->rmax = ln->ratio;
	st->lines++;
	if (ln->ratio > st->loose_at) {
		st->loose++;
		why = why ? why : "loose";
	} else if (ln->ratio < TIGHT_RATIO) {
		st->tight++;
		why = why ? why : "tight";
	}
	if (ln->hyphenated) {
		st->hyph++;
		if (++st->run > st->maxrun)
			st->maxrun = st->run;
		why = why ? why : "hyphen";
	} else
		st->run = 0;
	return why;
}

/* FILE:LINE:COL of p (source when p has no file). */
static void
pos_print(FILE *fp, const struct pos *p, const char *source)
{
	fprintf(fp, "%s:%d:%d", p->file ? p->file : source, p->line, p->col);
}

/* n as a percentage of of (0 of nothing). */
static double
pct(size_t n, size_t of)
{
	return of ? 100.0 * n / of : 0;
}

/*
 * One block for paragraph lp, lines r[0..n): its place and figures,
 * then each line with a problem.  Paragraphs that are not running
 * text (headings, code, cells) only when something went wrong.
 */
static void
report_para(FILE *fp, const struct layout *o, const struct lay_para *lp,
    const struct rline *r, size_t n, const char *source, struct rstat *doc)
{
	struct rstat	 st;
	const char	**why;
	size_t		 k;
	int		 text = (lp->role == LR_BODY || lp->role == LR_NOTE) &&
			    lp->justified;

	memset(&st, 0, sizeof(st));
	st.loose_at = doc->loose_at;
	why = xcalloc(n + 1, sizeof(*why));
	for (k = 0; k < n; k++) {
		why[k] = rstat_add(&st, o, r[k].ln);
		rstat_add(doc, o, r[k].ln);
	}
	doc->run = 0;
	if (fp == NULL || (!text && st.overfull == 0 && lp->toolong == 0)) {
		free(why);
		return;
	}
	pos_print(fp, &lp->pos, source);
	fprintf(fp, ": %s, %d line%s, page", lp->role == LR_NOTE ? "note" :
	    text ? "paragraph" : "block", lp->nlines,
	    lp->nlines == 1 ? "" : "s");
	if (lp->page1 != lp->page0)
		fprintf(fp, "s %d-%d", lp->page0, lp->page1);
	else
		fprintf(fp, " %d", lp->page0);
	if (st.lines > 0)
		fprintf(fp, ", ratio %.2f..%.2f", st.rmin, st.rmax);
	fprintf(fp, ", loose %zu, tight %zu, hyphens %zu (max run %zu), "
	    "overfull %zu\n", st.loose, st.tight, st.hyph, st.maxrun,
	    st.overfull);
	if (lp->toolong > 0) {
		fprintf(fp, "\t");
		pos_print(fp, &lp->longpos, source);
		fprintf(fp, ": word too long for the line: %s", lp->longword);
		if (lp->toolong > 1)
			fprintf(fp, " (and %d more)", lp->toolong - 1);
		fputc('\n', fp);
	}
	if (lp->orphan)
		fprintf(fp, "\torphan left: first line alone at the foot "
		    "of page %d\n", lp->page0);
	if (lp->widow)
		fprintf(fp, "\twidow left: last line alone at the top "
		    "of page %d\n", lp->page1);
	if (lp->orphan_avoided)
		fprintf(fp, "\torphan avoided: page %d ends before it\n",
		    lp->orphan_avoided);
	if (lp->widow_avoided)
		fprintf(fp, "\twidow avoided: page %d ends a line early\n",
		    lp->widow_avoided);
	if (lp->loose != 0)
		fprintf(fp, "\tset a line %s than its best, to fill page %d\n",
		    lp->loose > 0 ? "longer" : "shorter", lp->page0);
	for (k = 0; k < n; k++) {
		if (why[k] == NULL)
			continue;
		fprintf(fp, "\t");
		pos_print(fp, &r[k].ln->pos, source);
		fprintf(fp, ": line %d, page %d, %s, ratio %.2f: %s\n",
		    r[k].ln->pline + 1, r[k].page, why[k], r[k].ln->ratio,
		    r[k].ln->text);
	}
	fputc('\n', fp);
	free(why);
}

/* The whole document, as the report's last lines. */
static void
report_summary(FILE *fp, const struct layout *o, const struct rstat *doc,
    const double *ratio, int widows, int orphans, int wav, int oav,
    int toolong)
{
	double	 p95 = 0, gap = 0;
	size_t	 i, nshort = 0;

	if (doc->lines > 0)
		p95 = ratio[(size_t)ceil(0.95 * doc->lines) - 1];
	/* Pages: the most space added between lines, pages left short. */
	for (i = 0; i < o->npages; i++) {
		if (o->pages[i].gap > gap)
			gap = o->pages[i].gap;
		nshort += o->pages[i].short_by >= SHORT_PAGE *
		    o->store->st.body_leading;
	}
	fprintf(fp, "lectern: report: %zu lines, ratio p95 %.2f, "
	    "loose %zu (%.1f%%), tight %zu, hyphens %zu (%.1f%%, max run "
	    "%zu), widows %d, orphans %d, overfull %zu, pages %zu "
	    "(gap max %.1f pt, short %zu)\n",
	    doc->lines, p95, doc->loose, pct(doc->loose, doc->lines),
	    doc->tight, doc->hyph, pct(doc->hyph, doc->lines), doc->maxrun,
	    widows, orphans, doc->overfull, o->npages, gap, nshort);
	if (toolong >= 0)
		fprintf(fp, "lectern: report: ratio min %.2f, median %.2f, "
		    "max %.2f; widows avoided %d, orphans avoided %d; words "
		    "too long %d\n", doc->lines ? ratio[0] : 0,
		    doc->lines ? ratio[(doc->lines - 1) / 2] : 0,
		    doc->lines ? ratio[doc->lines - 1] : 0, wav, oav,
		    toolong);
}

/* The report to fp (may be NULL), the summary to stderr if verbose. */
static void
report(FILE *fp, const struct layout *o, const char *source, int verbose)
{
	struct rline		*r;
	struct rstat		 doc;
	const struct lay_para	*lp;
	double			*ratio, med;
	size_t			 i, k, n = 0, a, nr = 0;
	int			 wid = 0, orph = 0, wav = 0, oav = 0, tl = 0;

	for (i = 0; i < o->npages; i++)
		n += o->pages[i].nlines;
	r = xcalloc(n + 1, sizeof(*r));
	ratio = xcalloc(n + 1, sizeof(*ratio));
	n = 0;
	for (i = 0; i < o->npages; i++)
		for (k = 0; k < o->pages[i].nlines; k++)
			if (o->pages[i].lines[k].para > 0 &&
			    (size_t)o->pages[i].lines[k].para <= o->nparas) {
				r[n].ln = &o->pages[i].lines[k];
				r[n++].page = o->pages[i].num;
				if (spaced(o, r[n - 1].ln))
					ratio[nr++] = r[n - 1].ln->ratio;
			}
	qsort(r, n, sizeof(*r), rline_cmp);
	qsort(ratio, nr, sizeof(*ratio), dbl_cmp);
	memset(&doc, 0, sizeof(doc));
	/*
	 * A space set at ratio r is 1 + r * SPACE_STRETCH of its natural
	 * width (the rest of the stretch goes to the letters): loose from
	 * LOOSE_GAP times the space at the median ratio on, or from
	 * LOOSE_SPACE times its own width where few lines make the median.
	 */
	med = nr > 0 && ratio[(nr - 1) / 2] > 0 ? ratio[(nr - 1) / 2] : 0;
	doc.loose_at = fmin(LOOSE_GAP * (1 + med * SPACE_STRETCH) - 1,
	    LOOSE_SPACE - 1) / SPACE_STRETCH;
	if (fp != NULL)
		fprintf(fp, "# lectern typographic report: %s\n"
		    "# per paragraph: where it starts, its lines, the "
		    "spread of its glue ratios,\n# then each line with a "
		    "problem (loose > %.3f, tight < %.3f, hyphen, overfull)"
		    "\n# loose: spaces over %.1f times the median space or "
		    "%.1f times their own\n\n", source, doc.loose_at,
		    TIGHT_RATIO, LOOSE_GAP, LOOSE_SPACE);
	for (i = 0; i < n; i = a) {
		for (a = i; a < n && r[a].ln->para == r[i].ln->para; a++)
			continue;
		lp = &o->paras[r[i].ln->para - 1];
		report_para(fp, o, lp, r + i, a - i, source, &doc);
		if (lp->role == LR_BODY) {
			wid += lp->widow;
			orph += lp->orphan;
			wav += lp->widow_avoided > 0;
			oav += lp->orphan_avoided > 0;
		}
		tl += lp->toolong;
	}
	if (fp != NULL) {
		report_summary(fp, o, &doc, ratio, wid, orph, wav, oav, tl);
	}
	if (verbose)
		report_summary(stderr, o, &doc, ratio, wid, orph, wav, oav, -1);
	free(r);
	free(ratio);
}

/*
 * The typographic report of a built layout as text in *text (when text
 * is not NULL), the summary on stderr if verbose: what lay_report()
 * writes, kept so that the layout can be freed before the report is
 * saved.  Returns 0, or -1 after a diagnostic.
 */
int
lay_report_text(const struct layout *o, const char *source, int verbose,
    struct buf *text)
{
	FILE	*fp = NULL;
	char	*p = NULL;
	size_t	 len = 0;

	if (text != NULL && (fp = open_memstream(&p, &len)) == NULL) {
		diag_file(source, D_SYS_LIB, "open_memstream",
		    strerror(errno));
		return -1;
	}
	progress_clear();
	report(fp, o, source, verbose);
	if (fp != NULL) {
		if (fclose(fp) == EOF) {
			diag_file(source, D_SYS_LIB, "open_memstream",
			    strerror(errno));
			free(p);
			return -1;
		}
		buf_put(text, p, len);
		free(p);
	}
	return 0;
}

/*
 * Write text to path through a temporary file.  Returns 0, or -1
 * after a diagnostic.
 */
int
lay_report_save(const char *path, const struct buf *text)
{
	char	*tmp;
	FILE	*fp;
	int	 rc = 0;

	if ((tmp = out_begin(path)) == NULL ||
	    (fp = fopen(tmp, "w")) == NULL) {
		diag_file(path, D_SYS_WRITE, strerror(errno));
		free(tmp);
		return -1;
	}
	if (text->len > 0 && fwrite(text->p, 1, text->len, fp) != text->len)
		rc = -1;
	if (ferror(fp))
		rc = -1;
	if (fclose(fp) == EOF)
		rc = -1;
	if (rc == -1 || out_commit(tmp, path) == -1) {
		diag_file(path, D_SYS_WRITE, strerror(errno));
		out_abandon(tmp);
		rc = -1;
	}
	free(tmp);
	return rc;
}

/*
 * The typographic report of a built layout to path (if not NULL),
 * written through a temporary file; the summary on stderr if verbose.
 * Returns 0, or -1 after a diagnostic.
 */
int
lay_report(const struct layout *o, const char *source, const char *path,
    int verbose)
{
	struct buf	 text = { NULL, 0, 0 };
	int		 rc;

	rc = lay_report_text(o, source, verbose, path != NULL ? &text : NULL);
	if (rc == 0 && path != NULL)
		rc = lay_report_save(path, &text);
	buf_free(&text);
	return rc;
}
