/* Fonts for the print layout: the Pango context and fontconfig checks. */
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "diag.h"
#include "fonts.h"

void
fonts_open(struct fonts *f)
{
	cairo_font_options_t	*fo;

	/* Our own map, not the shared default, so nothing else tunes it. */
	f->map = pango_cairo_font_map_new();
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(f->map), 72);
	f->ctx = pango_font_map_create_context(f->map);
	fo = cairo_font_options_create();
	/* Hinted metrics would round advances to whole points. */
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(f->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(f->ctx, FALSE);
	pango_context_set_base_dir(f->ctx, PANGO_DIRECTION_LTR);
}

void
fonts_close(struct fonts *f)
{
	if (f->ctx != NULL)
		g_object_unref(f->ctx);
	if (f->map != NULL)
		g_object_unref(f->map);
	f->ctx = NULL;
	f->map = NULL;
}

int
fonts_check(const char *family, const char *file)
{
	FcPattern	*pat;
	FcObjectSet	*os;
	FcFontSet	*set;
	int		 found;

	pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	os = FcObjectSetBuild(FC_FAMILY, (char *)NULL);
	/* A list, not a match: FcFontMatch always finds "something". */
	set = FcFontList(NULL, pat, os);
	found = set != NULL && set->nfont > 0;
	if (set != NULL)
		FcFontSetDestroy(set);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	if (!found) {
		diag_file(file, D_FONT_MISSING, family);
		return -1;
	}
	return 0;
}

PangoFontDescription *
fonts_desc(const char *family, double size, int bold, int italic)
{
	PangoFontDescription	*d;

	d = pango_font_description_new();
	pango_font_description_set_family(d, family);
	pango_font_description_set_absolute_size(d, size * PANGO_SCALE);
	pango_font_description_set_weight(d,
	    bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(d,
	    italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	return d;
}
