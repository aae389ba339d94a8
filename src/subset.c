/* Fonts cut down to the glyphs a book uses, by HarfBuzz's hb-subset. */
#include <errno.h>
#include <string.h>

#include <hb.h>
#include <hb-subset.h>

#include "diag.h"
#include "subset.h"
#include "util.h"

/*
 * Open face index of path; NULL after a diagnostic.  HarfBuzz reads a
 * file it cannot open as an empty blob, so an empty blob means the
 * file is missing and a face with no glyphs means it is not a font.
 * Caller destroys the face.
 */
static hb_face_t *
face_open(const char *path, int index)
{
	hb_blob_t	*blob;
	hb_face_t	*face;

	errno = 0;
	blob = hb_blob_create_from_file_or_fail(path);
	if (blob == NULL || hb_blob_get_length(blob) == 0) {
		hb_blob_destroy(blob);
		diag_file(path, D_SYS_READ, errno ? strerror(errno) :
		    "empty or missing font file");
		return NULL;
	}
	if (index < 0 || (unsigned)index >= hb_face_count(blob)) {
		hb_blob_destroy(blob);
		diag_file(path, D_SYS_LIB, "harfbuzz",
		    "no font at this index in the file");
		return NULL;
	}
	face = hb_face_create(blob, (unsigned)index);
	hb_blob_destroy(blob);
	if (hb_face_get_glyph_count(face) == 0) {
		hb_face_destroy(face);
		diag_file(path, D_SYS_LIB, "harfbuzz", "not an OpenType font");
		return NULL;
	}
	return face;
}

/*
 * Run the subsetter on face with input and append the font it makes
 * to out.  Consumes face and input.  Returns 0, or -1 after a
 * diagnostic.
 */
static int
run(const char *path, hb_face_t *face, hb_subset_input_t *input,
    struct buf *out)
{
	hb_face_t	*cut;
	hb_blob_t	*blob;
	const char	*data;
	unsigned	 len;
	int		 rc = -1;

	cut = hb_subset_or_fail(face, input);
	hb_subset_input_destroy(input);
	hb_face_destroy(face);
	if (cut == NULL) {
		diag_file(path, D_SYS_LIB, "hb-subset", "cannot subset the font");
		return -1;
	}
	blob = hb_face_reference_blob(cut);
	data = hb_blob_get_data(blob, &len);
	if (data != NULL && len > 0) {
		buf_put(out, data, len);
		rc = 0;
	} else
		diag_file(path, D_SYS_LIB, "hb-subset", "empty subset");
	hb_blob_destroy(blob);
	hb_face_destroy(cut);
	return rc;
}

/*
 * A subset input with the given flags (ours mapped onto HarfBuzz's);
 * NULL after a diagnostic.
 */
static hb_subset_input_t *
input_new(const char *path, unsigned flags)
{
	hb_subset_input_t	*input;
	unsigned		 hb = HB_SUBSET_FLAGS_DEFAULT;

	if ((input = hb_subset_input_create_or_fail()) == NULL) {
		diag_file(path, D_SYS_LIB, "hb-subset", "out of memory");
		return NULL;
	}
	if (flags & SUBSET_RETAIN_GIDS)
		hb |= HB_SUBSET_FLAGS_RETAIN_GIDS;
	if (flags & SUBSET_DESUBROUTINIZE)
		hb |= HB_SUBSET_FLAGS_DESUBROUTINIZE;
	if (flags & SUBSET_NO_HINTING)
		hb |= HB_SUBSET_FLAGS_NO_HINTING;
	hb_subset_input_set_flags(input, hb);
	return input;
}

int
subset_by_unicodes(const char *path, int index, const uint32_t *cps,
    size_t n, struct buf *out)
{
	hb_face_t		*face;
	hb_subset_input_t	*input;
	hb_set_t		*set;
	size_t			 i;

	if ((face = face_open(path, index)) == NULL)
		return -1;
	if ((input = input_new(path, 0)) == NULL) {
		hb_face_destroy(face);
		return -1;
	}
	set = hb_subset_input_unicode_set(input);
	for (i = 0; i < n; i++)
		hb_set_add(set, cps[i]);
	return run(path, face, input, out);
}

int
subset_by_glyphs(const char *path, int index, const unsigned *gids,
    size_t n, unsigned flags, struct buf *out)
{
	hb_face_t		*face;
	hb_subset_input_t	*input;
	hb_set_t		*set;
	size_t			 i;

	if ((face = face_open(path, index)) == NULL)
		return -1;
	if ((input = input_new(path, flags)) == NULL) {
		hb_face_destroy(face);
		return -1;
	}
	set = hb_subset_input_glyph_set(input);
	hb_set_add(set, 0);
	for (i = 0; i < n; i++)
		hb_set_add(set, gids[i]);
	return run(path, face, input, out);
}
