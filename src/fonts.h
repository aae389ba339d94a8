/* Fonts for the print layout: one Pango context, fontconfig checks. */
#ifndef LECTERN_FONTS_H
#define LECTERN_FONTS_H

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

/* A description for family at size points; caller frees. */
PangoFontDescription *fonts_desc(const char *family, double size,
	    int bold, int italic);

#endif
