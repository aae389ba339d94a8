/* Fonts for the print layout: one Pango context, fontconfig checks. */
#ifndef LECTERN_FONTS_H
#define LECTERN_FONTS_H

#include <stddef.h>
#include <stdint.h>

#include <pango/pango.h>

/*
 * A font map and context that measure in points (72 per inch),
 * unhinted and with unrounded glyph positions, so what layout.c
 * measures is what cairo draws in the PDF.
 */
struct fonts {
	PangoFontMap	*map;
	PangoContext	*ctx;
};

/* Set up the map and context; fonts_close() releases them. */
void	fonts_open(struct fonts *);
void	fonts_close(struct fonts *);

/*
 * Does fontconfig know this family (by any of its names)?  If not,
 * report D_FONT_MISSING against file (the style) and return -1; we
 * never fall back to another family silently.
 */
int	fonts_check(const char *family, const char *file);

/*
 * Character cp, at pos, came out of shaping with no glyph: no font
 * Pango could find has it.  Report it once per script (said[] holds
 * the scripts reported, indexed by GUnicodeScript): an error naming
 * the Debian package that has a font for it when fontconfig knows no
 * font of that package (install it and build again), a warning when
 * the package is there and still lacks it, or no Debian 12 package has
 * one (CJK Extensions G and H): the PDF would show a box, and no
 * package can help.  Returns 1 after an error, else 0.
 */
struct pos;
int	fonts_missing(const struct pos *, uint32_t cp, unsigned char *said,
	    size_t nsaid);

/* A description for family at size points; caller frees. */
PangoFontDescription *fonts_desc(const char *family, double size,
	    int bold, int italic);

/*
 * Fonts cut down for the PDF.  cairo 1.16 subsets a CFF font's glyphs
 * but copies its subroutines whole (half a megabyte for Noto Serif
 * CJK), so pdf.c draws with faces HarfBuzz has already cut to the
 * glyphs the layout uses: fonts_cut_use() each shaped run, then
 * fonts_cut_make() once, then fonts_cut_font() to draw.
 */
struct fonts_cut;

struct fonts_cut *fonts_cut_new(void);
/*
 * Note the text a book will draw (UTF-8): each font noted after this
 * is cut to its glyphs for those characters too, so that the book's
 * later lectures seldom need a font cut again.
 */
void	fonts_cut_text(struct fonts_cut *, const char *);
/* Note the glyphs of a run shaped with font. */
void	fonts_cut_use(struct fonts_cut *, PangoFont *,
	    const PangoGlyphString *);
/*
 * Cut every font noted to its glyphs (ids kept, so the layout's glyph
 * strings stay valid).  Returns 0, or -1 after a diagnostic naming the
 * font file.  A book notes and makes again for each lecture: a font is
 * cut again (to every glyph noted so far) only when the lecture drew a
 * glyph its cut lacks, so a book embeds each font about once.
 */
int	fonts_cut_make(struct fonts_cut *);
/* The cairo font to draw font's glyphs with (borrowed), or NULL. */
struct _cairo_scaled_font *fonts_cut_font(struct fonts_cut *, PangoFont *);
void	fonts_cut_free(struct fonts_cut *);

#endif
