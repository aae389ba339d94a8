/* Layout: pictures (PNG, JPEG) loaded once per file as cairo surfaces. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo.h>

#include "diag.h"
#include "layout-int.h"
#include "tree.h"
#include "util.h"

/* Width and height of a JPEG from its first frame header; -1 if none. */
static int
jpeg_size(const unsigned char *d, size_t len, int *w, int *h)
{
	size_t	 i = 2, seg;

	if (len < 4 || d[0] != 0xFF || d[1] != 0xD8)
		return -1;
	while (i + 9 < len) {
		if (d[i] != 0xFF)
			return -1;
		seg = (size_t)d[i + 2] << 8 | d[i + 3];
		/* SOF0..SOF15, but not DHT, JPG, DAC. */
		if (d[i + 1] >= 0xC0 && d[i + 1] <= 0xCF && d[i + 1] != 0xC4 &&
		    d[i + 1] != 0xC8 && d[i + 1] != 0xCC) {
			*h = d[i + 5] << 8 | d[i + 6];
			*w = d[i + 7] << 8 | d[i + 8];
			return *w > 0 && *h > 0 ? 0 : -1;
		}
		i += 2 + seg;
	}
	return -1;
}

/* Does s end in suf, in any case? */
static int
has_suffix(const char *s, const char *suf)
{
	size_t	 a = strlen(s), b = strlen(suf);

	return a >= b && strcasecmp(s + a - b, suf) == 0;
}

/*
 * A JPEG as a blank surface of its size carrying the file's bytes:
 * cairo's PDF writer embeds those as they are.  NULL if unreadable.
 */
static struct lay_image *
jpeg_image(const char *path)
{
	struct lay_image	*im;
	char			*data;
	size_t			 len;
	int			 w, h;

	if (file_read(path, &data, &len) == -1)
		return NULL;
	if (jpeg_size((unsigned char *)data, len, &w, &h) == -1) {
		free(data);
		return NULL;
	}
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
 * The picture of an N_IMAGE, loaded once per file into ks: PNG and
 * JPEG.  Others (GIF, SVG) are a warning and NULL; so is an image
 * check.c did not accept (it said why).  Owned by ks until
 * lay_images_free().
 */
const struct lay_image *
lay_image_load(struct lay_store *ks, const struct node *n)
{
	struct lay_image	*im = NULL;
	const char		*path = n->u.img.path;
	size_t			 i;

	if (path == NULL)
		return NULL;
	for (i = 0; i < ks->nimgs; i++)
		if (strcmp(ks->imgs[i]->path, path) == 0)
			return ks->imgs[i];
	if (has_suffix(path, ".png"))
		im = png_image(path);
	else if (has_suffix(path, ".jpg") || has_suffix(path, ".jpeg"))
		im = jpeg_image(path);
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
