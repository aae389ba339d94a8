/* The print PDF: draws laid-out pages with cairo; outline, links, tags, labels. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "diag.h"
#include "layout.h"
#include "lectern.h"
#include "output.h"
#include "tree.h"
#include "util.h"

#define MAXDEPTH	64	/* structure nesting we keep open */
#define MAXLEVEL	7	/* outline levels: the title and h1..h6 */

/* The drawing state: which structure elements are open. */
struct pdf {
	cairo_surface_t		*surf;
	cairo_t			*cr;
	const struct lay_elem	*open[MAXDEPTH];
	int			 nopen;
};

/* End open structure elements until depth remain. */
static void
close_to(struct pdf *p, int depth)
{
	while (p->nopen > depth) {
		p->nopen--;
		cairo_tag_end(p->cr, p->open[p->nopen]->tag);
	}
}

/*
 * Make e the innermost open structure element: close what is not its
 * ancestor, open what is missing.  An element closed at a page end and
 * entered again starts a new element of the same kind.
 */
static void
enter(struct pdf *p, const struct lay_elem *e)
{
	const struct lay_elem	*chain[MAXDEPTH];
	int			 d, td;

	if (e == NULL || e->depth >= MAXDEPTH)
		return;
	td = e->depth;
	for (d = td; e != NULL && d >= 0; e = e->parent, d--)
		chain[d] = e;
	d = 0;
	while (d < p->nopen && d <= td && p->open[d] == chain[d])
		d++;
	close_to(p, d);
	for (; d <= td; d++) {
		cairo_tag_begin(p->cr, chain[d]->tag, NULL);
		p->open[p->nopen++] = chain[d];
	}
}

/* One run: glyphs with their text (for extraction), or a picture. */
/*
 * A line through struck-out text, where and as thick as its font says
 * (about half its x-height), in the text's colour.
 */
static void
strike(struct pdf *p, const struct lay_line *ln, const struct lay_run *r)
{
	PangoFontMetrics	*m;
	double			 pos, th;

	m = pango_font_get_metrics(r->item.analysis.font, NULL);
	pos = (double)pango_font_metrics_get_strikethrough_position(m) /
	    PANGO_SCALE;
	th = (double)pango_font_metrics_get_strikethrough_thickness(m) /
	    PANGO_SCALE;
	pango_font_metrics_unref(m);
	if (th <= 0)
		th = 0.5;
	cairo_new_path(p->cr);
	cairo_rectangle(p->cr, ln->x + r->x, ln->y - r->rise - pos - th / 2,
	    r->width, th);
	cairo_fill(p->cr);
}

/*
 * Paint a picture through a form of its own, which holds the picture:
 * cairo 1.16 names a picture in the page's resources once per paint, so
 * the same picture painted twice on a page gave a dictionary with a
 * duplicated key.  The picture itself is still embedded once.
 */
static void
paint_picture(cairo_t *cr, const struct lay_image *img)
{
	cairo_rectangle_t	 box = { 0, 0, img->pw, img->ph };
	cairo_surface_t		*form;
	cairo_t			*fcr;

	form = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &box);
	fcr = cairo_create(form);
	cairo_set_source_surface(fcr, img->surf, 0, 0);
	cairo_paint(fcr);
	cairo_destroy(fcr);
	cairo_set_source_surface(cr, form, 0, 0);
	cairo_paint(cr);
	cairo_surface_destroy(form);
}

static void
draw_run(struct pdf *p, const struct lay_line *ln, const struct lay_run *r)
{
	PangoGlyphItem	 gi;
	PangoItem	 item = r->item;

	if (r->img != NULL) {
		/*
		 * The picture's foot on the baseline, scaled to its box.
		 * Clipped to that box: cairo 1.16's recording surface takes
		 * an unclipped paint on a page with nothing drawn yet for a
		 * clear of the whole page and drops what it recorded so far,
		 * the structure tags with it (an abort in
		 * cairo_surface_finish, or "invalid tag nesting").
		 */
		cairo_save(p->cr);
		cairo_translate(p->cr, ln->x + r->x, ln->y - r->rise -
		    r->height);
		cairo_scale(p->cr, r->width / r->img->pw,
		    r->height / r->img->ph);
		cairo_rectangle(p->cr, 0, 0, r->img->pw, r->img->ph);
		cairo_clip(p->cr);
		paint_picture(p->cr, r->img);
		cairo_restore(p->cr);
		return;
	}
	memset(&gi, 0, sizeof(gi));
	gi.item = &item;
	gi.glyphs = r->glyphs;
	cairo_move_to(p->cr, ln->x + r->x, ln->y - r->rise);
	/* With the text: cairo maps the glyphs back for extraction. */
	pango_cairo_show_glyph_item(p->cr, r->text, &gi);
	if (r->strike)
		strike(p, ln, r);
}

/* A line's runs; a link spans the runs that share its attributes. */
static void
draw_line(struct pdf *p, const struct lay_line *ln)
{
	const char	*link = NULL;
	char		*a;
	size_t		 i;

	if (ln->role == LR_HEAD || ln->role == LR_FOLIO)
		close_to(p, 1);
	else
		enter(p, ln->elem);
	if (ln->dest != NULL) {
		a = xasprintf("name='%s'", ln->dest);
		cairo_tag_begin(p->cr, CAIRO_TAG_DEST, a);
		free(a);
	}
	for (i = 0; i < ln->nruns; i++) {
		if (ln->runs[i].link != link) {
			if (link != NULL)
				cairo_tag_end(p->cr, CAIRO_TAG_LINK);
			link = ln->runs[i].link;
			if (link != NULL)
				cairo_tag_begin(p->cr, CAIRO_TAG_LINK, link);
		}
		if (ln->runs[i].dest != NULL) {
			a = xasprintf("name='%s'", ln->runs[i].dest);
			cairo_tag_begin(p->cr, CAIRO_TAG_DEST, a);
			free(a);
		}
		draw_run(p, ln, &ln->runs[i]);
		if (ln->runs[i].dest != NULL)
			cairo_tag_end(p->cr, CAIRO_TAG_DEST);
	}
	if (link != NULL)
		cairo_tag_end(p->cr, CAIRO_TAG_LINK);
	if (ln->dest != NULL)
		cairo_tag_end(p->cr, CAIRO_TAG_DEST);
}

/*
 * A page in reading order: body, notes, then running head and folio
 * (inside the Document element: cairo 1.16 cannot mark artifacts).
 */
static void
draw_page(struct pdf *p, const struct lay_page *pg)
{
	char	 label[16];
	size_t	 i;

	snprintf(label, sizeof(label), "%d", pg->num);
	cairo_pdf_surface_set_page_label(p->surf, label);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	for (i = 0; i < pg->nlines; i++)
		draw_line(p, &pg->lines[i]);
	for (i = 0; i < pg->nrules; i++) {
		cairo_set_line_width(p->cr, pg->rules[i].width);
		cairo_move_to(p->cr, pg->rules[i].x0, pg->rules[i].y0);
		cairo_line_to(p->cr, pg->rules[i].x1, pg->rules[i].y1);
		cairo_stroke(p->cr);
	}
	/* Tags may not stay open across pages with notes between. */
	close_to(p, 1);
	cairo_show_page(p->cr);
}

/* Bookmarks: the title, then each heading under the last shallower one. */
static void
outline(struct pdf *p, const struct layout *o)
{
	int	 parent[MAXLEVEL + 1], id, lv, k;
	char	*a;
	size_t	 i;

	for (k = 0; k <= MAXLEVEL; k++)
		parent[k] = CAIRO_PDF_OUTLINE_ROOT;
	for (i = 0; i < o->nmarks; i++) {
		lv = o->marks[i].level;
		if (lv < 0)
			lv = 0;
		if (lv > MAXLEVEL - 1)
			lv = MAXLEVEL - 1;
		a = xasprintf("page=%d pos=[0 %.2f]", o->marks[i].page,
		    o->marks[i].y);
		id = cairo_pdf_surface_add_outline(p->surf, parent[lv],
		    o->marks[i].title, a, CAIRO_PDF_OUTLINE_FLAG_OPEN);
		free(a);
		for (k = lv + 1; k <= MAXLEVEL; k++)
			parent[k] = id;
	}
}

/* The document information, dated from opts->epoch. */
static void
metadata(struct pdf *p, const struct doc *doc, const struct opts *op)
{
	const struct meta	*m = &doc->meta;
	char			 date[32], creator[64];
	struct tm		 tm;
	time_t			 t = op ? op->epoch : 0;

	if (m->title != NULL)
		cairo_pdf_surface_set_metadata(p->surf,
		    CAIRO_PDF_METADATA_TITLE, m->title);
	if (m->author != NULL)
		cairo_pdf_surface_set_metadata(p->surf,
		    CAIRO_PDF_METADATA_AUTHOR, m->author);
	if (m->subject != NULL || m->course != NULL)
		cairo_pdf_surface_set_metadata(p->surf,
		    CAIRO_PDF_METADATA_SUBJECT,
		    m->subject ? m->subject : m->course);
	if (m->keywords != NULL)
		cairo_pdf_surface_set_metadata(p->surf,
		    CAIRO_PDF_METADATA_KEYWORDS, m->keywords);
	snprintf(creator, sizeof(creator), "lectern %s", LECTERN_VERSION);
	cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_CREATOR,
	    creator);
	/* Fixed dates, so two builds give the same bytes. */
	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	cairo_pdf_surface_set_metadata(p->surf,
	    CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_MOD_DATE,
	    date);
}

/* cairo's bytes go to the output, which keeps the first failure. */
static cairo_status_t
to_output(void *closure, const unsigned char *data, unsigned int len)
{
	return output_write(closure, data, len) == 0 ?
	    CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

int
pdf_write(const struct layout *o, const struct doc *doc,
    const struct opts *op, struct output *out)
{
	struct pdf	 p;
	cairo_status_t	 st;
	size_t		 i;

	memset(&p, 0, sizeof(p));
	p.surf = cairo_pdf_surface_create_for_stream(to_output, out,
	    o->page_w, o->page_h);
	if ((st = cairo_surface_status(p.surf)) != CAIRO_STATUS_SUCCESS) {
		diag_file(out->path, D_SYS_LIB, "cairo",
		    cairo_status_to_string(st));
		cairo_surface_destroy(p.surf);
		return -1;
	}
	p.cr = cairo_create(p.surf);
	metadata(&p, doc, op);
	outline(&p, o);
	for (i = 0; i < o->npages; i++) {
		draw_page(&p, &o->pages[i]);
		if (cairo_status(p.cr) != CAIRO_STATUS_SUCCESS)
			break;
	}
	close_to(&p, 0);
	st = cairo_status(p.cr);
	cairo_destroy(p.cr);
	/* The last bytes are written here; a failure shows in both. */
	cairo_surface_finish(p.surf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(p.surf);
	cairo_surface_destroy(p.surf);
	if (out->err != 0)
		return 0;	/* output_close() names the write's errno */
	if (st != CAIRO_STATUS_SUCCESS) {
		diag_file(out->path, D_SYS_LIB, "cairo",
		    cairo_status_to_string(st));
		return -1;
	}
	return 0;
}
