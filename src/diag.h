/* Diagnostics: one catalogue of messages, one place that prints them. */
#ifndef LECTERN_DIAG_H
#define LECTERN_DIAG_H

struct pos;

/* Levels, mildest first; the exit status follows the worst one seen. */
enum diag_level {
	LVL_OK,
	LVL_WARNING,	/* something odd; we guessed and went on */
	LVL_ERROR,	/* input we cannot package faithfully: no output */
	LVL_SYSERR	/* a file we could not read or write */
};

/*
 * Message ids.  Each has a printf format and a level in diag.c's
 * table, in this order.  Keep each stage's messages together.
 */
enum diag_id {
	/* reading: meta.c, read.c */
	D_YAML_UNKNOWN_KEY,	/* %s: key */
	D_YAML_NOT_STRING,	/* %s, %s: key, example */
	D_YAML_NOT_LIST,	/* %s, %s: key, example */
	D_YAML_NEIGHBOUR,	/* %s x3: key */
	D_YAML_NEIGHBOUR_KEY,	/* %s, %s: key, previous or next */
	D_YAML_DUPLICATE_KEY,	/* %s, %s: key, key */
	D_YAML_SYNTAX,		/* %s: libyaml's problem text */
	D_YAML_NOT_MAPPING,
	D_FRONT_UNCLOSED,
	D_NO_FRONT_MATTER,
	D_NO_TITLE,
	D_BAD_DATE,		/* %s: value */
	D_BAD_CJK_LANG,		/* %s: value */
	D_BAD_LANG,		/* %s: value */
	D_BAD_UTF8,
	D_NUL_BYTE,
	D_NONCHARACTER,		/* %04X: the code point */
	D_HTML_TAG,		/* %s: element name */
	D_HTML_CONTENT,		/* %s: element name */
	D_HTML_ATTR,		/* %s, %s, %s: attribute, value, element */
	D_CONTROL_CHAR,		/* %04X: the code point */
	D_TOO_DEEP,		/* %d: limit */
	D_IMPORT_NO_TITLE,
	/* checking: check.c */
	D_HEADING_SKIP,		/* %s, %s: the heading, the one above */
	D_EMPTY_HEADING,	/* %s: the words it is given */
	D_IMAGE_MISSING,	/* %s: src */
	D_IMAGE_OUTSIDE,	/* %s: src */
	D_IMAGE_REMOTE,		/* %s: src */
	D_IMAGE_TYPE,		/* %s: src */
	D_IMAGE_BROKEN,		/* %s: src */
	D_LINK_EMPTY,
	D_LINK_SCHEME,		/* %s: href */
	D_LINK_DANGLING,	/* %s: the fragment */
	D_LINK_LOCAL,		/* %s: href */
	D_IMAGE_NOT_PRINTED,	/* %s: src */
	/* style: style.c */
	D_STYLE_UNKNOWN_KEY,	/* %s */
	D_STYLE_BAD_VALUE,	/* %s: key, %s: value */
	D_STYLE_SYNTAX,		/* %s */
	D_FONT_MISSING,		/* %s: family */
	/* layout: layout.c */
	D_WORD_TOO_LONG,	/* %s: the word */
	D_OVERFULL_LINE,
	D_WIDOW_LEFT,
	D_TABLE_TOO_WIDE,	/* %d, %f, %f: columns, needed, measure */
	D_NESTING_FLOOR,
	D_FONT_NONE,		/* %04X, %s, %s: code point, script, package */
	D_FONT_NONE_ANY,	/* %04X, %s: code point, script */
	/* the course: course.c */
	D_COURSE_UNKNOWN_KEY,	/* %s: key */
	D_COURSE_NOT_STRING,	/* %s, %s: key, example */
	D_COURSE_NOT_LIST,	/* %s, %s: key, example */
	D_COURSE_SYNTAX,	/* %s: libyaml's problem text */
	D_COURSE_NOT_MAPPING,
	D_COURSE_NO_TITLE,
	D_COURSE_NO_LECTURES,	/* %s: the folder */
	D_COURSE_OTHER,		/* %s, %s: the lecture's course, the book's */
	D_COURSE_TWICE,		/* %s: the file */
	/* system: every stage */
	D_SYS_READ,		/* %s: strerror */
	D_SYS_WRITE,		/* %s: strerror */
	D_SYS_LIB,		/* %s, %s: library, its message */
	D__MAX
};

/*
 * Report message id at pos (NULL: no position; the file alone is
 * given by diag_file()).  Extra arguments fill the message's format.
 * Prints "FILE:LINE:COL: level: text" to stderr at once, or at
 * diag_release() while held; counted at once.
 */
void	diag(const struct pos *, enum diag_id, ...);
/* The same for a message about a whole file (no line). */
void	diag_file(const char *file, enum diag_id, ...);
/* Worst level reported so far. */
enum diag_level diag_worst(void);
/* Treat warnings as errors (--strict). */
void	diag_set_strict(int);
/* Start counting afresh (between sources). */
void	diag_reset(void);
/* Count of messages at a level since the last reset. */
int	diag_count(enum diag_level);
/* Do not print warnings (still counted). */
void	diag_set_quiet(int);
/*
 * Muted, nothing is reported or counted: the layout builds a lecture
 * again with a paragraph set otherwise, after its first build has
 * said all there is to say.
 */
void	diag_mute(int);
/*
 * Hold this thread's messages until diag_release(), which prints them
 * by file, line and column (as they came, where those are the same):
 * the reader and the checker, and the layout's body and notes, find
 * problems in passes of their own, and whoever reads the messages goes
 * down the file.
 */
void	diag_hold(void);
void	diag_release(void);

#endif
