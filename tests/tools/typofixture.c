/* Draw a PDF whose typography is known, to test typomeasure on it. */

/*
 * Three pages with mirrored margins, a running head and folios, and
 * paragraphs of justified lines made of "nnnn" words, placed by hand:
 * one line too loose, runs of hyphenated lines (one of them across a
 * page break), one overfull line.  typomeasure must report:
 *   lines 36  loose 2.8%  hyph-ends 6  max-run 3  overfull 1
 */

#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#define PAGE_W	420.0
#define PAGE_H	595.0
#define MEASURE	300.0
#define PITCH	14.0
#define TOP	80.0

/* Flags for one line. */
#define L_LOOSE	1
#define L_HYPH	2
#define L_OVER	4
#define L_LAST	8	/* a paragraph's last line: short, not justified */

struct fx {
	cairo_t			*cr;
	PangoLayout		*lay;
	double			 nwidth;	/* width of one "n" */
	int			 page;		/* 1-based */
	double			 y;
};

static double
left(const struct fx *f)
{
	return f->page % 2 ? 70.0 : 50.0;	/* inner margin wider */
}

static void
show(struct fx *f, const char *s, double x, double y)
{
	pango_layout_set_text(f->lay, s, -1);
	cairo_move_to(f->cr, x, y);
	pango_cairo_show_layout(f->cr, f->lay);
}

static double
width(struct fx *f, const char *s)
{
	int	 w, h;

	pango_layout_set_text(f->lay, s, -1);
	pango_layout_get_size(f->lay, &w, &h);
	return (double)w / PANGO_SCALE;
}

/*
 * One line of k words of n's filling the measure with gaps near gap;
 * the last word ends exactly at the right edge (+2 pt if overfull).
 */
static void
line(struct fx *f, int flags)
{
	char	 w[12][64];
	double	 gap = flags & L_LOOSE ? 7.0 : 2.6, x, end, wsum = 0;
	int	 k = 9, c, i, each, extra;

	end = left(f) + MEASURE + (flags & L_OVER ? 2.0 : 0.0);
	if (flags & L_HYPH)
		end -= width(f, "-");
	c = (int)((end - left(f) - (k - 1) * gap) / f->nwidth + 0.5);
	if (flags & L_LAST)
		c /= 2;
	each = c / k;
	extra = c % k;
	for (i = 0; i < k; i++) {
		int len = each + (i < extra);

		memset(w[i], 'n', len);
		w[i][len] = '\0';
		if (i == k - 1 && (flags & L_HYPH))
			strcat(w[i], "-");
		wsum += width(f, w[i]);
	}
	if (flags & L_HYPH)
		end += width(f, "-");
	gap = (flags & L_LAST) ? 2.6 : (end - left(f) - wsum) / (k - 1);
	for (x = left(f), i = 0; i < k; i++) {
		show(f, w[i], x, f->y);
		x += width(f, w[i]) + gap;
	}
	f->y += PITCH;
}

static void
para(struct fx *f, int n, const int *flags)
{
	int	 i;

	for (i = 0; i < n; i++)
		line(f, flags ? flags[i] : (i == n - 1 ? L_LAST : 0));
	f->y += 4;
}

static void
newpage(struct fx *f, int head)
{
	char	 folio[16];

	if (f->page > 0) {
		snprintf(folio, sizeof(folio), "%d", f->page);
		show(f, folio, left(f) + MEASURE / 2, PAGE_H - 50);
		cairo_show_page(f->cr);
	}
	f->page++;
	f->y = TOP;
	if (head)
		show(f, "The Fixture Lecture", left(f), 40);
}

int
main(int argc, char *argv[])
{
	static const int p1[10] = { 0, 0, L_LOOSE, 0, 0, 0, 0, 0, 0, L_LAST };
	static const int p2[12] = { 0, 0, 0, L_HYPH, L_HYPH, L_HYPH,
	    0, 0, 0, 0, 0, L_LAST };
	static const int p3[6] = { 0, L_OVER, 0, 0, 0, L_HYPH };
	static const int p4[8] = { L_HYPH, L_HYPH, 0, 0, 0, 0, 0, L_LAST };
	PangoFontDescription	*fd;
	cairo_surface_t		*s;
	struct fx		 f;
	cairo_font_options_t	*fo;

	if (argc != 2) {
		fprintf(stderr, "usage: typofixture OUT.pdf\n");
		return 2;
	}
	memset(&f, 0, sizeof(f));
	s = cairo_pdf_surface_create(argv[1], PAGE_W, PAGE_H);
	f.cr = cairo_create(s);
	/* Unhinted metrics: Pango then measures what the PDF shows. */
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_set_font_options(f.cr, fo);
	cairo_font_options_destroy(fo);
	f.lay = pango_cairo_create_layout(f.cr);
	pango_context_set_round_glyph_positions(pango_layout_get_context(f.lay),
	    FALSE);
	pango_layout_context_changed(f.lay);
	fd = pango_font_description_from_string("Noto Serif 10");
	pango_layout_set_font_description(f.lay, fd);
	f.nwidth = width(&f, "nnnnnnnnnn") / 10;

	newpage(&f, 0);
	pango_font_description_set_size(fd, 16 * PANGO_SCALE);
	pango_layout_set_font_description(f.lay, fd);
	show(&f, "A Heading", left(&f), f.y);
	f.y += 30;
	pango_font_description_set_size(fd, 10 * PANGO_SCALE);
	pango_layout_set_font_description(f.lay, fd);
	para(&f, 10, p1);
	para(&f, 6, NULL);
	newpage(&f, 1);
	para(&f, 12, p2);
	para(&f, 6, p3);
	newpage(&f, 1);
	para(&f, 8, p4);
	newpage(&f, 0);

	pango_font_description_free(fd);
	g_object_unref(f.lay);
	cairo_destroy(f.cr);
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "%s: %s\n", argv[1],
		    cairo_status_to_string(cairo_surface_status(s)));
		return 1;
	}
	cairo_surface_destroy(s);
	return 0;
}
