/* Validate and repair the tree: sections, heading ids, notes, images, links. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "diag.h"
#include "lectern.h"
#include "tree.h"
#include "util.h"

/* Headings nest sections at most this deep (h1..h6). */
#define MAX_LEVEL 6

/* Detach root's children into a new array; caller frees. */
static struct node **
take_children(struct node *parent, size_t *count)
{
	struct node **v = NULL, *c;
	size_t n = 0, cap = 0;

	while ((c = parent->first) != NULL) {
		v = xgrow(v, &cap, n + 1, sizeof(*v));
		tree_unlink(c);
		v[n++] = c;
	}
	*count = n;
	return v;
}

/*
 * Wrap the body in N_SECTION nodes by heading level, so the EPUB's
 * nav, its chapters and the PDF's outline share one shape.
 */
static void
make_sections(struct doc *d, struct node **v, size_t n)
{
	struct node *open[MAX_LEVEL + 1] = { NULL };
	struct node *sec, *into;
	int depth = 0, prev = 1, level, i;
	size_t k;

	for (k = 0; k < n; k++) {
		if (v[k]->kind != N_HEADING) {
			into = depth ? open[depth] : d->root;
			tree_append(into, v[k]);
			continue;
		}
		level = v[k]->u.head.level;
		if (level == 1)
			diag(&v[k]->pos, D_HEADING_H1);
		else if (level > prev + 1)
			diag(&v[k]->pos, D_HEADING_SKIP, prev, level);
		prev = level;
		while (depth > 0 && open[depth]->first->u.head.level >= level)
			depth--;
		sec = tree_node(d, N_SECTION, v[k]->pos);
		sec->flags |= NF_GENERATED;
		tree_append(depth ? open[depth] : d->root, sec);
		tree_append(sec, v[k]);
		open[++depth] = sec;
		for (i = depth + 1; i <= MAX_LEVEL; i++)
			open[i] = NULL;
	}
}

/* Ids that writers use for their own elements. */
static int
reserved_id(const char *s)
{
	return strncmp(s, "fn-", 3) == 0 || strncmp(s, "fnref-", 6) == 0 ||
	    strcmp(s, "title") == 0 || strcmp(s, "toc") == 0 ||
	    strcmp(s, "notes") == 0 || strcmp(s, "landmarks") == 0;
}

/*
 * The ids given so far: an open-addressing hash set, so that a file
 * with thousands of headings stays fast.
 */
struct idset {
	const char	**slot;		/* cap entries, NULL when free */
	int		 *next;		/* per slot: the suffix to try next
					   when that id is wanted again */
	size_t		  n, cap;	/* cap is a power of two */
};

static size_t
id_hash(const char *s)
{
	size_t h = 2166136261u;	/* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The slot that holds id, or the free one where it would go. */
static const char **
id_slot(const struct idset *set, const char *id)
{
	size_t i = id_hash(id) & (set->cap - 1);

	while (set->slot[i] != NULL && strcmp(set->slot[i], id) != 0)
		i = (i + 1) & (set->cap - 1);
	return &set->slot[i];
}

static int
id_taken(const struct idset *set, const char *id)
{
	return set->cap > 0 && *id_slot(set, id) != NULL;
}

static void
id_add(struct idset *set, const char *id, int next)
{
	struct idset old = *set;
	const char **slot;
	size_t i;

	if (2 * (set->n + 1) > set->cap) {
		set->cap = set->cap ? set->cap * 2 : 64;
		set->slot = xcalloc(set->cap, sizeof(*set->slot));
		set->next = xcalloc(set->cap, sizeof(*set->next));
		set->n = 0;
		for (i = 0; i < old.cap; i++)
			if (old.slot[i] != NULL)
				id_add(set, old.slot[i], old.next[i]);
		free(old.slot);
		free(old.next);
	}
	slot = id_slot(set, id);
	*slot = id;
	set->next[slot - set->slot] = next;
	set->n++;
}

/*
 * A heading's id: its text in lower-case ASCII with other characters
 * folded to '-', made unique with -2, -3...  Points into the arena.
 */
static const char *
heading_id(struct doc *d, const struct node *h, struct idset *set)
{
	const char *text = tree_plain_text(d, h), *s;
	struct buf b = { NULL, 0, 0 };
	char *id;
	int k, *base;

	for (s = text; *s; s++) {
		if (isalnum((unsigned char)*s))
			buf_putc(&b, tolower((unsigned char)*s));
		else if (b.len && b.p[b.len - 1] != '-')
			buf_putc(&b, '-');
	}
	while (b.len && b.p[b.len - 1] == '-')
		b.p[--b.len] = '\0';
	/*
	 * An XML id must start with a letter, and the writers' own ids
	 * (fn-1, title...) are not for headings: both get a prefix, so
	 * the numbering below always ends.
	 */
	if (b.len == 0 || !isalpha((unsigned char)b.p[0]) || reserved_id(b.p)) {
		id = xasprintf("section%s%s", b.len ? "-" : "", b.p ? b.p : "");
		buf_reset(&b);
		buf_puts(&b, id);
		free(id);
	}
	/* The second "Notes" is notes-2, the third notes-3... */
	id = xstrdup(b.p);
	if (id_taken(set, id)) {
		base = &set->next[id_slot(set, id) - set->slot];
		for (k = *base; free(id), id = xasprintf("%s-%d", b.p, k),
		    id_taken(set, id); k++)
			continue;
		*base = k + 1;
	}
	buf_free(&b);
	s = tree_strdup(d, id);
	free(id);
	id_add(set, s, 2);
	return s;
}

static void
set_ids(struct doc *d, struct node *n, struct idset *set)
{
	struct node *c;

	for (c = n->first; c != NULL; c = c->next) {
		if (c->kind == N_HEADING) {
			if (c->first == NULL)
				diag(&c->pos, D_EMPTY_HEADING);
			c->u.head.id = heading_id(d, c, set);
		} else if (c->kind == N_SECTION)
			set_ids(d, c, set);
	}
}

/* Footnote numbering: by first reference, in reading order. */
struct notes {
	struct node	**defs;		/* definitions, by label */
	size_t		  ndefs, capdefs;
	int		  next_num;
};

static struct node *
find_def(struct notes *ns, const char *label)
{
	size_t i;

	for (i = 0; i < ns->ndefs; i++)
		if (strcmp(ns->defs[i]->u.note.label, label) == 0)
			return ns->defs[i];
	return NULL;
}

static void
number_refs(struct notes *ns, struct node *n)
{
	struct node *c, *def;

	for (c = n->first; c != NULL; c = c->next) {
		if (c->kind == N_FNREF) {
			if ((def = find_def(ns, c->u.note.label)) == NULL)
				continue;
			if (def->u.note.num == 0) {
				def->u.note.num = ++ns->next_num;
				number_refs(ns, def);	/* notes in notes */
			}
			c->u.note.num = def->u.note.num;
			c->u.note.nref = ++def->u.note.nref;
		} else if (c->kind != N_FNDEF)
			number_refs(ns, c);
	}
}

static int
by_num(const void *a, const void *b)
{
	const struct node *x = *(struct node *const *)a;
	const struct node *y = *(struct node *const *)b;

	return x->u.note.num - y->u.note.num;
}

/* Collect the notes into N_NOTES at the end of the root. */
static void
place_notes(struct doc *d, struct notes *ns)
{
	struct node *notes;
	size_t i;

	number_refs(ns, d->root);
	if (ns->ndefs == 0)
		return;
	qsort(ns->defs, ns->ndefs, sizeof(*ns->defs), by_num);
	notes = tree_node(d, N_NOTES, d->root->pos);
	notes->flags |= NF_GENERATED;
	for (i = 0; i < ns->ndefs; i++)
		if (ns->defs[i]->u.note.num > 0) {
			tree_append(notes, ns->defs[i]);
			d->nnotes++;
		}
	if (notes->first != NULL)
		tree_append(d->root, notes);
}

static int
has_scheme(const char *s)
{
	const char *p = s;

	if (!isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' ||
	    *p == '.')
		p++;
	return *p == ':';
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* Does the path, read as written, leave its folder? */
static int
escapes(const char *path)
{
	const char *s = path, *e;
	int depth = 0;

	if (*s == '/')
		return 1;
	for (; *s; s = *e ? e + 1 : e) {
		e = strchr(s, '/');
		if (e == NULL)
			e = s + strlen(s);
		if (e - s == 2 && strncmp(s, "..", 2) == 0)
			depth--;
		else if (e - s > 0 && !(e - s == 1 && *s == '.'))
			depth++;
		if (depth < 0)
			return 1;
	}
	return 0;
}

/*
 * Resolve an image to a file inside the source folder, or say why
 * not; realpath() then also catches links that lead outside.
 */
static void
check_image(struct doc *d, struct node *n)
{
	const char *src = n->u.img.src;
	char *joined, *real, *dir;
	struct stat st;
	size_t dlen;

	if (has_scheme(src) || strncmp(src, "//", 2) == 0) {
		diag(&n->pos, D_IMAGE_REMOTE, src);
		return;
	}
	if (!ends_with(src, ".png") && !ends_with(src, ".jpg") &&
	    !ends_with(src, ".jpeg") && !ends_with(src, ".gif") &&
	    !ends_with(src, ".svg")) {
		diag(&n->pos, D_IMAGE_TYPE, src);
		return;
	}
	if (escapes(src)) {
		diag(&n->pos, D_IMAGE_OUTSIDE, src);
		return;
	}
	joined = xasprintf("%s/%s", d->dir, src);
	real = realpath(joined, NULL);
	dir = realpath(d->dir, NULL);
	free(joined);
	if (real == NULL || dir == NULL || stat(real, &st) == -1 ||
	    !S_ISREG(st.st_mode))
		diag(&n->pos, D_IMAGE_MISSING, src);
	else if (dlen = strlen(dir), strncmp(real, dir, dlen) != 0 ||
	    (real[dlen] != '/' && strcmp(dir, "/") != 0))
		diag(&n->pos, D_IMAGE_OUTSIDE, src);
	else
		n->u.img.path = tree_strdup(d, real);
	free(real);
	free(dir);
}

static void
check_link(struct node *n)
{
	static const char *const ok[] = { "http:", "https:", "mailto:",
	    "ftp:", "tel:" };
	const char *href = n->u.link.href;
	size_t i;

	if (*href == '\0') {
		diag(&n->pos, D_LINK_EMPTY);
		return;
	}
	if (!has_scheme(href))
		return;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strncasecmp(href, ok[i], strlen(ok[i])) == 0)
			return;
	diag(&n->pos, D_LINK_SCHEME, href);
}

static void
check_inlines(struct doc *d, struct node *n, struct notes *ns)
{
	struct node *c;

	for (c = n->first; c != NULL; c = c->next) {
		if (c->kind == N_IMAGE)
			check_image(d, c);
		else if (c->kind == N_LINK)
			check_link(c);
		else if (c->kind == N_FNDEF && c->parent == d->root) {
			ns->defs = xgrow(ns->defs, &ns->capdefs,
			    ns->ndefs + 1, sizeof(*ns->defs));
			ns->defs[ns->ndefs++] = c;
		}
		check_inlines(d, c, ns);
	}
}

/* "Previous: 1.07 Title", from whichever parts are given. */
static const char *
neighbour_text(struct doc *d, const char *word, const struct neighbour *nb)
{
	char *s;
	const char *out;

	if (nb->number == NULL && nb->title == NULL)
		return NULL;
	s = xasprintf("%s: %s%s%s", word, nb->number ? nb->number : "",
	    nb->number && nb->title ? " " : "", nb->title ? nb->title : "");
	out = tree_strdup(d, s);
	free(s);
	return out;
}

/* The display strings of struct meta, in the document's arena. */
static void
meta_text(struct doc *d)
{
	static const char *const months[] = { "January", "February",
	    "March", "April", "May", "June", "July", "August", "September",
	    "October", "November", "December" };
	struct meta *m = &d->meta;
	int y, mo, day;
	char *s;

	if (m->number != NULL) {
		s = xasprintf("Lecture %s", m->number);
		m->label = tree_strdup(d, s);
		free(s);
	}
	/* meta.c let only valid YYYY-MM-DD dates through. */
	if (m->date != NULL && sscanf(m->date, "%d-%d-%d", &y, &mo, &day) == 3) {
		s = xasprintf("%d %s %d", day, months[mo - 1], y);
		m->date_text = tree_strdup(d, s);
		free(s);
	}
	m->byline = m->author;
	m->previous_text = neighbour_text(d, "Previous", &m->previous);
	m->next_text = neighbour_text(d, "Next", &m->next);
}

/* The front matter's cover picture, checked as the body's pictures are. */
static void
check_cover(struct doc *d)
{
	struct node *img;

	if (d->meta.cover == NULL)
		return;
	img = tree_node(d, N_IMAGE, d->meta.pos);
	img->u.img.src = d->meta.cover;
	check_image(d, img);
	d->meta.cover_path = img->u.img.path;
}

void
check_doc(struct doc *d)
{
	struct notes ns = { NULL, 0, 0, 0 };
	struct idset ids = { NULL, NULL, 0, 0 };
	struct node **v;
	size_t n, k, kept;

	meta_text(d);
	check_cover(d);
	check_inlines(d, d->root, &ns);
	v = take_children(d->root, &n);
	for (k = kept = 0; k < n; k++)
		if (v[k]->kind != N_FNDEF)
			v[kept++] = v[k];
	make_sections(d, v, kept);
	free(v);
	set_ids(d, d->root, &ids);
	place_notes(d, &ns);
	free(ns.defs);
	free(ids.slot);
	free(ids.next);
}
