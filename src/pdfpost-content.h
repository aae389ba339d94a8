/* Content streams rewritten with qpdf's tokenizer (pdfpost-content.cc). */
#ifndef LECTERN_PDFPOST_CONTENT_H
#define LECTERN_PDFPOST_CONTENT_H

#include <stddef.h>

/*
 * The content stream data (len bytes) with every marked-content
 * sequence cairo began as "/tag << /MCID n >> BDC" begun as
 * "/Artifact BMC" instead.  Returns a buffer the caller frees (its
 * length in *outlen), or NULL when qpdf cannot read the stream.
 */
char	*pdfpost_content_artifacts(const char *data, size_t len,
	    const char *tag, size_t *outlen);

#endif
