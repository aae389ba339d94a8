/* Fonts for the print layout: the Pango context and fontconfig checks. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>

#include "diag.h"
#include "fonts.h"
#include "subset.h"
#include "util.h"

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

static int	 family_known(const char *);

int
fonts_check(const char *family, const char *file)
{
	if (!family_known(family)) {
		diag_file(file, D_FONT_MISSING, family);
		return -1;
	}
	return 0;
}

/* --- characters no font has ------------------------------------- */

/*
 * Where to find a font for a character: a range of code points (or a
 * script, when lo is 0), what to call it, the Debian package with a
 * font for it (NULL: none in Debian 12) and a family of that package
 * that tells fontconfig has it.
 */
struct coverage {
	uint32_t	 lo, hi;
	GUnicodeScript	 script;
	const char	*name, *package, *probe;
};

static const struct coverage coverage[] = {
	{ 0x1F1E6, 0x1F1FF, 0, "a flag letter", "fonts-noto-color-emoji",
	    "Noto Color Emoji" },
	{ 0x1F300, 0x1FAFF, 0, "an emoji", "fonts-noto-color-emoji",
	    "Noto Color Emoji" },
	{ 0x20000, 0x2A6DF, 0, "CJK Extension B", "fonts-hanazono",
	    "HanaMinB" },
	{ 0x2A700, 0x2EBEF, 0, "CJK Extensions C to F", "fonts-hanazono",
	    "HanaMinB" },
	{ 0x30000, 0x3134F, 0, "CJK Extension G", NULL, NULL },
	{ 0x31350, 0x323AF, 0, "CJK Extension H", NULL, NULL },
	{ 0, 0, G_UNICODE_SCRIPT_HAN, "Han", "fonts-noto-cjk",
	    "Noto Serif CJK SC" },
	{ 0, 0, G_UNICODE_SCRIPT_HIRAGANA, "Hiragana", "fonts-noto-cjk",
	    "Noto Serif CJK JP" },
	{ 0, 0, G_UNICODE_SCRIPT_KATAKANA, "Katakana", "fonts-noto-cjk",
	    "Noto Serif CJK JP" },
	{ 0, 0, G_UNICODE_SCRIPT_HANGUL, "Hangul", "fonts-noto-cjk",
	    "Noto Serif CJK KR" },
	{ 0, 0, G_UNICODE_SCRIPT_ARABIC, "Arabic", "fonts-noto-core",
	    "Noto Naskh Arabic" },
	{ 0, 0, G_UNICODE_SCRIPT_HEBREW, "Hebrew", "fonts-noto-core",
	    "Noto Sans Hebrew" },
	{ 0, 0, G_UNICODE_SCRIPT_THAI, "Thai", "fonts-noto-core",
	    "Noto Sans Thai" },
	{ 0, 0, G_UNICODE_SCRIPT_DEVANAGARI, "Devanagari", "fonts-noto-core",
	    "Noto Sans Devanagari" },
	{ 0, 0, G_UNICODE_SCRIPT_GREEK, "Greek", "fonts-noto-core",
	    "Noto Serif" },
	{ 0, 0, G_UNICODE_SCRIPT_CYRILLIC, "Cyrillic", "fonts-noto-core",
	    "Noto Serif" },
};

/*
 * Does fontconfig list family?  A list, not a match: FcFontMatch always
 * finds "something".  Each answer is kept: a list walks every installed
 * font (a book asked for its CJK family once a lecture, 500 times on
 * the layout's thread), and fontconfig's configuration does not change
 * during a run.  Both threads may ask, hence the lock.
 */
static int
family_known(const char *family)
{
	static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
	static struct known {
		char	*family;
		int	 found;
	}			*known;
	static size_t		 nknown, cknown;
	FcPattern		*pat;
	FcObjectSet		*os;
	FcFontSet		*set;
	size_t			 i;
	int			 found = -1;

	pthread_mutex_lock(&lock);
	for (i = 0; i < nknown && found == -1; i++)
		if (strcmp(known[i].family, family) == 0)
			found = known[i].found;
	if (found == -1) {
		pat = FcPatternCreate();
		FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
		os = FcObjectSetBuild(FC_FAMILY, (char *)NULL);
		set = FcFontList(NULL, pat, os);
		found = set != NULL && set->nfont > 0;
		if (set != NULL)
			FcFontSetDestroy(set);
		FcObjectSetDestroy(os);
		FcPatternDestroy(pat);
		known = xgrow(known, &cknown, nknown + 1, sizeof(*known));
		known[nknown].family = xstrdup(family);
		known[nknown++].found = found;
	}
	pthread_mutex_unlock(&lock);
	return found;
}

/* The entry of coverage[] for cp, or NULL. */
static const struct coverage *
coverage_of(uint32_t cp, GUnicodeScript sc)
{
	size_t	 i;

	for (i = 0; i < sizeof(coverage) / sizeof(coverage[0]); i++)
		if (coverage[i].lo != 0 ? cp >= coverage[i].lo &&
		    cp <= coverage[i].hi : sc == coverage[i].script)
			return &coverage[i];
	return NULL;
}

int
fonts_missing(const struct pos *pos, uint32_t cp, unsigned char *said,
    size_t nsaid)
{
	const struct coverage	*c;
	GUnicodeScript		 sc = g_unichar_get_script(cp);
	char			 what[64];
	guint32			 tag;

	if ((size_t)sc < nsaid) {
		if (said[sc])
			return 0;
		said[sc] = 1;
	}
	if ((c = coverage_of(cp, sc)) != NULL)
		snprintf(what, sizeof(what), "%s", c->name);
	else {
		tag = g_unicode_script_to_iso15924(sc);
		snprintf(what, sizeof(what), "script %c%c%c%c",
		    (char)(tag >> 24), (char)(tag >> 16), (char)(tag >> 8),
		    (char)tag);
	}
	if (c != NULL && c->package != NULL && !family_known(c->probe)) {
		diag(pos, D_FONT_NONE, (unsigned)cp, what, c->package);
		return 1;
	}
	diag(pos, D_FONT_NONE_ANY, (unsigned)cp, what);
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

/* --- fonts cut down for the PDF ------------------------------------ */

#define MAXGLYPH	0x10000		/* glyph ids an OpenType font has */

/* One font file (face index) and the glyphs drawn from it. */
struct cut_face {
	char		*file;
	int		 index;
	unsigned char	 seen[MAXGLYPH / 8];	/* glyph ids used */
	unsigned char	 cut[MAXGLYPH / 8];	/* ... and in face */
	int		 stale;			/* a glyph seen is not */
	cairo_font_face_t *face;		/* the cut font, or NULL */
};

/* A Pango font of the layout and the cairo font that replaces it. */
struct cut_font {
	PangoFont		*pango;
	size_t			 face;		/* into faces */
	cairo_scaled_font_t	*scaled;
};

#define MAXCP		0x110000	/* Unicode's code points */

struct fonts_cut {
	struct cut_face	**faces;
	size_t		  nfaces, cfaces;
	struct cut_font	 *fonts;
	size_t		  nfonts, cfonts;
	unsigned char	 *has;		/* code points of fonts_cut_text()
					   as a bitmap, or NULL */
	uint32_t	 *cps;		/* the same as a list */
	size_t		  ncps, ccps;
};

static FT_Library	 ft;	/* one for the process: cairo may keep
				   faces alive until exit */
static const cairo_user_data_key_t cut_key;

struct fonts_cut *
fonts_cut_new(void)
{
	return xcalloc(1, sizeof(struct fonts_cut));
}

void
fonts_cut_text(struct fonts_cut *c, const char *s)
{
	gunichar	 cp;

	if (s == NULL)
		return;
	if (c->has == NULL)
		c->has = xcalloc(MAXCP / 8, 1);
	for (; *s != '\0'; s = g_utf8_next_char(s)) {
		cp = g_utf8_get_char_validated(s, -1);
		if (cp >= MAXCP || (c->has[cp / 8] & (1u << (cp % 8))))
			continue;
		c->has[cp / 8] |= 1u << (cp % 8);
		c->cps = xgrow(c->cps, &c->ccps, c->ncps + 1, sizeof(*c->cps));
		c->cps[c->ncps++] = cp;
	}
}

/* Mark glyph gl of face f seen; a glyph its cut lacks makes it stale. */
static void
seen_glyph(struct cut_face *f, hb_codepoint_t gl)
{
	if (gl >= MAXGLYPH)
		return;
	f->seen[gl / 8] |= 1u << (gl % 8);
	if (!(f->cut[gl / 8] & (1u << (gl % 8))))
		f->stale = 1;
}

/*
 * The glyphs font pf has for the code points of fonts_cut_text(), and
 * its space, which pdf.c draws over colour glyphs to carry their text
 * even where the lecture has no space (a Chinese paragraph of emoji).
 */
static void
seen_text(const struct fonts_cut *c, PangoFont *pf, struct cut_face *f)
{
	hb_font_t	*hb = pango_font_get_hb_font(pf);
	hb_codepoint_t	 gl;
	size_t		 i;

	if (hb == NULL)
		return;
	for (i = 0; i < c->ncps; i++)
		if (hb_font_get_nominal_glyph(hb, c->cps[i], &gl))
			seen_glyph(f, gl);
	if (hb_font_get_nominal_glyph(hb, ' ', &gl))
		seen_glyph(f, gl);
}

/* The face of file and index, made on first use. */
static size_t
cut_face(struct fonts_cut *c, const char *file, int index)
{
	struct cut_face	*f;
	size_t		 i;

	for (i = 0; i < c->nfaces; i++)
		if (c->faces[i]->index == index &&
		    strcmp(c->faces[i]->file, file) == 0)
			return i;
	f = xcalloc(1, sizeof(*f));
	f->file = xstrdup(file);
	f->index = index;
	c->faces = xgrow(c->faces, &c->cfaces, c->nfaces + 1,
	    sizeof(*c->faces));
	c->faces[c->nfaces] = f;
	return c->nfaces++;
}

void
fonts_cut_use(struct fonts_cut *c, PangoFont *pf, const PangoGlyphString *g)
{
	FcPattern	*pat;
	FcChar8		*file;
	struct cut_font	*cf = NULL;
	size_t		 i;
	int		 index;

	for (i = 0; i < c->nfonts && cf == NULL; i++)
		if (c->fonts[i].pango == pf)
			cf = &c->fonts[i];
	if (cf == NULL) {
		if (!PANGO_IS_FC_FONT(pf))
			return;
		pat = pango_fc_font_get_pattern(PANGO_FC_FONT(pf));
		if (FcPatternGetString(pat, FC_FILE, 0, &file) != FcResultMatch)
			return;
		if (FcPatternGetInteger(pat, FC_INDEX, 0, &index) !=
		    FcResultMatch)
			index = 0;
		c->fonts = xgrow(c->fonts, &c->cfonts, c->nfonts + 1,
		    sizeof(*c->fonts));
		cf = &c->fonts[c->nfonts++];
		cf->pango = pf;
		cf->face = cut_face(c, (const char *)file, index);
		cf->scaled = NULL;
		seen_text(c, pf, c->faces[cf->face]);
	}
	for (i = 0; i < (size_t)g->num_glyphs; i++)
		seen_glyph(c->faces[cf->face], g->glyphs[i].glyph);
}

/* cairo is done with a cut face: free FreeType's face, then its bytes. */
static void
cut_face_done(void *data)
{
	FT_Face	 face = data;
	void	*bytes = face->generic.data;

	FT_Done_Face(face);
	free(bytes);
}

/*
 * Cut f to its glyphs, keeping their ids; CFF charstrings lose their
 * subroutines (smaller once cut, and cairo would copy them whole), and
 * hinting goes (a PDF is scaled, never fitted to a pixel grid).
 */
static int
cut_one(struct cut_face *f)
{
	struct buf	 b = { NULL, 0, 0 };
	unsigned	*gids;
	size_t		 n = 0, g;
	FT_Face		 face;
	FT_Error	 e;

	if (f->face != NULL)
		/* cairo keeps what it drew with the old cut till the end. */
		cairo_font_face_destroy(f->face);
	f->face = NULL;
	memcpy(f->cut, f->seen, sizeof(f->cut));
	f->stale = 0;
	gids = xreallocarray(NULL, MAXGLYPH, sizeof(*gids));
	for (g = 0; g < MAXGLYPH; g++)
		if (f->seen[g / 8] & (1u << (g % 8)))
			gids[n++] = (unsigned)g;
	if (subset_by_glyphs(f->file, f->index, gids, n,
	    SUBSET_RETAIN_GIDS | SUBSET_DESUBROUTINIZE | SUBSET_NO_HINTING,
	    &b) == -1) {
		free(gids);
		buf_free(&b);
		return -1;
	}
	free(gids);
	if ((ft == NULL && (e = FT_Init_FreeType(&ft)) != 0) ||
	    (e = FT_New_Memory_Face(ft, (const FT_Byte *)b.p, (FT_Long)b.len,
	    0, &face)) != 0) {
		diag_file(f->file, D_SYS_LIB, "FreeType", FT_Error_String(e) ?
		    FT_Error_String(e) : "cannot read the cut font");
		buf_free(&b);
		return -1;
	}
	face->generic.data = b.p;
	f->face = cairo_ft_font_face_create_for_ft_face(face, 0);
	if (cairo_font_face_set_user_data(f->face, &cut_key, face,
	    cut_face_done) != CAIRO_STATUS_SUCCESS) {
		cairo_font_face_destroy(f->face);
		f->face = NULL;
		cut_face_done(face);
		diag_file(f->file, D_SYS_LIB, "cairo", "out of memory");
		return -1;
	}
	return 0;
}

int
fonts_cut_make(struct fonts_cut *c)
{
	cairo_scaled_font_t	*sf;
	cairo_font_options_t	*fo;
	cairo_matrix_t		 fm, ctm;
	unsigned char		*recut;
	struct cut_font		*cf;
	size_t			 i;

	recut = xcalloc(c->nfaces + 1, 1);
	for (i = 0; i < c->nfaces; i++) {
		if (c->faces[i]->face != NULL && !c->faces[i]->stale)
			continue;
		recut[i] = 1;
		if (cut_one(c->faces[i]) == -1) {
			free(recut);
			return -1;
		}
	}
	/* Each Pango font's size, matrix and options on its cut face. */
	fo = cairo_font_options_create();
	for (i = 0; i < c->nfonts; i++) {
		cf = &c->fonts[i];
		if (cf->scaled != NULL && !recut[cf->face])
			continue;
		if (cf->scaled != NULL)
			cairo_scaled_font_destroy(cf->scaled);
		cf->scaled = NULL;
		sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(
		    cf->pango));
		if (sf == NULL)
			continue;
		cairo_scaled_font_get_font_matrix(sf, &fm);
		cairo_scaled_font_get_ctm(sf, &ctm);
		cairo_scaled_font_get_font_options(sf, fo);
		cf->scaled = cairo_scaled_font_create(
		    c->faces[cf->face]->face, &fm, &ctm, fo);
	}
	cairo_font_options_destroy(fo);
	free(recut);
	return 0;
}

cairo_scaled_font_t *
fonts_cut_font(struct fonts_cut *c, PangoFont *pf)
{
	size_t	 i;

	for (i = 0; i < c->nfonts; i++)
		if (c->fonts[i].pango == pf)
			return c->fonts[i].scaled;
	return NULL;
}

void
fonts_cut_free(struct fonts_cut *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nfonts; i++)
		if (c->fonts[i].scaled != NULL)
			cairo_scaled_font_destroy(c->fonts[i].scaled);
	for (i = 0; i < c->nfaces; i++) {
		if (c->faces[i]->face != NULL)
			cairo_font_face_destroy(c->faces[i]->face);
		free(c->faces[i]->file);
		free(c->faces[i]);
	}
	free(c->faces);
	free(c->fonts);
	free(c->has);
	free(c->cps);
	free(c);
}
