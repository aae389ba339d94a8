/* Hyphenation points from libhyphen, one dictionary per language. */
#ifndef LECTERN_HYPH_H
#define LECTERN_HYPH_H

#include <stddef.h>

struct hyph;

/*
 * Open the dictionary for a BCP 47 language tag ("en", "en-GB",
 * "de"...), looked up in /usr/share/hyphen.  Returns NULL when there is
 * no dictionary for it: such text is simply not hyphenated.  Caller
 * closes with hyph_close().
 */
struct hyph	*hyph_open(const char *lang);
void		 hyph_close(struct hyph *);

/*
 * Where may the word be hyphenated?  word is UTF-8, len bytes, one
 * word only (letters, maybe an apostrophe).  Writes into points[] the
 * byte offsets at which a hyphen may go (a break between
 * word[off-1] and word[off]), ascending, and returns how many (at most
 * max).  Returns 0 for words that must not be broken: fewer than
 * five letters, capitals after the first letter, digits.  At least
 * two letters stay before a break and three after it.
 */
size_t		 hyph_points(struct hyph *, const char *word, size_t len,
		    size_t *points, size_t max);

#endif
