/* The print style: page, margins, fonts and sizes from styles/print.yaml. */
#ifndef LECTERN_STYLE_H
#define LECTERN_STYLE_H

/* embed-cjk-font: when the EPUB carries the CJK font its Han text needs. */
enum { EMBED_AUTO, EMBED_ALWAYS, EMBED_NEVER };

/*
 * Every length is in PostScript points (1/72 in), whatever unit the
 * file used.  Strings are owned by the style; style_free() releases
 * them.
 */
struct style {
	char		*path;		/* the file read, for messages; may be
					   a name that did not exist */
	double		 page_w, page_h;
	double		 margin_inner, margin_outer;
	double		 margin_top, margin_bottom;
	char		*body_font;
	double		 body_size, body_leading;
	char		*heading_font;
	double		 title_size;	/* the lecture's title on page 1 */
	double		 h_size[3];	/* level 1, 2, 3 and deeper */
	char		*mono_font;
	double		 mono_size;
	double		 note_size, note_leading;
	double		 head_size;	/* running head and folio */
	char		*cjk_sc, *cjk_tc, *cjk_jp, *cjk_kr;
	int		 justify;
	int		 hyphenate;
	int		 embed_cjk;	/* EMBED_*: the EPUB's CJK font subset */
	double		 indent;	/* first line of a paragraph that
					   follows a paragraph */
	double		 para_space;	/* between blocks other than two
					   paragraphs */
};

/*
 * Fill st from DIR/print.yaml over the built-in defaults (A5, Noto
 * Serif 10.5/14...).  A missing file leaves the defaults.  Unknown
 * keys are warnings; bad values and syntax errors are errors (the
 * default stays).  Returns 0, or -1 when the file exists but cannot be
 * read.  Free with style_free() either way.
 */
int	style_load(struct style *, const char *dir);
void	style_free(struct style *);

/* The CJK family for a language tag (zh-Hans, zh-Hant, ja); never NULL. */
const char *style_cjk_font(const struct style *, const char *lang);

#endif
