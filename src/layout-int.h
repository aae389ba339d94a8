/* The print layout's stages and the types that pass between them (private to lay_*.c). */
#ifndef LECTERN_LAYOUT_INT_H
#define LECTERN_LAYOUT_INT_H

/*
 * Data flows one way, one file per stage:
 *
 *   tree --lay_text.c--> struct para (text, spans)
 *        --lay_shape.c--> struct shaped (Pango items and glyphs)
 *        --lay_hlist.c--> struct hlist (boxes, glue, penalties)
 *        --lay_lines.c--> struct plines (positioned lines)
 *        --lay_vlist.c, lay_blocks.c, lay_table.c, lay_front.c-->
 *                         struct vlist (boxes of lines, glue, penalties)
 *        --lay_pages.c--> struct layout (pages; layout.h)
 *        --report.c-->    report and dump
 *
 * Pictures are loaded by lay_image.c; layout.c runs the stages.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <pango/pango.h>

#include "fonts.h"
#include "layout.h"
#include "style.h"
#include "linebreak.h"
#include "pagebreak.h"
#include "util.h"

struct book;
struct hyph;
struct meta;

#define FILL		1e6	/* glue stretch meaning "fill" (linebreak.h) */
#define FC_NOSPACE	(-2)	/* hitem.fc of glue that is not a space */
#define SPACE_STRETCH	0.6	/* of a space's width (the letters
				   stretch too, lay_hlist.c); the report
				   judges loose spaces by it */
#define SUP_SCALE	0.65	/* note references: size, of the text's */
#define SUP_RISE	0.38	/* and raise, in ems of the text */
#define SUB_RISE	(-0.15)	/* <sub>: lowered, in ems of the text */
#define OBJ_CHAR	"\xef\xbf\xbc"	/* U+FFFC stands for a picture */

/* Inline looks a span can carry. */
#define S_ITALIC	1u
#define S_BOLD		2u
#define S_MONO		4u
#define S_SUP		8u
#define S_STRIKE	16u
#define S_SUB		32u	/* lowered, as small as S_SUP */

/*
 * What the finished pages borrow, kept until lay_free(): the style and
 * fonts (copies of the run's, layout.c: their strings, map and context
 * are kept until lay_end()), the arena of lines, runs and strings, the
 * shaped items and glyph strings runs point into, the pictures they
 * show.
 */
struct lay_store {
	struct style	 st;
	struct fonts	 f;
	struct arena	*arena;
	PangoItem	**items;	/* shaped items the runs borrow */
	size_t		 nitems, citems;
	PangoGlyphString **gstr;	/* glyph strings the runs own */
	size_t		 ngstr, cgstr;
	struct lay_image **imgs;	/* pictures the runs show */
	size_t		 nimgs;
	const char	*doc_id_prefix;	/* before every id the doc's
					   notes get (course.c) */
	int		 refs;		/* layouts and caches holding it */
	struct lay_store *base;		/* a balance's first layout's,
					   whose set paragraphs this one
					   borrows (lay_pcache.c), or NULL */
};

/* A new store, held once; lay_store_release() frees it at the last. */
struct lay_store *lay_store_new(void);
void		 lay_store_release(struct lay_store *);

/* --- lay_text.c: a paragraph's text ------------------------------- */

/* A run of paragraph text with one look and one link. */
struct span {
	size_t		 start, end;
	unsigned	 f;
	const char	*lang;		/* N_LANG tag, or NULL */
	const char	*link;		/* cairo link attributes, or NULL */
	const char	*dest;
	int		 note;		/* first reference to this note */
	int		 note_last;	/* ... which brings notes up to
					   this one (notes in notes) */
	const struct lay_image *img;	/* an inline picture: its one
					   character is U+FFFC */
	struct pos	 pos;
};

/*
 * Where the text from byte off on came from, for messages; and when it
 * is a tree node's text (src), byte for byte from src_off on for len
 * bytes, so the page list can name a page's first word in the tree.
 */
struct anchor {
	size_t		 off;
	struct pos	 pos;
	const struct node *src;		/* NULL: not the tree's text */
	size_t		 src_off, len;
};

/* A paragraph's text, gathered from its inlines. */
struct para {
	struct buf	 t;
	struct span	*sp;
	size_t		 nsp, csp;
	struct anchor	*an;
	size_t		 nan, can;
};

void		 lay_gather(struct lay_store *, struct para *,
		    const struct node *, const struct span *);
void		 lay_para_add(struct para *, const char *, size_t,
		    const struct span *);
void		 lay_para_add_text(struct para *, const char *,
		    const struct span *, const struct meta *);
void		 lay_para_add_src(struct para *, const char *,
		    const struct node *, size_t, const struct span *);
const struct node *lay_src_word(const struct para *, size_t, size_t *);
void		 lay_para_free(struct para *);
int		 lay_span_at(const struct para *, size_t);
struct pos	 lay_src_pos(const struct para *, size_t);
uint32_t	 lay_cp_at(const char *, size_t, size_t *);
const char	*lay_quoted(struct arena *, const char *key, const char *);

/* --- lay_image.c: pictures ---------------------------------------- */

const struct lay_image *lay_image_load(struct lay_store *,
		    const struct node *);
void		 lay_images_free(struct lay_store *);

/* --- the look of a paragraph (chosen by the block stages) --------- */

enum palign { A_JUSTIFY, A_LEFT, A_CENTER, A_RIGHT };

/* How a paragraph is set. */
struct pstyle {
	const char	*family;
	double		 size, leading;
	unsigned	 f;		/* S_BOLD, S_ITALIC for the whole */
	enum palign	 align;
	int		 hyph;
	int		 literal;	/* code: spaces are text, no breaks */
	double		 indent;	/* first line */
	double		 measure;
	enum lay_role	 role;
};

/* --- lay_shape.c: Pango items and glyphs -------------------------- */

/* A PangoItem shaped once; boxes are glyph ranges of it. */
struct shaped {
	PangoItem	*item;
	PangoGlyphString *gs;
	int		 turned;	/* see lay_run's */
};

/* Per font: the hyphen, shaped once. */
struct fcache {
	PangoFont	*font;
	PangoItem	*item;		/* offset 0 into "-" */
	PangoGlyphString *gs;
	double		 w;
};

/* The shaping stage: the current paragraph's items, hyphens per font. */
struct shaper {
	struct lay_store *ks;		/* the fonts; keeps items, glyphs */
	struct arena	*runs_ar;	/* where lines' glyphs go: ks's
					   arena, or a setter's scratch
					   while it measures only */
	const char	*cjk_lang;	/* the lecture's, outside N_LANG */
	const char	*checked[8];	/* CJK families checked */
	size_t		 nchecked;
	int		 failed;	/* a CJK family is missing */
	unsigned char	 nofont[256];	/* scripts said to have no font,
					   by GUnicodeScript */
	int		 rtl;		/* the paragraph being set runs
					   right to left (the context's
					   base direction; code never) */
	struct shaped	*sh;
	size_t		 nsh, csh;
	struct fcache	*fc;
	size_t		 nfc, cfc;
};

/* What a line needs to draw an item of the horizontal list. */
struct hitem {
	int		 si;		/* shaped item, or -1 */
	size_t		 b0, b1;	/* bytes of the paragraph text */
	int		 g0, g1;	/* glyphs of the shaped item, in
					   visual order (lay_glyph_range) */
	int		 span;
	int		 fc;		/* penalty: font cache entry, or -1 */
	double		 ty, tz;	/* glue: the stretch and shrink of the
					   word before it (tracking) */
};

int		 lay_ambiguous_punct(uint32_t);
int		 lay_cjk_at(const char *, size_t, size_t, size_t);
void		 lay_shape(struct shaper *, const struct para *,
		    const struct pstyle *);
void		 lay_unshape(struct shaper *);
void		 lay_shaper_free(struct shaper *);
int		 lay_item_at(const struct shaper *, size_t);
int		 lay_item_rtl(const struct shaper *, int);
int		 lay_item_turned(const struct shaper *, int);
int		 lay_bidi_control(gunichar);
int		 lay_glyph_at(const struct shaper *, int, size_t);
int		 lay_glyph_range(const struct shaper *, int, size_t, size_t,
		    int *, int *);
double		 lay_glyphs_width(const struct shaper *, int, int, int);
void		 lay_glyph_blanks(const struct shaper *, int, int, int *,
		    int *);
int		 lay_hyphen(struct shaper *, int);
/* n glyphs in the arena, exactly: never resized or freed by Pango. */
PangoGlyphString *lay_glyphs_new(struct arena *, int n);
void		 lay_slice(struct shaper *, struct lay_run *,
		    const struct hitem *, const char *, double);
void		 lay_shapes_free(struct lay_store *);

/* --- lay_hlist.c: boxes, glue, penalties -------------------------- */

/* The horizontal list of one paragraph, parallel arrays li and hi. */
struct hlist {
	struct shaper	*sh;		/* borrowed: the paragraph's items */
	struct hyph	*hy;		/* NULL: no hyphenation */
	struct lay_para	*rec;		/* the report's record of it */
	struct lb_item	*li;
	struct hitem	*hi;
	size_t		 n, c;
	double		 widest_word;	/* the widest piece no break of
					   the first resort splits (a
					   table column's minimum) */
	int		 long_said;	/* the table these words are in
					   said they break: no warning
					   per word */
	int		 cjk_doc;	/* a Chinese or Japanese lecture:
					   Han breaks anywhere the rules
					   allow, no terms kept whole */
};

void		 lay_hlist(struct hlist *, const struct para *,
		    const struct pstyle *);
int		 lay_tracked(const struct shaper *, const struct para *,
		    const struct hitem *, const struct lb_item *);
void		 lay_hlist_free(struct hlist *);

/* --- lay_lines.c: set lines --------------------------------------- */

/* The set lines of one paragraph. */
struct plines {
	struct lay_line	*lines;
	int		*lo, *hi;	/* notes first referenced: [lo, hi] */
	size_t		 n;
};

/* The paragraph setter: text in, lines out, through the stages above. */
struct setter {
	struct layout	*out;		/* records, arena */
	struct shaper	 sh;
	struct hlist	 hl;
	size_t		 cur;		/* the paragraph in out->paras */
	const int	*loose;		/* per paragraph: the looseness the
					   page builder asks for, or NULL */
	size_t		 nloose;
	struct pcache	*pc;		/* paragraphs set before, or NULL */
	int		 pc_fill;	/* 1: keep what is set in pc;
					   0: take from it what it has */
	int		 measure;	/* lines keep no runs: nothing will
					   draw them (lay_measure()) */
	int		 keep_runs;	/* but these do: a marker's, whose
					   runs are measured and copied */
	struct arena	*scratch;	/* a measured paragraph's runs */
};

void		 lay_setter_init(struct setter *, struct layout *,
		    struct hyph *, const char *cjk_lang);
int		 lay_cjk_lang(const char *);
void		 lay_setter_free(struct setter *);
void		 lay_set_para(struct setter *, const struct para *,
		    const struct pstyle *, struct plines *);
void		 lay_set_text(struct setter *, const char *,
		    const struct span *, const struct meta *,
		    const struct pstyle *, struct plines *);

/* --- lay_pcache.c: set paragraphs kept for a balance's tries ---- */

/*
 * A balance lays a lecture out again and again with one paragraph set
 * a line longer or shorter; every other paragraph is set as in the
 * first layout.  That layout fills the cache (pc_fill), and each try
 * takes from it the lines of every paragraph whose text, look and
 * looseness are the same, byte for byte what setting it would give.
 */
struct pcache;

/* An empty cache; the first layout's store is held once it fills. */
struct pcache	*lay_pcache_new(void);
void		 lay_pcache_free(struct pcache *);
/* The paragraph's lines and record from the cache: 1, or 0 if absent. */
int		 lay_pcache_get(struct setter *, const struct para *,
		    const struct pstyle *, int loose, struct plines *);
/* Keep the paragraph just set (when filling). */
void		 lay_pcache_put(struct setter *, const struct para *,
		    const struct pstyle *, int loose, const struct plines *);

/* --- lay_vlist.c: the vertical list ------------------------------- */

/* A vertical box: lines and rules at positions relative to its top. */
struct vbox {
	double		 h;
	struct lay_line	*lines;
	size_t		 nlines;
	struct lay_rule	*rules;
	size_t		 nrules;
	int		 mark;		/* bookmark starting here, or -1 */
	const struct vbox *head;	/* a table's header row, drawn again
					   above this box when a page
					   starts with it, or NULL */
};

#define WO_ORPHAN	1u
#define WO_WIDOW	2u

/* A vertical list: pb items and the boxes they stand for. */
struct vlist {
	struct pb_item	*it;
	struct vbox	**bx;
	size_t		 n, c;
	size_t		*wo;		/* penalties that keep a widow or
					   orphan away: index * 4 + WO_* */
	size_t		 nwo, cwo;
};

enum prev { PV_NONE, PV_PARA, PV_BLOCK, PV_HEAD };

/* Where blocks go: the column and the structure element. */
struct ctx {
	double			 left, measure;
	const struct lay_elem	*elem;
	int			 tight;
};

/* The block stages' state: the lists they fill, what is pending. */
struct vbuild {
	struct layout		*out;		/* marks */
	struct lay_store	*ks;		/* style, arena, pictures */
	const struct doc	*doc;
	struct setter		*set;
	struct vlist		 body;
	struct vlist		*notes;		/* one per note */
	int			 nnotes;
	struct vlist		*v;		/* where blocks go: the body
						   or the note being set */
	int			 in_note;
	enum prev		 prev;
	int			 keep;		/* no page break before the
						   next box */
	struct lay_run		*marker;	/* list marker for the next
						   line, or NULL */
	size_t			 nmarker;
	int			 pendmark;	/* bookmark for the next box */
	const char		*penddest;	/* dest for the next line */
	int			 floor_said;	/* the narrowest measure
						   warned of */
	int			 ntables;	/* laid out so far: the
						   number of the last */
};

void		 lay_vpush(struct vlist *, enum pb_type, double, double,
		    double, int, struct vbox *);
void		 lay_vlist_free(struct vlist *);
void		 lay_vglue(struct vbuild *, double, double, double);
void		 lay_vpen(struct vbuild *, int);
struct vbox	*lay_vbox(struct arena *, double);
void		 lay_set_marker(struct vbuild *, const struct lay_line *,
		    double);
void		 lay_put_marker(struct vbuild *, struct lay_line *);
double		 lay_baseline(double, double);
void		 lay_add_lines(struct vbuild *, struct plines *,
		    const struct pstyle *, double, const struct lay_elem *);
void		 lay_block_space(struct vbuild *);
void		 lay_pstyle_body(const struct style *, double, int,
		    struct pstyle *);
const struct lay_elem *lay_elem(struct arena *, const char *,
		    const struct lay_elem *);
int		 lay_mark(struct layout *, const char *, int);

/* --- lay_blocks.c, lay_table.c, lay_front.c: tree to vertical list - */

void		 lay_blocks(struct vbuild *, const struct node *,
		    const struct ctx *);
void		 lay_notes(struct vbuild *, const struct node *,
		    const struct ctx *);
void		 lay_rule_block(struct vbuild *, const struct ctx *);
void		 lay_table(struct vbuild *, const struct node *,
		    const struct ctx *);
void		 lay_title_block(struct vbuild *, const struct ctx *);
void		 lay_closing(struct vbuild *, const struct ctx *);
void		 lay_book_front(struct vbuild *, const struct ctx *,
		    const struct book *, const int *starts);

/* --- lay_pages.c: vertical lists to pages ------------------------- */

int		 lay_paginate(struct layout *, struct setter *,
		    struct vlist *body, const struct vlist *notes,
		    int nnotes, const struct doc *);

/* A paragraph that could be set a line shorter or longer, and the price. */
struct lay_cand {
	size_t		 para;		/* index in layout.paras */
	int		 loose;		/* -1 or 1 */
	double		 price;		/* demerits added */
};

int		 lay_short_score(const struct layout *);
int		 lay_page_short(const struct layout *, size_t);
size_t		 lay_loose_cands(const struct layout *, size_t,
		    struct lay_cand **);

/* --- report.c ------------------------------------------------------ */

void		 lay_dump(const struct layout *, FILE *);

#endif
