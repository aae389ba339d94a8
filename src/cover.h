/* The book's cover picture, drawn from its metadata. */
#ifndef LECTERN_COVER_H
#define LECTERN_COVER_H

struct buf;
struct doc;
struct style;

/* The size of a drawn cover, in pixels (Kindle's and Kobo's 1:1.6). */
#define COVER_WIDTH	1600
#define COVER_HEIGHT	2560

/*
 * Append to out a PNG of COVER_WIDTH x COVER_HEIGHT pixels showing the
 * course, the lecture's number and title and its author, set in the
 * print style's heading and body fonts.  The same doc and fonts give
 * the same bytes.  Returns 0, or -1 after a diagnostic naming file.
 */
int	cover_draw(const struct doc *, const struct style *, const char *file,
	    struct buf *out);

#endif
