/* Layout: pictures (PNG, JPEG, GIF, SVG) loaded once per file as cairo surfaces. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <librsvg/rsvg.h>

#include "diag.h"
#include "layout-int.h"
#include "tree.h"
#include "util.h"

/*
 * A JPEG w by h pixels as a blank surface of its size carrying the
 * file's bytes: cairo's PDF writer embeds those as they are.  NULL if
 * unreadable.
 */
static struct lay_image *
jpeg_image(const char *path, int w, int h)
{
	struct lay_image	*im;
	char			*data;
	size_t			 len;

	if (w <= 0 || h <= 0 || file_read(path, &data, &len) == -1)
		return NULL;
	im = xcalloc(1, sizeof(*im));
	im->surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	im->pw = w;
	im->ph = h;
	if (cairo_surface_set_mime_data(im->surf, CAIRO_MIME_TYPE_JPEG,
	    (unsigned char *)data, len, free, data) != CAIRO_STATUS_SUCCESS)
		free(data);
	return im;
}

/* A PNG through cairo; NULL if it cannot be read. */
static struct lay_image *
png_image(const char *path)
{
	struct lay_image	*im;

	im = xcalloc(1, sizeof(*im));
	im->surf = cairo_image_surface_create_from_png(path);
	im->pw = cairo_image_surface_get_width(im->surf);
	im->ph = cairo_image_surface_get_height(im->surf);
	return im;
}

/* A PNG in memory, read by cairo: the closure of png_in_memory(). */
struct png_bytes {
	const unsigned char	*p;
	size_t			 len, at;
};

static cairo_status_t
png_read(void *closure, unsigned char *data, unsigned int len)
{
	struct png_bytes	*b = closure;

	if (len > b->len - b->at)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, b->p + b->at, len);
	b->at += len;
	return CAIRO_STATUS_SUCCESS;
}

/*
 * A GIF's first frame (gdk-pixbuf gives the first frame of an
 * animation) as an image surface: gdk-pixbuf writes it as a PNG in
 * memory and cairo reads that, so that neither the pixel layout nor
 * the alpha premultiplication is done by hand.  NULL if unreadable.
 */
static struct lay_image *
gif_image(const char *path)
{
	struct lay_image	*im;
	struct png_bytes	 b;
	GdkPixbuf		*pb;
	gchar			*png = NULL;
	gsize			 len = 0;

	if ((pb = gdk_pixbuf_new_from_file(path, NULL)) == NULL)
		return NULL;
	if (!gdk_pixbuf_save_to_buffer(pb, &png, &len, "png", NULL, NULL)) {
		g_object_unref(pb);
		return NULL;
	}
	g_object_unref(pb);
	b.p = (const unsigned char *)png;
	b.len = len;
	b.at = 0;
	im = xcalloc(1, sizeof(*im));
	im->surf = cairo_image_surface_create_from_png_stream(png_read, &b);
	g_free(png);
	im->pw = cairo_image_surface_get_width(im->surf);
	im->ph = cairo_image_surface_get_height(im->surf);
	return im;
}

/*
 * An SVG drawn by librsvg into a recording surface, so that the PDF
 * holds its paths and text as vectors, at its intrinsic size in CSS
 * pixels (w by h, check.c's, where the file gives none).  NULL if
 * librsvg cannot read or draw it.
 */
static struct lay_image *
svg_image(const char *path, int w, int h)
{
	struct lay_image	*im;
	RsvgHandle		*svg;
	cairo_rectangle_t	 box;
	RsvgRectangle		 vp;
	cairo_t			*cr;
	double			 sw, sh;
	gboolean		 ok;

	if ((svg = rsvg_handle_new_from_file(path, NULL)) == NULL)
		return NULL;
	rsvg_handle_set_dpi(svg, 96);
	if (rsvg_handle_get_intrinsic_size_in_pixels(svg, &sw, &sh) &&
	    sw >= 1 && sh >= 1 && sw <= INT_MAX && sh <= INT_MAX) {
		w = (int)ceil(sw);
		h = (int)ceil(sh);
	}
	if (w <= 0 || h <= 0) {
		g_object_unref(svg);
		return NULL;
	}
	box.x = box.y = 0;
	box.width = w;
	box.height = h;
	vp.x = vp.y = 0;
	vp.width = w;
	vp.height = h;
	im = xcalloc(1, sizeof(*im));
	im->surf = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA,
	    &box);
	cr = cairo_create(im->surf);
	ok = rsvg_handle_render_document(svg, cr, &vp, NULL);
	cairo_destroy(cr);
	g_object_unref(svg);
	im->pw = w;
	im->ph = h;
	if (!ok) {
		cairo_surface_destroy(im->surf);
		free(im);
		return NULL;
	}
	return im;
}

/*
 * The picture of an N_IMAGE, loaded once per file into ks, by the type
 * check.c found in its bytes: PNG, JPEG, GIF or SVG.  NULL for one
 * check.c did not accept (it said why), and, with a warning, for a
 * file that cannot be read now.  Owned by ks until
 * lay_images_free().
 */
const struct lay_image *
lay_image_load(struct lay_store *ks, const struct node *n)
{
	struct lay_image	*im = NULL;
	const char		*path = n->u.img.path;
	const char		*type = n->u.img.type;
	size_t			 i;

	if (path == NULL || type == NULL)
		return NULL;
	for (i = 0; i < ks->nimgs; i++)
		if (strcmp(ks->imgs[i]->path, path) == 0)
			return ks->imgs[i];
	if (strcmp(type, "image/png") == 0)
		im = png_image(path);
	else if (strcmp(type, "image/jpeg") == 0)
		im = jpeg_image(path, n->u.img.width, n->u.img.height);
	else if (strcmp(type, "image/gif") == 0)
		im = gif_image(path);
	else if (strcmp(type, "image/svg+xml") == 0)
		im = svg_image(path, n->u.img.width, n->u.img.height);
	if (im != NULL && (cairo_surface_status(im->surf) !=
	    CAIRO_STATUS_SUCCESS || im->pw <= 0 || im->ph <= 0)) {
		cairo_surface_destroy(im->surf);
		free(im);
		im = NULL;
	}
	if (im == NULL) {
		diag(&n->pos, D_IMAGE_NOT_PRINTED, n->u.img.src);
		return NULL;
	}
	im->path = path;
	ks->imgs = xreallocarray(ks->imgs, ks->nimgs + 1,
	    sizeof(*ks->imgs));
	ks->imgs[ks->nimgs++] = im;
	return im;
}

/* Every picture ks loaded. */
void
lay_images_free(struct lay_store *ks)
{
	size_t	 i;

	for (i = 0; i < ks->nimgs; i++) {
		cairo_surface_destroy(ks->imgs[i]->surf);
		free(ks->imgs[i]);
	}
	free(ks->imgs);
	ks->imgs = NULL;
	ks->nimgs = 0;
}
