/* A course as one book: the course file (libyaml), its lectures, and every decision the book adds to them. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "course.h"
#include "labels.h"
#include "diag.h"
#include "read.h"
#include "tree.h"
#include "util.h"

/* The room a lecture's id takes: "lecture-" and a size_t. */
#define ANCHORLEN	32

int
course_is_file(const char *path)
{
	size_t	 n = strlen(path);

	return (n > 5 && strcmp(path + n - 5, ".yaml") == 0) ||
	    (n > 4 && strcmp(path + n - 4, ".yml") == 0);
}

/* Where a libyaml mark is in the course file. */
static struct pos
mark_pos(const struct doc *f, yaml_mark_t m)
{
	return meta_mark_pos(f, m, 1);
}

/* The string key's slot in the book, or NULL. */
static const char **
string_slot(struct book *b, const char *key)
{
	struct meta	*m = &b->front->meta;

	if (strcmp(key, "title") == 0) return &m->title;
	if (strcmp(key, "author") == 0) return &m->author;
	if (strcmp(key, "lang") == 0) return &m->lang;
	if (strcmp(key, "date") == 0) return &m->date;
	if (strcmp(key, "subtitle") == 0) return &b->subtitle;
	if (strcmp(key, "publisher") == 0) return &b->publisher;
	if (strcmp(key, "rights") == 0) return &b->rights;
	return NULL;
}

/* The key's text (see meta_yaml_text()), or NULL, reported at the key. */
static const char *
value_text(struct book *b, yaml_document_t *y, yaml_node_t *v,
    const char *key, int join, const struct pos *at)
{
	const char	*s = meta_yaml_text(b->front, y, v, join);

	if (s == NULL)
		diag(at, D_COURSE_NOT_STRING, key, yaml_key_example(key));
	return s;
}

static void
add_source(struct book *b, char *path)
{
	b->sources = xreallocarray(b->sources, b->nsources + 1,
	    sizeof(*b->sources));
	b->sources[b->nsources++] = path;
}

/* lectures: a list of files, relative to the course file's folder. */
static void
lecture_list(struct book *b, yaml_document_t *y, yaml_node_t *v,
    const struct pos *at)
{
	yaml_node_item_t *it;
	yaml_node_t	*e;
	const char	*name;

	if (v->type != YAML_SEQUENCE_NODE) {
		diag(at, D_COURSE_NOT_LIST, "lectures",
		    yaml_key_example("lectures"));
		return;
	}
	b->by_number = 0;
	for (it = v->data.sequence.items.start;
	    it < v->data.sequence.items.top; it++) {
		e = yaml_document_get_node(y, *it);
		if (e == NULL || e->type != YAML_SCALAR_NODE) {
			diag(at, D_COURSE_NOT_LIST, "lectures",
			    yaml_key_example("lectures"));
			continue;
		}
		name = (const char *)e->data.scalar.value;
		add_source(b, name[0] == '/' ? xstrdup(name) :
		    xasprintf("%s/%s", b->front->dir, name));
	}
}

static void
read_mapping(struct book *b, yaml_document_t *y, yaml_node_t *root)
{
	yaml_node_pair_t *pr;
	yaml_node_t	*k, *v;
	struct pos	 p, date_pos = b->front->meta.pos;
	const char	**slot, *key, *s;
	char		 iso[11];

	for (pr = root->data.mapping.pairs.start;
	    pr < root->data.mapping.pairs.top; pr++) {
		k = yaml_document_get_node(y, pr->key);
		v = yaml_document_get_node(y, pr->value);
		if (k == NULL || v == NULL)
			continue;
		p = mark_pos(b->front, k->start_mark);
		if (k->type != YAML_SCALAR_NODE) {
			diag(&p, D_COURSE_NOT_MAPPING);
			continue;
		}
		key = (const char *)k->data.scalar.value;
		if (strcmp(key, "lectures") == 0) {
			lecture_list(b, y, v, &p);
			continue;
		}
		if ((slot = string_slot(b, key)) == NULL) {
			diag(&p, D_COURSE_UNKNOWN_KEY, key);
			continue;
		}
		s = value_text(b, y, v, key, strcmp(key, "author") == 0, &p);
		if (s != NULL)
			*slot = s;
		if (strcmp(key, "lang") == 0)
			b->lang_given = 1;
		if (strcmp(key, "date") == 0)
			date_pos = mark_pos(b->front, v->start_mark);
	}
	if (b->front->meta.date != NULL) {
		if (meta_date_iso(b->front->meta.date, iso))
			b->front->meta.date = tree_strdup(b->front, iso);
		else {
			diag(&date_pos, D_BAD_DATE, b->front->meta.date);
			b->front->meta.date = NULL;
		}
	}
}

/* Is name a lecture source: NAME.md or NAME.txt? */
static int
is_lecture(const char *name)
{
	size_t	 n = strlen(name);

	return name[0] != '.' && n > 3 && (strcmp(name + n - 3, ".md") == 0 ||
	    (n > 4 && strcmp(name + n - 4, ".txt") == 0));
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * No lectures: list: every lecture in the course file's folder, by
 * name for now (book_check() orders them by number).
 */
static int
lecture_folder(struct book *b)
{
	DIR		*dir;
	struct dirent	*de;

	if ((dir = opendir(b->front->dir)) == NULL) {
		diag_file(b->front->dir, D_SYS_READ, strerror(errno));
		return -1;
	}
	while ((de = readdir(dir)) != NULL)
		if (is_lecture(de->d_name))
			add_source(b, xasprintf("%s/%s", b->front->dir,
			    de->d_name));
	closedir(dir);
	qsort(b->sources, b->nsources, sizeof(*b->sources), str_cmp);
	return 0;
}

/* Parse the course file into b; -1 after a diagnostic. */
static int
course_read(struct book *b, const char *path)
{
	yaml_document_t	 y;
	yaml_node_t	*root;
	struct pos	 p;
	char		*text;
	size_t		 len;
	int		 rc = 0;

	if (file_read(path, &text, &len) == -1) {
		diag_file(path, D_SYS_READ, strerror(errno));
		return -1;
	}
	b->by_number = 1;
	if (meta_yaml_load(b->front, text, len, 1, D_COURSE_SYNTAX, &y) == -1) {
		free(text);
		return -1;
	}
	root = yaml_document_get_root_node(&y);
	if (root != NULL && root->type == YAML_MAPPING_NODE)
		read_mapping(b, &y, root);
	else {
		p = b->front->meta.pos;
		if (root != NULL)
			p = mark_pos(b->front, root->start_mark);
		diag(&p, D_COURSE_NOT_MAPPING);
		rc = -1;
	}
	yaml_document_delete(&y);
	free(text);
	if (rc == 0 && b->front->meta.title == NULL) {
		diag(&b->front->meta.pos, D_COURSE_NO_TITLE);
		rc = -1;
	}
	if (rc == 0 && b->by_number && lecture_folder(b) == -1)
		rc = -1;
	if (rc == 0 && b->nsources == 0) {
		diag_file(path, D_COURSE_NO_LECTURES, b->front->dir);
		rc = -1;
	}
	return rc;
}

int
book_open(struct book *b, char *const *sources, int nsources)
{
	int	 i;

	memset(b, 0, sizeof(*b));
	if (nsources == 1 && course_is_file(sources[0])) {
		b->front = doc_new(sources[0]);
		return course_read(b, sources[0]);
	}
	/* The lectures alone: the book takes its words from the first. */
	b->front = doc_new(sources[0]);
	for (i = 0; i < nsources; i++)
		add_source(b, xstrdup(sources[i]));
	return 0;
}

void
book_add(struct book *b, struct doc *d)
{
	b->lectures = xgrow(b->lectures, &b->clectures, b->nlectures + 1,
	    sizeof(*b->lectures));
	b->lectures[b->nlectures++] = d;
}

/*
 * Lecture numbers part by part, each part as a number when it is
 * one, so 1.9 comes before 1.10; a lecture without a number after
 * every numbered one.  0 when equal.
 */
static int
number_cmp(const char *a, const char *b)
{
	char		*ea, *eb;
	unsigned long	 na, nb;
	size_t		 la, lb;
	int		 c;

	if (a == NULL || b == NULL)
		return (a == NULL) - (b == NULL);
	while (*a != '\0' && *b != '\0') {
		la = strcspn(a, ".");
		lb = strcspn(b, ".");
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			na = strtoul(a, &ea, 10);
			nb = strtoul(b, &eb, 10);
			if (na != nb)
				return na < nb ? -1 : 1;
		} else if ((c = strncmp(a, b, la < lb ? la : lb)) != 0 ||
		    la != lb)
			return c != 0 ? c : la < lb ? -1 : 1;
		a += la + (a[la] == '.');
		b += lb + (b[lb] == '.');
	}
	return (*a != '\0') - (*b != '\0');
}

static int
lecture_cmp(const void *pa, const void *pb)
{
	const struct doc *a = *(struct doc *const *)pa;
	const struct doc *b = *(struct doc *const *)pb;
	int		 c;

	if ((c = number_cmp(a->meta.number, b->meta.number)) != 0)
		return c;
	return strcmp(a->path, b->path);
}

/*
 * The course's own words: what the course file leaves out comes from
 * the first lecture (its course, else its title; its author, language
 * and date); then the display strings, as check.c makes a lecture's.
 */
static void
front_text(struct book *b)
{
	struct meta		*m = &b->front->meta;
	const struct meta	*first = &b->lectures[0]->meta;
	int			 y, mo, day, fallback;
	char			*s;

	if (m->title == NULL)
		m->title = tree_strdup(b->front, first->course != NULL ?
		    first->course : first->title_text);
	if (m->author == NULL && first->author != NULL)
		m->author = tree_strdup(b->front, first->author);
	if (!b->lang_given)
		m->lang = tree_strdup(b->front, first->lang);
	if (m->date == NULL && first->date != NULL)
		m->date = tree_strdup(b->front, first->date);
	m->cjk_lang = first->cjk_lang;
	m->han_lang = lang_han_tag(m->lang, m->cjk_lang);
	/* The book's words in its language, as check.c's meta_text. */
	m->labels = labels_for(m->lang, &fallback);
	m->words_lang = fallback ? "en" : NULL;
	m->rtl = lang_is_rtl(m->lang);
	m->title_text = m->title;
	m->byline = m->author;
	if (m->date != NULL && sscanf(m->date, "%d-%d-%d", &y, &mo, &day) ==
	    3 && mo >= 1 && mo <= 12) {
		s = xasprintf(m->labels->date, day, m->labels->months[mo - 1],
		    y);
		m->date_text = tree_strdup(b->front, s);
		free(s);
	}
}

/* id with the lecture's prefix, in its arena. */
static const char *
prefixed(struct doc *d, const char *id)
{
	char		*s = xasprintf("%s%s", d->meta.id_prefix, id);
	const char	*out = tree_strdup(d, s);

	free(s);
	return out;
}

/*
 * Every id the lecture's tree holds starts with its prefix, so that
 * no two lectures' headings or notes share one in the book (the PDF's
 * destinations are one name space).
 */
static void
prefix_ids(struct doc *d, struct node *n)
{
	struct node	*c;

	for (c = n->first; c != NULL; c = c->next) {
		if (c->kind == N_HEADING && c->u.head.id != NULL)
			c->u.head.id = prefixed(d, c->u.head.id);
		else if (c->kind == N_LINK && (c->u.link.kind == LK_INTERNAL ||
		    c->u.link.kind == LK_NOTE))
			c->u.link.target = prefixed(d, c->u.link.target);
		prefix_ids(d, c);
	}
}

/*
 * The id of the lecture of the book that nb names (by number when it
 * gives one, else by title), or NULL: that lecture is not in it.
 */
static const char *
neighbour_target(const struct book *b, const struct neighbour *nb)
{
	const struct meta	*m;
	size_t			 i;

	if (nb->number == NULL && nb->title == NULL)
		return NULL;
	for (i = 0; i < b->nlectures; i++) {
		m = &b->lectures[i]->meta;
		if (nb->number != NULL ? (m->number != NULL &&
		    number_cmp(nb->number, m->number) == 0) :
		    (m->title != NULL && strcmp(nb->title, m->title) == 0))
			return m->anchor;
	}
	return NULL;
}

/* Two sources naming the same file would give two lectures one id. */
static void
check_twice(const struct book *b)
{
	size_t	 i, j;

	for (i = 1; i < b->nlectures; i++)
		for (j = 0; j < i; j++)
			if (strcmp(b->lectures[i]->path,
			    b->lectures[j]->path) == 0) {
				diag_file(b->lectures[i]->path,
				    D_COURSE_TWICE, b->lectures[i]->path);
				break;
			}
}

void
book_check(struct book *b)
{
	struct doc	*d;
	struct meta	*m;
	char		 anchor[ANCHORLEN];
	size_t		 i;

	if (b->nlectures == 0)
		return;
	if (b->by_number)
		qsort(b->lectures, b->nlectures, sizeof(*b->lectures),
		    lecture_cmp);
	check_twice(b);
	front_text(b);
	for (i = 0; i < b->nlectures; i++) {
		d = b->lectures[i];
		m = &d->meta;
		snprintf(anchor, sizeof(anchor), "lecture-%zu", i + 1);
		m->anchor = tree_strdup(d, anchor);
		m->verso_head = b->front->meta.title;
		if (m->course != NULL &&
		    strcmp(m->course, b->front->meta.title) != 0)
			diag(&m->pos, D_COURSE_OTHER, m->course,
			    b->front->meta.title);
	}
	for (i = 0; i < b->nlectures; i++) {
		d = b->lectures[i];
		m = &d->meta;
		snprintf(anchor, sizeof(anchor), "%s-", m->anchor);
		m->id_prefix = tree_strdup(d, anchor);
		if (d->root != NULL)
			prefix_ids(d, d->root);
		m->previous_target = neighbour_target(b, &m->previous);
		m->next_target = neighbour_target(b, &m->next);
	}
}

void
book_free(struct book *b)
{
	size_t	 i;

	for (i = 0; i < b->nlectures; i++)
		doc_free(b->lectures[i]);
	free(b->lectures);
	for (i = 0; i < b->nsources; i++)
		free(b->sources[i]);
	free(b->sources);
	if (b->front != NULL)
		doc_free(b->front);
	memset(b, 0, sizeof(*b));
}
