/* Fonts cut down to the glyphs a book uses, by HarfBuzz's hb-subset. */
#include <errno.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <hb-ot.h>
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
 * The name table entries a cut font keeps: HarfBuzz's default (the
 * names, 0 to 6) and the trademark, licence and its address, which
 * the licence of most fonts asks to keep with every copy.
 */
static const unsigned kept_names[] = {
	HB_OT_NAME_ID_TRADEMARK, HB_OT_NAME_ID_LICENSE,
	HB_OT_NAME_ID_LICENSE_URL
};

/*
 * A subset input with the given flags (ours mapped onto HarfBuzz's);
 * NULL after a diagnostic.
 */
static hb_subset_input_t *
input_new(const char *path, unsigned flags)
{
	hb_subset_input_t	*input;
	unsigned		 hb = HB_SUBSET_FLAGS_DEFAULT;
	size_t			 i;

	if ((input = hb_subset_input_create_or_fail()) == NULL) {
		diag_file(path, D_SYS_LIB, "hb-subset", "out of memory");
		return NULL;
	}
	if (flags & SUBSET_RETAIN_GIDS)
		hb |= HB_SUBSET_FLAGS_RETAIN_GIDS;
	if (flags & SUBSET_DESUBROUTINIZE)
		hb |= HB_SUBSET_FLAGS_DESUBROUTINIZE;
	hb_subset_input_set_flags(input, hb);
	for (i = 0; i < sizeof(kept_names) / sizeof(kept_names[0]); i++)
		hb_set_add(hb_subset_input_set(input, HB_SUBSET_SETS_NAME_ID),
		    kept_names[i]);
	return input;
}

/*
 * Cut face index of path down to the code points cps or, when cps is
 * NULL, the glyphs gids (n of either); see subset.h.
 */
static int
cut(const char *path, int index, unsigned flags, const uint32_t *cps,
    const unsigned *gids, size_t n, struct buf *out)
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
	if (cps != NULL) {
		set = hb_subset_input_unicode_set(input);
		for (i = 0; i < n; i++)
			hb_set_add(set, cps[i]);
	} else {
		set = hb_subset_input_glyph_set(input);
		hb_set_add(set, 0);
		for (i = 0; i < n; i++)
			hb_set_add(set, gids[i]);
	}
	return run(path, face, input, out);
}

int
subset_by_unicodes(const char *path, int index, const uint32_t *cps,
    size_t n, struct buf *out)
{
	static const uint32_t	 none[1];

	/* No code points is a font with .notdef alone, not the glyph path. */
	return cut(path, index, 0, cps != NULL ? cps : none, NULL, n, out);
}

int
subset_by_glyphs(const char *path, int index, const unsigned *gids,
    size_t n, unsigned flags, struct buf *out)
{
	return cut(path, index, flags, NULL, gids, n, out);
}

int
subset_find(const char *family, const char *style, char **path, int *index)
{
	FcPattern	*pat, *match;
	FcResult	 res;
	FcChar8		*file, *got;
	int		 idx = 0, rc = -1;

	pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddInteger(pat, FC_WEIGHT, FC_WEIGHT_REGULAR);
	FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	match = FcFontMatch(NULL, pat, &res);
	FcPatternDestroy(pat);
	/* FcFontMatch always finds something: it must be the family asked. */
	if (match != NULL &&
	    FcPatternGetString(match, FC_FAMILY, 0, &got) == FcResultMatch &&
	    FcStrCmpIgnoreCase(got, (const FcChar8 *)family) == 0 &&
	    FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch) {
		FcPatternGetInteger(match, FC_INDEX, 0, &idx);
		*path = xstrdup((const char *)file);
		*index = idx;
		rc = 0;
	} else
		diag_file(style, D_FONT_MISSING, family);
	if (match != NULL)
		FcPatternDestroy(match);
	return rc;
}

/* Append name id of face as a line to out; 1 if the font has it. */
static int
name_line(hb_face_t *face, hb_ot_name_id_t id, struct buf *out)
{
	char		 text[4096];
	unsigned	 len = sizeof(text);

	if (hb_ot_name_get_utf8(face, id, hb_language_from_string("en", -1),
	    &len, text) == 0)
		return 0;
	buf_puts(out, text);
	buf_putc(out, '\n');
	return 1;
}

int
subset_licence(const char *path, int index, struct buf *out)
{
	hb_face_t	*face;
	int		 has;

	if ((face = face_open(path, index)) == NULL)
		return -1;
	buf_puts(out, "The font embedded in this book is a subset of ");
	name_line(face, HB_OT_NAME_ID_FULL_NAME, out);
	buf_putc(out, '\n');
	name_line(face, HB_OT_NAME_ID_COPYRIGHT, out);
	name_line(face, HB_OT_NAME_ID_TRADEMARK, out);
	buf_putc(out, '\n');
	has = name_line(face, HB_OT_NAME_ID_LICENSE, out);
	has |= name_line(face, HB_OT_NAME_ID_LICENSE_URL, out);
	hb_face_destroy(face);
	if (!has) {
		diag_file(path, D_SYS_LIB, "harfbuzz",
		    "the font states no licence: not embedded");
		return -1;
	}
	return 0;
}
