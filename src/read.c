/* The reader: front matter and Markdown (cmark-gfm) into our tree. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <libxml/HTMLparser.h>

#include "diag.h"
#include "lectern.h"
#include "read.h"
#include "tree.h"
#include "util.h"

/*
 * Deeper nesting than this is flattened: no lecture needs it, and
 * every writer walks the tree recursively.
 */
#define MAX_DEPTH 48

/* What the conversion from cmark-gfm's tree carries along. */
struct reader {
	struct doc	*doc;
	int		 body_line;	/* file line of the body's line 1 */
	int		 too_deep;	/* reported once */
	int		 ndefs;		/* footnote definitions so far */
	int		 depth_base;	/* nesting where the HTML being read
					   stands */
};

/*
 * cmark-gfm's extension node types are numbers assigned at run time,
 * so they are told apart here, once, by their names.
 */
static const struct {
	const char	*name;
	enum nkind	 kind;
} cmark_kinds[] = {
	{ "document", N_ROOT },
	{ "block_quote", N_QUOTE },
	{ "list", N_LIST },
	{ "item", N_ITEM },
	{ "tasklist", N_ITEM },
	{ "code_block", N_CODEBLOCK },
	{ "html_block", N_HTML },
	{ "paragraph", N_PARA },
	{ "heading", N_HEADING },
	{ "thematic_break", N_RULE },
	{ "footnote_definition", N_FNDEF },
	{ "table", N_TABLE },
	{ "table_header", N_TROW },
	{ "table_row", N_TROW },
	{ "table_cell", N_TCELL },
	{ "text", N_TEXT },
	{ "softbreak", N_SOFTBREAK },
	{ "linebreak", N_LINEBREAK },
	{ "code", N_CODE },
	{ "html_inline", N_INLINE_HTML },
	{ "emph", N_EMPH },
	{ "strong", N_STRONG },
	{ "strikethrough", N_STRIKE },
	{ "link", N_LINK },
	{ "image", N_IMAGE },
	{ "footnote_reference", N_FNREF },
};

/*
 * A task list's item ("- [x] done", "- [ ] to do") starts with its box,
 * checked or not, as text that both books show alike, held to the
 * first word by a no-break space.
 */
static void
task_box(struct reader *r, cmark_node *cn, struct node *item)
{
	struct node	*para = item->first, *box;

	if (para == NULL || para->kind != N_PARA) {
		para = tree_node(r->doc, N_PARA, item->pos);
		if (item->first != NULL)
			tree_insert_before(item->first, para);
		else
			tree_append(item, para);
	}
	box = tree_node(r->doc, N_TEXT, para->pos);
	box->text = tree_strdup(r->doc,
	    cmark_gfm_extensions_get_tasklist_item_checked(cn) ?
	    "\u2611\u00a0" : "\u2610\u00a0");
	if (para->first != NULL)
		tree_insert_before(para->first, box);
	else
		tree_append(para, box);
}

static int
kind_of(cmark_node *cn, enum nkind *kind)
{
	const char *name = cmark_node_get_type_string(cn);
	size_t i;

	/* Footnotes have no type string ("<unknown>"), but fixed numbers. */
	switch (cmark_node_get_type(cn)) {
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		*kind = N_FNREF;
		return 1;
	case CMARK_NODE_FOOTNOTE_DEFINITION:
		*kind = N_FNDEF;
		return 1;
	default:
		break;
	}

	for (i = 0; i < sizeof(cmark_kinds) / sizeof(cmark_kinds[0]); i++)
		if (strcmp(name, cmark_kinds[i].name) == 0) {
			*kind = cmark_kinds[i].kind;
			return 1;
		}
	return 0;
}

static struct pos
cmark_pos(struct reader *r, cmark_node *cn, const struct node *parent)
{
	struct pos p;
	int line = cmark_node_get_start_line(cn);

	p.file = r->doc->path;
	if (line <= 0 && parent != NULL)
		return parent->pos;
	p.line = line > 0 ? line + r->body_line - 1 : r->body_line;
	p.col = cmark_node_get_start_column(cn);
	if (p.col <= 0)
		p.col = 1;
	return p;
}

/*
 * Typographic touches cmark-gfm's smart punctuation leaves out: a
 * hyphen with a space on each side is a dash, set as an en dash.
 * Returns s, or a rewritten copy in the arena.
 */
static const char *
spaced_dashes(struct doc *d, const char *s)
{
	struct buf b = { NULL, 0, 0 };
	const char *p, *out;

	if (strstr(s, " - ") == NULL)
		return s;
	for (p = s; *p; p++) {
		if (*p == '-' && p > s && p[-1] == ' ' && p[1] == ' ')
			buf_puts(&b, "\xE2\x80\x93");
		else
			buf_putc(&b, *p);
	}
	out = tree_strdup(d, b.p != NULL ? b.p : "");
	buf_free(&b);
	return out;
}

/* a followed by n bytes of b, in the arena. */
static const char *
join(struct doc *d, const char *a, const char *b, size_t n)
{
	size_t alen = strlen(a);
	char *s = arena_alloc(d->arena, alen + n + 1);

	memcpy(s, a, alen);
	memcpy(s + alen, b, n);
	return s;
}

/*
 * Append text to parent, splitting it into runs: Han (and kana) runs,
 * and words in a script with a likely language of its own (Greek,
 * Arabic, Cyrillic...), go inside an N_LANG node, so that check.c can
 * decide their language and every writer set it.  One letter of such
 * a script alone (π, α, Ω) is a symbol, not a word: plain text.  Text
 * next to an earlier text node is merged into it.
 */
static void
add_text(struct reader *r, struct node *parent, const char *s, struct pos p)
{
	struct doc *d = r->doc;
	size_t len = strlen(s), i = 0, start;
	struct node *t, *span, *into;
	int cls, kana, letters;

	while (i < len) {
		start = i;
		i = script_run_end(s, i, len, &cls, &kana, &letters);
		into = parent;
		if (script_run_tagged(cls, letters)) {
			span = tree_node(d, N_LANG, p);
			span->u.lang.script = cls;
			/* The language is check.c's to decide, but kana's. */
			span->u.lang.tag = kana ? "ja" : NULL;
			tree_append(parent, span);
			into = span;
		} else if (parent->last && parent->last->kind == N_TEXT) {
			parent->last->text = join(d, parent->last->text,
			    s + start, i - start);
			continue;
		}
		t = tree_node(d, N_TEXT, p);
		t->text = tree_strndup(d, s + start, i - start);
		tree_append(into, t);
	}
}

/*
 * Noncharacters (U+FDD0..U+FDEF and the last two code points of every
 * plane) are valid UTF-8 kept for a program's own use: no text should
 * carry them, and cairo refuses them, so the PDF could not be written.
 */
static int
is_noncharacter(uint32_t cp)
{
	return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

/*
 * C0 and C1 control characters (and DEL) are no text: no font draws
 * them, and an e-reader shows them or not as it likes.  Tab, line
 * feed and carriage return are the source's own layout, and stay.
 */
static int
is_control(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
	    (cp >= 0x7F && cp <= 0x9F);
}

/* Has s, len bytes, no character no_noncharacters() would change? */
static int
clean_already(const char *s, size_t len)
{
	size_t n, i;
	uint32_t cp;

	for (i = 0; i < len; i += n)
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0 ||
		    is_control(cp) || is_noncharacter(cp))
			return 0;
	return 1;
}

/*
 * s with each noncharacter replaced by U+FFFD, reported once at p.
 * clean_utf8() has replaced those written as bytes; these come from
 * cmark-gfm's entities (&#xFFFF;) and YAML's escapes ("\uFDD0").
 * Returns s itself when there is none, else a copy in the arena.
 */
static const char *
no_noncharacters(struct doc *d, const char *s, const struct pos *p)
{
	struct buf b = { NULL, 0, 0 };
	size_t len, i, n;
	uint32_t cp, first = 0;
	const char *out;
	int controls = 0;

	if (s == NULL)
		return NULL;
	len = strlen(s);
	if (clean_already(s, len))
		return s;
	for (i = 0; i < len; i += n) {
		/*
		 * clean_utf8() let no invalid byte through, but cmark-gfm's
		 * utf8proc writes U+FFFE and U+FFFF as the lone bytes FE
		 * and FF.
		 */
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0)
			n = 1, cp = (unsigned char)s[i] == 0xFE ? 0xFFFE :
			    0xFFFF;
		/* An entity (&#1;) or a YAML escape ("\x1b") made it. */
		if (is_control(cp)) {
			if (!d->ncontrols++)
				diag(p, D_CONTROL_CHAR, (unsigned)cp);
			controls++;
			continue;
		}
		if (!is_noncharacter(cp)) {
			buf_put(&b, s + i, n);
			continue;
		}
		if (first == 0)
			first = cp;
		buf_puts(&b, "\xEF\xBF\xBD");
	}
	if (first == 0 && controls == 0) {
		buf_free(&b);
		return s;
	}
	if (first != 0)
		diag(p, D_NONCHARACTER, (unsigned)first);
	out = tree_strdup(d, b.p);
	buf_free(&b);
	return out;
}

/*
 * A string of cmark-gfm's (maybe NULL) for node n, in the arena and
 * without noncharacters; NULL becomes "".
 */
static const char *
copy(struct doc *d, const struct node *n, const char *s)
{
	return tree_strdup(d, s != NULL ? no_noncharacters(d, s, &n->pos) :
	    "");
}

/* The attributes each kind takes from cmark-gfm. */
static void
copy_attrs(struct reader *r, cmark_node *cn, struct node *n)
{
	struct doc *d = r->doc;
	uint8_t *al;
	enum align *align;
	int i;

	switch (n->kind) {
	case N_HEADING:
		n->u.head.level = cmark_node_get_heading_level(cn);
		break;
	case N_LIST:
		n->u.list.ordered = cmark_node_get_list_type(cn) ==
		    CMARK_ORDERED_LIST;
		n->u.list.start = cmark_node_get_list_start(cn);
		if (cmark_node_get_list_tight(cn))
			n->flags |= NF_TIGHT;
		break;
	case N_CODEBLOCK:
		n->u.code.info = copy(d, n, cmark_node_get_fence_info(cn));
		/* FALLTHROUGH */
	case N_HTML:
	case N_CODE:
	case N_INLINE_HTML:
		n->text = copy(d, n, cmark_node_get_literal(cn));
		break;
	case N_TABLE:
		n->u.table.ncols = cmark_gfm_extensions_get_table_columns(cn);
		al = cmark_gfm_extensions_get_table_alignments(cn);
		align = arena_alloc(d->arena, sizeof(*align) *
		    (size_t)(n->u.table.ncols + 1));
		for (i = 0; i < n->u.table.ncols; i++)
			align[i] = al == NULL ? AL_NONE : al[i] == 'l' ?
			    AL_LEFT : al[i] == 'c' ? AL_CENTER : al[i] == 'r' ?
			    AL_RIGHT : AL_NONE;
		n->u.table.align = align;
		break;
	case N_TROW:
		if (cmark_gfm_extensions_get_table_row_is_header(cn))
			n->flags |= NF_HEADER;
		break;
	case N_IMAGE:
		n->u.img.src = copy(d, n, cmark_node_get_url(cn));
		n->u.img.title = copy(d, n, cmark_node_get_title(cn));
		break;
	case N_LINK:
		n->u.link.href = copy(d, n, cmark_node_get_url(cn));
		n->u.link.title = copy(d, n, cmark_node_get_title(cn));
		break;
	case N_FNREF:
		/*
		 * cmark-gfm numbers notes by first reference, gives the
		 * number as the reference's literal, drops unused notes and
		 * puts the definitions last, in that order; the author's
		 * labels are not public, so the numbers stand for them.
		 */
		n->u.note.label = copy(d, n, cmark_node_get_literal(cn));
		break;
	case N_FNDEF:
	{
		char num[16];
		snprintf(num, sizeof(num), "%d", ++r->ndefs);
		n->u.note.label = tree_strdup(d, num);
		break;
	}
	default:
		break;
	}
}

static void convert_children(struct reader *, cmark_node *, struct node *,
    int);
static void convert(struct reader *, cmark_node *, struct node *, int);

/* --- inline HTML, parsed by libxml2 against an allowlist -------------- */

/*
 * The HTML elements a lecture may use, and the node each becomes.
 * Anything else loses its tag and keeps its text; html_dropped[] lose
 * their content too.  div is kept only for its lang and dir (its
 * block becomes a paragraph, the div a span inside it).
 */
static const struct {
	const char	*name;
	enum nkind	 kind;	/* N_SPAN, N_EMPH, N_STRONG, N_STRIKE or
				   N_LINEBREAK */
	enum span_el	 el;	/* for N_SPAN */
} html_allowed[] = {
	{ "span", N_SPAN, SP_SPAN }, { "div", N_SPAN, SP_SPAN },
	{ "bdi", N_SPAN, SP_BDI }, { "bdo", N_SPAN, SP_BDO },
	{ "sup", N_SPAN, SP_SUP }, { "sub", N_SPAN, SP_SUB },
	{ "abbr", N_SPAN, SP_ABBR }, { "small", N_SPAN, SP_SMALL },
	{ "mark", N_SPAN, SP_MARK }, { "kbd", N_SPAN, SP_KBD },
	{ "samp", N_SPAN, SP_SAMP }, { "var", N_SPAN, SP_VAR },
	{ "code", N_SPAN, SP_CODE }, { "q", N_SPAN, SP_Q },
	{ "cite", N_SPAN, SP_CITE }, { "dfn", N_SPAN, SP_DFN },
	{ "ins", N_SPAN, SP_INS }, { "s", N_SPAN, SP_S },
	{ "u", N_SPAN, SP_U }, { "ruby", N_SPAN, SP_RUBY },
	{ "rt", N_SPAN, SP_RT }, { "rp", N_SPAN, SP_RP },
	{ "em", N_EMPH, SP_SPAN }, { "i", N_EMPH, SP_SPAN },
	{ "strong", N_STRONG, SP_SPAN }, { "b", N_STRONG, SP_SPAN },
	{ "del", N_STRIKE, SP_SPAN }, { "strike", N_STRIKE, SP_SPAN },
	{ "br", N_LINEBREAK, SP_SPAN },
};

/* Elements that hold code, styles or other documents: never shown. */
static const char *const html_dropped[] = {
	"script", "style", "iframe", "object", "embed", "applet", "template",
	"noscript", "textarea", "title", "head", "svg", "math", "canvas",
	"audio", "video", "select", "frameset", "noembed", "noframes",
	"xmp", "plaintext",
};

/*
 * The placeholder standing for the cmark-gfm node number k among the
 * inline HTML, a comment so that libxml2 keeps it where it stands.
 */
#define HTML_SLOT	"lectern-slot "

/*
 * An HTML block is read inside this div, so that libxml2 puts its text
 * in no paragraph of its own making (a <p> the author never wrote).
 */
#define HTML_WRAP	"data-lectern-block"

/* One run of libxml2 over inline HTML fragments or an HTML block. */
struct html_in {
	struct reader	*r;
	int		 depth;
	/* inline: the paragraph's cmark-gfm children, by number */
	cmark_node	**slots;
	char		 *used;
	size_t		  nslots;
	int		 *line_of;	/* each child's first line in the string */
	struct pos	 *pos_of;	/* and where it is in the source */
	/* block (slots == NULL): text is content; where its line 1 is */
	struct pos	  block;
};

/* Where element x starts in the source, from the line libxml2 saw. */
static struct pos
html_pos(const struct html_in *h, const xmlNode *x)
{
	struct pos p = h->block;
	int line = x->line > 0 ? x->line : 1;
	size_t k;

	if (h->slots == NULL) {
		if (line > 1) {
			p.line += line - 1;
			p.col = 1;
		}
		return p;
	}
	for (k = h->nslots; k > 0; k--)
		if (h->line_of[k - 1] <= line)
			return h->pos_of[k - 1];
	return h->pos_of[0];
}

/* into, or its nearest ancestor, that may hold a node of kind k. */
static struct node *
html_fit(struct node *into, enum nkind k)
{
	while (into != NULL && !tree_can_contain(into->kind, k))
		into = into->parent;
	return into;
}

static void html_walk(struct html_in *, xmlNode *, struct node *);

/* n's attributes: lang, dir (and title on abbr) kept, others reported. */
static void
html_attrs(struct html_in *h, const xmlNode *x, struct node *n,
    const struct pos *p)
{
	struct doc *d = h->r->doc;
	const xmlAttr *a;
	const char *an, *v;
	xmlChar *val;

	for (a = x->properties; a != NULL; a = a->next) {
		val = xmlNodeGetContent((const xmlNode *)a);
		an = (const char *)a->name;
		v = val != NULL ? (const char *)val : "";
		if (n->kind != N_SPAN)
			diag(p, D_HTML_ATTR, an, v, (const char *)x->name);
		else if ((strcmp(an, "lang") == 0 ||
		    strcmp(an, "xml:lang") == 0) && meta_valid_lang(v))
			n->u.span.lang = tree_strdup(d, v);
		else if (strcmp(an, "dir") == 0 && (strcmp(v, "ltr") == 0 ||
		    strcmp(v, "rtl") == 0 || strcmp(v, "auto") == 0))
			n->u.span.dir = tree_strdup(d, v);
		else if (strcmp(an, "title") == 0 &&
		    n->u.span.el == SP_ABBR)
			n->u.span.title = copy(d, n, v);
		else
			diag(p, D_HTML_ATTR, an, v, (const char *)x->name);
		xmlFree(val);
	}
}

static void
html_element(struct html_in *h, xmlNode *x, struct node *into)
{
	const char *name = (const char *)x->name;
	struct pos p = html_pos(h, x);
	struct node *n, *to;
	size_t i;

	/* libxml2's own frame, and the one an HTML block is read in. */
	if (strcmp(name, "html") == 0 || strcmp(name, "body") == 0 ||
	    xmlHasProp(x, (const xmlChar *)HTML_WRAP) != NULL) {
		html_walk(h, x->children, into);
		return;
	}
	for (i = 0; i < sizeof(html_dropped) / sizeof(html_dropped[0]); i++)
		if (strcmp(name, html_dropped[i]) == 0) {
			diag(&p, D_HTML_CONTENT, name);
			return;
		}
	for (i = 0; i < sizeof(html_allowed) / sizeof(html_allowed[0]); i++)
		if (strcmp(name, html_allowed[i].name) == 0)
			break;
	/* Past the depth limit, elements vanish and their content moves up. */
	if (i == sizeof(html_allowed) / sizeof(html_allowed[0]) ||
	    h->r->depth_base + h->depth > MAX_DEPTH) {
		if (i == sizeof(html_allowed) / sizeof(html_allowed[0]))
			diag(&p, D_HTML_TAG, name);
		html_walk(h, x->children, into);
		return;
	}
	n = tree_node(h->r->doc, html_allowed[i].kind, p);
	n->u.span.el = html_allowed[i].el;
	html_attrs(h, x, n, &p);
	if ((to = html_fit(into, n->kind)) == NULL) {
		html_walk(h, x->children, into);
		return;
	}
	tree_append(to, n);
	h->depth++;
	html_walk(h, x->children, n);
	h->depth--;
}

/* A placeholder comment: its cmark-gfm node, converted where it stands. */
static void
html_slot(struct html_in *h, const xmlNode *x, struct node *into)
{
	const char *s = (const char *)x->content;
	enum nkind kind;
	struct node *to;
	char *end;
	unsigned long k;

	/* Any other comment, the author's, vanishes. */
	if (h->slots == NULL || s == NULL ||
	    strncmp(s, HTML_SLOT, strlen(HTML_SLOT)) != 0)
		return;
	k = strtoul(s + strlen(HTML_SLOT), &end, 10);
	if (*end != '\0' || k >= h->nslots || h->used[k] ||
	    h->slots[k] == NULL || !kind_of(h->slots[k], &kind))
		return;
	h->used[k] = 1;
	/* An unclosed span runs to the paragraph's end; a note leaves it. */
	if ((to = html_fit(into, kind)) != NULL)
		convert(h->r, h->slots[k], to, h->r->depth_base + h->depth);
}

/* Text of an HTML block (entities already decoded by libxml2). */
static void
html_text(struct html_in *h, const xmlNode *x, struct node *into)
{
	struct doc *d = h->r->doc;
	const char *s = (const char *)x->content;
	struct pos p = html_pos(h, x);

	if (h->slots != NULL || s == NULL || *s == '\0')
		return;	/* inline: the words are in the slots */
	/* A block's leading line ends and indents are no words. */
	if (into->first == NULL && into->kind == N_PARA &&
	    s[strspn(s, " \t\r\n")] == '\0')
		return;
	add_text(h->r, into, no_noncharacters(d, spaced_dashes(d, s), &p),
	    p);
}

static void
html_walk(struct html_in *h, xmlNode *x, struct node *into)
{
	for (; x != NULL; x = x->next) {
		switch (x->type) {
		case XML_ELEMENT_NODE:
			html_element(h, x, into);
			break;
		case XML_COMMENT_NODE:
			html_slot(h, x, into);
			break;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			html_text(h, x, into);
			break;
		default:	/* processing instructions, doctypes */
			break;
		}
	}
}

/*
 * libxml2's HTML parser over s, with line numbers; NULL if empty.  Its
 * implied html and body are walked through (html_element); without
 * them it loses what follows a <script> in a paragraph.
 */
static htmlDocPtr
html_parse(const char *s, size_t len)
{
	htmlParserCtxtPtr ctx;
	htmlDocPtr doc;

	if ((ctx = htmlNewParserCtxt()) == NULL)
		return NULL;
	ctx->linenumbers = 1;
	doc = htmlCtxtReadMemory(ctx, s, (int)len, NULL, "UTF-8",
	    HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	htmlFreeParserCtxt(ctx);
	return doc;
}

/* Does cn hold inline HTML among its children? */
static int
has_inline_html(cmark_node *cn)
{
	cmark_node *c;

	for (c = cmark_node_first_child(cn); c != NULL; c = cmark_node_next(c))
		if (cmark_node_get_type(c) == CMARK_NODE_HTML_INLINE)
			return 1;
	return 0;
}

/*
 * The children of cn, some of them inline HTML: the HTML fragments
 * and a placeholder for each other child go to libxml2 as one string,
 * one child a line, and its tree decides what nests in what.
 */
/* Not inlined: convert() recurses once per nesting level of the
 * Markdown (10,000 in tests/pathological), so its frame stays small. */
static __attribute__((noinline)) void
convert_html_inlines(struct reader *r, cmark_node *cn, struct node *parent,
    int depth)
{
	struct html_in h;
	struct buf b = { NULL, 0, 0 };
	cmark_node *c;
	const char *lit;
	htmlDocPtr doc;
	size_t n = 0, k;
	int line = 1;

	for (c = cmark_node_first_child(cn); c != NULL; c = cmark_node_next(c))
		n++;
	memset(&h, 0, sizeof(h));
	h.r = r;
	h.nslots = n;
	h.slots = xcalloc(n, sizeof(*h.slots));
	h.used = xcalloc(n, 1);
	h.line_of = xcalloc(n, sizeof(*h.line_of));
	h.pos_of = xcalloc(n, sizeof(*h.pos_of));
	for (k = 0, c = cmark_node_first_child(cn); c != NULL;
	    c = cmark_node_next(c), k++) {
		h.line_of[k] = line;
		h.pos_of[k] = cmark_pos(r, c, parent);
		if (cmark_node_get_type(c) == CMARK_NODE_HTML_INLINE) {
			lit = cmark_node_get_literal(c);
			buf_puts(&b, lit != NULL ? lit : "");
			for (; lit != NULL && *lit; lit++)
				line += *lit == '\n';
		} else {
			buf_printf(&b, "<!--" HTML_SLOT "%zu-->", k);
			h.slots[k] = c;
		}
		buf_putc(&b, '\n');
		line++;
	}
	r->depth_base = depth;
	if ((doc = html_parse(b.p, b.len)) != NULL) {
		html_walk(&h, doc->children, parent);
		xmlFreeDoc(doc);
	}
	buf_free(&b);
	free(h.slots);
	free(h.used);
	free(h.line_of);
	free(h.pos_of);
}

/*
 * An HTML block: its allowed elements and its text become a paragraph
 * (nothing when it holds no words, a comment say).
 */
static __attribute__((noinline)) void
convert_html_block(struct reader *r, cmark_node *cn, struct node *parent,
    struct pos p, int depth)
{
	struct html_in h;
	const char *lit = cmark_node_get_literal(cn);
	struct node *para, *t;
	htmlDocPtr doc;
	char *wrapped;
	size_t len;

	if (lit == NULL)
		return;
	wrapped = xasprintf("<div " HTML_WRAP ">%s</div>", lit);
	doc = html_parse(wrapped, strlen(wrapped));
	free(wrapped);
	if (doc == NULL)
		return;
	memset(&h, 0, sizeof(h));
	h.r = r;
	h.block = p;
	r->depth_base = depth;
	para = tree_node(r->doc, N_PARA, p);
	html_walk(&h, doc->children, para);
	xmlFreeDoc(doc);
	/* Its last line end is no word either. */
	if ((t = para->last) != NULL && t->kind == N_TEXT) {
		for (len = strlen(t->text); len > 0 &&
		    strchr(" \t\r\n", t->text[len - 1]) != NULL; len--)
			continue;
		if (len == 0)
			tree_unlink(t);
		else
			t->text = tree_strndup(r->doc, t->text, len);
	}
	if (para->first != NULL && tree_can_contain(parent->kind, N_PARA))
		tree_append(parent, para);
}

/* Convert cn and its subtree, appending it to parent. */
static void
convert(struct reader *r, cmark_node *cn, struct node *parent, int depth)
{
	struct doc *d = r->doc;
	struct pos p = cmark_pos(r, cn, parent);
	enum nkind kind;
	struct node *n;

	if (!kind_of(cn, &kind))
		return;
	if (kind == N_TEXT) {
		add_text(r, parent, no_noncharacters(d, spaced_dashes(d,
		    cmark_node_get_literal(cn)), &p), p);
		return;
	}
	if (kind == N_HTML) {
		convert_html_block(r, cn, parent, p, depth);
		return;
	}
	if (kind == N_INLINE_HTML)	/* outside a paragraph: cannot be */
		return;
	/* Past the limit, containers vanish and their content moves up. */
	if (depth > MAX_DEPTH && (kind == N_QUOTE || kind == N_LIST ||
	    kind == N_ITEM || kind == N_EMPH || kind == N_STRONG ||
	    kind == N_STRIKE || kind == N_LINK)) {
		if (!r->too_deep++)
			diag(&p, D_TOO_DEEP, MAX_DEPTH);
		convert_children(r, cn, parent, depth);
		return;
	}
	n = tree_node(d, kind, p);
	copy_attrs(r, cn, n);
	if (!tree_can_contain(parent->kind, kind))
		return;	/* cannot happen with cmark-gfm's own nesting */
	tree_append(parent, n);
	if (kind == N_IMAGE) {
		/* The alt text is the image's content as plain text. */
		struct node tmp = { .kind = N_PARA };
		convert_children(r, cn, &tmp, depth + 1);
		n->u.img.alt = tree_plain_text(d, &tmp);
		return;
	}
	if (n->text == NULL)
		convert_children(r, cn, n, depth + 1);
	if (kind == N_ITEM && strcmp(cmark_node_get_type_string(cn),
	    "tasklist") == 0)
		task_box(r, cn, n);
}

static void
convert_children(struct reader *r, cmark_node *cn, struct node *parent,
    int depth)
{
	cmark_node *c;

	if (has_inline_html(cn)) {
		convert_html_inlines(r, cn, parent, depth);
		return;
	}
	for (c = cmark_node_first_child(cn); c != NULL; c = cmark_node_next(c))
		convert(r, c, parent, depth);
}

/* Mark paragraphs in tight lists, so writers need not look up. */
static void
mark_tight(struct node *n)
{
	struct node *c, *item;

	for (c = n->first; c != NULL; c = c->next) {
		if (c->kind == N_LIST && (c->flags & NF_TIGHT))
			for (item = c->first; item; item = item->next) {
				struct node *b;
				for (b = item->first; b; b = b->next)
					if (b->kind == N_PARA)
						b->flags |= NF_TIGHT;
			}
		if (!tree_is_inline(c->kind))
			mark_tight(c);
	}
}

static cmark_parser *
make_parser(void)
{
	static const char *const exts[] = { "table", "strikethrough",
	    "autolink", "tasklist" };
	cmark_syntax_extension *e;
	cmark_parser *p;
	size_t i;

	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new(CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES |
	    CMARK_OPT_SOURCEPOS);
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if ((e = cmark_find_syntax_extension(exts[i])) != NULL)
			cmark_parser_attach_syntax_extension(p, e);
	return p;
}

/*
 * Parse Markdown and append its blocks to the root.  Each top-level
 * block is freed once converted, so the tree grows as cmark's shrinks:
 * the two whole at once were the reader's peak (a 30 MB lecture).
 */
static void
parse_blocks(struct reader *r, const char *body, size_t len)
{
	cmark_parser *p = make_parser();
	cmark_node *doc, *c;

	cmark_parser_feed(p, body, len);
	doc = cmark_parser_finish(p);
	if (has_inline_html(doc))
		convert_children(r, doc, r->doc->root, 1);
	else
		while ((c = cmark_node_first_child(doc)) != NULL) {
			convert(r, c, r->doc->root, 1);
			cmark_node_free(c);
		}
	cmark_node_free(doc);
	cmark_parser_free(p);
}

static void
parse_body(struct reader *r, const char *body, size_t len)
{
	parse_blocks(r, body, len);
	mark_tight(r->doc->root);
}

/* Give n and the nodes below it column col on line `line`, 1 elsewhere. */
static void
set_columns(struct node *n, int line, int col)
{
	struct node *c;

	n->pos.col = n->pos.line == line ? col : 1;
	for (c = n->first; c != NULL; c = c->next)
		set_columns(c, line, col);
}

/*
 * import.c decided the block; cmark-gfm still sets its words, so that
 * quotes, dashes and escapes come out as they would from the .md file
 * the importer writes.  Columns count in the page, not the Markdown.
 */
void
read_markdown_block(struct doc *d, const char *md, size_t len, int line,
    int col)
{
	struct reader r = { d, line, 0, 0, 0 };
	struct node *last = d->root->last, *n;

	/* A page's blocks are paragraphs and headings: nothing is tight. */
	parse_blocks(&r, md, len);
	for (n = last ? last->next : d->root->first; n != NULL; n = n->next)
		set_columns(n, line, col);
}

/* Is the line at s (up to its newline) exactly `mark`, bar trailing space? */
static int
is_fence(const char *s, const char *end, const char *mark)
{
	size_t n = strlen(mark);

	if ((size_t)(end - s) < n || strncmp(s, mark, n) != 0)
		return 0;
	for (s += n; s < end && *s != '\n'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r')
			return 0;
	return 1;
}

/*
 * Split off the front matter.  Returns where the body starts and sets
 * *body_line; the YAML goes to meta_parse().  NULL when there is no
 * usable front matter (reported): then the whole file is the body.
 */
static const char *
split_front(struct doc *d, const char *s, const char *end, int *body_line)
{
	const char *line, *nl, *yaml;
	int lineno = 2, rc;

	*body_line = 1;
	if (!is_fence(s, end, "---")) {
		diag(&d->meta.pos, D_NO_FRONT_MATTER);
		return NULL;
	}
	nl = memchr(s, '\n', (size_t)(end - s));
	yaml = line = nl ? nl + 1 : end;
	while (line < end) {
		if (is_fence(line, end, "---") || is_fence(line, end, "...")) {
			rc = meta_parse(d, yaml, (size_t)(line - yaml), 2);
			nl = memchr(line, '\n', (size_t)(end - line));
			*body_line = lineno + 1;
			return rc == -1 ? NULL : nl ? nl + 1 : end;
		}
		nl = memchr(line, '\n', (size_t)(end - line));
		line = nl ? nl + 1 : end;
		lineno++;
	}
	diag(&d->meta.pos, D_FRONT_UNCLOSED);
	return NULL;
}

/* Report bad bytes, so the tree is still usable (read.h). */
char *
read_clean_utf8(struct doc *d, const char *s, size_t len, size_t *outlen)
{
	struct buf b = { NULL, 0, 0 };
	struct pos p = { d->path, 1, 1 };
	size_t i = 0, n, plain = 0;
	uint32_t cp;
	int reported = 0;

	/* What is kept as it is goes out a stretch at a time. */
	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (n != 0 && cp != 0 && !is_control(cp) &&
		    !is_noncharacter(cp)) {
			if (cp == '\n') {
				p.line++;
				p.col = 1;
			} else
				p.col++;
			i += n;
			continue;
		}
		buf_put(&b, s + plain, i - plain);
		if (n != 0 && cp != 0 && is_control(cp)) {
			/* Dropped, and said once a file: where the first
			   one is. */
			if (!d->ncontrols++)
				diag(&p, D_CONTROL_CHAR, (unsigned)cp);
		} else {
			/* One message a line is enough to find them. */
			if (reported != p.line && (n == 0 || cp == 0))
				diag(&p, n == 0 ? D_BAD_UTF8 : D_NUL_BYTE);
			else if (reported != p.line)
				diag(&p, D_NONCHARACTER, (unsigned)cp);
			reported = p.line;
			buf_puts(&b, "\xEF\xBF\xBD");
		}
		i += n != 0 ? n : 1;
		p.col++;
		plain = i;
	}
	buf_put(&b, s + plain, i - plain);
	*outlen = b.len;
	return b.p;
}

/* The front matter's strings without noncharacters (YAML escapes). */
static void
meta_no_noncharacters(struct doc *d)
{
	struct meta *m = &d->meta;
	const char **field[] = { &m->number, &m->title, &m->date, &m->lang,
	    &m->author, &m->course, &m->subject, &m->keywords, &m->cjk_lang,
	    &m->previous.number, &m->previous.title, &m->next.number,
	    &m->next.title };
	size_t i;

	for (i = 0; i < sizeof(field) / sizeof(field[0]); i++)
		*field[i] = no_noncharacters(d, *field[i], &m->pos);
}

struct doc *
read_doc(const char *path)
{
	struct reader r;
	struct doc *d;
	const char *s, *body, *end;
	char *raw, *text;
	size_t rawlen, len;
	int body_line;

	if (file_read(path, &raw, &rawlen) == -1) {
		diag_file(path, D_SYS_READ, strerror(errno));
		return NULL;
	}
	d = doc_new(path);
	text = read_clean_utf8(d, raw, rawlen, &len);
	free(raw);
	s = text;
	end = text + len;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;	/* a byte-order mark is not content */
	d->root = tree_node(d, N_ROOT, d->meta.pos);
	/* Without front matter the whole file is the body. */
	if ((body = split_front(d, s, end, &body_line)) == NULL) {
		body = s;
		body_line = 1;
	}
	else {
		meta_no_noncharacters(d);
		if (d->meta.title == NULL || *d->meta.title == '\0')
			diag(&d->meta.pos, D_NO_TITLE);
	}
	r.doc = d;
	r.body_line = body_line;
	r.too_deep = 0;
	r.ndefs = 0;
	r.depth_base = 0;
	parse_body(&r, body, (size_t)(end - body));
	free(text);
	return d;
}
