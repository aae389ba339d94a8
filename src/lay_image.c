/* Layout: pictures (PNG, JPEG) loaded once per file as cairo surfaces. */
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

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

/*
 * The picture of an N_IMAGE, loaded once per file into ks, by the type
 * check.c found in its bytes: PNG and JPEG.  NULL for one check.c did
 * not accept or marked not printable (it said why), and, with a
 * warning, for a file cairo cannot read.  Owned by ks until
 * lay_images_free().
 */
const struct lay_image *
lay_image_load(struct lay_store *ks, const struct node *n)
{
	struct lay_image	*im = NULL;
	const char		*path = n->u.img.path;
	const char		*type = n->u.img.type;
	size_t			 i;

	if (path == NULL || type == NULL || (n->flags & NF_NOT_PRINTED))
		return NULL;
	for (i = 0; i < ks->nimgs; i++)
		if (strcmp(ks->imgs[i]->path, path) == 0)
			return ks->imgs[i];
	if (strcmp(type, "image/png") == 0)
		im = png_image(path);
	else if (strcmp(type, "image/jpeg") == 0)
		im = jpeg_image(path, n->u.img.width, n->u.img.height);
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
