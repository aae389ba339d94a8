/* The YAML front matter, read with libyaml into struct meta. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <yaml.h>

#include "diag.h"
#include "labels.h"
#include "lectern.h"
#include "read.h"
#include "tree.h"
#include "util.h"

/* A no-break space, which saved pages put between number and title. */
#define NBSP "\xC2\xA0"

struct pos
meta_mark_pos(const struct doc *d, yaml_mark_t m, int first_line)
{
	struct pos p;

	p.file = d->path;
	p.line = first_line + (int)m.line;
	p.col = (int)m.column + 1;
	return p;
}

const char *
meta_yaml_text(struct doc *d, yaml_document_t *y, yaml_node_t *v, int join)
{
	yaml_node_item_t *it;
	yaml_node_t *e;
	struct buf b = { NULL, 0, 0 };
	const char *s;

	if (v->type == YAML_SCALAR_NODE)
		return tree_strndup(d, (const char *)v->data.scalar.value,
		    v->data.scalar.length);
	if (!join || v->type != YAML_SEQUENCE_NODE)
		return NULL;
	for (it = v->data.sequence.items.start;
	    it < v->data.sequence.items.top; it++) {
		e = yaml_document_get_node(y, *it);
		if (e == NULL || e->type != YAML_SCALAR_NODE) {
			buf_free(&b);
			return NULL;
		}
		if (b.len)
			buf_puts(&b, ", ");
		buf_put(&b, (const char *)e->data.scalar.value,
		    e->data.scalar.length);
	}
	s = tree_strdup(d, b.p ? b.p : "");
	buf_free(&b);
	return s;
}

/*
 * How each key of a front matter or a course file is written, for
 * messages that say what is expected (one table for both readers).
 */
const char *
yaml_key_example(const char *key)
{
	static const struct {
		const char	*key, *example;
	} examples[] = {
		{ "title", "title: \"Review Session for Unit Two\"" },
		{ "number", "number: \"2.12\"" },
		{ "date", "date: 2024-09-09" },
		{ "lang", "lang: en" },
		{ "author", "author: [Ada Lovelace, Alan Turing]" },
		{ "course", "course: \"Modern Chinese History\"" },
		{ "subject", "subject: \"History\"" },
		{ "keywords", "keywords: [China, 1962]" },
		{ "cjk-lang", "cjk-lang: zh-Hant" },
		{ "subtitle", "subtitle: \"Lectures, autumn term\"" },
		{ "publisher", "publisher: \"Department of History\"" },
		{ "rights", "rights: \"CC BY 4.0\"" },
		{ "lectures", "lectures: [1.08-cadre.md, 1.09-movement.md]" },
	};
	size_t i;

	for (i = 0; i < sizeof(examples) / sizeof(examples[0]); i++)
		if (strcmp(key, examples[i].key) == 0)
			return examples[i].example;
	return examples[0].example;
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
	const char *s = meta_yaml_text(d, y, v, join);

	if (s == NULL)
		diag(at, join ? D_YAML_NOT_LIST : D_YAML_NOT_STRING, key,
		    yaml_key_example(key));
	return s;
}

/* Is s (n bytes) a roman numeral, as lecture numbers sometimes are? */
static int
is_roman(const char *s, size_t n)
{
	return n > 0 && strspn(s, "IVXLCDM") >= n;
}

/* Is s (n bytes) an arabic lecture number: 3, 2.12, 10.1.2? */
static int
is_arabic(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || !isdigit((unsigned char)s[0]) ||
	    !isdigit((unsigned char)s[n - 1]))
		return 0;
	for (i = 1; i < n; i++)
		if (!isdigit((unsigned char)s[i]) && !(s[i] == '.' &&
		    s[i - 1] != '.'))
			return 0;
	return 1;
}

/* Length of the run of spaces, tabs and no-break spaces at s. */
static size_t
space_run(const char *s, int *wide)
{
	size_t n = 0;

	*wide = 0;
	for (;;) {
		if (s[n] == ' ' || s[n] == '\t')
			n++;
		else if (strncmp(s + n, NBSP, 2) == 0)
			n += 2, *wide = 1;
		else
			break;
	}
	if (n >= 2)
		*wide = 1;
	return n;
}

/* s without the spaces (and no-break spaces) at either end, in the arena. */
static const char *
trimmed(struct doc *d, const char *s)
{
	size_t n;
	int wide;

	s += space_run(s, &wide);
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || (n >= 2 &&
	    strncmp(s + n - 2, NBSP, 2) == 0)))
		n -= (unsigned char)s[n - 1] == 0xA0 ? 2 : 1;
	return tree_strndup(d, s, n);
}

void
meta_neighbour_text(struct doc *d, const char *s, struct neighbour *nb)
{
	size_t word, gap;
	int wide;

	s += space_run(s, &wide);
	word = strcspn(s, " \t\xC2");
	gap = space_run(s + word, &wide);
	/*
	 * "I Like Cake" is a title: a roman numeral counts only when a
	 * wide gap (two spaces, a no-break space) sets it off, as pages
	 * print "IV  Title".
	 */
	if (gap > 0 && s[word + gap] != '\0' && (is_arabic(s, word) ||
	    (is_roman(s, word) && wide))) {
		nb->number = tree_strndup(d, s, word);
		nb->title = trimmed(d, s + word + gap);
	} else if (s[word] == '\0' && is_arabic(s, word)) {
		nb->number = tree_strndup(d, s, word);
		nb->title = NULL;
	} else {
		nb->number = NULL;
		nb->title = trimmed(d, s);
		if (*nb->title == '\0')
			nb->title = NULL;	/* "previous:" left empty */
	}
}

/*
 * previous: / next: take { number: ..., title: ... } or one string
 * "2.12  Review Session".
 */
static void
neighbour(struct doc *d, yaml_document_t *y, yaml_node_t *v,
    const char *key, struct neighbour *nb, const struct pos *at,
    int first_line)
{
	yaml_node_pair_t *pr;
	yaml_node_t *k, *val;
	struct pos p;
	const char *name;

	if (v->type == YAML_SCALAR_NODE) {
		meta_neighbour_text(d, (const char *)v->data.scalar.value, nb);
		return;
	}
	if (v->type != YAML_MAPPING_NODE) {
		diag(at, D_YAML_NEIGHBOUR, key, key, key);
		return;
	}
	for (pr = v->data.mapping.pairs.start;
	    pr < v->data.mapping.pairs.top; pr++) {
		k = yaml_document_get_node(y, pr->key);
		val = yaml_document_get_node(y, pr->value);
		if (k == NULL || val == NULL)
			continue;
		p = meta_mark_pos(d, k->start_mark, first_line);
		name = k->type == YAML_SCALAR_NODE ?
		    (const char *)k->data.scalar.value : "?";
		if (strcmp(name, "number") == 0)
			nb->number = value_text(d, y, val, "number", 0, &p);
		else if (strcmp(name, "title") == 0)
			nb->title = value_text(d, y, val, "title", 0, &p);
		else
			diag(&p, D_YAML_NEIGHBOUR_KEY, name, key);
	}
}

/*
 * January..December (labels.c's English row, the one a date is also
 * written with), or their first three letters: 1..12; else 0.
 */
static int
month_number(const char *name)
{
	const char *const *months;
	size_t n = strlen(name);
	int i, fallback;

	months = labels_for("en", &fallback)->months;
	for (i = 0; i < 12; i++)
		if (g_ascii_strcasecmp(name, months[i]) == 0 || (n == 3 &&
		    g_ascii_strncasecmp(name, months[i], 3) == 0))
			return i + 1;
	return 0;
}

int
meta_date_iso(const char *s, char iso[11])
{
	char *text = xstrdup(s), *p;
	char name[16];
	int y = 0, m = 0, d = 0, n = -1, ok;

	/* No-break spaces (a saved page's "6&nbsp;March 2018") are spaces. */
	while ((p = strstr(text, NBSP)) != NULL) {
		p[0] = ' ';
		memmove(p + 1, p + 2, strlen(p + 2) + 1);
	}
	if (strlen(text) == 10 && isdigit((unsigned char)text[0]) &&
	    text[4] == '-' && text[7] == '-' &&
	    sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10)
		;
	else if (n = -1, sscanf(text, " %2d %15[A-Za-z] %5d %n", &d, name, &y,
	    &n) == 3 && n >= 0 && text[n] == '\0')
		m = month_number(name);
	else if (n = -1, sscanf(text, " %15[A-Za-z] %2d , %5d %n", name, &d,
	    &y, &n) == 3 && n >= 0 && text[n] == '\0')
		m = month_number(name);
	else if (n = -1, sscanf(text, " %15[A-Za-z] %2d %5d %n", name, &d,
	    &y, &n) == 3 && n >= 0 && text[n] == '\0')
		m = month_number(name);
	/* "12. Oktober 2023": a date as one of our languages prints it. */
	if (m == 0)
		(void)labels_parse_date(text, &y, &m, &d);
	free(text);
	ok = m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1 && y <= 9999 &&
	    g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y);
	if (ok)
		snprintf(iso, 11, "%04d-%02d-%02d", y, m, d);
	return ok;
}

/* A BCP 47 tag in its common shape: 2-3 letters, then -subtags. */
int
meta_valid_lang(const char *s)
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
	char iso[11];

	/* Every later stage sees the one form, YYYY-MM-DD. */
	if (m->date != NULL && meta_date_iso(m->date, iso))
		m->date = tree_strdup(d, iso);
	else if (m->date != NULL) {
		diag(date_pos, D_BAD_DATE, m->date);
		m->date = NULL;
	}
	if (!meta_valid_lang(m->lang)) {
		diag(lang_pos, D_BAD_LANG, m->lang);
		m->lang = "en";
	}
	/* Absent, check.c takes it from lang. */
	if (m->cjk_lang != NULL && strcmp(m->cjk_lang, "zh-Hans") &&
	    strcmp(m->cjk_lang, "zh-Hant") && strcmp(m->cjk_lang, "ja") &&
	    strcmp(m->cjk_lang, "ko")) {
		diag(cjk_pos, D_BAD_CJK_LANG, m->cjk_lang);
		m->cjk_lang = NULL;
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
		p = meta_mark_pos(d, k->start_mark, first_line);
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
			diag(&p, D_YAML_DUPLICATE_KEY, key, key);
		if ((s = value_text(d, y, v, key, join, &p)) == NULL)
			continue;
		*slot = s;
		if (strcmp(key, "date") == 0)
			date_pos = meta_mark_pos(d, v->start_mark, first_line);
		else if (strcmp(key, "lang") == 0)
			lang_pos = meta_mark_pos(d, v->start_mark, first_line);
		else if (strcmp(key, "cjk-lang") == 0)
			cjk_pos = meta_mark_pos(d, v->start_mark, first_line);
	}
	validate(d, &date_pos, &lang_pos, &cjk_pos);
}

int
meta_yaml_load(struct doc *d, const char *yaml, size_t len, int first_line,
    enum diag_id syntax, yaml_document_t *y)
{
	yaml_parser_t parser;
	struct pos p;
	int rc = 0;

	if (!yaml_parser_initialize(&parser))
		return -1;
	yaml_parser_set_input_string(&parser, (const unsigned char *)yaml,
	    len);
	if (!yaml_parser_load(&parser, y)) {
		p = meta_mark_pos(d, parser.problem_mark, first_line);
		diag(&p, syntax, parser.problem ? parser.problem :
		    "cannot be parsed");
		rc = -1;
	}
	yaml_parser_delete(&parser);
	return rc;
}

int
meta_parse(struct doc *d, const char *yaml, size_t len, int first_line)
{
	yaml_document_t y;
	yaml_node_t *root;
	struct pos p;

	if (meta_yaml_load(d, yaml, len, first_line, D_YAML_SYNTAX, &y) == -1)
		return -1;
	root = yaml_document_get_root_node(&y);
	if (root != NULL && root->type == YAML_MAPPING_NODE)
		read_mapping(d, &y, root, first_line);
	else if (root != NULL) {
		p = meta_mark_pos(d, root->start_mark, first_line);
		diag(&p, D_YAML_NOT_MAPPING);
	}
	yaml_document_delete(&y);
	return 0;
}
