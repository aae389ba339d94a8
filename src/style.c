/* The print style: styles/print.yaml read with libyaml over built-in defaults. */
#include <errno.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <yaml.h>

#include "diag.h"
#include "style.h"
#include "tree.h"
#include "util.h"

#define MM	(72.0 / 25.4)
#define MIN_SIZE	1.0	/* points: the smallest type size or leading */
#define MIN_AREA	72.0	/* points: the smallest text block side */

/* A named page size, in millimetres. */
struct paper {
	const char	*name;
	double		 w, h;
};

static const struct paper papers[] = {
	{ "a5",		148,	210 },
	{ "a4",		210,	297 },
	{ "b5",		176,	250 },
	{ "letter",	215.9,	279.4 },
	{ "6x9in",	152.4,	228.6 },
};

/* Value kinds: lengths (mm or pt by default), sizes (pt, above 0)... */
enum vkind { V_LEN_MM, V_LEN_PT, V_SIZE, V_FONT, V_BOOL, V_PAPER, V_EMBED };

/* One key of the file: where its value goes and what it must look like. */
struct key {
	const char	*name;
	enum vkind	 kind;
	size_t		 off;
};

#define K(n, k, f)	{ n, k, offsetof(struct style, f) }

static const struct key keys[] = {
	K("page",		V_PAPER,	page_w),
	K("page-width",		V_LEN_MM,	page_w),
	K("page-height",	V_LEN_MM,	page_h),
	K("margin-inner",	V_LEN_MM,	margin_inner),
	K("margin-outer",	V_LEN_MM,	margin_outer),
	K("margin-top",		V_LEN_MM,	margin_top),
	K("margin-bottom",	V_LEN_MM,	margin_bottom),
	K("body-font",		V_FONT,		body_font),
	K("body-size",		V_SIZE,		body_size),
	K("body-leading",	V_SIZE,		body_leading),
	K("heading-font",	V_FONT,		heading_font),
	K("title-size",		V_SIZE,		title_size),
	K("h1-size",		V_SIZE,		h_size[0]),
	K("h2-size",		V_SIZE,		h_size[1]),
	K("h3-size",		V_SIZE,		h_size[2]),
	K("mono-font",		V_FONT,		mono_font),
	K("mono-size",		V_SIZE,		mono_size),
	K("note-size",		V_SIZE,		note_size),
	K("note-leading",	V_SIZE,		note_leading),
	K("head-size",		V_SIZE,		head_size),
	K("cjk-font-zh-Hans",	V_FONT,		cjk_sc),
	K("cjk-font-zh-Hant",	V_FONT,		cjk_tc),
	K("cjk-font-ja",	V_FONT,		cjk_jp),
	K("cjk-font-ko",	V_FONT,		cjk_kr),
	K("justify",		V_BOOL,		justify),
	K("hyphenate",		V_BOOL,		hyphenate),
	K("embed-cjk-font",	V_EMBED,	embed_cjk),
	K("indent",		V_LEN_PT,	indent),
	K("paragraph-space",	V_LEN_PT,	para_space),
};

/* The built-in look: A5, Noto Serif 10.5/14, Noto Sans headings. */
static void
defaults(struct style *st)
{
	st->page_w = 148 * MM;
	st->page_h = 210 * MM;
	st->margin_inner = st->margin_outer = 18 * MM;
	st->margin_top = st->margin_bottom = 20 * MM;
	st->body_font = xstrdup("Noto Serif");
	st->body_size = 10.5;
	st->body_leading = 14;
	st->heading_font = xstrdup("Noto Sans");
	st->title_size = 18;
	st->h_size[0] = 14;
	st->h_size[1] = 12;
	st->h_size[2] = 10.5;
	st->mono_font = xstrdup("DejaVu Sans Mono");
	st->mono_size = 8.5;
	st->note_size = 8.5;
	st->note_leading = 11;
	st->head_size = 8.5;
	st->cjk_sc = xstrdup("Noto Serif CJK SC");
	st->cjk_tc = xstrdup("Noto Serif CJK TC");
	st->cjk_jp = xstrdup("Noto Serif CJK JP");
	st->cjk_kr = xstrdup("Noto Serif CJK KR");
	st->justify = 1;
	st->hyphenate = 1;
	st->indent = 14;
	st->para_space = 7;
}

/*
 * A length: a number with an optional unit (mm, cm, in, pt); a bare
 * number is in unit `mm` or points by the key.  Returns -1 if bad.
 */
static double
length(const char *v, int mm)
{
	char	*end;
	double	 d;

	errno = 0;
	d = strtod(v, &end);
	if (end == v || errno != 0 || d < 0 || d > 5000)
		return -1;
	while (*end == ' ')
		end++;
	if (*end == '\0')
		return mm ? d * MM : d;
	if (strcmp(end, "mm") == 0)
		return d * MM;
	if (strcmp(end, "cm") == 0)
		return d * 10 * MM;
	if (strcmp(end, "in") == 0)
		return d * 72;
	if (strcmp(end, "pt") == 0)
		return d;
	return -1;
}

/* Store value v of key k; returns 0, or -1 when it is not valid. */
static int
set(struct style *st, const struct key *k, const char *v)
{
	char	*base = (char *)st + k->off;
	double	 d;
	size_t	 i;

	switch (k->kind) {
	case V_LEN_MM:
	case V_LEN_PT:
	case V_SIZE:
		if ((d = length(v, k->kind == V_LEN_MM)) < 0 ||
		    (k->kind == V_SIZE && d < MIN_SIZE))
			return -1;
		*(double *)(void *)base = d;
		return 0;
	case V_FONT:
		if (*v == '\0')
			return -1;
		free(*(char **)(void *)base);
		*(char **)(void *)base = xstrdup(v);
		return 0;
	case V_BOOL:
		if (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0)
			*(int *)(void *)base = 1;
		else if (strcmp(v, "false") == 0 || strcmp(v, "no") == 0)
			*(int *)(void *)base = 0;
		else
			return -1;
		return 0;
	case V_PAPER:
		for (i = 0; i < sizeof(papers) / sizeof(papers[0]); i++)
			if (strcasecmp(v, papers[i].name) == 0) {
				st->page_w = papers[i].w * MM;
				st->page_h = papers[i].h * MM;
				return 0;
			}
		return -1;
	case V_EMBED:
		if (strcmp(v, "auto") == 0)
			*(int *)(void *)base = EMBED_AUTO;
		else if (strcmp(v, "always") == 0)
			*(int *)(void *)base = EMBED_ALWAYS;
		else if (strcmp(v, "never") == 0)
			*(int *)(void *)base = EMBED_NEVER;
		else
			return -1;
		return 0;
	}
	return -1;
}

/* Apply one key: value pair of the top mapping. */
static void
pair(struct style *st, yaml_node_t *kn, yaml_node_t *vn)
{
	struct pos	 p;
	const char	*name, *val;
	size_t		 i;

	p.file = st->path;
	p.line = kn->start_mark.line + 1;
	p.col = kn->start_mark.column + 1;
	if (kn->type != YAML_SCALAR_NODE) {
		diag(&p, D_STYLE_SYNTAX, "a key must be a plain word");
		return;
	}
	name = (const char *)kn->data.scalar.value;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(keys[i].name, name) == 0)
			break;
	if (i == sizeof(keys) / sizeof(keys[0])) {
		diag(&p, D_STYLE_UNKNOWN_KEY, name);
		return;
	}
	p.line = vn->start_mark.line + 1;
	p.col = vn->start_mark.column + 1;
	val = vn->type == YAML_SCALAR_NODE ?
	    (const char *)vn->data.scalar.value : NULL;
	if (val == NULL || set(st, &keys[i], val) == -1)
		diag(&p, D_STYLE_BAD_VALUE, name, val ? val : "(not a value)");
}

/* Walk the parsed file; anything but a flat mapping is a syntax error. */
static void
apply(struct style *st, yaml_document_t *d)
{
	yaml_node_t		*root, *kn, *vn;
	yaml_node_pair_t	*pp;
	struct pos		 p;

	if ((root = yaml_document_get_root_node(d)) == NULL)
		return;		/* an empty file: the defaults */
	if (root->type != YAML_MAPPING_NODE) {
		p.file = st->path;
		p.line = root->start_mark.line + 1;
		p.col = root->start_mark.column + 1;
		diag(&p, D_STYLE_SYNTAX, "the style must be a mapping");
		return;
	}
	for (pp = root->data.mapping.pairs.start;
	    pp < root->data.mapping.pairs.top; pp++) {
		kn = yaml_document_get_node(d, pp->key);
		vn = yaml_document_get_node(d, pp->value);
		if (kn != NULL && vn != NULL)
			pair(st, kn, vn);
	}
}

/*
 * Margins that leave no room for text are an error; the page falls
 * back to the default size and margins so layout can still run.
 */
static void
block_check(struct style *st)
{
	char	 v[80];

	if (st->page_w - st->margin_inner - st->margin_outer >= MIN_AREA &&
	    st->page_h - st->margin_top - st->margin_bottom >= MIN_AREA)
		return;
	snprintf(v, sizeof(v), "no room for text on a %.0f x %.0f mm page",
	    st->page_w / MM, st->page_h / MM);
	diag_file(st->path, D_STYLE_BAD_VALUE, "margins", v);
	st->page_w = 148 * MM;
	st->page_h = 210 * MM;
	st->margin_inner = st->margin_outer = 18 * MM;
	st->margin_top = st->margin_bottom = 20 * MM;
}

int
style_load(struct style *st, const char *dir)
{
	yaml_parser_t	 parser;
	yaml_document_t	 d;
	struct pos	 p;
	char		*data;
	size_t		 len;

	memset(st, 0, sizeof(*st));
	defaults(st);
	st->path = xasprintf("%s/print.yaml", dir ? dir : "styles");
	if (file_read(st->path, &data, &len) == -1) {
		if (errno == ENOENT)
			return 0;
		diag_file(st->path, D_SYS_READ, strerror(errno));
		return -1;
	}
	if (!yaml_parser_initialize(&parser)) {
		free(data);
		diag_file(st->path, D_SYS_LIB, "libyaml", "out of memory");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)data,
	    len);
	if (!yaml_parser_load(&parser, &d)) {
		p.file = st->path;
		p.line = parser.problem_mark.line + 1;
		p.col = parser.problem_mark.column + 1;
		diag(&p, D_STYLE_SYNTAX, parser.problem ? parser.problem :
		    "cannot parse");
	} else {
		apply(st, &d);
		yaml_document_delete(&d);
	}
	block_check(st);
	yaml_parser_delete(&parser);
	free(data);
	return 0;
}

void
style_free(struct style *st)
{
	free(st->path);
	free(st->body_font);
	free(st->heading_font);
	free(st->mono_font);
	free(st->cjk_sc);
	free(st->cjk_tc);
	free(st->cjk_jp);
	free(st->cjk_kr);
	memset(st, 0, sizeof(*st));
}

const char *
style_cjk_font(const struct style *st, const char *lang)
{
	const char	*face = lang_cjk_face(lang);

	if (face != NULL && strcmp(face, "zh-Hant") == 0)
		return st->cjk_tc;
	if (face != NULL && strcmp(face, "ja") == 0)
		return st->cjk_jp;
	if (face != NULL && strcmp(face, "ko") == 0)
		return st->cjk_kr;
	return st->cjk_sc;
}
