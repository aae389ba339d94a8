/* The YAML front matter, read with libyaml into struct meta. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <yaml.h>

#include "diag.h"
#include "lectern.h"
#include "tree.h"
#include "util.h"

/* Where a libyaml mark is in the source file. */
static struct pos
mark_pos(const struct doc *d, yaml_mark_t m, int first_line)
{
	struct pos p;

	p.file = d->path;
	p.line = first_line + (int)m.line;
	p.col = (int)m.column + 1;
	return p;
}

/*
 * The text of a scalar, or of a sequence of scalars joined with ", "
 * when join is set.  NULL for anything else, reported at the key (a
 * value reached through an alias starts at its anchor, elsewhere).
 */
static const char *
value_text(struct doc *d, yaml_document_t *y, yaml_node_t *v,
    const char *key, int join, const struct pos *at)
{
	yaml_node_item_t *it;
	yaml_node_t *e;
	struct buf b = { NULL, 0, 0 };
	const char *s;

	if (v->type == YAML_SCALAR_NODE)
		return tree_strndup(d, (const char *)v->data.scalar.value,
		    v->data.scalar.length);
	if (join && v->type == YAML_SEQUENCE_NODE) {
		for (it = v->data.sequence.items.start;
		    it < v->data.sequence.items.top; it++) {
			e = yaml_document_get_node(y, *it);
			if (e == NULL || e->type != YAML_SCALAR_NODE)
				goto bad;
			if (b.len)
				buf_puts(&b, ", ");
			buf_put(&b, (const char *)e->data.scalar.value,
			    e->data.scalar.length);
		}
		s = tree_strdup(d, b.p ? b.p : "");
		buf_free(&b);
		return s;
	}
bad:
	buf_free(&b);
	diag(at, D_YAML_NOT_STRING, key);
	return NULL;
}

/* previous: / next: take { number: ..., title: ... }. */
static void
neighbour(struct doc *d, yaml_document_t *y, yaml_node_t *v,
    const char *key, struct neighbour *nb, const struct pos *at,
    int first_line)
{
	yaml_node_pair_t *pr;
	yaml_node_t *k, *val;
	struct pos p;
	const char *name;

	if (v->type != YAML_MAPPING_NODE) {
		diag(at, D_YAML_NOT_STRING, key);
		return;
	}
	for (pr = v->data.mapping.pairs.start;
	    pr < v->data.mapping.pairs.top; pr++) {
		k = yaml_document_get_node(y, pr->key);
		val = yaml_document_get_node(y, pr->value);
		if (k == NULL || val == NULL)
			continue;
		p = mark_pos(d, k->start_mark, first_line);
		name = k->type == YAML_SCALAR_NODE ?
		    (const char *)k->data.scalar.value : "?";
		if (strcmp(name, "number") == 0)
			nb->number = value_text(d, y, val, "number", 0, &p);
		else if (strcmp(name, "title") == 0)
			nb->title = value_text(d, y, val, "title", 0, &p);
		else
			diag(&p, D_YAML_UNKNOWN_KEY, name);
	}
}

static int
valid_date(const char *s)
{
	int y, m, d, n = 0;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3
	    || n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return 0;
	return 1;
}

/* A BCP 47 tag in its common shape: 2-3 letters, then -subtags. */
static int
valid_lang(const char *s)
{
	size_t n = 0;

	while (isalpha((unsigned char)s[n]))
		n++;
	if (n < 2 || n > 3)
		return 0;
	for (s += n; *s == '-'; s += n) {
		s++;
		for (n = 0; isalnum((unsigned char)s[n]); n++)
			continue;
		if (n < 1 || n > 8)
			return 0;
	}
	return *s == '\0';
}

/* The string keys of the front matter and where each goes. */
static const char **
string_slot(struct meta *m, const char *key, int *join)
{
	*join = 0;
	if (strcmp(key, "number") == 0) return &m->number;
	if (strcmp(key, "title") == 0) return &m->title;
	if (strcmp(key, "date") == 0) return &m->date;
	if (strcmp(key, "lang") == 0) return &m->lang;
	if (strcmp(key, "course") == 0) return &m->course;
	if (strcmp(key, "subject") == 0) return &m->subject;
	if (strcmp(key, "cjk-lang") == 0) return &m->cjk_lang;
	if (strcmp(key, "cover") == 0) return &m->cover;
	*join = 1;
	if (strcmp(key, "author") == 0) return &m->author;
	if (strcmp(key, "keywords") == 0) return &m->keywords;
	return NULL;
}

/* Check values that have a shape; bad ones fall back to defaults. */
static void
validate(struct doc *d, const struct pos *date_pos,
    const struct pos *lang_pos, const struct pos *cjk_pos)
{
	struct meta *m = &d->meta;

	if (m->date != NULL && !valid_date(m->date)) {
		diag(date_pos, D_BAD_DATE, m->date);
		m->date = NULL;
	}
	if (!valid_lang(m->lang)) {
		diag(lang_pos, D_BAD_LANG, m->lang);
		m->lang = "en";
	}
	if (strcmp(m->cjk_lang, "zh-Hans") && strcmp(m->cjk_lang, "zh-Hant")
	    && strcmp(m->cjk_lang, "ja")) {
		diag(cjk_pos, D_BAD_CJK_LANG, m->cjk_lang);
		m->cjk_lang = "zh-Hans";
	}
}

/* Does a pair before pr in the mapping have the same key? */
static int
seen_before(yaml_document_t *y, yaml_node_t *map, yaml_node_pair_t *pr,
    const char *key)
{
	yaml_node_pair_t *q;
	yaml_node_t *k;

	for (q = map->data.mapping.pairs.start; q < pr; q++) {
		k = yaml_document_get_node(y, q->key);
		if (k != NULL && k->type == YAML_SCALAR_NODE &&
		    strcmp((const char *)k->data.scalar.value, key) == 0)
			return 1;
	}
	return 0;
}

static void
read_mapping(struct doc *d, yaml_document_t *y, yaml_node_t *root,
    int first_line)
{
	struct pos p, date_pos, lang_pos, cjk_pos;
	yaml_node_pair_t *pr;
	yaml_node_t *k, *v;
	const char **slot, *key, *s;
	int join;

	date_pos = lang_pos = cjk_pos = d->meta.pos;
	for (pr = root->data.mapping.pairs.start;
	    pr < root->data.mapping.pairs.top; pr++) {
		k = yaml_document_get_node(y, pr->key);
		v = yaml_document_get_node(y, pr->value);
		if (k == NULL || v == NULL)
			continue;
		p = mark_pos(d, k->start_mark, first_line);
		if (k->type != YAML_SCALAR_NODE) {
			diag(&p, D_YAML_NOT_MAPPING);
			continue;
		}
		key = (const char *)k->data.scalar.value;
		if (strcmp(key, "previous") == 0 || strcmp(key, "next") == 0) {
			neighbour(d, y, v, key, *key == 'p' ?
			    &d->meta.previous : &d->meta.next, &p, first_line);
			continue;
		}
		if ((slot = string_slot(&d->meta, key, &join)) == NULL) {
			diag(&p, D_YAML_UNKNOWN_KEY, key);
			continue;
		}
		/* Known keys only: a hostile file's many keys stay linear. */
		if (seen_before(y, root, pr, key))
			diag(&p, D_YAML_DUPLICATE_KEY, key);
		if ((s = value_text(d, y, v, key, join, &p)) == NULL)
			continue;
		*slot = s;
		if (strcmp(key, "date") == 0)
			date_pos = mark_pos(d, v->start_mark, first_line);
		else if (strcmp(key, "lang") == 0)
			lang_pos = mark_pos(d, v->start_mark, first_line);
		else if (strcmp(key, "cjk-lang") == 0)
			cjk_pos = mark_pos(d, v->start_mark, first_line);
	}
	validate(d, &date_pos, &lang_pos, &cjk_pos);
}

int
meta_parse(struct doc *d, const char *yaml, size_t len, int first_line)
{
	yaml_parser_t parser;
	yaml_document_t y;
	yaml_node_t *root;
	struct pos p;

	if (!yaml_parser_initialize(&parser))
		return -1;
	yaml_parser_set_input_string(&parser, (const unsigned char *)yaml,
	    len);
	if (!yaml_parser_load(&parser, &y)) {
		p = mark_pos(d, parser.problem_mark, first_line);
		diag(&p, D_YAML_SYNTAX, parser.problem ? parser.problem :
		    "cannot be parsed");
		yaml_parser_delete(&parser);
		return -1;
	}
	root = yaml_document_get_root_node(&y);
	if (root != NULL && root->type == YAML_MAPPING_NODE)
		read_mapping(d, &y, root, first_line);
	else if (root != NULL) {
		p = mark_pos(d, root->start_mark, first_line);
		diag(&p, D_YAML_NOT_MAPPING);
	}
	yaml_document_delete(&y);
	yaml_parser_delete(&parser);
	return 0;
}
