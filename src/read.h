/* What the readers share: read.c (Markdown), import.c (saved pages), meta.c. */
#ifndef LECTERN_READ_H
#define LECTERN_READ_H

#include <stddef.h>

#include "diag.h"

struct doc;
struct neighbour;
struct pos;
struct yaml_document_s;
struct yaml_node_s;
struct yaml_mark_s;

/*
 * Check the bytes of a source: report every invalid UTF-8 sequence and
 * NUL with its position, and return a copy where each is replaced by
 * U+FFFD.  Caller frees.
 */
char	*read_clean_utf8(struct doc *, const char *s, size_t len,
	    size_t *outlen);
/*
 * Parse md, one block of Markdown that import.c printed, and append
 * what it holds to the document's root.  Its first line is line `line`
 * of the source file, starting at column col, so positions point into
 * the page, not into the Markdown.
 */
void	 read_markdown_block(struct doc *, const char *md, size_t len,
	    int line, int col);

/*
 * A neighbour typed as one string, "2.12  Review Session": the number
 * is the first word when it looks like a lecture number (2.12, 3, IV),
 * else the whole string is the title.  Strings go to the doc's arena.
 */
void	 meta_neighbour_text(struct doc *, const char *s,
	    struct neighbour *);
/*
 * A date as people type it: 2024-09-09, 9 September 2024 or
 * September 9, 2024 (spaces may be no-break spaces).  Writes the
 * YYYY-MM-DD form to iso and returns 1 when it is a real date.
 */
int	 meta_date_iso(const char *s, char iso[11]);
/* Is s a language tag in BCP 47's common shape (en, zh-Hant, pt-BR)? */
int	 meta_valid_lang(const char *s);

/*
 * libyaml for the front matter and the course file: where a mark is
 * (its line counted from first_line), and a scalar's text or a
 * sequence of scalars joined with ", " (join set) in the doc's arena,
 * NULL for any other node.
 */
struct pos meta_mark_pos(const struct doc *, struct yaml_mark_s,
	    int first_line);
const char *meta_yaml_text(struct doc *, struct yaml_document_s *,
	    struct yaml_node_s *, int join);
/*
 * Load yaml (len bytes, its first line first_line) into *y; 0, or -1
 * after reporting a syntax error as message syntax (its position, and
 * libyaml's words).  Delete *y with yaml_document_delete() after 0.
 */
int	 meta_yaml_load(struct doc *, const char *yaml, size_t len,
	    int first_line, enum diag_id syntax, struct yaml_document_s *y);
/* How key is written in a front matter or course file: an example. */
const char *yaml_key_example(const char *key);

#endif
