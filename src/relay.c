/* A book's lectures laid out on one thread while the other draws them. */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "course.h"
#include "layout.h"
#include "lectern.h"
#include "output.h"
#include "progress.h"
#include "relay.h"
#include "util.h"

/*
 * Laying a lecture out and drawing it take about as long (on the
 * 500-lecture book of tests/tools/course.sh, 4.3 s and 3.1 s), and
 * the next lecture's layout needs only this one's page count, so the
 * two run side by side: a thread of its own lays the lectures out in
 * order and hands each over, and the caller's thread draws them.
 *
 * Pango's objects are not safe across threads, so everything that
 * calls Pango to measure or shape (the font map, the context, the
 * fonts' caches) stays with the layout thread, which also frees each
 * layout once drawn (freeing lets go of fonts).  Drawing only reads
 * what a layout holds: glyphs, positions and the fonts' cairo faces,
 * which cairo guards itself; what it would have asked Pango for
 * (where a strike goes) the layout decided.  diag.c and progress.c
 * print under a lock.  Once the layout thread has ended, this thread
 * is free to use Pango again (the book's front matter).
 */
struct relay {
	const struct book	*b;
	const struct opts	*o;
	int			*starts;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct layout		 ready;		/* laid out, not yet drawn */
	int			 has_ready;
	struct layout		*spent;		/* drawn, for the layout
						   thread to free */
	size_t			 nspent, cspent;
	int			 stop;		/* the drawing failed */
	int			 ended;		/* the layout thread is done */
	int			 failed;	/* a layout failed */
};

/*
 * Lecture i laid out at *folio into lay (measured only when it will not
 * be drawn); *folio moves past it.
 */
static int
lay_one(struct relay *r, size_t i, int *folio, struct layout *lay,
    int drawn)
{
	r->starts[i] = *folio;
	if ((drawn ? lay_build_book(lay, r->b->lectures[i], r->o, *folio) :
	    lay_measure(lay, r->b->lectures[i], r->o, *folio)) == -1)
		return -1;
	*folio += (int)lay->npages;
	/* Every lecture opens on a right-hand page. */
	*folio += *folio % 2 == 0;
	return 0;
}

/* Where the book stands, once lecture i (laid out as lay) is done. */
static void
show_progress(const struct relay *r, size_t i, const struct layout *lay)
{
	char	 num[32];

	progress_show("lecture %zu/%zu, page %s", i + 1, r->b->nlectures,
	    progress_count((size_t)(lay->first + (int)lay->npages - 1), num));
}

/* Free n layouts drawn, and their array. */
static void
free_spent(struct layout *spent, size_t n)
{
	size_t	 k;

	for (k = 0; k < n; k++)
		lay_free(&spent[k]);
	free(spent);
}

/*
 * Hand lay over once the last is taken, and free what was drawn since
 * (outside the lock: the drawing goes on meanwhile); 0, or -1 if the
 * drawing stopped.
 */
static int
hand_over(struct relay *r, struct layout *lay)
{
	struct layout	*spent;
	size_t		 nspent;
	int		 rc = 0;

	pthread_mutex_lock(&r->mu);
	while (r->has_ready && !r->stop)
		pthread_cond_wait(&r->cv, &r->mu);
	if (r->stop)
		rc = -1;
	else {
		r->ready = *lay;
		r->has_ready = 1;
	}
	spent = r->spent;
	nspent = r->nspent;
	r->spent = NULL;
	r->nspent = r->cspent = 0;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
	free_spent(spent, nspent);
	return rc;
}

/* The layout thread: every lecture, in order, until one fails. */
static void *
lay_all(void *arg)
{
	struct relay	*r = arg;
	struct layout	 lay;
	size_t		 i;
	int		 folio = 1, failed = 0;

	for (i = 0; i < r->b->nlectures; i++) {
		if (lay_one(r, i, &folio, &lay, 1) == -1) {
			lay_free(&lay);
			failed = 1;
			break;
		}
		if (hand_over(r, &lay) == -1) {
			lay_free(&lay);
			break;
		}
	}
	pthread_mutex_lock(&r->mu);
	r->failed = failed;
	r->ended = 1;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

/* The next layout into lay; 0 when there is none (all laid or failed). */
static int
take(struct relay *r, struct layout *lay)
{
	int	 got;

	pthread_mutex_lock(&r->mu);
	while (!r->has_ready && !r->ended)
		pthread_cond_wait(&r->cv, &r->mu);
	if ((got = r->has_ready)) {
		*lay = r->ready;
		r->has_ready = 0;
		pthread_cond_broadcast(&r->cv);
	}
	pthread_mutex_unlock(&r->mu);
	return got;
}

/* Give a drawn layout back; stop: the drawing failed, lay out no more. */
static void
give_back(struct relay *r, struct layout *lay, int stop)
{
	pthread_mutex_lock(&r->mu);
	r->spent = xgrow(r->spent, &r->cspent, r->nspent + 1,
	    sizeof(*r->spent));
	r->spent[r->nspent++] = *lay;
	if (stop)
		r->stop = 1;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
}

/* Draw each layout as it comes; -1 after a diagnostic. */
static int
draw_all(struct relay *r, struct pdf_book *pb)
{
	struct layout	 lay;
	size_t		 i = 0;
	int		 ok = 1;

	while (ok && take(r, &lay)) {
		ok = pdf_book_lecture(pb, &lay, r->b->lectures[i]) == 0;
		show_progress(r, i, &lay);
		give_back(r, &lay, !ok);
		i++;
	}
	return ok ? 0 : -1;
}

/*
 * Every lecture laid out, drawn into pb (NULL: not drawn, for check)
 * and let go, on this thread.
 */
static int
lay_here(struct relay *r, struct pdf_book *pb)
{
	struct layout	 lay;
	size_t		 i;
	int		 folio = 1, rc = 0;

	for (i = 0; i < r->b->nlectures && rc == 0; i++) {
		rc = lay_one(r, i, &folio, &lay, pb != NULL);
		if (rc == 0 && pb != NULL)
			rc = pdf_book_lecture(pb, &lay, r->b->lectures[i]);
		if (rc == 0)
			show_progress(r, i, &lay);
		lay_free(&lay);
	}
	return rc;
}

int
relay_lectures(const struct book *b, const struct opts *o,
    struct pdf_book *pb, int *starts)
{
	struct relay	 r;
	pthread_t	 t;
	sigset_t	 saved;
	int		 rc, made;

	memset(&r, 0, sizeof(r));
	r.b = b;
	r.o = o;
	r.starts = starts;
	if (pb == NULL || o->jobs < 2)
		return lay_here(&r, pb);
	pthread_mutex_init(&r.mu, NULL);
	pthread_cond_init(&r.cv, NULL);
	/*
	 * The layout thread starts with SIGINT, SIGTERM and SIGHUP blocked,
	 * so output.c's handler runs on this thread, where the temporary
	 * files are made and dropped.
	 */
	output_block_signals(&saved);
	made = pthread_create(&t, NULL, lay_all, &r) == 0;
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
	if (!made)
		/* No thread to be had: one lecture after the other. */
		rc = lay_here(&r, pb);
	else {
		rc = draw_all(&r, pb);
		pthread_join(t, NULL);
		rc = rc == 0 && !r.failed ? 0 : -1;
	}
	/* The layout thread has ended: what it did not free is ours. */
	if (r.has_ready)
		lay_free(&r.ready);
	free_spent(r.spent, r.nspent);
	pthread_cond_destroy(&r.cv);
	pthread_mutex_destroy(&r.mu);
	return rc;
}
