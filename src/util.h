/* Allocation that cannot fail, growable buffers, arenas, small helpers. */
#ifndef LECTERN_UTIL_H
#define LECTERN_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* These print a message and exit(3) when memory runs out. */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* A newly allocated formatted string; caller frees. */
/*
 * Make room in the array p (*cap elements of size bytes) for need
 * elements, doubling; returns the array, maybe moved.
 */
void	*xgrow(void *p, size_t *cap, size_t need, size_t size);
char	*xasprintf(const char *, ...)
	    __attribute__((format(printf, 1, 2)));

/* A growable byte buffer, always NUL-terminated after any put. */
struct buf {
	char	*p;
	size_t	 len, cap;
};

void	 buf_put(struct buf *, const char *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, int);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list);
void	 buf_reset(struct buf *);
void	 buf_free(struct buf *);

/*
 * A bump allocator: everything it hands out lives until arena_free().
 * Blocks are aligned for any type.
 */
struct arena;

struct arena	*arena_new(void);
void		*arena_alloc(struct arena *, size_t);	/* zeroed */
char		*arena_strndup(struct arena *, const char *, size_t);
char		*arena_strdup(struct arena *, const char *);
void		 arena_free(struct arena *);
/* Let go of everything handed out; the first block is kept for more. */
void		 arena_reset(struct arena *);

/*
 * Decode one UTF-8 code point at s (at most len bytes).  Returns its
 * length in bytes and stores the code point, or returns 0 if the bytes
 * there are not valid UTF-8 (overlong, surrogate, truncated...).
 *
 * ASCII first, inline: most text is, and readers and writers decode
 * every character of a book.  (GLib, which decodes the rest in
 * utf8_decode_wide(), refuses U+0000, which the reader reports itself.)
 */
size_t	 utf8_decode_wide(const char *s, size_t len, uint32_t *cp);
static inline size_t
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	if (len > 0 && (unsigned char)*s < 0x80) {
		*cp = (unsigned char)*s;
		return 1;
	}
	return utf8_decode_wide(s, len, cp);
}
/* Encode cp as UTF-8 into out (4 bytes room); returns the length. */
size_t	 utf8_encode(uint32_t cp, char *out);

/* Is cp a Han ideograph (or a CJK punctuation mark used with one)? */
int	 is_han(uint32_t cp);
/* Is cp Japanese kana (or a mark used with it)? */
int	 is_kana(uint32_t cp);
/* Is cp either: text set in a CJK font and tagged with its language? */
int	 is_han_or_kana(uint32_t cp);
/*
 * The CJK face a language tag's Han text is set in: "zh-Hant" for
 * zh-Hant, zh-TW, zh-HK and zh-MO, "ja", "ko", "zh-Hans" for any other
 * Chinese; NULL for a language that is not Chinese, Japanese or Korean.
 */
const char *lang_cjk_face(const char *lang);
/*
 * The language Han in text in lang is tagged with, in a lecture whose
 * cjk-lang is cjk_lang: NULL when lang is Chinese, Japanese or Korean
 * (the Han is in it), else cjk_lang.
 */
const char *lang_han_tag(const char *lang, const char *cjk_lang);
/* Is the language written right to left (ar, he, fa, ur...)? */
int	 lang_is_rtl(const char *lang);
/*
 * Scripts a run of text in another language is told by (check.c tags
 * the run), as GLib's GUnicodeScript numbers: the language a run of
 * script is taken to be in when nothing says otherwise ("el" for
 * Greek, "ar" for Arabic, "ru" for Cyrillic: Pango's and CLDR's likely
 * language), or NULL for Latin, Han and kana (check.c's own rule), and
 * the scripts shared by all (spaces, digits, punctuation, marks).
 */
const char *script_lang(int script);
/* Is lang ("uk", "sr-Cyrl", "fa-IR") written in script? */
int	 lang_writes_script(const char *lang, int script);
/*
 * The language of a word of script (not Han) in text in around: NULL
 * when around is written in that script, else the script's likely one.
 */
const char *script_lang_in(int script, const char *around);
/*
 * The end of the run of text that starts at s[i]: letters of one class
 * (Han and kana as G_UNICODE_SCRIPT_HAN; a script script_lang() knows;
 * else RUN_PLAIN, Latin's first) with the marks on them.  A plain run
 * takes the spaces and punctuation after it, a run of Han ends at
 * them, and a run of another script takes those between two of its
 * words ("καλή μέρα", "سنة 1962 في").  Sets *script, *kana (the run
 * has kana) and *letters (how many of its class it has).
 */
#define RUN_PLAIN	(-1)
size_t	 script_run_end(const char *s, size_t i, size_t len, int *script,
	    int *kana, int *letters);
/*
 * Is such a run words in another language to tag: Han, or two letters
 * or more of another script (one alone, π or α, is a symbol)?
 */
int	 script_run_tagged(int script, int letters);
/*
 * The language such a run of a string (a title, a label, a caption: no
 * tree, no span around it) is tagged with in a lecture in lang, whose
 * Han check.c tags han_lang; NULL: the lecture's.  check.c's rules for
 * the tree's runs, so both writers tag a string's words alike.
 */
const char *string_run_lang(int script, int letters, const char *lang,
	    const char *han_lang);

/*
 * The time a build stamps into its outputs: SOURCE_DATE_EPOCH when set
 * and valid, else midnight UTC of the YYYY-MM-DD date, else 0.
 */
time_t	 build_epoch(const char *date);

/* Read a whole file into a new NUL-terminated buffer; -1 and errno. */
int	 file_read(const char *path, char **data, size_t *len);

/*
 * Writing an output through a temporary file (src/output.c, which also
 * has the checked form, struct output): out_begin() makes a new
 * temporary file beside path with mkstemp() (caller frees the name),
 * out_commit() fsyncs it and renames it over path, out_abandon()
 * removes it.  Both return 0, or -1 with errno set.
 */
char	*out_begin(const char *path);
int	 out_commit(const char *tmp, const char *path);
void	 out_abandon(const char *tmp);


#endif
