/* The book's cover picture, drawn with cairo and Pango from its metadata. */
#define _DEFAULT_SOURCE		/* MADV_HUGEPAGE */
#include <sys/mman.h>

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>
#include <png.h>

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
#define HUGE_PAGE	(2 << 20)	/* x86-64's, for cover_pixels() */

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

/* libpng's output and its failure, for png_encode(). */
struct png_out {
	struct buf	*buf;
	const char	*err;
	jmp_buf		 jmp;
};

static void
png_put(png_structp png, png_bytep data, size_t len)
{
	struct png_out	*o = png_get_io_ptr(png);

	buf_put(o->buf, (const char *)data, len);
}

static void
png_flush(png_structp png)
{
	(void)png;
}

/* libpng's errors come back to png_encode() (it would print them). */
static void
png_fail(png_structp png, png_const_charp msg)
{
	struct png_out	*o = png_get_error_ptr(png);

	o->err = msg;
	longjmp(o->jmp, 1);
}

static void
png_quiet(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/*
 * The cover's pixels as a PNG, appended to out.  cairo's own writer
 * tries every row filter on every row: 92 ms for a picture of this
 * size, where the seed's whole EPUB took 313 ms.  The cover is flat
 * colour with lettering, where no filter compresses better than
 * "none": 36 ms, and the seed's cover 76 KB instead of 87 KB.
 * Returns NULL, or libpng's message.
 */
static const char *
png_encode(cairo_surface_t *sf, struct buf *out)
{
	struct png_out	 o;
	png_structp	 png;
	png_infop	 info = NULL;
	unsigned char	*px = cairo_image_surface_get_data(sf);
	int		 stride = cairo_image_surface_get_stride(sf), y;

	memset(&o, 0, sizeof(o));
	o.buf = out;
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &o, png_fail,
	    png_quiet);
	if (png == NULL || (info = png_create_info_struct(png)) == NULL) {
		png_destroy_write_struct(&png, NULL);
		return "cannot start a PNG";
	}
	if (setjmp(o.jmp) == 0) {
		png_set_write_fn(png, &o, png_put, png_flush);
		png_set_IHDR(png, info, COVER_WIDTH, COVER_HEIGHT, 8,
		    PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
		    PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
		png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
		png_write_info(png, info);
		/* cairo's RGB24 is a 32-bit word, x8r8g8b8, in the machine's
		   byte order. */
		if (G_BYTE_ORDER == G_LITTLE_ENDIAN) {
			png_set_bgr(png);
			png_set_filler(png, 0, PNG_FILLER_AFTER);
		} else
			png_set_filler(png, 0, PNG_FILLER_BEFORE);
		for (y = 0; y < COVER_HEIGHT; y++)
			png_write_row(png, px + (size_t)y * (size_t)stride);
		png_write_end(png, info);
	}
	png_destroy_write_struct(&png, &info);
	return o.err;
}

/*
 * Room for the cover's pixels (stride bytes a row), on huge pages where
 * the system gives them: the picture is 16 MB, and touching it page by
 * page (4,096 faults) took longer than drawing on it.
 */
static unsigned char *
cover_pixels(int stride)
{
	size_t	 size = (size_t)stride * COVER_HEIGHT;
	void	*p;

	if (posix_memalign(&p, HUGE_PAGE, size) != 0)
		return xmalloc(size);
#ifdef MADV_HUGEPAGE
	(void)madvise(p, size, MADV_HUGEPAGE);
#endif
	return p;
}

int
cover_draw(const struct doc *doc, const struct style *st, const char *file,
    struct buf *out)
{
	cairo_surface_t	*sf;
	cairo_t		*cr;
	struct fonts	 f;
	cairo_status_t	 status;
	const char	*err = NULL;
	int		 stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24,
			    COVER_WIDTH);
	unsigned char	*px = cover_pixels(stride);

	sf = cairo_image_surface_create_for_data(px, CAIRO_FORMAT_RGB24,
	    COVER_WIDTH, COVER_HEIGHT, stride);
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
	if (status == CAIRO_STATUS_SUCCESS) {
		cairo_surface_flush(sf);
		err = png_encode(sf, out);
	}
	cairo_surface_destroy(sf);
	free(px);
	if (status != CAIRO_STATUS_SUCCESS) {
		diag_file(file, D_SYS_LIB, "cairo",
		    cairo_status_to_string(status));
		return -1;
	}
	if (err != NULL) {
		diag_file(file, D_SYS_LIB, "libpng", err);
		return -1;
	}
	return 0;
}
