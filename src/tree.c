/* The document tree: nodes, containment rules, plain text, the dump. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tree.h"
#include "util.h"

const char *const nkind_names[N__MAX] = {
	"root", "section", "heading", "para", "quote", "list", "item",
	"codeblock", "html", "table", "trow", "tcell", "rule", "notes",
	"fndef", "text", "lang", "span", "emph", "strong", "strike", "code",
	"inline-html", "link", "image", "softbreak", "linebreak", "fnref",
};

const char *const span_el_names[SP__MAX] = {
	"span", "bdi", "bdo", "sup", "sub", "abbr", "small", "mark", "kbd",
	"samp", "var", "code", "q", "cite", "dfn", "ins", "s", "u", "ruby",
	"rt", "rp",
};

struct doc *
doc_new(const char *path)
{
	struct doc *d = xcalloc(1, sizeof(*d));
	const char *slash, *base, *dot;

	d->arena = arena_new();
	d->path = arena_strdup(d->arena, path);
	slash = strrchr(path, '/');
	base = slash ? slash + 1 : path;
	d->dir = slash ? arena_strndup(d->arena, path, (size_t)(slash - path)) :
	    ".";
	if (slash == path)
		d->dir = "/";
	dot = strrchr(base, '.');
	d->stem = arena_strndup(d->arena, base,
	    dot && dot != base ? (size_t)(dot - base) : strlen(base));
	d->meta.lang = "en";
	d->meta.cjk_lang = NULL;	/* check.c decides it from lang */
	d->meta.id_prefix = "";
	d->meta.pos.file = d->path;
	d->meta.pos.line = 1;
	d->meta.pos.col = 1;
	return d;
}

void
doc_free(struct doc *d)
{
	if (d == NULL)
		return;
	arena_free(d->arena);
	free(d);
}

struct node *
tree_node(struct doc *d, enum nkind kind, struct pos pos)
{
	struct node *n = arena_alloc(d->arena, sizeof(*n));

	n->kind = kind;
	n->pos = pos;
	return n;
}

int
tree_is_inline(enum nkind k)
{
	return k >= N_TEXT && k <= N_FNREF;
}

static int
is_block(enum nkind k)
{
	return k >= N_SECTION && k <= N_RULE;
}

int
tree_can_contain(enum nkind parent, enum nkind child)
{
	switch (parent) {
	case N_ROOT:
		/* N_FNDEF only until check.c moves notes into N_NOTES. */
		return is_block(child) || child == N_NOTES || child == N_FNDEF;
	case N_SECTION:
		return is_block(child);
	case N_QUOTE:
	case N_ITEM:
	case N_FNDEF:
		return is_block(child) && child != N_SECTION;
	case N_LIST:
		return child == N_ITEM;
	case N_TABLE:
		return child == N_TROW;
	case N_TROW:
		return child == N_TCELL;
	case N_NOTES:
		return child == N_FNDEF;
	case N_HEADING:
	case N_PARA:
	case N_TCELL:
		return tree_is_inline(child);
	case N_LANG:
	case N_SPAN:
	case N_EMPH:
	case N_STRONG:
	case N_STRIKE:
	case N_LINK:
		return tree_is_inline(child) && child != N_FNREF;
	default:
		return 0;
	}
}

void
tree_append(struct node *parent, struct node *child)
{
	assert(tree_can_contain(parent->kind, child->kind));
	assert(child->parent == NULL);
	child->parent = parent;
	child->prev = parent->last;
	child->next = NULL;
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

void
tree_insert_before(struct node *ref, struct node *n)
{
	struct node *parent = ref->parent;

	assert(parent != NULL && n->parent == NULL);
	assert(tree_can_contain(parent->kind, n->kind));
	n->parent = parent;
	n->next = ref;
	n->prev = ref->prev;
	if (ref->prev)
		ref->prev->next = n;
	else
		parent->first = n;
	ref->prev = n;
}

void
tree_unlink(struct node *n)
{
	struct node *p = n->parent;

	if (p == NULL)
		return;
	if (n->prev)
		n->prev->next = n->next;
	else
		p->first = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else
		p->last = n->prev;
	n->parent = n->prev = n->next = NULL;
}

const char *
tree_strdup(struct doc *d, const char *s)
{
	return arena_strdup(d->arena, s);
}

const char *
tree_strndup(struct doc *d, const char *s, size_t n)
{
	return arena_strndup(d->arena, s, n);
}

static void
plain(const struct node *n, struct buf *b)
{
	const struct node *c;

	switch (n->kind) {
	case N_TEXT:
	case N_CODE:
	case N_INLINE_HTML:
		buf_puts(b, n->text);
		return;
	case N_SOFTBREAK:
	case N_LINEBREAK:
		buf_putc(b, ' ');
		return;
	case N_IMAGE:
		buf_puts(b, n->u.img.alt ? n->u.img.alt : "");
		return;
	case N_FNREF:
		return;
	default:
		break;
	}
	for (c = n->first; c != NULL; c = c->next)
		plain(c, b);
}

const char *
tree_plain_text(struct doc *d, const struct node *n)
{
	struct buf b = { NULL, 0, 0 };
	const char *s;

	plain(n, &b);
	s = arena_strndup(d->arena, b.p ? b.p : "", b.len);
	buf_free(&b);
	return s;
}

/* Print s quoted, with control characters and quotes escaped. */
static void
dump_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", f);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\x%02x", (unsigned char)*s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static const char *const align_names[] = { "none", "left", "center", "right" };
static const char *const link_kind_names[] = {
	"text", "external", "internal", "note"
};

static void
dump_attrs(FILE *f, const struct node *n)
{
	int i;

	switch (n->kind) {
	case N_HEADING:
		fprintf(f, " level=%d id=", n->u.head.level);
		dump_str(f, n->u.head.id ? n->u.head.id : "");
		break;
	case N_LIST:
		fprintf(f, " %s", n->u.list.ordered ? "ordered" : "bullet");
		if (n->u.list.ordered)
			fprintf(f, " start=%d", n->u.list.start);
		break;
	case N_CODEBLOCK:
		if (n->u.code.info && *n->u.code.info) {
			fputs(" info=", f);
			dump_str(f, n->u.code.info);
		}
		break;
	case N_TABLE:
		fprintf(f, " cols=%d align=", n->u.table.ncols);
		for (i = 0; i < n->u.table.ncols; i++)
			fprintf(f, "%s%s", i ? "," : "",
			    align_names[n->u.table.align[i]]);
		break;
	case N_LANG:
		fprintf(f, " lang=%s", n->u.lang.tag);
		break;
	case N_SPAN:
		fprintf(f, " %s", span_el_names[n->u.span.el]);
		if (n->u.span.lang != NULL)
			fprintf(f, " lang=%s", n->u.span.lang);
		if (n->u.span.dir != NULL)
			fprintf(f, " dir=%s", n->u.span.dir);
		if (n->u.span.title != NULL) {
			fputs(" title=", f);
			dump_str(f, n->u.span.title);
		}
		break;
	case N_LINK:
		fputs(" href=", f);
		dump_str(f, n->u.link.href);
		if (n->u.link.title && *n->u.link.title) {
			fputs(" title=", f);
			dump_str(f, n->u.link.title);
		}
		fprintf(f, " to=%s", link_kind_names[n->u.link.kind]);
		if (n->u.link.target != NULL && n->u.link.kind != LK_EXTERNAL) {
			fputc(' ', f);
			dump_str(f, n->u.link.target);
		}
		break;
	case N_IMAGE:
		fputs(" src=", f);
		dump_str(f, n->u.img.src);
		fputs(" alt=", f);
		dump_str(f, n->u.img.alt ? n->u.img.alt : "");
		if (n->u.img.type != NULL)
			fprintf(f, " type=%s size=%dx%d", n->u.img.type,
			    n->u.img.width, n->u.img.height);
		if (n->u.img.caption != NULL) {
			fputs(" caption=", f);
			dump_str(f, n->u.img.caption);
		}
		break;
	case N_FNDEF:
	case N_FNREF:
		fprintf(f, " num=%d label=", n->u.note.num);
		dump_str(f, n->u.note.label ? n->u.note.label : "");
		fprintf(f, " %s=%d", n->kind == N_FNREF ? "ref" : "refs",
		    n->u.note.nref);
		break;
	default:
		break;
	}
}

static void
dump_node(FILE *f, const struct node *n, int depth)
{
	const struct node *c;

	/* An iterative walk would avoid deep recursion, but read.c caps depth. */
	fprintf(f, "%*s%s", depth * 2, "", nkind_names[n->kind]);
	if (n->flags & NF_GENERATED)
		fputs(" generated", f);
	else
		fprintf(f, " %d:%d", n->pos.line, n->pos.col);
	if (n->flags & NF_TIGHT)
		fputs(" tight", f);
	if (n->flags & NF_HEADER)
		fputs(" header", f);
	if (n->flags & NF_FIGURE)
		fputs(" figure", f);
	dump_attrs(f, n);
	if (n->text != NULL) {
		fputc(' ', f);
		dump_str(f, n->text);
	}
	fputc('\n', f);
	for (c = n->first; c != NULL; c = c->next)
		dump_node(f, c, depth + 1);
}

void
tree_dump(const struct doc *d, FILE *f)
{
	const struct meta *m = &d->meta;

#define META(k, v) if (v) { fputs("meta " k " ", f); dump_str(f, v); fputc('\n', f); }
	META("number", m->number);
	META("title", m->title);
	META("date", m->date);
	META("lang", m->lang);
	META("author", m->author);
	META("course", m->course);
	META("subject", m->subject);
	META("keywords", m->keywords);
	META("cjk-lang", m->cjk_lang);
	META("previous.number", m->previous.number);
	META("previous.title", m->previous.title);
	META("next.number", m->next.number);
	META("next.title", m->next.title);
	META("title-text", m->title_text);
	META("label", m->label);
	META("date-text", m->date_text);
	META("previous-text", m->previous_text);
	META("next-text", m->next_text);
	META("words-lang", m->words_lang);
#undef META
	if (d->root)
		dump_node(f, d->root, 0);
}
