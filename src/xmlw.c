/* A small XML writer over libxml2's xmlTextWriter, for every XML file lectern writes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "diag.h"
#include "util.h"
#include "xmlw.h"

static void
xw_check(struct xw *x, int rc)
{
	if (rc < 0)
		x->err = 1;
}

/*
 * Is cp allowed in XML 1.0 text?  The reader repairs bad UTF-8, but
 * control characters are valid UTF-8 and would make the file
 * ill-formed.
 */
static int
xml_char(uint32_t cp)
{
	if (cp < 0x20)
		return cp == '\t' || cp == '\n' || cp == '\r';
	if (cp >= 0xd800 && cp <= 0xdfff)
		return 0;
	return cp != 0xfffe && cp != 0xffff;
}

/*
 * Escape s for XML into b, dropping what XML cannot hold.  Markup
 * characters become numeric references: epubcheck reports even the
 * predefined named entities (&amp;) in content documents (HTM-006).
 */
static void
escape(struct buf *b, const char *s, int attr)
{
	const char	*p, *end, *plain;
	size_t		 n;
	uint32_t	 cp;

	end = s + strlen(s);
	/* Characters kept as they are go out a stretch at a time. */
	for (p = plain = s; p < end; p += n) {
		if ((n = utf8_decode(p, end - p, &cp)) != 0 && xml_char(cp) &&
		    cp != '&' && cp != '<' && cp != '>' && cp != '\r' &&
		    !(attr && (cp == '"' || cp == '\n' || cp == '\t')))
			continue;
		buf_put(b, plain, p - plain);
		if (n == 0)
			n = 1;		/* drop the stray byte */
		else if (xml_char(cp))
			buf_printf(b, "&#%u;", (unsigned)cp);
		plain = p + n;
	}
	buf_put(b, plain, p - plain);
}

void
xw_open(struct xw *x)
{
	x->err = 0;
	x->w = NULL;
	if ((x->b = xmlBufferCreate()) == NULL) {
		x->err = 1;
		return;
	}
	if ((x->w = xmlNewTextWriterMemory(x->b, 0)) == NULL) {
		x->err = 1;
		return;
	}
	xw_check(x, xmlTextWriterStartDocument(x->w, NULL, "UTF-8", NULL));
}

void
xw_doctype(struct xw *x, const char *name)
{
	if (x->err)
		return;
	xw_check(x, xmlTextWriterWriteDTD(x->w, BAD_CAST name,
	    NULL, NULL, NULL));
	xw_nl(x);
}

void
xw_start(struct xw *x, const char *name)
{
	if (x->err)
		return;
	xw_check(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
}

void
xw_attr(struct xw *x, const char *name, const char *value)
{
	struct buf	 b = { NULL, 0, 0 };

	if (x->err)
		return;
	escape(&b, value != NULL ? value : "", 1);
	xw_check(x, xmlTextWriterStartAttribute(x->w, BAD_CAST name));
	if (b.len > 0)
		xw_check(x, xmlTextWriterWriteRaw(x->w, BAD_CAST b.p));
	xw_check(x, xmlTextWriterEndAttribute(x->w));
	buf_free(&b);
}

void
xw_end(struct xw *x)
{
	if (x->err)
		return;
	/*
	 * Never <p/>: some reading systems still parse content as HTML,
	 * where a self-closed non-void element swallows what follows.
	 */
	xw_check(x, xmlTextWriterFullEndElement(x->w));
}

void
xw_endvoid(struct xw *x)
{
	if (x->err)
		return;
	xw_check(x, xmlTextWriterEndElement(x->w));
}

void
xw_void(struct xw *x, const char *name)
{
	xw_start(x, name);
	xw_endvoid(x);
}

void
xw_text(struct xw *x, const char *s)
{
	struct buf	 b = { NULL, 0, 0 };

	if (x->err || s == NULL || *s == '\0')
		return;
	escape(&b, s, 0);
	if (b.len > 0)
		xw_check(x, xmlTextWriterWriteRaw(x->w, BAD_CAST b.p));
	buf_free(&b);
}

void
xw_nl(struct xw *x)
{
	if (x->err)
		return;
	xw_check(x, xmlTextWriterWriteString(x->w, BAD_CAST "\n"));
}

void
xw_elem(struct xw *x, const char *name, const char *text)
{
	xw_start(x, name);
	xw_text(x, text);
	xw_end(x);
}

char *
xw_finish(struct xw *x, const char *file, size_t *len)
{
	char	*out;

	if (!x->err && xmlTextWriterEndDocument(x->w) < 0)
		x->err = 1;
	if (x->w != NULL)
		xmlFreeTextWriter(x->w);	/* flushes into x->b */
	x->w = NULL;
	out = NULL;
	if (!x->err && x->b != NULL) {
		*len = xmlBufferLength(x->b);
		out = xmalloc(*len + 1);
		memcpy(out, xmlBufferContent(x->b), *len);
		out[*len] = '\0';
	} else
		diag_file(file, D_SYS_LIB, "libxml2", "cannot write XML");
	if (x->b != NULL)
		xmlBufferFree(x->b);
	x->b = NULL;
	return out;
}

