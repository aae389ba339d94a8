/* The page importer: a lecture page saved as text, into our tree or a Markdown source. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <yaml.h>

#include "diag.h"
#include "lectern.h"
#include "output.h"
#include "read.h"
#include "tree.h"
#include "util.h"

/*
 * A heading is a short line: a longer line standing alone is a
 * sentence of its own (the seed's longest heading has 74 characters).
 */
#define HEADING_MAX_CHARS 90

/* A no-break space, which saved pages use for spacing. */
#define NBSP "\xC2\xA0"

/*
 * What the importer made of each stretch of the page.  The list is the
 * one decision; the tree builder and the Markdown printer both read it.
 */
enum bkind {
	B_DROP,		/* navigation leftover: "top of page", "TOP" */
	B_TITLE,	/* the first line: NUMBER  TITLE */
	B_DATE,		/* a date line before the body */
	B_PREVIOUS,	/* PREVIOUS: NUMBER  TITLE */
	B_NEXT,		/* NEXT: NUMBER  TITLE */
	B_PARA,
	B_HEADING	/* a short line alone, followed by a paragraph */
};

/* Why a short line stayed a paragraph (for -v). */
enum why {
	W_NONE,
	W_PUNCT,	/* it ends like a sentence */
	W_LONG,		/* too long for a heading */
	W_NO_PARA	/* no paragraph follows it */
};

struct block {
	enum bkind	 kind;
	enum why	 why;
	int		 line;	/* first line in the page, 1-based */
	int		 col;	/* column of its first character */
	int		 nlines;
	const char	*text;	/* lines trimmed, joined by \n; in the arena */
};

struct page {
	struct doc	*doc;
	struct block	*blocks;
	size_t		 nblocks, cap;
	int		 title_seen;	/* the first line came */
	int		 body_seen;	/* a paragraph came: no more dates */
};

int
import_is_page(const char *path)
{
	size_t n = strlen(path);

	return n > 4 && strcmp(path + n - 4, ".txt") == 0;
}

/* Bytes of space, tab or no-break space at s (0 if none). */
static size_t
space_at(const char *s)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	return strncmp(s, NBSP, 2) == 0 ? 2 : 0;
}

/*
 * The line s..end without the spaces at either end and, when collapse
 * is set, with each run of spaces that holds a no-break space made one
 * space: a page editor's "word,&nbsp; word" is spacing, not a bond.  A
 * lone no-break space ("6&nbsp;March") is kept.  Sets *skipped to the
 * characters dropped in front.  Points into the arena.
 */
static const char *
tidy_line(struct doc *d, const char *s, const char *end, int collapse,
    int *skipped)
{
	struct buf b = { NULL, 0, 0 };
	const char *run, *out;
	size_t n;
	int lead = 0, wide;

	while (s < end && (n = space_at(s)) > 0)
		s += n, lead++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\r' || (end - s >= 2 && strncmp(end - 2, NBSP, 2) == 0)))
		end -= (unsigned char)end[-1] == 0xA0 ? 2 : 1;
	while (s < end) {
		if (space_at(s) == 0) {
			buf_putc(&b, *s++);
			continue;
		}
		for (run = s, wide = 0; s < end && (n = space_at(s)) > 0; s += n)
			wide |= n == 2;
		if (collapse && wide && s - run > 2)
			buf_putc(&b, ' ');
		else
			buf_put(&b, run, (size_t)(s - run));
	}
	*skipped = lead;
	out = tree_strndup(d, b.p ? b.p : "", b.len);
	buf_free(&b);
	return out;
}

/* Is the tidied line a saved page's navigation leftover? */
static int
is_leftover(const char *line)
{
	return g_ascii_strcasecmp(line, "top of page") == 0 ||
	    g_ascii_strcasecmp(line, "bottom of page") == 0 ||
	    strcmp(line, "TOP") == 0;
}

static struct block *
add_block(struct page *pg, enum bkind kind, int line, int col,
    const char *text)
{
	struct block *b;

	pg->blocks = xgrow(pg->blocks, &pg->cap, pg->nblocks + 1,
	    sizeof(*pg->blocks));
	b = &pg->blocks[pg->nblocks++];
	b->kind = kind;
	b->why = W_NONE;
	b->line = line;
	b->col = col;
	b->nlines = 1;
	b->text = text;
	return b;
}

/*
 * A line standing alone: the title, a date, PREVIOUS:/NEXT:, or the
 * start of a paragraph.  Fills the doc's meta as it goes.  raw is the
 * line with its wide spaces, which set a number off from its title.
 */
static void
single_line(struct page *pg, const char *text, const char *raw, int line,
    int col)
{
	struct meta *m = &pg->doc->meta;
	struct neighbour nb = { NULL, NULL };
	char iso[11];
	size_t n;

	if (!pg->title_seen) {
		pg->title_seen = 1;
		meta_neighbour_text(pg->doc, raw, &nb);
		m->number = nb.number;
		m->title = nb.title;
		add_block(pg, B_TITLE, line, col, text);
		return;
	}
	if (strncmp(raw, "PREVIOUS:", n = 9) == 0 ||
	    strncmp(raw, "NEXT:", n = 5) == 0) {
		meta_neighbour_text(pg->doc, raw + n, *raw == 'P' ?
		    &m->previous : &m->next);
		add_block(pg, *raw == 'P' ? B_PREVIOUS : B_NEXT, line, col,
		    text);
		return;
	}
	if (!pg->body_seen && m->date == NULL && meta_date_iso(text, iso)) {
		m->date = tree_strdup(pg->doc, iso);
		add_block(pg, B_DATE, line, col, text);
		return;
	}
	pg->body_seen = 1;
	add_block(pg, B_PARA, line, col, text);
}

/* A paragraph's further lines are over: its text goes to the arena. */
static void
close_paragraph(struct page *pg, struct block **open, struct buf *lines)
{
	if (*open != NULL && (*open)->nlines > 1)
		(*open)->text = tree_strndup(pg->doc, lines->p, lines->len);
	*open = NULL;
	buf_reset(lines);
}

/*
 * Cut the page into blocks: lines holding only spaces separate them,
 * leftovers are dropped, each block's first line says what it is.
 */
static void
split_page(struct page *pg, const char *s, const char *end)
{
	struct block *open = NULL;	/* the paragraph being extended */
	struct buf lines = { NULL, 0, 0 };	/* its lines so far */
	const char *nl, *text;
	int line = 1, skipped;

	for (; s < end; s = nl + 1, line++) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		text = tidy_line(pg->doc, s, nl, 1, &skipped);
		if (*text == '\0') {
			close_paragraph(pg, &open, &lines);
		} else if (is_leftover(text)) {
			close_paragraph(pg, &open, &lines);
			add_block(pg, B_DROP, line, 1 + skipped, text);
		} else if (open != NULL) {
			buf_putc(&lines, '\n');
			buf_puts(&lines, text);
			open->nlines++;
		} else {
			single_line(pg, text, tidy_line(pg->doc, s, nl, 0,
			    &skipped), line, 1 + skipped);
			if (pg->blocks[pg->nblocks - 1].kind == B_PARA) {
				open = &pg->blocks[pg->nblocks - 1];
				buf_puts(&lines, text);
			}
		}
		if (nl == end)
			break;
	}
	close_paragraph(pg, &open, &lines);
	buf_free(&lines);
}

/* Does the text end as a sentence or a clause does? */
static int
ends_closed(const char *s)
{
	static const char *const closing[] = { ".", "!", "?", ":", ";",
	    ",", "\xE2\x80\xA6", "\xE3\x80\x82", "\xEF\xBC\x81",
	    "\xEF\xBC\x9F", "\xEF\xBC\x9A", "\xEF\xBC\x9B", "\xEF\xBC\x8C" };
	static const char *const quotes[] = { "\"", "'", "\xE2\x80\x9D",
	    "\xE2\x80\x99", "\xC2\xBB" };
	size_t n = strlen(s), i, k;

	/* A closing quote after the stop: 'He said "no."' */
	for (i = 0; i < sizeof(quotes) / sizeof(quotes[0]); i++) {
		k = strlen(quotes[i]);
		if (n >= k && memcmp(s + n - k, quotes[i], k) == 0) {
			n -= k;
			i = (size_t)-1;
		}
	}
	for (i = 0; i < sizeof(closing) / sizeof(closing[0]); i++) {
		k = strlen(closing[i]);
		if (n >= k && memcmp(s + n - k, closing[i], k) == 0)
			return 1;
	}
	return 0;
}

/*
 * Headings: a one-line block, short, not ending like a sentence, with
 * a paragraph after it.  Decided from the last block back, so that of
 * two short lines in a row only the second can be a heading.
 */
static void
find_headings(struct page *pg)
{
	struct block *b, *after = NULL;
	size_t i;

	for (i = pg->nblocks; i-- > 0;) {
		b = &pg->blocks[i];
		if (b->kind == B_DROP)
			continue;
		if (b->kind == B_PARA && b->nlines == 1) {
			if (g_utf8_strlen(b->text, -1) > HEADING_MAX_CHARS)
				b->why = W_LONG;
			else if (ends_closed(b->text))
				b->why = W_PUNCT;
			else if (after == NULL || after->kind != B_PARA)
				b->why = W_NO_PARA;
			else
				b->kind = B_HEADING;
		}
		after = b;
	}
}

/* The last character of s, quoted for a message. */
static const char *
last_char(const char *s)
{
	const char *p = g_utf8_find_prev_char(s, s + strlen(s));

	return p ? p : s;
}

/* -v: one line for each decision, at its line in the page. */
static void
report(const struct page *pg, const struct block *b)
{
	const struct meta *m = &pg->doc->meta;
	const char *file = pg->doc->path;

	switch (b->kind) {
	case B_DROP:
		fprintf(stderr, "%s:%d: dropped \"%s\"\n", file, b->line,
		    b->text);
		break;
	case B_TITLE:
		fprintf(stderr, "%s:%d: number \"%s\", title \"%s\"\n", file,
		    b->line, m->number ? m->number : "",
		    m->title ? m->title : "");
		break;
	case B_DATE:
		fprintf(stderr, "%s:%d: date %s\n", file, b->line, m->date);
		break;
	case B_PREVIOUS:
	case B_NEXT:
	{
		const struct neighbour *nb = b->kind == B_NEXT ? &m->next :
		    &m->previous;
		fprintf(stderr, "%s:%d: %s number \"%s\", title \"%s\"\n",
		    file, b->line, b->kind == B_NEXT ? "next" : "previous",
		    nb->number ? nb->number : "", nb->title ? nb->title : "");
		break;
	}
	case B_HEADING:
		fprintf(stderr, "%s:%d: heading \"%s\"\n", file, b->line,
		    b->text);
		break;
	case B_PARA:
		if (b->why == W_PUNCT)
			fprintf(stderr, "%s:%d: paragraph, not a heading: "
			    "\"%s\" ends with \"%s\"\n", file, b->line, b->text,
			    last_char(b->text));
		else if (b->why == W_NO_PARA)
			fprintf(stderr, "%s:%d: paragraph, not a heading: "
			    "\"%s\" has no paragraph after it\n", file,
			    b->line, b->text);
		else
			fprintf(stderr, "%s:%d: paragraph\n", file, b->line);
		break;
	}
}

/*
 * Read the page at path into a new doc and its block list.  NULL when
 * the file cannot be read (reported).  Caller frees the doc and
 * pg->blocks.
 */
static struct doc *
import_page(const char *path, int verbose, struct page *pg)
{
	struct doc *d;
	char *raw, *text;
	const char *s;
	size_t rawlen, len, i;

	memset(pg, 0, sizeof(*pg));
	if (file_read(path, &raw, &rawlen) == -1) {
		diag_file(path, D_SYS_READ, strerror(errno));
		return NULL;
	}
	d = pg->doc = doc_new(path);
	text = read_clean_utf8(d, raw, rawlen, &len);
	free(raw);
	s = text;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;	/* a byte-order mark is not content */
	split_page(pg, s, text + len);
	free(text);
	find_headings(pg);
	if (d->meta.title == NULL || *d->meta.title == '\0')
		diag(&d->meta.pos, D_IMPORT_NO_TITLE);
	for (i = 0; verbose && i < pg->nblocks; i++)
		report(pg, &pg->blocks[i]);
	return d;
}

/* Does s, after an &, read as an entity: "amp;", "#42;", "#x2A;"? */
static int
is_entity(const char *s)
{
	size_t n;

	if (*s == '#')
		s += s[1] == 'x' || s[1] == 'X' ? 2 : 1;
	for (n = 0; g_ascii_isalnum(s[n]); n++)
		continue;
	return n > 0 && s[n] == ';';
}

/*
 * Is s[i] where cmark-gfm's autolink extension would start reading a
 * web address ("http://", "www.")?  It reads the raw text, so escapes
 * further on would become part of the address; an escaped ":" or "."
 * here keeps the address text, as the page had it.
 */
static int
starts_address(const char *s, size_t i)
{
	if (s[i] == ':')
		return strncmp(s + i + 1, "//", 2) == 0;
	return s[i] == '.' && i >= 3 &&
	    g_ascii_strncasecmp(s + i - 3, "www", 3) == 0;
}

/*
 * Characters Markdown would read as markup get a backslash, so the
 * page's words come back as they were.  Some are markup anywhere
 * (emphasis, code, links, HTML, tables, the start of a web address),
 * some only at a line start (headings, lists, quotes, underlines).
 */
static void
escape_line(struct buf *out, const char *s, int heading)
{
	size_t n = strlen(s), digits, i, hashes;

	digits = strspn(s, "0123456789");
	/* "---" would be a rule or an underline, and "\---" an en dash. */
	for (; *s == '-'; s++, n--)
		buf_puts(out, "\\-");
	if (strchr("#>+=", *s) != NULL && *s != '\0')
		buf_putc(out, '\\');
	/* "1. " or "1) " starts an ordered list. */
	if (digits > 0 && digits <= 9 && (s[digits] == '.' ||
	    s[digits] == ')') && (s[digits + 1] == ' ' ||
	    s[digits + 1] == '\0')) {
		buf_put(out, s, digits);
		buf_putc(out, '\\');
		s += digits;
		n -= digits;
	}
	/* A heading's closing run of # would be dropped. */
	for (hashes = 0; heading && hashes < n && s[n - 1 - hashes] == '#';)
		hashes++;
	for (i = 0; i < n; i++) {
		if (strchr("\\`*_[<|~", s[i]) != NULL || starts_address(s, i) ||
		    (hashes > 0 && i > 0 && i == n - hashes) ||
		    (s[i] == '&' && is_entity(s + i + 1)))
			buf_putc(out, '\\');
		buf_putc(out, s[i]);
	}
}

/* One block as Markdown: "## text" or the paragraph's lines. */
static void
block_markdown(struct buf *out, const struct block *b)
{
	const char *s = b->text, *nl;
	char *line;

	if (b->kind == B_HEADING)
		buf_puts(out, "## ");
	for (;;) {
		nl = strchr(s, '\n');
		line = xstrndup(s, nl ? (size_t)(nl - s) : strlen(s));
		escape_line(out, line, b->kind == B_HEADING);
		free(line);
		buf_putc(out, '\n');
		if (nl == NULL)
			break;
		s = nl + 1;
	}
}

struct doc *
import_doc(const char *path, int verbose)
{
	struct page pg;
	struct buf md = { NULL, 0, 0 };
	struct doc *d;
	size_t i;

	if ((d = import_page(path, verbose, &pg)) == NULL)
		return NULL;
	d->root = tree_node(d, N_ROOT, d->meta.pos);
	for (i = 0; i < pg.nblocks; i++) {
		if (pg.blocks[i].kind != B_PARA &&
		    pg.blocks[i].kind != B_HEADING)
			continue;
		buf_reset(&md);
		block_markdown(&md, &pg.blocks[i]);
		read_markdown_block(d, md.p, md.len, pg.blocks[i].line,
		    pg.blocks[i].col);
	}
	buf_free(&md);
	free(pg.blocks);
	return d;
}

static int
yaml_to_buf(void *data, unsigned char *s, size_t n)
{
	buf_put(data, (const char *)s, n);
	return 1;
}

/* Emit one scalar: quoted for text, plain for dates and tags. */
static void
emit_scalar(yaml_emitter_t *e, const char *s, int quoted)
{
	yaml_event_t ev;

	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s,
	    (int)strlen(s), 1, 1, quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE :
	    YAML_PLAIN_SCALAR_STYLE);
	yaml_emitter_emit(e, &ev);
}

static void
emit_pair(yaml_emitter_t *e, const char *key, const char *value,
    int quoted)
{
	if (value == NULL)
		return;
	emit_scalar(e, key, 0);
	emit_scalar(e, value, quoted);
}

static void
emit_mapping(yaml_emitter_t *e, int start)
{
	yaml_event_t ev;

	if (start)
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_MAPPING_STYLE);
	else
		yaml_mapping_end_event_initialize(&ev);
	yaml_emitter_emit(e, &ev);
}

static void
emit_neighbour(yaml_emitter_t *e, const char *key,
    const struct neighbour *nb)
{
	if (nb->number == NULL && nb->title == NULL)
		return;
	emit_scalar(e, key, 0);
	emit_mapping(e, 1);
	emit_pair(e, "number", nb->number, 1);
	emit_pair(e, "title", nb->title, 1);
	emit_mapping(e, 0);
}

/*
 * The front matter, written by libyaml so that any title is quoted
 * correctly; between --- lines.
 */
static void
front_matter(struct buf *out, const struct meta *m)
{
	yaml_emitter_t e;
	yaml_event_t ev;

	yaml_emitter_initialize(&e);
	yaml_emitter_set_output(&e, yaml_to_buf, out);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, -1);	/* a title stays on its line */
	buf_puts(out, "---\n");
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	yaml_emitter_emit(&e, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	yaml_emitter_emit(&e, &ev);
	emit_mapping(&e, 1);
	emit_pair(&e, "number", m->number, 1);
	emit_pair(&e, "title", m->title, 1);
	emit_pair(&e, "date", m->date, 0);
	emit_pair(&e, "lang", m->lang, 0);
	emit_neighbour(&e, "previous", &m->previous);
	emit_neighbour(&e, "next", &m->next);
	emit_mapping(&e, 0);
	yaml_document_end_event_initialize(&ev, 1);
	yaml_emitter_emit(&e, &ev);
	yaml_stream_end_event_initialize(&ev);
	yaml_emitter_emit(&e, &ev);
	yaml_emitter_flush(&e);
	yaml_emitter_delete(&e);
	buf_puts(out, "---\n");
}

/* The whole source: front matter, then each block after a blank line. */
static void
page_markdown(struct buf *out, const struct page *pg)
{
	size_t i;

	front_matter(out, &pg->doc->meta);
	for (i = 0; i < pg->nblocks; i++)
		if (pg->blocks[i].kind == B_PARA ||
		    pg->blocks[i].kind == B_HEADING) {
			buf_putc(out, '\n');
			block_markdown(out, &pg->blocks[i]);
		}
}

/* Write len bytes to path through a checked temporary file; 0 or -1 (reported). */
static int
write_whole(const char *path, const char *s, size_t len)
{
	struct output o;

	if (output_open(&o, path) == -1)
		return -1;
	output_write(&o, s, len);	/* a failure is reported by close */
	if (output_close(&o) == -1 || output_commit(&o) == -1) {
		output_abandon(&o);
		return -1;
	}
	return 0;
}

int
import_write(const char *path, const char *out, int verbose)
{
	struct page pg;
	struct buf md = { NULL, 0, 0 };
	int rc = 0;

	if (import_page(path, verbose, &pg) == NULL)
		return -1;
	page_markdown(&md, &pg);
	if (diag_worst() >= LVL_ERROR)
		rc = -1;
	else if (out != NULL)
		rc = write_whole(out, md.p, md.len);
	else if (fwrite(md.p, 1, md.len, stdout) != md.len ||
	    fflush(stdout) != 0) {
		diag_file("stdout", D_SYS_WRITE, strerror(errno));
		rc = -1;
	}
	if (rc == 0 && verbose && out != NULL)
		fprintf(stderr, "%s: wrote %s\n", path, out);
	buf_free(&md);
	doc_free(pg.doc);
	free(pg.blocks);
	return rc;
}
