/*
 * The subset test's probe: cuts a font down with src/subset.c, writes
 * the result, and reports what the cut font holds, so that the suite
 * can check it against the original.
 *
 *   probe u FONT INDEX OUT TEXT   subset by the code points of TEXT
 *   probe g FONT INDEX OUT TEXT   subset (retaining glyph ids) by the
 *                                 glyphs the original maps TEXT to
 *
 * Prints "glyphs N" (the cut font's glyph count), then per code point
 * of TEXT "U+XXXX GID WIDTH HEIGHT OWIDTH OHEIGHT": its glyph in the
 * cut font (by its cmap, or for g the original's glyph id), its ink
 * extents there and in the original font.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>

#include "../../src/subset.h"
#include "../../src/util.h"

#define MAXCPS	256

static size_t
decode(const char *text, uint32_t *cps)
{
	size_t	 n = 0, len = strlen(text), k;

	while (len > 0 && n < MAXCPS && (k = utf8_decode(text, len, &cps[n]))) {
		text += k;
		len -= k;
		n++;
	}
	return n;
}

static hb_font_t *
font_open(const char *path, unsigned index)
{
	hb_blob_t	*blob = hb_blob_create_from_file(path);
	hb_face_t	*face = hb_face_create(blob, index);
	hb_font_t	*font = hb_font_create(face);

	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return font;
}

int
main(int argc, char *argv[])
{
	uint32_t		 cps[MAXCPS];
	unsigned		 gids[MAXCPS];
	size_t			 n, i;
	struct buf		 out = { 0 };
	hb_font_t		*orig, *cut;
	hb_glyph_extents_t	 ext, oext;
	hb_codepoint_t		 gid;
	FILE			*f;
	int			 rc, bygid;

	if (argc != 6)
		return 2;
	bygid = argv[1][0] == 'g';
	n = decode(argv[5], cps);
	orig = font_open(argv[2], (unsigned)atoi(argv[3]));
	for (i = 0; i < n; i++) {
		if (!hb_font_get_nominal_glyph(orig, cps[i], &gid))
			gid = 0;
		gids[i] = gid;
	}
	if (bygid)
		rc = subset_by_glyphs(argv[2], atoi(argv[3]), gids, n,
		    SUBSET_RETAIN_GIDS | SUBSET_DESUBROUTINIZE, &out);
	else
		rc = subset_by_unicodes(argv[2], atoi(argv[3]), cps, n, &out);
	if (rc == -1)
		return 1;
	if ((f = fopen(argv[4], "wb")) == NULL ||
	    fwrite(out.p, 1, out.len, f) != out.len || fclose(f) != 0)
		return 3;
	cut = font_open(argv[4], 0);
	printf("glyphs %u\n", hb_face_get_glyph_count(hb_font_get_face(cut)));
	for (i = 0; i < n; i++) {
		gid = gids[i];
		if (!bygid && !hb_font_get_nominal_glyph(cut, cps[i], &gid))
			gid = 0;
		memset(&ext, 0, sizeof ext);
		memset(&oext, 0, sizeof oext);
		hb_font_get_glyph_extents(cut, gid, &ext);
		hb_font_get_glyph_extents(orig, gids[i], &oext);
		printf("U+%04X %u %d %d %d %d\n", (unsigned)cps[i], gid,
		    ext.width, -ext.height, oext.width, -oext.height);
	}
	hb_font_destroy(cut);
	hb_font_destroy(orig);
	buf_free(&out);
	return 0;
}
