/* A small XML writer over libxml2's xmlTextWriter, for every XML file lectern writes. */
#ifndef LECTERN_XMLW_H
#define LECTERN_XMLW_H

#include <stddef.h>

/*
 * An XML document being written to memory with libxml2's
 * xmlTextWriter.  Errors are sticky: every xw_ call after the first
 * failure does nothing, and xw_finish() reports it once.
 */
struct xw {
	void	*w;		/* xmlTextWriterPtr */
	void	*b;		/* xmlBufferPtr */
	int	 err;		/* a writer call failed */
};

void	 xw_open(struct xw *);	/* with the <?xml?> declaration */
void	 xw_doctype(struct xw *, const char *name); /* <!DOCTYPE name> */
void	 xw_start(struct xw *, const char *name);
void	 xw_attr(struct xw *, const char *name, const char *value);
void	 xw_end(struct xw *);		/* always <x>...</x> */
void	 xw_endvoid(struct xw *);	/* <img .../>: no content */
void	 xw_void(struct xw *, const char *name); /* <br/> */
void	 xw_text(struct xw *, const char *);
void	 xw_nl(struct xw *);
void	 xw_elem(struct xw *, const char *name, const char *text);
/*
 * Close the document.  Returns a copy of the bytes (caller frees),
 * with their length in *len, or NULL after a writer failure (reported
 * as D_SYS_LIB against file).
 */
char	*xw_finish(struct xw *, const char *file, size_t *len);

#endif
