/* A book's lectures laid out on one thread while the other draws them. */
#ifndef LECTERN_RELAY_H
#define LECTERN_RELAY_H

struct book;
struct opts;
struct pdf_book;

/*
 * Lay out b's lectures in book order, each opening on the right-hand
 * page after the last (starts[i]: lecture i's first folio), and draw
 * each into pb with pdf_book_lecture() (pb NULL: laid out only, for
 * check).  With pb and o->jobs of 2 or more, the layouts run on a
 * thread of their own, one lecture ahead of the drawing on this one;
 * the PDF is the same, byte for byte.  Returns 0, or -1 after a diagnostic (the rest not laid
 * out).
 */
int	relay_lectures(const struct book *b, const struct opts *o,
	    struct pdf_book *pb, int *starts);

#endif
