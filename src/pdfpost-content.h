/* Content streams rewritten with qpdf's tokenizer (pdfpost-content.cc). */
#ifndef LECTERN_PDFPOST_CONTENT_H
#define LECTERN_PDFPOST_CONTENT_H

#include <stddef.h>

/*
 * The content stream data (len bytes, /FlateDecode when deflated is
 * not 0) with every marked-content sequence cairo began as
 * "/tag << /MCID n >> BDC" begun as "/Artifact BMC" instead.  Returns
 * a buffer of plain content the caller frees (its length in *outlen),
 * or NULL when qpdf cannot read the stream.  Safe on any thread.
 */
char	*pdfpost_content_artifacts(const char *data, size_t len,
	    int deflated, const char *tag, size_t *outlen);

#endif
