/* Diagnostics: the message catalogue and the one place that prints. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "diag.h"
#include "progress.h"
#include "tree.h"

struct diag_msg {
	enum diag_level	 level;
	const char	*fmt;
};

/* In the order of enum diag_id. */
static const struct diag_msg msgs[] = {
	/* reading */
	{ LVL_WARNING,	"unknown front-matter key: %s (the keys are number, title, "
			"date, lang, author, course, subject, keywords, cjk-lang, "
			"previous, next)" },
	{ LVL_ERROR,	"front-matter key %s needs plain text, e.g. %s" },
	{ LVL_ERROR,	"front-matter key %s needs plain text or a list, e.g. %s" },
	{ LVL_ERROR,	"front-matter key %s needs a lecture number and title, "
			"e.g. %s: \"2.12  Review Session\" or %s: {number: "
			"\"2.12\", title: \"Review Session\"}, not a list" },
	{ LVL_WARNING,	"unknown key %s under %s: only number and title, e.g. "
			"number: \"2.12\"" },
	{ LVL_WARNING,	"front-matter key %s given twice; the last one wins (keep one %s: line)" },
	{ LVL_ERROR,	"front matter: %s (front matter is YAML, one key: value a "
			"line, e.g. title: \"Review Session\")" },
	{ LVL_ERROR,	"front matter must be keys with values, e.g. title: "
			"\"Review Session\"" },
	{ LVL_ERROR,	"front matter opened with --- is never closed: end it "
			"with a --- line" },
	{ LVL_ERROR,	"no front matter: the file must start with a --- line, "
			"then e.g. title: \"Review Session\", then ---" },
	{ LVL_ERROR,	"no title: the front matter needs a title: key, e.g. "
			"title: \"Review Session\"" },
	{ LVL_ERROR,	"date must be a date such as 2024-09-09, 9 September 2024, "
			"September 9, 2024 or 9. September 2024 (as German, "
			"French... print it), not \"%s\"" },
	{ LVL_ERROR,	"cjk-lang must be zh-Hans, zh-Hant, ja or ko, not \"%s\" "
			"(e.g. cjk-lang: zh-Hant)" },
	{ LVL_ERROR,	"lang is not a language tag: \"%s\" (e.g. lang: en, "
			"lang: zh-Hant)" },
	{ LVL_ERROR,	"invalid UTF-8" },
	{ LVL_ERROR,	"NUL byte in the source" },
	{ LVL_WARNING,	"noncharacter U+%04X replaced by U+FFFD" },
	{ LVL_WARNING,	"HTML <%s> is not allowed: the tag is dropped, its "
			"text kept (allowed: span, bdi, bdo, sup, sub, br, "
			"abbr, em, strong, code, q, small, mark, kbd, cite, "
			"dfn, ins, del, s, u, ruby, div...)" },
	{ LVL_WARNING,	"HTML <%s> is not allowed: dropped with its content" },
	{ LVL_WARNING,	"HTML attribute %s=\"%s\" on <%s> is dropped "
			"(allowed: lang and dir, title on abbr, e.g. "
			"<span lang=\"ar\" dir=\"rtl\">)" },
	{ LVL_WARNING,	"control character U+%04X dropped (and any more "
			"in this file)" },
	{ LVL_ERROR,	"nested more than %d levels deep; the rest is flattened" },
	{ LVL_ERROR,	"no title: the page's first line should be NUMBER  TITLE, "
			"e.g. 1.08  Seven Thousand Cadre Conference (1962)" },
	/* checking */
	{ LVL_WARNING,	"heading level skipped: %s under %s" },
	{ LVL_WARNING,	"empty heading: titled \"%s\" from its place" },
	{ LVL_ERROR,	"image not found: %s" },
	{ LVL_ERROR,	"image outside the source folder: %s" },
	{ LVL_ERROR,	"image is not a local file: %s" },
	{ LVL_ERROR,	"image type not supported (PNG, JPEG, GIF, SVG): %s" },
	{ LVL_ERROR,	"image cannot be read to its end (truncated or damaged): "
			"%s" },
	{ LVL_WARNING,	"link with no address" },
	{ LVL_ERROR,	"link scheme not allowed: %s" },
	{ LVL_WARNING,	"link to #%s, which no heading or note has; shown as text" },
	{ LVL_WARNING,	"link to a file that is not in the book, shown as text: %s" },
	{ LVL_WARNING,	"image left out of the PDF (it could not be read again): %s" },
	/* style */
	{ LVL_WARNING,	"unknown style key: %s" },
	{ LVL_ERROR,	"style key %s: bad value \"%s\"" },
	{ LVL_ERROR,	"style: %s" },
	{ LVL_ERROR,	"font not found: %s" },
	/* layout */
	{ LVL_WARNING,	"word too long for the line, broken: %s" },
	{ LVL_WARNING,	"overfull line" },
	{ LVL_WARNING,	"widow or orphan left" },
	{ LVL_WARNING,	"table too wide for the page: its %d columns need %.0f pt for "
			"their longest words and the page has %.0f pt, so words in "
			"it are broken inside (fewer columns, shorter words, or a "
			"list instead of the table keep them whole)" },
	{ LVL_WARNING,	"nested too deep for the page: from here on the text "
			"keeps a third of the line's width and is indented no "
			"further" },
	{ LVL_ERROR,	"U+%04X (%s) has no font; install the Debian package %s" },
	{ LVL_WARNING,	"U+%04X (%s) has no font installed (no Debian 12 "
			"package we know of has it): the PDF shows it as a box" },
	/* the course */
	{ LVL_WARNING,	"unknown course key: %s (the keys are title, subtitle, "
			"author, lang, date, publisher, rights, lectures)" },
	{ LVL_ERROR,	"course key %s needs plain text, e.g. %s" },
	{ LVL_ERROR,	"course key %s needs a list, e.g. %s" },
	{ LVL_ERROR,	"course file: %s (it is YAML, one key: value a line, "
			"e.g. title: \"Modern Chinese History\")" },
	{ LVL_ERROR,	"course file must be keys with values, e.g. title: "
			"\"Modern Chinese History\"" },
	{ LVL_ERROR,	"no title: the course file needs a title: key, e.g. "
			"title: \"Modern Chinese History\"" },
	{ LVL_ERROR,	"no lectures: %s holds no .md or .txt lecture (or list "
			"them: lectures: [1.08-cadre.md, 1.09-movement.md])" },
	{ LVL_WARNING,	"lecture of another course: \"%s\", the book is \"%s\"" },
	{ LVL_ERROR,	"lecture given twice in the book: %s" },
	/* system */
	{ LVL_SYSERR,	"cannot read: %s" },
	{ LVL_SYSERR,	"cannot write: %s" },
	{ LVL_SYSERR,	"%s: %s" },
};

_Static_assert(sizeof(msgs) / sizeof(msgs[0]) == D__MAX,
    "diag.c's table and diag.h's enum differ");

static const char *const level_names[] = {
	"ok", "warning", "error", "error"
};

static enum diag_level worst;
static int counts[LVL_SYSERR + 1];
static int strict, quiet;
/*
 * A book's lectures are laid out on a thread of their own while the
 * main thread draws: a message is counted and printed whole under the
 * lock, and a layout's muted tries (layout.c balance()) mute only
 * their own thread.
 */
static _Thread_local int muted;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* A message held (diag_hold()): where it is, and its whole line. */
struct held {
	const char	*file;		/* borrowed: a source's path */
	int		 line, col;
	size_t		 seq;		/* the order it came in */
	char		*text;
};

static _Thread_local struct held *held;
static _Thread_local size_t nheld, cheld;
static _Thread_local int holding;

/* The message's whole line, as printed. */
static char *
message(const char *file, int line, int col, enum diag_level lvl,
    enum diag_id id, va_list ap)
{
	char	*where, *what, *all;

	if (file != NULL && line > 0)
		where = g_strdup_printf("%s:%d:%d: ", file, line,
		    col > 0 ? col : 1);
	else if (file != NULL)
		where = g_strdup_printf("%s: ", file);
	else
		where = g_strdup("lectern: ");
	what = g_strdup_vprintf(msgs[id].fmt, ap);
	all = g_strdup_printf("%s%s: %s\n", where, level_names[lvl], what);
	g_free(where);
	g_free(what);
	return all;
}

static void
vreport_locked(const char *file, int line, int col, enum diag_id id,
    va_list ap)
{
	enum diag_level lvl = msgs[id].level;
	struct held	*h;
	char		*text;

	if (strict && lvl == LVL_WARNING)
		lvl = LVL_ERROR;
	counts[lvl]++;
	if (lvl > worst)
		worst = lvl;
	if (quiet && lvl == LVL_WARNING)
		return;
	text = message(file, line, col, lvl, id, ap);
	if (!holding) {
		progress_clear();
		fputs(text, stderr);
		g_free(text);
		return;
	}
	if (nheld == cheld) {
		cheld = cheld ? 2 * cheld : 16;
		held = g_renew(struct held, held, cheld);
	}
	h = &held[nheld];
	h->file = file;
	h->line = line;
	h->col = col;
	h->seq = nheld++;
	h->text = text;
}

/* By file (a message with none first), line, column, then arrival. */
static int
held_order(const void *a, const void *b)
{
	const struct held *x = a, *y = b;
	int		 c;

	if ((c = g_strcmp0(x->file, y->file)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
diag_hold(void)
{
	holding = 1;
}

void
diag_release(void)
{
	size_t	 i;

	holding = 0;
	if (nheld == 0)
		return;
	qsort(held, nheld, sizeof(*held), held_order);
	pthread_mutex_lock(&lock);
	progress_clear();
	for (i = 0; i < nheld; i++) {
		fputs(held[i].text, stderr);
		g_free(held[i].text);
	}
	pthread_mutex_unlock(&lock);
	g_free(held);
	held = NULL;
	nheld = cheld = 0;
}

static void
vreport(const char *file, int line, int col, enum diag_id id, va_list ap)
{
	if (muted)
		return;
	pthread_mutex_lock(&lock);
	vreport_locked(file, line, col, id, ap);
	pthread_mutex_unlock(&lock);
}

void
diag(const struct pos *pos, enum diag_id id, ...)
{
	va_list ap;

	va_start(ap, id);
	if (pos != NULL)
		vreport(pos->file, pos->line, pos->col, id, ap);
	else
		vreport(NULL, 0, 0, id, ap);
	va_end(ap);
}

void
diag_file(const char *file, enum diag_id id, ...)
{
	va_list ap;

	va_start(ap, id);
	vreport(file, 0, 0, id, ap);
	va_end(ap);
}

enum diag_level
diag_worst(void)
{
	enum diag_level	 w;

	pthread_mutex_lock(&lock);
	w = worst;
	pthread_mutex_unlock(&lock);
	return w;
}

void
diag_set_strict(int on)
{
	strict = on;
}

void
diag_set_quiet(int on)
{
	quiet = on;
}

void
diag_mute(int on)
{
	muted = on;
}

void
diag_reset(void)
{
	int i;

	pthread_mutex_lock(&lock);
	worst = LVL_OK;
	for (i = 0; i <= LVL_SYSERR; i++)
		counts[i] = 0;
	pthread_mutex_unlock(&lock);
}

int
diag_count(enum diag_level lvl)
{
	int	 n;

	pthread_mutex_lock(&lock);
	n = counts[lvl];
	pthread_mutex_unlock(&lock);
	return n;
}
