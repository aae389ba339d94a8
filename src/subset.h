/* Fonts cut down to the glyphs a book uses, by HarfBuzz's hb-subset. */
#ifndef LECTERN_SUBSET_H
#define LECTERN_SUBSET_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/* Flags for subset_by_glyphs(). */
#define SUBSET_RETAIN_GIDS	0x1u	/* glyph ids stay as in the font */
#define SUBSET_DESUBROUTINIZE	0x2u	/* CFF charstrings without subrs */

/*
 * Append to out an OpenType font (SFNT) holding face index of the font
 * file path (a .ttc collection or a single font) cut down to the glyphs
 * of the n code points cps, with their layout rules, cmap and metrics.
 * Code points the font lacks are left out.  Returns 0, or -1 after a
 * diagnostic naming path.
 */
int	subset_by_unicodes(const char *path, int index, const uint32_t *cps,
	    size_t n, struct buf *out);

/*
 * The same by glyph ids (as Pango/HarfBuzz shaped them): keeps the
 * glyphs gids (and the ones their composites need), with flags as
 * above; glyph 0 (.notdef) is always kept.
 */
int	subset_by_glyphs(const char *path, int index, const unsigned *gids,
	    size_t n, unsigned flags, struct buf *out);

/*
 * The file and face index of the font fontconfig has for family
 * (regular weight).  Returns 0 and *path (caller frees), or -1 after
 * a D_FONT_MISSING naming style, the file that asked for the family.
 */
int	subset_find(const char *family, const char *style, char **path,
	    int *index);

/*
 * Append to out the font's own statement of its rights, from its name
 * table: copyright, trademark, licence and the licence's address (what
 * the SIL Open Font License asks to travel with every copy).  Returns
 * 0, or -1 after a diagnostic when the font states no licence.
 */
int	subset_licence(const char *path, int index, struct buf *out);

#endif
