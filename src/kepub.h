/* The Kobo edition: koboSpan sentences in a content document. */
#ifndef LECTERN_KEPUB_H
#define LECTERN_KEPUB_H

#include <stddef.h>

/*
 * The XHTML content document xhtml (len bytes, as xhtml.c wrote it)
 * made into a Kobo one, as kepubify does: each sentence of the body,
 * and each picture, in <span class="koboSpan" id="kobo.P.S"> (block P,
 * sentence S), the body's content inside div#book-columns and
 * div#book-inner.  Kobo's reader counts its highlights, statistics and
 * page turns by these spans.  Returns the new bytes (caller frees) and
 * their length, or NULL after a diagnostic naming file.
 */
char	*kepub_chapter(const char *xhtml, size_t len, const char *file,
	    size_t *outlen);

#endif
