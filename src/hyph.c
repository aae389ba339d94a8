/* Hyphenation points from libhyphen, one dictionary per language. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <dirent.h>
#include <glib.h>
#include <hyphen.h>

#include "hyph.h"
#include "util.h"

#define HYPH_DIR	"/usr/share/hyphen"
#define LEFT_MIN	2	/* letters kept before a break */
#define RIGHT_MIN	3	/* letters kept after a break */
#define WORD_MIN	5	/* shorter words are never broken */
#define WORD_MAX	128	/* longer "words" (URLs...) are left alone */
#define SEEN_MAX	32768	/* words whose points are kept */

/*
 * A dictionary, and the points of the words it was asked about: a
 * lecture asks for the same words again and again (a book of 500 spent
 * a fifteenth of its time in libhyphen), and the points depend on the
 * word's bytes alone.  At most SEEN_MAX words, a few megabytes: past
 * that, words are hyphenated afresh.
 */
struct hyph {
	HyphenDict	*dict;
	GIConv		 to_dict;	/* UTF-8 to the dictionary's 8-bit
					   charset, or (GIConv)-1 */
	GHashTable	*seen;		/* word -> struct seen */
};

/* A word's points, as hyph_points() gives them. */
struct seen {
	size_t		 n;
	uint16_t	 points[];	/* bytes, below WORD_MAX * 4 */
};

/* Region defaults for a bare primary subtag. */
static const struct {
	const char	*lang, *file;
} defaults[] = {
	{ "en", "en_US" }, { "de", "de_DE" }, { "fr", "fr" },
	{ "es", "es_ES" }, { "it", "it_IT" }, { "pt", "pt_PT" },
	{ "nl", "nl_NL" }, { "sv", "sv_SE" }, { "da", "da_DK" },
	{ "nb", "nb_NO" }, { "nn", "nn_NO" }, { "no", "nb_NO" },
	{ "pl", "pl_PL" }, { "ru", "ru_RU" }, { "uk", "uk_UA" },
	{ "cs", "cs_CZ" }, { "sk", "sk_SK" }, { "hu", "hu_HU" },
	{ "ro", "ro_RO" }, { "fi", "fi_FI" }, { "el", "el_GR" },
};

static int
is_apostrophe(uint32_t cp)
{
	return cp == '\'' || cp == 0x2019;
}

/* Try HYPH_DIR/hyph_NAME.dic; returns the loaded dictionary or NULL. */
static HyphenDict *
load(const char *name)
{
	HyphenDict	*d;
	char		*path;

	path = xasprintf("%s/hyph_%s.dic", HYPH_DIR, name);
	d = access(path, R_OK) == 0 ? hnj_hyphen_load(path) : NULL;
	free(path);
	return d;
}

/* Any HYPH_DIR/hyph_PRIMARY*.dic, the first in name order. */
static HyphenDict *
load_any(const char *primary)
{
	struct dirent	**ents;
	HyphenDict	 *d = NULL;
	char		 *pre;
	size_t		  plen;
	int		  i, ne;

	ne = scandir(HYPH_DIR, &ents, NULL, alphasort);
	if (ne < 0)
		return NULL;
	pre = xasprintf("hyph_%s", primary);
	plen = strlen(pre);
	for (i = 0; i < ne; i++) {
		const char *nm = ents[i]->d_name;
		size_t l = strlen(nm);

		/* hyph_en_US.dic but not hyph_eng.dic */
		if (d == NULL && strncmp(nm, pre, plen) == 0 &&
		    (nm[plen] == '_' || nm[plen] == '.') &&
		    l > 4 && strcmp(nm + l - 4, ".dic") == 0) {
			char *name = xstrndup(nm + 5, l - 9);
			d = load(name);
			free(name);
		}
		free(ents[i]);
	}
	free(ents);
	free(pre);
	return d;
}

/*
 * Open the dictionary for a language tag: the exact tag ("en-GB" ->
 * en_GB), then the primary subtag with its usual region, then any
 * dictionary of that language.  NULL when none exists.
 */
struct hyph *
hyph_open(const char *lang)
{
	struct hyph	*h;
	HyphenDict	*d = NULL;
	char		 tag[32], primary[16];
	size_t		 i, k;

	if (lang == NULL || *lang == '\0' || strlen(lang) >= sizeof(tag))
		return NULL;
	for (i = 0; lang[i] != '\0'; i++) {
		if (!g_ascii_isalnum(lang[i]) && lang[i] != '-' &&
		    lang[i] != '_')
			return NULL;	/* no paths out of HYPH_DIR */
		tag[i] = lang[i] == '-' ? '_' : lang[i];
	}
	tag[i] = '\0';
	for (k = 0; tag[k] != '\0' && tag[k] != '_' &&
	    k + 1 < sizeof(primary); k++)
		primary[k] = g_ascii_tolower(tag[k]);
	primary[k] = '\0';
	if (k == 0)
		return NULL;
	/* The primary subtag is lowercase, a region uppercase. */
	memcpy(tag, primary, k);
	if (tag[k] == '_' && strlen(tag + k + 1) == 2)
		for (i = k + 1; tag[i] != '\0'; i++)
			tag[i] = g_ascii_toupper(tag[i]);

	d = load(tag);
	for (i = 0; d == NULL && i < sizeof(defaults) / sizeof(defaults[0]);
	    i++)
		if (strcmp(defaults[i].lang, primary) == 0)
			d = load(defaults[i].file);
	if (d == NULL)
		d = load(primary);
	if (d == NULL)
		d = load_any(primary);
	if (d == NULL)
		return NULL;
	h = xmalloc(sizeof(*h));
	h->dict = d;
	/*
	 * Many of Debian's dictionaries are 8-bit: German and Portuguese
	 * in ISO 8859-1, Polish in 8859-2, Greek in 8859-7, Russian in
	 * KOI8-R (the first line names it).  Words go to them converted.
	 */
	h->to_dict = d->utf8 ? (GIConv)-1 : g_iconv_open(d->cset, "UTF-8");
	h->seen = g_hash_table_new_full(g_str_hash, g_str_equal, free, free);
	return h;
}

void
hyph_close(struct hyph *h)
{
	if (h == NULL)
		return;
	hnj_hyphen_free(h->dict);
	if (h->to_dict != (GIConv)-1)
		g_iconv_close(h->to_dict);
	g_hash_table_destroy(h->seen);
	free(h);
}

/*
 * The lowercase word low (len bytes of UTF-8) in the dictionary's
 * charset, into out (room for len bytes: a letter of an 8-bit charset
 * is one byte, never more than its UTF-8); its length, or -1 when a
 * letter is not in that charset (the word is left whole).
 */
static int
dict_word(struct hyph *h, const char *low, size_t len, char *out)
{
	gchar	*in = (gchar *)low, *o = out;
	gsize	 inleft = len, outleft = len;

	if (h->dict->utf8) {
		memcpy(out, low, len);
		return (int)len;
	}
	if (h->to_dict == (GIConv)-1)
		return -1;
	/* Back to the initial state, then the word. */
	g_iconv(h->to_dict, NULL, NULL, NULL, NULL);
	if (g_iconv(h->to_dict, &in, &inleft, &o, &outleft) == (gsize)-1 ||
	    inleft != 0)
		return -1;
	return (int)(o - out);
}

/*
 * Hyphenate one apostrophe-free piece word[0..len) that holds nletters
 * letters; add the byte offsets (relative to base) to points.  The
 * piece is lowercased for libhyphen; a word whose lowercase has
 * another byte length (a dotted capital I) is left whole, so that
 * offsets carry over.
 */
static size_t
piece(struct hyph *h, const char *word, size_t len, size_t base,
    size_t *points, size_t np, size_t max)
{
	char	 low[WORD_MAX * 4 + 8], dw[WORD_MAX * 4 + 8];
	char	 hy[WORD_MAX * 4 + 8];
	char	**rep = NULL;
	int	*pos = NULL, *cut = NULL, dlen;
	size_t	 i, o, cl, nl, total;
	uint32_t cp;

	/* Count letters; lowercase into low[]. */
	for (i = o = total = 0; i < len; i += cl) {
		cl = utf8_decode(word + i, len - i, &cp);
		if (cl == 0 || o + 4 >= sizeof(low))
			return np;
		o += utf8_encode(g_unichar_tolower(cp), low + o);
		total++;
	}
	if (total < WORD_MIN || o != len)
		return np;
	if ((dlen = dict_word(h, low, len, dw)) < 0)
		return np;
	dw[dlen] = '\0';
	if (hnj_hyphen_hyphenate2(h->dict, dw, dlen, hy, NULL, &rep, &pos,
	    &cut) != 0)
		return np;
	/*
	 * hy[c] is odd where a break may follow letter c: libhyphen
	 * counts letters, not bytes, in UTF-8 (checked with a word
	 * holding an e-acute), and a letter is a byte in an 8-bit
	 * charset.  i is the byte of low where letter nl starts.
	 */
	for (i = nl = 0; i < len && np < max; nl++) {
		if ((cl = utf8_decode(low + i, len - i, &cp)) == 0)
			break;
		i += cl;
		if (i >= len || !(hy[nl] & 1))
			continue;
		if (rep != NULL && rep[nl] != NULL)
			continue;	/* non-standard breaks: skip */
		if (nl + 1 >= LEFT_MIN && total - (nl + 1) >= RIGHT_MIN)
			points[np++] = base + i;
	}
	if (rep != NULL) {
		for (i = 0; i < (size_t)dlen; i++)
			free(rep[i]);
		free(rep);
		free(pos);
		free(cut);
	}
	return np;
}

/* hyph_points() without the words seen. */
static size_t
points_of(struct hyph *h, const char *word, size_t len, size_t *points,
    size_t max)
{
	size_t	 i, cl, start, np = 0, nletters = 0;
	uint32_t cp;

	/* Refuse digits and inner capitals before hyphenating anything. */
	for (i = 0; i < len; i += cl) {
		cl = utf8_decode(word + i, len - i, &cp);
		if (cl == 0)
			return 0;
		if (cp >= '0' && cp <= '9')
			return 0;
		if (is_apostrophe(cp))
			continue;
		if (nletters > 0 && g_unichar_isupper(cp))
			return 0;
		nletters++;
	}
	if (nletters < WORD_MIN)
		return 0;
	/* Never break across an apostrophe: hyphenate each side. */
	for (i = start = 0; i <= len; i += cl) {
		cl = 1;
		if (i < len) {
			cl = utf8_decode(word + i, len - i, &cp);
			if (!is_apostrophe(cp))
				continue;
		}
		np = piece(h, word + start, i - start, start, points, np,
		    max);
		start = i + cl;
	}
	return np;
}

size_t
hyph_points(struct hyph *h, const char *word, size_t len, size_t *points,
    size_t max)
{
	char		 key[WORD_MAX * 4 + 1];
	size_t		 all[WORD_MAX * 4], n, i;
	struct seen	*sn;

	if (h == NULL || len > WORD_MAX * 4 || memchr(word, '\0', len))
		return 0;
	memcpy(key, word, len);
	key[len] = '\0';
	if ((sn = g_hash_table_lookup(h->seen, key)) == NULL) {
		n = points_of(h, word, len, all, sizeof(all) / sizeof(all[0]));
		if (g_hash_table_size(h->seen) >= SEEN_MAX) {
			for (i = 0; i < n && i < max; i++)
				points[i] = all[i];
			return i;
		}
		sn = xmalloc(sizeof(*sn) + n * sizeof(sn->points[0]));
		sn->n = n;
		for (i = 0; i < n; i++)
			sn->points[i] = (uint16_t)all[i];
		g_hash_table_insert(h->seen, xstrdup(key), sn);
	}
	for (i = 0; i < sn->n && i < max; i++)
		points[i] = sn->points[i];
	return i;
}
