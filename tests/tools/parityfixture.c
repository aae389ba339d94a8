/* Draw a small PDF whose words parity must find equal to fixture.xhtml. */

/*
 * Two pages: a title block, a paragraph broken with a hyphen the PDF
 * adds ("para-graph") and one at a hyphen the source has ("well-known"),
 * a note reference set small and raised, the note at the page's foot,
 * a paragraph running on to the next page, a running head on page 2
 * and 3, folios.  tests/parity/fixture.xhtml holds the same words as
 * an EPUB chapter.
 */

#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

/* One run of text; x < 0 goes on right after the previous run. */
struct run {
	int		 page;
	double		 size, x, y;
	const char	*text;
};

static const struct run runs[] = {
	{ 1, 12, 60, 60, "1.08" },
	{ 1, 18, 60, 80, "A Fixture Lecture" },
	{ 1, 10, 60, 110, "2018-03-06" },
	{ 1, 10, 60, 150, "The first para-" },
	{ 1, 10, 60, 164, "graph is here with a well-" },
	{ 1, 10, 60, 178, "known word and a foot" },
	{ 1,  7, -1, 176, "1" },
	{ 1, 10, 60, 192, "note." },
	{ 1, 10, 60, 220, "A Heading" },
	{ 1, 10, 60, 248, "This paragraph runs on to the" },
	{ 1,  8, 60, 520, "1 The note text, in small type." },
	{ 1,  8, 200, 560, "1" },
	{ 2,  8, 60, 30, "A Fixture Lecture" },
	{ 2, 10, 60, 60, "next page, ending with hyphen\xe2\x80\x90" },
	{ 2, 10, 60, 74, "ated by the layout." },
	{ 2,  8, 200, 560, "2" },
	{ 3,  8, 60, 30, "A Fixture Lecture" },
	{ 3, 10, 60, 60, "Previous lecture: 1.07: Before" },
	{ 3,  8, 200, 560, "3" },
};

int
main(int argc, char *argv[])
{
	PangoFontDescription	*fd;
	PangoLayout		*lay;
	cairo_surface_t		*s;
	cairo_t			*cr;
	size_t			 i;
	int			 page = 1, w, h;
	double			 x = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: parityfixture OUT.pdf\n");
		return 2;
	}
	s = cairo_pdf_surface_create(argv[1], 300, 600);
	cr = cairo_create(s);
	lay = pango_cairo_create_layout(cr);
	fd = pango_font_description_from_string("Noto Serif");
	for (i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		const struct run *r = &runs[i];

		for (; page < r->page; page++)
			cairo_show_page(cr);
		pango_font_description_set_size(fd,
		    (int)(r->size * PANGO_SCALE));
		pango_layout_set_font_description(lay, fd);
		pango_layout_set_text(lay, r->text, -1);
		if (r->x >= 0)
			x = r->x;
		cairo_move_to(cr, x, r->y);
		pango_cairo_show_layout(cr, lay);
		pango_layout_get_size(lay, &w, &h);
		x += (double)w / PANGO_SCALE;
	}
	cairo_show_page(cr);
	pango_font_description_free(fd);
	g_object_unref(lay);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "%s: %s\n", argv[1],
		    cairo_status_to_string(cairo_surface_status(s)));
		return 1;
	}
	cairo_surface_destroy(s);
	return 0;
}
