/* Validate and repair the tree: sections, heading ids, notes, images, links. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>
#include <turbojpeg.h>

#include "diag.h"
#include "labels.h"
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
 * The title is the lecture's level 1.  A body that uses "#" for its
 * sections, as much Markdown does, has them one level below it: every
 * heading goes one down (at most to MAX_LEVEL), so both books keep the
 * body's own hierarchy under the title.  Is that so for v?
 */
static int
hash_sections(struct node **v, size_t n)
{
	size_t	 k;

	for (k = 0; k < n; k++)
		if (v[k]->kind == N_HEADING && v[k]->u.head.level == 1)
			return 1;
	return 0;
}

/*
 * Headings inside quotes and lists make no sections, but they move as
 * the body's do, and none stands level with the title.
 */
static void
shift_nested(struct node *n, int shift)
{
	struct node	*c;
	int		 level;

	for (c = n->first; c != NULL; c = c->next) {
		if (c->kind == N_HEADING) {
			level = c->u.head.level + shift;
			c->u.head.level = level < 2 ? 2 :
			    level > MAX_LEVEL ? MAX_LEVEL : level;
		}
		shift_nested(c, shift);
	}
}

/* A heading as the source wrote it (level hashes), or "the title" (0). */
static const char *
as_written(int level, char buf[MAX_LEVEL + 1])
{
	int	 i;

	if (level == 0)
		return "the title";
	for (i = 0; i < level && i < MAX_LEVEL; i++)
		buf[i] = '#';
	buf[i] = '\0';
	return buf;
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
	char was[MAX_LEVEL + 1], under[MAX_LEVEL + 1];
	int depth = 0, prev = 1, written, prev_written = 0, level, i;
	int shift = hash_sections(v, n);
	size_t k;

	for (k = 0; k < n; k++) {
		if (v[k]->kind != N_HEADING) {
			shift_nested(v[k], shift);
			into = depth ? open[depth] : d->root;
			tree_append(into, v[k]);
			continue;
		}
		written = v[k]->u.head.level;
		level = written + shift <= MAX_LEVEL ? written + shift : written;
		v[k]->u.head.level = level;
		if (level > prev + 1)
			diag(&v[k]->pos, D_HEADING_SKIP, as_written(written, was),
			    as_written(prev_written, under));
		prev = level;
		prev_written = written;
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
 * A heading's id: its text in lower-case ASCII (accents dropped, other
 * characters folded to '-'), made unique with -2, -3...  Points into the arena.
 * ids maps each id given so far to the suffix to try next when that
 * id is wanted again, so a file of many "Notes" headings stays fast.
 */
static const char *
heading_id(struct doc *d, const struct node *h, GHashTable *ids)
{
	const char *s;
	struct buf b = { NULL, 0, 0 };
	gpointer base, next;
	char *id, *text;
	int k;

	/* "Les conséquences" is les-consequences, "Straße" strasse. */
	text = g_str_to_ascii(h->u.head.text, "C");
	for (s = text; *s; s++) {
		if (g_ascii_isalnum(*s))
			buf_putc(&b, g_ascii_tolower(*s));
		else if (b.len && b.p[b.len - 1] != '-')
			buf_putc(&b, '-');
	}
	g_free(text);
	while (b.len && b.p[b.len - 1] == '-')
		b.p[--b.len] = '\0';
	/*
	 * An XML id must start with a letter, and the writers' own ids
	 * (fn-1, title...) are not for headings: both get a prefix, so
	 * the numbering below always ends.
	 */
	if (b.len == 0 || !g_ascii_isalpha(b.p[0]) || reserved_id(b.p)) {
		id = xasprintf("section%s%s", b.len ? "-" : "", b.p ? b.p : "");
		buf_reset(&b);
		buf_puts(&b, id);
		free(id);
	}
	/* The second "Notes" is notes-2, the third notes-3... */
	id = xstrdup(b.p);
	if (g_hash_table_lookup_extended(ids, b.p, &base, &next)) {
		for (k = GPOINTER_TO_INT(next); free(id),
		    id = xasprintf("%s-%d", b.p, k),
		    g_hash_table_contains(ids, id); k++)
			continue;
		g_hash_table_insert(ids, base, GINT_TO_POINTER(k + 1));
	}
	buf_free(&b);
	s = tree_strdup(d, id);
	free(id);
	g_hash_table_insert(ids, (gpointer)s, GINT_TO_POINTER(2));
	return s;
}

/* Is s (UTF-8) nothing but white space? */
static int
blank_string(const char *s)
{
	for (; *s != '\0'; s = g_utf8_next_char(s))
		if (!g_unichar_isspace(g_utf8_get_char_validated(s, -1)))
			return 0;
	return 1;
}

/*
 * An empty heading (no words: "##", or only a picture without alternate
 * text) gets words from its place in the outline, "Section 2.1", as a
 * generated text, so that the EPUB's heading and nav link and the
 * PDF's heading and bookmark all read the same and none is empty (an
 * empty nav link is invalid: epubcheck RSC-005).  num is the section's
 * number, NULL outside any section.
 */
static void
name_empty_heading(struct doc *d, struct node *h, const char *num)
{
	struct node *t;
	char *s;

	s = num != NULL ? xasprintf("Section %s", num) : xstrdup("Section");
	diag(&h->pos, D_EMPTY_HEADING, s);
	t = tree_node(d, N_TEXT, h->pos);
	t->flags |= NF_GENERATED;
	t->text = tree_strdup(d, s);
	tree_append(h, t);
	free(s);
}

/*
 * Headings' text and ids, in reading order.  num is the number of the
 * section n ("2.1"), NULL for the root; its subsections count on.
 */
static void
set_ids(struct doc *d, struct node *n, GHashTable *ids, const char *num)
{
	struct node *c;
	char *sub;
	int k = 0;

	for (c = n->first; c != NULL; c = c->next) {
		if (c->kind == N_HEADING) {
			if (blank_string(tree_plain_text(d, c)))
				name_empty_heading(d, c, num);
			c->u.head.text = tree_plain_text(d, c);
			c->u.head.id = heading_id(d, c, ids);
		} else if (c->kind == N_SECTION) {
			k++;
			sub = num != NULL ? xasprintf("%s.%d", num, k) :
			    xasprintf("%d", k);
			set_ids(d, c, ids, sub);
			free(sub);
		}
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

/*
 * Number the notes by first reference, in reading order.  A note's own
 * text is read right after its first reference: a note referenced only
 * from another note comes next after it (u.note.last says how far that
 * reaches, for the page that holds the outer note), and a note that
 * references itself has its first reference already, so the one inside
 * is a second reference back to it, not another note.
 */
static void
number_refs(struct notes *ns, struct node *n)
{
	struct node *c, *def;

	for (c = n->first; c != NULL; c = c->next) {
		if (c->kind == N_FNREF) {
			if ((def = find_def(ns, c->u.note.label)) == NULL)
				continue;
			c->u.note.nref = ++def->u.note.nref;
			if (def->u.note.num == 0) {
				def->u.note.num = ++ns->next_num;
				def->u.note.last = def->u.note.num;
				number_refs(ns, def);	/* notes in notes */
				def->u.note.last = ns->next_num;
			}
			c->u.note.num = def->u.note.num;
			c->u.note.last = def->u.note.last;
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

/*
 * The length of the URL scheme that starts s ("https" in
 * "https://..."), or 0 when s has none (RFC 3986: a letter, then
 * letters, digits, '+', '-', '.', then ':').
 */
static size_t
scheme_len(const char *s)
{
	const char *p = s;

	if (!g_ascii_isalpha(*p))
		return 0;
	while (g_ascii_isalnum(*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	return *p == ':' ? (size_t)(p - s) : 0;
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
 * The pictures a book may hold (EPUB core media types), by the name
 * gdk-pixbuf gives the format it finds in the file's bytes; the PDF
 * draws each (lay_image.c).
 */
static const struct picture_type {
	const char	*format;	/* gdk_pixbuf_format_get_name() */
	const char	*type;		/* media type */
} picture_types[] = {
	{ "png", "image/png" },
	{ "jpeg", "image/jpeg" },
	{ "gif", "image/gif" },
	{ "svg", "image/svg+xml" },
};

/* The picture type of the file at path, by its content, or NULL. */
static const struct picture_type *
picture_type(const char *path, int *width, int *height)
{
	GdkPixbufFormat *f;
	gchar *name;
	size_t i;

	*width = *height = 0;
	if ((f = gdk_pixbuf_get_file_info(path, width, height)) == NULL)
		return NULL;
	name = gdk_pixbuf_format_get_name(f);
	for (i = 0; i < sizeof(picture_types) / sizeof(picture_types[0]); i++)
		if (strcmp(name, picture_types[i].format) == 0)
			break;
	g_free(name);
	if (*width < 0 || *height < 0)
		*width = *height = 0;
	return i < sizeof(picture_types) / sizeof(picture_types[0]) ?
	    &picture_types[i] : NULL;
}

/*
 * Does the JPEG at path decode to its end with not even a warning?
 * gdk-pixbuf (as libjpeg's default handler) takes a truncated or
 * corrupt JPEG for a whole one, with grey where the data stops; and the
 * PDF embeds a JPEG's bytes as they are, so no later stage would see
 * it.  TurboJPEG reports libjpeg's warnings ("Premature end of JPEG
 * file", "Corrupt JPEG data") as failures.  Decoded at an eighth of
 * its size (JPEG_CHECK_SCALE): every coefficient is still read, in a
 * sixty-fourth of the memory.
 */
#define JPEG_CHECK_SCALE	8
static int
jpeg_whole(const char *path)
{
	tjhandle h;
	gchar *data = NULL;
	gsize len;
	unsigned char *px = NULL;
	int w, ht, sub, cs, pf, ok = 0;

	if (!g_file_get_contents(path, &data, &len, NULL) ||
	    len > ULONG_MAX || (h = tjInitDecompress()) == NULL) {
		g_free(data);
		return 0;
	}
	if (tjDecompressHeader3(h, (unsigned char *)data, (unsigned long)len,
	    &w, &ht, &sub, &cs) == 0 && w > 0 && ht > 0) {
		pf = cs == TJCS_CMYK || cs == TJCS_YCCK ? TJPF_CMYK : TJPF_RGB;
		w = (w + JPEG_CHECK_SCALE - 1) / JPEG_CHECK_SCALE;
		ht = (ht + JPEG_CHECK_SCALE - 1) / JPEG_CHECK_SCALE;
		px = xreallocarray(NULL, (size_t)w * (size_t)ht,
		    (size_t)tjPixelSize[pf]);
		ok = tjDecompress2(h, (unsigned char *)data,
		    (unsigned long)len, px, w, 0, ht, pf,
		    TJFLAG_STOPONWARNING) == 0;
	}
	free(px);
	tjDestroy(h);
	g_free(data);
	return ok;
}

/*
 * Does the picture at path, of type pt, decode to its end?  A truncated
 * or damaged file would be embedded as it is and break the book.
 * gdk-pixbuf refuses a PNG without its end or with a bad checksum, a
 * GIF cut short, an SVG librsvg cannot read; a JPEG needs jpeg_whole().
 * Decoded once per file: decoded maps each path seen to its verdict.
 */
static int
picture_whole(const char *path, const struct picture_type *pt,
    GHashTable *decoded)
{
	GdkPixbuf *pb;
	GError *err = NULL;
	gpointer seen;
	int whole;

	if (g_hash_table_lookup_extended(decoded, path, NULL, &seen))
		return GPOINTER_TO_INT(seen);
	pb = gdk_pixbuf_new_from_file(path, &err);
	whole = pb != NULL;
	if (pb != NULL)
		g_object_unref(pb);
	g_clear_error(&err);
	if (whole && strcmp(pt->type, "image/jpeg") == 0)
		whole = jpeg_whole(path);
	g_hash_table_insert(decoded, g_strdup(path), GINT_TO_POINTER(whole));
	return whole;
}

/*
 * The file an image names, if it is a regular file inside the source
 * folder (realpath() also catches symbolic links that lead out), as a
 * new string; else NULL after saying why.
 */
static char *
image_file(struct doc *d, const struct node *n)
{
	const char *src = n->u.img.src;
	char *joined, *real, *dir;
	struct stat st;
	size_t dlen;

	if (scheme_len(src) > 0 || strncmp(src, "//", 2) == 0) {
		diag(&n->pos, D_IMAGE_REMOTE, src);
		return NULL;
	}
	if (escapes(src)) {
		diag(&n->pos, D_IMAGE_OUTSIDE, src);
		return NULL;
	}
	joined = xasprintf("%s/%s", d->dir, src);
	real = realpath(joined, NULL);
	dir = realpath(d->dir, NULL);
	free(joined);
	if (real == NULL || dir == NULL || stat(real, &st) == -1 ||
	    !S_ISREG(st.st_mode)) {
		diag(&n->pos, D_IMAGE_MISSING, src);
		free(real);
		real = NULL;
	} else if (dlen = strlen(dir), strncmp(real, dir, dlen) != 0 ||
	    (real[dlen] != '/' && strcmp(dir, "/") != 0)) {
		diag(&n->pos, D_IMAGE_OUTSIDE, src);
		free(real);
		real = NULL;
	}
	free(dir);
	return real;
}

/*
 * Resolve an image to a file inside the source folder holding a
 * picture both books can hold, judged by its bytes, not its name; or
 * say why not.
 */
static void
check_image(struct doc *d, struct node *n, GHashTable *decoded)
{
	const struct picture_type *pt;
	char *real;
	int w, h;

	if ((real = image_file(d, n)) == NULL)
		return;
	if ((pt = picture_type(real, &w, &h)) == NULL) {
		diag(&n->pos, D_IMAGE_TYPE, n->u.img.src);
		free(real);
		return;
	}
	if (!picture_whole(real, pt, decoded)) {
		diag(&n->pos, D_IMAGE_BROKEN, n->u.img.src);
		free(real);
		return;
	}
	n->u.img.path = tree_strdup(d, real);
	n->u.img.type = pt->type;
	n->u.img.width = w;
	n->u.img.height = h;
	free(real);
}

/* Is the text node only spaces and tabs (the line around a picture)? */
static int
blank_text(const struct node *n)
{
	const char *t;

	if (n->kind == N_SOFTBREAK)
		return 1;
	if (n->kind != N_TEXT)
		return 0;
	for (t = n->text; *t == ' ' || *t == '\t'; t++)
		continue;
	return *t == '\0';
}

/*
 * A paragraph that holds one picture and nothing else but blanks is a
 * figure, set apart in both books; the blanks go.  Any other picture
 * is inline, part of its line.  A figure's title (![what it shows](map.png
 * "Figure 2. The Yangtze basin")) is its caption, under it in both
 * books; its alt text stays what a reader who cannot see it hears.
 */
static void
mark_figure(struct node *para)
{
	struct node *c, *next, *img = NULL;

	for (c = para->first; c != NULL; c = c->next) {
		if (c->kind == N_IMAGE && img == NULL)
			img = c;
		else if (!blank_text(c))
			return;
	}
	if (img == NULL)
		return;
	for (c = para->first; c != NULL; c = next) {
		next = c->next;
		if (c != img)
			tree_unlink(c);
	}
	para->flags |= NF_FIGURE;
	if (img->u.img.title != NULL && !blank_string(img->u.img.title))
		img->u.img.caption = img->u.img.title;
}

static void
check_inlines(struct doc *d, struct node *n, struct notes *ns,
    GHashTable *decoded)
{
	struct node *c;

	for (c = n->first; c != NULL; c = c->next) {
		if (c->kind == N_IMAGE)
			check_image(d, c, decoded);
		else if (c->kind == N_FNDEF && c->parent == d->root) {
			ns->defs = xgrow(ns->defs, &ns->capdefs,
			    ns->ndefs + 1, sizeof(*ns->defs));
			ns->defs[ns->ndefs++] = c;
		}
		check_inlines(d, c, ns, decoded);
		if (c->kind == N_PARA)
			mark_figure(c);
	}
}

/*
 * The URL schemes a link may have, live in both books: the web, mail,
 * and telephone numbers (a reader on a phone dials them; elsewhere
 * they do no harm).  Any other scheme (javascript:, file:, data:) is
 * an error: the book would carry a link that runs code, reads the
 * reader's disk, or leads nowhere.
 */
static const char *const link_schemes[] = {
	"http", "https", "mailto", "ftp", "tel"
};

static int
scheme_allowed(const char *href, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(link_schemes) / sizeof(link_schemes[0]); i++)
		if (strlen(link_schemes[i]) == len &&
		    g_ascii_strncasecmp(href, link_schemes[i], len) == 0)
			return 1;
	return 0;
}

/* Is id "fn-N" for one of the doc's notes? */
static int
note_id(const struct doc *d, const char *id)
{
	char *end;
	long num;

	if (strncmp(id, "fn-", 3) != 0 || !g_ascii_isdigit(id[3]) ||
	    id[3] == '0')
		return 0;
	num = strtol(id + 3, &end, 10);
	return *end == '\0' && num >= 1 && num <= d->nnotes;
}

/*
 * Decide where a link leads: a URL of an allowed scheme, a heading or
 * a note of this book, or nowhere (its text stays, without a link).
 * A relative file (lecture-2.html) is not in the book: no reading
 * system or PDF viewer can follow it, so it is text, with a warning.
 */
static void
resolve_link(struct doc *d, struct node *n, GHashTable *ids)
{
	const char *href = n->u.link.href;
	size_t len;

	n->u.link.kind = LK_TEXT;
	n->u.link.target = NULL;
	if (*href == '\0') {
		diag(&n->pos, D_LINK_EMPTY);
	} else if (*href == '#') {
		if (g_hash_table_contains(ids, href + 1))
			n->u.link.kind = LK_INTERNAL;
		else if (note_id(d, href + 1))
			n->u.link.kind = LK_NOTE;
		else
			diag(&n->pos, D_LINK_DANGLING, href + 1);
		if (n->u.link.kind != LK_TEXT)
			n->u.link.target = href + 1;
	} else if ((len = scheme_len(href)) == 0) {
		diag(&n->pos, D_LINK_LOCAL, href);
	} else if (!scheme_allowed(href, len)) {
		diag(&n->pos, D_LINK_SCHEME, href);
	} else {
		n->u.link.kind = LK_EXTERNAL;
		n->u.link.target = href;
	}
}

static void
resolve_links(struct doc *d, struct node *n, GHashTable *ids)
{
	struct node *c;

	for (c = n->first; c != NULL; c = c->next) {
		if (c->kind == N_LINK)
			resolve_link(d, c, ids);
		resolve_links(d, c, ids);
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
	s = xasprintf("%s%s%s%s", word, nb->number ? nb->number : "",
	    nb->number && nb->title ? " " : "", nb->title ? nb->title : "");
	out = tree_strdup(d, s);
	free(s);
	return out;
}

/*
 * The display strings of struct meta, in the document's arena: the
 * only place lectern words a date or a label, so both books agree.
 */
static void
meta_text(struct doc *d)
{
	struct meta *m = &d->meta;
	const struct labels *w;
	int y, mo, day, fallback;
	char *s;

	m->labels = w = labels_for(m->lang, &fallback);
	m->words_lang = fallback ? "en" : NULL;
	m->title_text = m->title != NULL ? m->title : d->stem;
	m->toc_text = m->title_text;
	if (m->number != NULL) {
		s = xasprintf(w->lecture, m->number);
		m->label = tree_strdup(d, s);
		free(s);
		s = xasprintf("%s %s", m->number, m->title_text);
		m->toc_text = tree_strdup(d, s);
		free(s);
	}
	/* meta.c let only valid YYYY-MM-DD dates through. */
	if (m->date != NULL && sscanf(m->date, "%d-%d-%d", &y, &mo, &day) == 3 &&
	    mo >= 1 && mo <= 12) {
		s = xasprintf(w->date, day, w->months[mo - 1], y);
		m->date_text = tree_strdup(d, s);
		free(s);
	}
	m->byline = m->author;
	m->previous_text = neighbour_text(d, w->previous, &m->previous);
	m->next_text = neighbour_text(d, w->next, &m->next);
}

/* The front matter's cover picture, checked as the body's pictures are. */
static void
check_cover(struct doc *d, GHashTable *decoded)
{
	struct node *img;

	if (d->meta.cover == NULL)
		return;
	img = tree_node(d, N_IMAGE, d->meta.pos);
	img->u.img.src = d->meta.cover;
	check_image(d, img, decoded);
	d->meta.cover_path = img->u.img.path;
	d->meta.cover_type = img->u.img.type;
}

/* --- languages ------------------------------------------------------- */

/* Put n's children where n is, and n out of the tree. */
static void
unwrap(struct node *n)
{
	struct node	*c;

	while ((c = n->first) != NULL) {
		tree_unlink(c);
		tree_insert_before(n, c);
	}
	tree_unlink(n);
}

/*
 * The language of a Han run read.c found, where the author's span or
 * else the lecture says around: Han is in that language when it is
 * Chinese, Japanese or Korean, else in the lecture's cjk-lang; kana is
 * Japanese.  NULL: the run is in the language around it, and needs no
 * span of its own.
 */
static const char *
han_lang(const struct doc *d, const struct node *run, const char *around)
{
	if (run->u.lang.tag == NULL)
		return lang_han_tag(around, d->meta.cjk_lang);
	return g_strcmp0(lang_cjk_face(around), "ja") == 0 ? NULL :
	    run->u.lang.tag;
}

/*
 * The language of every run read.c found in another script than Latin:
 * Han's (han_lang()); a word of Greek, Arabic, Cyrillic... is in the
 * script's likely language (util.c's script_lang()) unless the span
 * around it or the lecture is written in that script (Russian in a
 * Ukrainian lecture stays Ukrainian).  A run that needs no span of its
 * own is unwrapped, so both writers set the words as their neighbours.
 */
static void
tag_script_runs(struct doc *d, struct node *n, const char *outer)
{
	struct node	*c, *next;
	const char	*around = outer != NULL ? outer : d->meta.lang;

	for (c = n->first; c != NULL; c = next) {
		next = c->next;
		if (c->kind == N_LANG) {
			c->u.lang.tag = c->u.lang.script == G_UNICODE_SCRIPT_HAN ?
			    han_lang(d, c, around) :
			    script_lang_in(c->u.lang.script, around);
			if (c->u.lang.tag == NULL) {
				unwrap(c);
				continue;
			}
		}
		tag_script_runs(d, c, c->kind == N_SPAN &&
		    c->u.span.lang != NULL ? c->u.span.lang : outer);
	}
}

/*
 * Each quotation (<q>) takes the marks of its language, the nearest
 * lang around it (a span's, a tagged run's) or the lecture's, and of
 * its depth: a quotation inside another takes the inner marks.  Both
 * writers print them, so the EPUB and the PDF read the same words.
 */
static void
quote_marks(struct node *n, const char *lang, int depth)
{
	const struct labels	*lb;
	struct node		*c;
	int			 fb, inner;

	for (c = n->first; c != NULL; c = c->next) {
		inner = depth;
		if (c->kind == N_SPAN && c->u.span.el == SP_Q) {
			lb = labels_for(c->u.span.lang ? c->u.span.lang : lang,
			    &fb);
			c->u.span.q_open = lb->quotes[depth % 2 * 2];
			c->u.span.q_close = lb->quotes[depth % 2 * 2 + 1];
			inner++;
		}
		quote_marks(c, c->kind == N_SPAN && c->u.span.lang != NULL ?
		    c->u.span.lang : c->kind == N_LANG && c->u.lang.tag ?
		    c->u.lang.tag : lang, inner);
	}
}

/*
 * Han's face comes from the lecture's language (zh-Hant, zh-TW, zh-HK:
 * Traditional; ja; ko), unless cjk-lang names another.
 */
static void
decide_languages(struct doc *d)
{
	const char	*face;

	d->meta.rtl = lang_is_rtl(d->meta.lang);
	if (d->meta.cjk_lang == NULL) {
		face = lang_cjk_face(d->meta.lang);
		d->meta.cjk_lang = face != NULL ? face : "zh-Hans";
	}
	d->meta.han_lang = lang_han_tag(d->meta.lang, d->meta.cjk_lang);
	tag_script_runs(d, d->root, NULL);
	quote_marks(d->root, d->meta.lang, 0);
}

void
check_doc(struct doc *d)
{
	struct notes ns = { NULL, 0, 0, 0 };
	GHashTable *ids, *decoded;
	struct node **v;
	size_t n, k, kept;

	/* Keys point into the doc's arena: the table frees nothing. */
	ids = g_hash_table_new(g_str_hash, g_str_equal);
	decide_languages(d);
	meta_text(d);
	decoded = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	check_cover(d, decoded);
	check_inlines(d, d->root, &ns, decoded);
	g_hash_table_destroy(decoded);
	v = take_children(d->root, &n);
	for (k = kept = 0; k < n; k++)
		if (v[k]->kind != N_FNDEF)
			v[kept++] = v[k];
	make_sections(d, v, kept);
	free(v);
	set_ids(d, d->root, ids, NULL);
	place_notes(d, &ns);
	/* After the ids and the note numbers: links may name them. */
	resolve_links(d, d->root, ids);
	free(ns.defs);
	g_hash_table_destroy(ids);
}
