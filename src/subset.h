/* Fonts cut down to the glyphs a book uses, by HarfBuzz's hb-subset. */
#ifndef LECTERN_SUBSET_H
#define LECTERN_SUBSET_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/* Flags for subset_by_glyphs(). */
#define SUBSET_RETAIN_GIDS	0x1u	/* glyph ids stay as in the font */
#define SUBSET_DESUBROUTINIZE	0x2u	/* CFF charstrings without subrs */
#define SUBSET_NO_HINTING	0x4u	/* no hinting (print and PDF) */

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

#endif
