/* The book's cover picture, drawn with cairo and Pango from its metadata. */
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "cover.h"
#include "diag.h"
#include "fonts.h"
#include "style.h"
#include "tree.h"
#include "util.h"

/*
 * The picture's proportions, in pixels: a margin all round, the course
 * above a rule at the top, the number and title from a third down, the
 * author at the foot.
 */
#define MARGIN		160
#define COURSE_SIZE	64
#define RULE_Y		420
#define RULE_WIDTH	6
#define LABEL_Y		820
#define LABEL_SIZE	84
#define TITLE_GAP	60	/* between the label and the title */
#define TITLE_MAX	150	/* the title's size, shrunk until it fits */
#define TITLE_MIN	64
#define TITLE_STEP	6
#define TITLE_ROOM	1200	/* the height the title may fill */
#define AUTHOR_SIZE	72
#define AUTHOR_Y	2240	/* the author's baseline region */

/* Ink on paper: light lettering on a deep blue-grey ground. */
static const double ground[3] = { 0.114, 0.169, 0.271 };
static const double ink[3] = { 0.957, 0.937, 0.890 };
static const double accent[3] = { 0.827, 0.651, 0.337 };

/* Text set in one font at one size, wrapped to the width inside the margins. */
static PangoLayout *
text_layout(PangoContext *ctx, const char *family, double size, int bold,
    const char *text)
{
	PangoLayout		*lay;
	PangoFontDescription	*fd;

	lay = pango_layout_new(ctx);
	fd = fonts_desc(family, size, bold, 0);
	pango_layout_set_font_description(lay, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(lay, (COVER_WIDTH - 2 * MARGIN) * PANGO_SCALE);
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(lay, text, -1);
	return lay;
}

/* Draw lay with its top at y in colour rgb; returns its height. */
static int
show(cairo_t *cr, PangoLayout *lay, int y, const double rgb[3])
{
	int	 w, h;

	cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
	cairo_move_to(cr, MARGIN, y);
	pango_cairo_show_layout(cr, lay);
	pango_layout_get_pixel_size(lay, &w, &h);
	return h;
}

/*
 * The title at the largest size from TITLE_MAX down at which it fits
 * TITLE_ROOM: a short title stands large, a long one still fits.
 * Caller unrefs.
 */
static PangoLayout *
title_layout(PangoContext *ctx, const struct style *st, const char *title)
{
	PangoLayout	*lay;
	int		 size, w, h;

	for (size = TITLE_MAX; ; size -= TITLE_STEP) {
		lay = text_layout(ctx, st->heading_font, size, 1, title);
		pango_layout_set_spacing(lay, size / 8 * PANGO_SCALE);
		pango_layout_get_pixel_size(lay, &w, &h);
		if (h <= TITLE_ROOM || size - TITLE_STEP < TITLE_MIN)
			return lay;
		g_object_unref(lay);
	}
}

/* The lettering of the cover, in the order it is read. */
static void
draw_text(cairo_t *cr, PangoContext *ctx, const struct doc *doc,
    const struct style *st)
{
	const struct meta	*m = &doc->meta;
	PangoLayout		*lay;
	int			 y;

	if (m->course != NULL) {
		lay = text_layout(ctx, st->heading_font, COURSE_SIZE, 0,
		    m->course);
		show(cr, lay, RULE_Y - 60 - pango_layout_get_line_count(lay) *
		    COURSE_SIZE * 5 / 4, ink);
		g_object_unref(lay);
	}
	cairo_set_source_rgb(cr, accent[0], accent[1], accent[2]);
	cairo_rectangle(cr, MARGIN, RULE_Y, COVER_WIDTH - 2 * MARGIN,
	    RULE_WIDTH);
	cairo_fill(cr);

	y = LABEL_Y;
	if (m->label != NULL) {
		lay = text_layout(ctx, st->heading_font, LABEL_SIZE, 0,
		    m->label);
		y += show(cr, lay, y, accent) + TITLE_GAP;
		g_object_unref(lay);
	}
	lay = title_layout(ctx, st, m->title != NULL ? m->title : doc->stem);
	show(cr, lay, y, ink);
	g_object_unref(lay);

	if (m->byline != NULL) {
		lay = text_layout(ctx, st->body_font, AUTHOR_SIZE, 0,
		    m->byline);
		show(cr, lay, AUTHOR_Y, ink);
		g_object_unref(lay);
	}
}

/* cairo's PNG writer appends to the buffer given as closure. */
static cairo_status_t
png_put(void *closure, const unsigned char *data, unsigned int len)
{
	buf_put(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

int
cover_draw(const struct doc *doc, const struct style *st, const char *file,
    struct buf *out)
{
	cairo_surface_t	*sf;
	cairo_t		*cr;
	struct fonts	 f;
	cairo_status_t	 status;

	sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, COVER_WIDTH,
	    COVER_HEIGHT);
	cr = cairo_create(sf);
	cairo_set_source_rgb(cr, ground[0], ground[1], ground[2]);
	cairo_paint(cr);
	/* At 72 per inch a point is a pixel: the print fonts, as sized here. */
	fonts_open(&f);
	pango_context_set_language(f.ctx,
	    pango_language_from_string(doc->meta.lang));
	pango_cairo_update_context(cr, f.ctx);
	draw_text(cr, f.ctx, doc, st);
	fonts_close(&f);
	status = cairo_status(cr);
	cairo_destroy(cr);
	if (status == CAIRO_STATUS_SUCCESS)
		status = cairo_surface_write_to_png_stream(sf, png_put, out);
	cairo_surface_destroy(sf);
	if (status != CAIRO_STATUS_SUCCESS) {
		diag_file(file, D_SYS_LIB, "cairo",
		    cairo_status_to_string(status));
		return -1;
	}
	return 0;
}
