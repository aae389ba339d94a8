/* The document tree: what every reader fills and every writer reads. */
#ifndef LECTERN_TREE_H
#define LECTERN_TREE_H

#include <stddef.h>
#include <stdio.h>

struct arena;
struct labels;

/*
 * Node kinds.  Blocks first, then inlines.  nkind_names[] in tree.c
 * holds their names, in this order, for dumps and messages.
 */
enum nkind {
	N_ROOT,		/* the document: sections, blocks, then N_NOTES */
	N_SECTION,	/* wrapper made by check.c: N_HEADING + its content */
	N_HEADING,	/* u.head */
	N_PARA,
	N_QUOTE,	/* block quote: blocks */
	N_LIST,		/* u.list: N_ITEM children */
	N_ITEM,		/* blocks (tight lists: N_PARA with NF_TIGHT) */
	N_CODEBLOCK,	/* text = the code, u.code.info = info string */
	N_HTML,		/* raw HTML block, text = source; never emitted as markup */
	N_TABLE,	/* u.table: N_TROW children, first is the header */
	N_TROW,		/* NF_HEADER on the header row; N_TCELL children */
	N_TCELL,	/* inlines; alignment from the table */
	N_RULE,		/* thematic break */
	N_NOTES,	/* last child of N_ROOT when notes exist: N_FNDEF */
	N_FNDEF,	/* u.note: a footnote's blocks, in reference order */
	N_TEXT,		/* text, typographic punctuation already applied */
	N_LANG,		/* u.lang: inlines in another language (runs of
			   Han, of Greek, Arabic...; read.c leaves the tag
			   NULL for check.c to decide, except "ja" for
			   kana) */
	N_SPAN,		/* u.span: an allowed inline HTML element */
	N_EMPH,
	N_STRONG,
	N_STRIKE,
	N_CODE,		/* text = the code span */
	N_INLINE_HTML,	/* text = raw inline HTML; read.c turns every one
			   into N_SPAN nodes or drops it: writers never
			   see it */
	N_LINK,		/* u.link; inlines */
	N_IMAGE,	/* u.img; alt text in u.img.alt */
	N_SOFTBREAK,	/* a line end in the source: a space */
	N_LINEBREAK,	/* a hard line break */
	N_FNREF,	/* u.note: reference to note number u.note.num */
	N__MAX
};

extern const char *const nkind_names[N__MAX];

/* Node flags. */
#define NF_GENERATED	(1u << 0)	/* inserted by check.c, not in source */
#define NF_TIGHT	(1u << 1)	/* N_LIST: tight; N_PARA: in tight item */
#define NF_HEADER	(1u << 2)	/* N_TROW: the table's header row */
#define NF_FIGURE	(1u << 3)	/* N_PARA: a figure, set by check.c:
					   its one child is an N_IMAGE */

/* Where a node starts in its source; 1-based.  file is never NULL. */
struct pos {
	const char	*file;
	int		 line, col;
};

/*
 * The inline HTML elements read.c keeps (its allowlist), as N_SPAN's
 * u.span.el; span_el_names[] in tree.c holds their HTML names.
 */
enum span_el {
	SP_SPAN, SP_BDI, SP_BDO, SP_SUP, SP_SUB, SP_ABBR, SP_SMALL, SP_MARK,
	SP_KBD, SP_SAMP, SP_VAR, SP_CODE, SP_Q, SP_CITE, SP_DFN, SP_INS,
	SP_S, SP_U, SP_RUBY, SP_RT, SP_RP, SP__MAX
};

extern const char *const span_el_names[SP__MAX];

enum align { AL_NONE, AL_LEFT, AL_CENTER, AL_RIGHT };

/*
 * Where a link leads, decided once by check.c (the zero value, before
 * the check, is LK_TEXT).  Both writers render exactly this.
 */
enum link_kind {
	LK_TEXT,	/* nowhere the book can go: its text, without a link */
	LK_EXTERNAL,	/* u.link.target: a URL of an allowed scheme */
	LK_INTERNAL,	/* u.link.target: the id of a heading */
	LK_NOTE		/* u.link.target: the id of a note, "fn-N" */
};

struct node {
	enum nkind	 kind;
	struct pos	 pos;
	unsigned	 flags;
	struct node	*parent, *first, *last, *prev, *next;
	const char	*text;	/* N_TEXT, N_CODE, N_CODEBLOCK, N_HTML,
				   N_INLINE_HTML; else NULL */
	union {
		struct {
			int		 level;	/* 1..6 */
			const char	*id;	/* unique, set by check.c */
			const char	*text;	/* its plain text, for
						   outlines; set by check.c */
		} head;
		struct {
			int		 ordered;
			int		 start;	/* first number if ordered */
		} list;
		struct {
			const char	*info;	/* may be "" */
		} code;
		struct {
			int		 ncols;
			const enum align *align;	/* ncols entries */
		} table;
		struct {
			const char	*tag;	/* BCP 47: "zh-Hans", ... */
			int		 script;	/* of its letters, as
					   GUnicodeScript: Han (kana too),
					   Greek, Arabic... */
		} lang;
		struct {
			enum span_el	 el;
			const char	*lang;	/* BCP 47 as written, or NULL */
			const char	*dir;	/* "ltr", "rtl", "auto" or NULL */
			const char	*title;	/* abbr's expansion, or NULL */
			const char	*q_open, *q_close;	/* q: the
					   marks of its language and depth,
					   set by check.c; both writers put
					   them around it */
		} span;
		struct {
			const char	*href;	/* as written */
			const char	*title;	/* may be "" */
			enum link_kind	 kind;	/* set by check.c */
			const char	*target;	/* URL or id; NULL
							   for LK_TEXT */
		} link;
		struct {
			const char	*src;	/* as written in the source */
			const char	*path;	/* file on disk, set by check.c;
						   NULL if not packaged */
			const char	*alt;	/* plain text of the alt */
			const char	*title;
			const char	*caption;	/* a figure's: its
							   title, set by
							   check.c; else NULL */
			/* From the file's content, set with path: */
			const char	*type;	/* media type: "image/png" */
			int		 width, height;	/* in pixels; 0 when
							   the file has none */
		} img;
		struct {
			const char	*label;	/* as written: [^label] */
			int		 num;	/* 1-based, order of first ref */
			int		 nref;	/* N_FNREF: 1 for the first
						   reference to the note, 2 for
						   the second...; N_FNDEF: how
						   many references it has */
			int		 last;	/* the last note numbered
						   from inside this one (notes
						   in notes), else num: a page
						   holding note num holds
						   num..last */
		} note;
	} u;
};

/* A lecture's neighbour, from the front matter's previous: / next:. */
struct neighbour {
	const char	*number;	/* NULL if absent */
	const char	*title;
};

/*
 * The front matter.  Every string points into the document's arena;
 * absent keys are NULL, except lang (default "en") and cjk_lang,
 * which check.c sets from lang when absent (zh-Hans unless lang is
 * Traditional Chinese, Japanese or Korean).
 */
struct meta {
	const char	*number;
	const char	*title;
	const char	*date;		/* YYYY-MM-DD */
	const char	*lang;
	const char	*author;
	const char	*course;
	const char	*subject;
	const char	*keywords;	/* comma separated, as written */
	const char	*cjk_lang;	/* zh-Hans, zh-Hant, ja or ko */
	const char	*han_lang;	/* Han in the strings below (the
					   title, labels): cjk_lang, or
					   NULL in a Chinese, Japanese or
					   Korean lecture */
	const char	*cover;		/* the cover picture, as written */
	const char	*cover_path;	/* it on disk, set by check.c */
	const char	*cover_type;	/* its media type, from its bytes */
	struct neighbour previous, next;
	struct pos	 pos;		/* of the front matter: line 1 */

	/*
	 * The words both writers show around the body, made once by
	 * check.c so that the EPUB and the PDF say the same; NULL when
	 * the key they come from is absent.
	 */
	const char	*title_text;	/* the title, or the file's stem
					   when there is none (check.c) */
	const char	*label;		/* "Lecture 1.08" */
	const char	*toc_text;	/* its line in a book's contents:
					   "1.08 Title", or the title */
	const char	*date_text;	/* "6 March 2018" */
	const char	*byline;	/* the author(s), as given */
	const char	*previous_text;	/* "Previous: 1.07 Three Years..." */
	const char	*next_text;	/* "Next: 1.09 The Socialist..." */

	/*
	 * A lecture inside a book (course.c decides; NULL in a handout):
	 * its id in the book, which also starts every id of its own
	 * ("lecture-3", "lecture-3-"), the ids of the neighbouring
	 * lectures when the book holds them, and the running head of
	 * its left-hand pages (the course title).
	 */
	const char	*anchor;
	const char	*id_prefix;	/* "" in a handout, never NULL */
	const char	*previous_target, *next_target;
	const char	*verso_head;
	/*
	 * Where every word lectern writes comes from (labels.c), in
	 * lang; words_lang is NULL when they are in lang, else "en"
	 * (lectern has no words for lang): then the EPUB tags them so.
	 * previous_text and next_text start with labels->previous and
	 * labels->next.
	 */
	const struct labels *labels;
	const char	*words_lang;
	int		 rtl;		/* lang is written right to left:
					   pages turn and lines run so */
};

/*
 * One lecture.  The arena owns every node and string reachable from
 * here; doc_free() releases them all at once.
 */
struct doc {
	struct arena	*arena;
	const char	*path;		/* the source file, as named */
	const char	*dir;		/* its folder; images must be below */
	const char	*stem;		/* file name without folder and .md */
	struct meta	 meta;
	struct node	*root;
	int		 nnotes;	/* footnotes, numbered 1..nnotes */
	int		 ncontrols;	/* control characters read.c dropped
					   (the first one is reported) */
};

/* Allocate a doc with its arena.  Caller frees with doc_free(). */
struct doc	*doc_new(const char *path);
void		 doc_free(struct doc *);

/* A new node from the doc's arena, unattached, at pos. */
struct node	*tree_node(struct doc *, enum nkind, struct pos);
/* Append child to parent; asserts the containment rules. */
void		 tree_append(struct node *parent, struct node *child);
/* Insert n before ref (same parent). */
void		 tree_insert_before(struct node *ref, struct node *n);
/* Detach n from its parent; n keeps its children. */
void		 tree_unlink(struct node *n);
/* May a node of kind child sit inside one of kind parent? */
int		 tree_can_contain(enum nkind parent, enum nkind child);
/* Is this an inline kind (N_TEXT .. N_FNREF)? */
int		 tree_is_inline(enum nkind);
/* Copy a string into the doc's arena. */
const char	*tree_strdup(struct doc *, const char *);
const char	*tree_strndup(struct doc *, const char *, size_t);

/*
 * Plain text of a node's inlines (for ids, alt text, the nav):
 * soft breaks become spaces, markup drops.  Points into the arena.
 */
const char	*tree_plain_text(struct doc *, const struct node *);

/* Print the tree, one node a line, indented two spaces a level. */
void		 tree_dump(const struct doc *, FILE *);

#endif
