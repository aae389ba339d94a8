/* The Kobo edition: koboSpan sentences in a content document (libxml2). */
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "diag.h"
#include "kepub.h"
#include "util.h"

/* Where the walk is: the block (P) and the sentence in it (S). */
struct spans {
	xmlNsPtr	 ns;	/* XHTML's, for the new elements */
	int		 para, sentence;
};

/* Elements whose text is a block of its own: each starts a new P. */
static const char *const blocks[] = {
	"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "pre",
	"dt", "dd", "figcaption", "caption", "blockquote", "div", "aside"
};

static int
is_block(const xmlNode *n)
{
	size_t	 i;

	for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
		if (xmlStrcmp(n->name, (const xmlChar *)blocks[i]) == 0)
			return 1;
	return 0;
}

static int
is_named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    xmlStrcmp(n->name, (const xmlChar *)name) == 0;
}

/* A new span of the next sentence, not yet in the tree. */
static xmlNodePtr
kobo_span(struct spans *s)
{
	xmlNodePtr	 span;
	char		 id[48];

	span = xmlNewNode(s->ns, (const xmlChar *)"span");
	snprintf(id, sizeof(id), "kobo.%d.%d", s->para, ++s->sentence);
	xmlNewProp(span, (const xmlChar *)"class", (const xmlChar *)"koboSpan");
	xmlNewProp(span, (const xmlChar *)"id", (const xmlChar *)id);
	return span;
}

/* Punctuation that ends a sentence; the Han ones need no space after. */
static int
ends_sentence(uint32_t cp, int *needs_space)
{
	if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026) {
		*needs_space = 1;
		return 1;
	}
	if (cp == 0x3002 || cp == 0xff01 || cp == 0xff1f) {
		*needs_space = 0;
		return 1;
	}
	return 0;
}

/* Closing quotes and brackets that stay with the sentence they end. */
static int
is_closer(uint32_t cp)
{
	return cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
	    cp == 0x2019 || cp == 0x201d || cp == 0x300d || cp == 0x300f ||
	    cp == 0xff09;
}

/*
 * The length of the first sentence of s (len bytes): up to its end
 * punctuation, closing quotes, and the white space after them, which
 * stays with it as kepubify keeps it.
 */
static size_t
sentence_len(const char *s, size_t len)
{
	size_t		 i = 0, k;
	uint32_t	 cp;
	int		 space;

	while (i < len) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			k = 1;
		i += k;
		if (k == 1 && cp > 0x7f)
			continue;
		if (!ends_sentence(cp, &space))
			continue;
		while (i < len && (k = utf8_decode(s + i, len - i, &cp)) &&
		    (is_closer(cp) || ends_sentence(cp, &space)))
			i += k;
		if (i == len)
			return len;
		if (!space || s[i] == ' ' || s[i] == '\n' || s[i] == '\t') {
			i += strspn(s + i, " \n\t");
			return i < len ? i : len;
		}
	}
	return len;
}

/* Replace the text node t by a span for each of its sentences. */
static void
split_text(struct spans *s, xmlNodePtr t)
{
	const char	*text = (const char *)t->content;
	size_t		 len = strlen(text), n;
	xmlNodePtr	 span;

	if (strspn(text, " \n\t\r") == len)
		return;		/* the layout between elements */
	while (len > 0) {
		n = sentence_len(text, len);
		span = kobo_span(s);
		xmlNodeAddContentLen(span, (const xmlChar *)text, (int)n);
		xmlAddPrevSibling(t, span);
		text += n;
		len -= n;
	}
	xmlUnlinkNode(t);
	xmlFreeNode(t);
}

/* Span the text and pictures at and below n. */
static void
walk(struct spans *s, xmlNodePtr n)
{
	xmlNodePtr	 c, next, span;

	for (c = n->children; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_TEXT_NODE) {
			split_text(s, c);
		} else if (is_named(c, "img")) {
			span = kobo_span(s);
			xmlReplaceNode(c, span);
			xmlAddChild(span, c);
		} else if (c->type == XML_ELEMENT_NODE) {
			if (is_block(c)) {
				s->para++;
				s->sentence = 0;
			}
			walk(s, c);
		}
	}
}

/* Move the body's children into div#book-columns > div#book-inner. */
static void
wrap_body(struct spans *s, xmlNodePtr body)
{
	xmlNodePtr	 outer, inner, c, next;

	outer = xmlNewNode(s->ns, (const xmlChar *)"div");
	xmlNewProp(outer, (const xmlChar *)"id", (const xmlChar *)"book-columns");
	inner = xmlNewChild(outer, s->ns, (const xmlChar *)"div", NULL);
	xmlNewProp(inner, (const xmlChar *)"id", (const xmlChar *)"book-inner");
	for (c = body->children; c != NULL; c = next) {
		next = c->next;
		xmlUnlinkNode(c);
		xmlAddChild(inner, c);
	}
	xmlAddChild(body, outer);
}

/* The first child element of n named name, or NULL. */
static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	for (n = n != NULL ? n->children : NULL; n != NULL; n = n->next)
		if (is_named(n, name))
			return n;
	return NULL;
}

char *
kepub_chapter(const char *xhtml, size_t len, const char *file,
    size_t *outlen)
{
	struct spans	 s = { NULL, 0, 0 };
	xmlDocPtr	 doc;
	xmlNodePtr	 body;
	xmlChar		*mem = NULL;
	char		*out = NULL;
	int		 n = 0;

	doc = xmlReadMemory(xhtml, (int)len, NULL, "UTF-8", XML_PARSE_NONET);
	body = doc != NULL ? child(xmlDocGetRootElement(doc), "body") : NULL;
	if (body == NULL) {
		diag_file(file, D_SYS_LIB, "libxml2",
		    "the content document does not parse");
		xmlFreeDoc(doc);
		return NULL;
	}
	s.ns = body->ns;
	walk(&s, body);
	wrap_body(&s, body);
	xmlDocDumpMemoryEnc(doc, &mem, &n, "UTF-8");
	xmlFreeDoc(doc);
	if (mem == NULL || n <= 0) {
		diag_file(file, D_SYS_LIB, "libxml2", "cannot write XML");
		xmlFree(mem);
		return NULL;
	}
	out = xstrndup((const char *)mem, (size_t)n);
	*outlen = (size_t)n;
	xmlFree(mem);
	return out;
}
