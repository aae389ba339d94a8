/* Allocation that cannot fail, growable buffers, arenas, small helpers. */
#define _DEFAULT_SOURCE		/* timegm */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "util.h"

/* Exit status for failures of the environment (see main.c). */
#define EXIT_SYSERR 3

static void
oom(void)
{
	fputs("lectern: error: out of memory\n", stderr);
	exit(EXIT_SYSERR);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n ? n : 1)) == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		oom();
	return xrealloc(p, n * size);
}

void *
xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	*cap = *cap ? *cap * 2 : 16;
	if (*cap < need)
		*cap = need;
	return xreallocarray(p, *cap, size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	struct buf b = { NULL, 0, 0 };
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return b.p != NULL ? b.p : xstrdup("");
}

/* Make room for n more bytes plus the terminating NUL. */
static void
buf_grow(struct buf *b, size_t n)
{
	size_t need;

	if (n > SIZE_MAX - b->len - 1)
		oom();
	need = b->len + n + 1;
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap = b->cap > SIZE_MAX / 2 ? need : b->cap * 2;
	b->p = xrealloc(b->p, b->cap);
}

void
buf_put(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void
buf_putc(struct buf *b, int c)
{
	char ch = (char)c;

	buf_put(b, &ch, 1);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0)
		oom();
	buf_grow(b, (size_t)n);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, again);
	va_end(again);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

/*
 * The arena hands out memory from chunks; a request larger than a
 * chunk gets a chunk of its own.
 */
#define ARENA_CHUNK	(64 * 1024)
#define ARENA_ALIGN	(sizeof(max_align_t))

struct chunk {
	struct chunk	*prev;
	size_t		 used, size;
	max_align_t	 data[];
};

struct arena {
	struct chunk	*top;
};

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct chunk *c = a->top;
	size_t size;
	void *p;

	n = (n + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;
	if (c == NULL || c->size - c->used < n) {
		size = n > ARENA_CHUNK ? n : ARENA_CHUNK;
		c = xmalloc(sizeof(*c) + size);
		c->used = 0;
		c->size = size;
		c->prev = a->top;
		a->top = c;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void
arena_free(struct arena *a)
{
	struct chunk *c, *prev;

	if (a == NULL)
		return;
	for (c = a->top; c != NULL; c = prev) {
		prev = c->prev;
		free(c);
	}
	free(a);
}

void
arena_reset(struct arena *a)
{
	struct chunk *c;

	while (a->top != NULL && a->top->prev != NULL) {
		c = a->top;
		a->top = c->prev;
		free(c);
	}
	if (a->top != NULL)
		a->top->used = 0;
}

/* utf8_decode() past ASCII. */
size_t
utf8_decode_wide(const char *s, size_t len, uint32_t *cp)
{
	gunichar c;

	if (len == 0)
		return 0;
	c = g_utf8_get_char_validated(s, (gssize)(len < G_MAXSSIZE ? len :
	    G_MAXSSIZE));
	if (c == (gunichar)-1 || c == (gunichar)-2)
		return 0;
	*cp = c;
	return (size_t)(g_utf8_next_char(s) - s);
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	return (size_t)g_unichar_to_utf8(cp, out);
}

/*
 * Characters of no script of their own (Common, Inherited) that are
 * part of Chinese and Japanese text: the ideographic punctuation and
 * the full-width forms.  Unicode says so in Script_Extensions, which
 * GLib does not expose.
 */
static int
cjk_punct(uint32_t c)
{
	return (c >= 0x3000 && c <= 0x303F) ||	/* CJK punctuation */
	    (c >= 0xFF00 && c <= 0xFF60);	/* full-width forms */
}

/* The same for kana: the voicing marks, the middle dot and the long vowel mark. */
static int
kana_mark(uint32_t c)
{
	return (c >= 0x3099 && c <= 0x309C) || c == 0x30A0 || c == 0x30FB ||
	    c == 0x30FC;
}

/* No Han, kana or CJK punctuation comes before the CJK radicals. */
#define CJK_FIRST	0x2E80

int
is_han(uint32_t c)
{
	if (c < CJK_FIRST)
		return 0;
	return g_unichar_get_script(c) == G_UNICODE_SCRIPT_HAN ||
	    cjk_punct(c);
}

int
is_kana(uint32_t c)
{
	GUnicodeScript sc;

	if (c < CJK_FIRST)
		return 0;
	sc = g_unichar_get_script(c);
	return sc == G_UNICODE_SCRIPT_HIRAGANA ||
	    sc == G_UNICODE_SCRIPT_KATAKANA || kana_mark(c);
}

int
is_han_or_kana(uint32_t c)
{
	return is_han(c) || is_kana(c);
}

/* Does tag's primary subtag equal primary ("zh" in "zh-TW")? */
static int
lang_primary(const char *tag, const char *primary)
{
	size_t	 n = strlen(primary);

	return g_ascii_strncasecmp(tag, primary, n) == 0 &&
	    (tag[n] == '\0' || tag[n] == '-');
}

const char *
lang_cjk_face(const char *lang)
{
	static const char *const hant[] = { "-Hant", "-TW", "-HK", "-MO" };
	size_t	 i;

	if (lang == NULL)
		return NULL;
	if (lang_primary(lang, "ja"))
		return "ja";
	if (lang_primary(lang, "ko"))
		return "ko";
	if (!lang_primary(lang, "zh"))
		return NULL;
	for (i = 0; i < sizeof(hant) / sizeof(hant[0]); i++)
		if (strstr(lang, hant[i]) != NULL &&
		    strstr(lang, "-Hans") == NULL)
			return "zh-Hant";
	return "zh-Hans";
}

const char *
lang_han_tag(const char *lang, const char *cjk_lang)
{
	return lang_cjk_face(lang) != NULL ? NULL : cjk_lang;
}

int
lang_is_rtl(const char *lang)
{
	static const char *const rtl[] = { "ar", "he", "iw", "fa", "ur",
	    "yi", "ps", "sd", "ug", "ckb", "dv", "syr", "ku-Arab" };
	size_t	 i;

	for (i = 0; lang != NULL && i < sizeof(rtl) / sizeof(rtl[0]); i++)
		if (lang_primary(lang, rtl[i]))
			return 1;
	return 0;
}

/*
 * Each script a lecture in another language may quote, with its likely
 * language and the languages written in it (primary subtags).
 */
static const struct script_langs {
	GUnicodeScript	 script;
	const char	*likely;
	const char	*langs;		/* space-separated, likely first */
} script_langs[] = {
	{ G_UNICODE_SCRIPT_ARABIC, "ar", "ar fa ur ps sd ug ckb ku ks" },
	{ G_UNICODE_SCRIPT_ARMENIAN, "hy", "hy" },
	{ G_UNICODE_SCRIPT_BENGALI, "bn", "bn as" },
	{ G_UNICODE_SCRIPT_CYRILLIC, "ru",
	    "ru uk be bg mk sr kk ky mn tg tt ba cv sah os ab ce" },
	{ G_UNICODE_SCRIPT_DEVANAGARI, "hi", "hi mr ne sa kok mai bho" },
	{ G_UNICODE_SCRIPT_ETHIOPIC, "am", "am ti" },
	{ G_UNICODE_SCRIPT_GEORGIAN, "ka", "ka" },
	{ G_UNICODE_SCRIPT_GREEK, "el", "el grc" },
	{ G_UNICODE_SCRIPT_GUJARATI, "gu", "gu" },
	{ G_UNICODE_SCRIPT_GURMUKHI, "pa", "pa" },
	{ G_UNICODE_SCRIPT_HANGUL, "ko", "ko" },
	{ G_UNICODE_SCRIPT_HEBREW, "he", "he iw yi lad" },
	{ G_UNICODE_SCRIPT_KANNADA, "kn", "kn" },
	{ G_UNICODE_SCRIPT_KHMER, "km", "km" },
	{ G_UNICODE_SCRIPT_LAO, "lo", "lo" },
	{ G_UNICODE_SCRIPT_MALAYALAM, "ml", "ml" },
	{ G_UNICODE_SCRIPT_MYANMAR, "my", "my" },
	{ G_UNICODE_SCRIPT_ORIYA, "or", "or" },
	{ G_UNICODE_SCRIPT_SINHALA, "si", "si" },
	{ G_UNICODE_SCRIPT_TAMIL, "ta", "ta" },
	{ G_UNICODE_SCRIPT_TELUGU, "te", "te" },
	{ G_UNICODE_SCRIPT_THAI, "th", "th" },
	{ G_UNICODE_SCRIPT_TIBETAN, "bo", "bo dz" },
};

static const struct script_langs *
script_entry(int script)
{
	size_t	 i;

	for (i = 0; i < sizeof(script_langs) / sizeof(script_langs[0]); i++)
		if ((int)script_langs[i].script == script)
			return &script_langs[i];
	return NULL;
}

const char *
script_lang(int script)
{
	const struct script_langs *e = script_entry(script);

	return e != NULL ? e->likely : NULL;
}

/* The script subtag of lang ("Cyrl" in "sr-Cyrl-RS"), or -1 if none. */
static int
lang_script_subtag(const char *lang)
{
	const char	*p = strchr(lang, '-');
	guint32		 code = 0;
	int		 i;

	if (p == NULL || strlen(p + 1) < 4 || (p[5] != '\0' && p[5] != '-'))
		return -1;
	for (i = 0; i < 4; i++) {
		if (!g_ascii_isalpha(p[1 + i]))
			return -1;
		code = code << 8 | (guint32)(i == 0 ?
		    g_ascii_toupper(p[1 + i]) : g_ascii_tolower(p[1 + i]));
	}
	return (int)g_unicode_script_from_iso15924(code);
}

const char *
script_lang_in(int script, const char *around)
{
	return lang_writes_script(around, script) ? NULL : script_lang(script);
}

int
lang_writes_script(const char *lang, int script)
{
	const struct script_langs *e = script_entry(script);
	const char	*p, *end;
	char		 primary[8];
	size_t		 n;
	int		 sub;

	if (lang == NULL || e == NULL)
		return 0;
	if ((sub = lang_script_subtag(lang)) != -1)
		return sub == script;
	for (p = e->langs; *p != '\0'; p = *end ? end + 1 : end) {
		end = strchr(p, ' ');
		if (end == NULL)
			end = p + strlen(p);
		if ((n = (size_t)(end - p)) >= sizeof(primary))
			continue;
		memcpy(primary, p, n);
		primary[n] = '\0';
		if (lang_primary(lang, primary))
			return 1;
	}
	return 0;
}

/*
 * What script_run_end() splits text by: Han and kana (G_UNICODE_SCRIPT_HAN),
 * a letter of a script script_lang() knows (its script), a
 * mark that belongs to the letter before it (RUN_MARK), a space, digit
 * or punctuation mark shared by all scripts (RUN_SHARED), or any other
 * letter, Latin's first (RUN_PLAIN).
 */
#define RUN_SHARED	(-2)
#define RUN_MARK	(-3)

static int
run_class(uint32_t cp)
{
	GUnicodeScript	 sc;

	/* ASCII is Latin or shared, and most text is ASCII. */
	if (cp < 0x80)
		return g_ascii_isalpha((int)cp) ? RUN_PLAIN : RUN_SHARED;
	if (is_han_or_kana(cp))
		return G_UNICODE_SCRIPT_HAN;
	sc = g_unichar_get_script(cp);
	if (sc == G_UNICODE_SCRIPT_INHERITED)
		return RUN_MARK;
	if (sc == G_UNICODE_SCRIPT_COMMON || sc == G_UNICODE_SCRIPT_UNKNOWN)
		return RUN_SHARED;
	return script_lang(sc) != NULL ? (int)sc : RUN_PLAIN;
}

/*
 * Where the run of script cls that stops at a shared character at
 * s[i] goes on: past the spaces, digits and punctuation between two of
 * its words ("καλή μέρα", "سنة 1962 في"), to the next letter, if that
 * letter is of cls too; else i (the run ends before them).
 */
static size_t
run_goes_on(const char *s, size_t i, size_t len, int cls)
{
	size_t		 j, n;
	uint32_t	 cp;
	int		 k;

	for (j = i; j < len; j += n) {
		if ((n = utf8_decode(s + j, len - j, &cp)) == 0)
			return i;
		if ((k = run_class(cp)) != RUN_SHARED && k != RUN_MARK)
			return k == cls ? j : i;
	}
	return i;
}

size_t
script_run_end(const char *s, size_t i, size_t len, int *cls, int *kana,
    int *letters)
{
	size_t		 n, on, start = i;
	uint32_t	 cp;
	int		 k;

	*cls = RUN_PLAIN;
	*kana = *letters = 0;
	for (; i < len; i += n) {
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0)
			n = 1, cp = 0xFFFD;
		k = run_class(cp);
		if (k == RUN_MARK || (k == RUN_SHARED && *cls == RUN_PLAIN))
			continue;
		if (k == RUN_SHARED) {
			if (*cls == G_UNICODE_SCRIPT_HAN ||
			    (on = run_goes_on(s, i, len, *cls)) == i)
				break;
			n = on - i;
			continue;
		}
		if (k != *cls) {
			/* Only the first character chooses the class. */
			if (i > start)
				break;
			*cls = k;
		}
		*kana |= is_kana(cp);
		*letters += 1;
	}
	return i;
}

int
script_run_tagged(int script, int letters)
{
	return script == G_UNICODE_SCRIPT_HAN || (script >= 0 && letters >= 2);
}

const char *
string_run_lang(int script, int letters, const char *lang,
    const char *han_lang)
{
	if (!script_run_tagged(script, letters))
		return NULL;
	if (script == G_UNICODE_SCRIPT_HAN)
		return han_lang;
	return script_lang_in(script, lang);
}

time_t
build_epoch(const char *date)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	struct tm tm;
	char *end;
	long long v;
	time_t t;

	if (env != NULL && *env != '\0') {
		errno = 0;
		v = strtoll(env, &end, 10);
		if (errno == 0 && *end == '\0' && v >= 0)
			return (time_t)v;
	}
	memset(&tm, 0, sizeof(tm));
	if (date == NULL || sscanf(date, "%4d-%2d-%2d", &tm.tm_year,
	    &tm.tm_mon, &tm.tm_mday) != 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (t = timegm(&tm)) == (time_t)-1 ? 0 : t;
}

int
file_read(const char *path, char **data, size_t *len)
{
	struct buf b = { NULL, 0, 0 };
	char chunk[65536];
	ssize_t n;
	int fd, saved;

	if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			saved = errno;
			close(fd);
			buf_free(&b);
			errno = saved;
			return -1;
		}
		buf_put(&b, chunk, (size_t)n);
	}
	close(fd);
	if (b.p == NULL)
		b.p = xstrdup("");
	*data = b.p;
	*len = b.len;
	return 0;
}
