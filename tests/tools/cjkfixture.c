/* Draw a PDF of Chinese set with known faults, to test tests/typo/cjkcheck.py on it. */

/*
 * One page, three paragraphs of lines 24 ems wide in Noto Serif CJK SC,
 * placed by hand.  Each fault once, and nothing else wrong:
 *   - a line drawn two characters at a time, the justification's
 *     spread between the pairs (pdftotext reads spaces into it): spaced;
 *   - 」。 side by side at full width: fullpair 1;
 *   - a line ending with 「 and the next starting with 。: start 1, end 1;
 *   - a line of a paragraph that goes on, half an em short: ragged 1;
 *   - a line starting with 「 at full width, at the edge: openfull 1;
 *   - a line that goes on ending with ， at full width: closefull 1.
 */

#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#define SIZE	10.5
#define CHARS	24		/* a line's measure, in ems */
#define LEFT	50.0
#define PITCH	16.0
#define PARSKIP	30.0		/* apart enough for mutool's blocks */

struct fx {
	cairo_t		*cr;
	PangoLayout	*lay;
	double		 y;
};

static void
show(struct fx *f, const char *s, double x)
{
	pango_layout_set_text(f->lay, s, -1);
	cairo_move_to(f->cr, x, f->y);
	pango_cairo_show_layout(f->cr, f->lay);
}

/* A paragraph: its lines as written, one text object (one mutool block). */
static void
para(struct fx *f, const char *s)
{
	int	 w, h;

	show(f, s, LEFT);
	pango_layout_get_size(f->lay, &w, &h);
	f->y += (double)h / PANGO_SCALE + PARSKIP;
}

/*
 * A line of n characters drawn two at a time, the pairs spread to the
 * measure: gaps between some characters and none between others, as
 * a justified line drawn a run per character pair would have them.
 */
static void
spread(struct fx *f, const char *s, int n)
{
	double	 gap = (double)(CHARS - n) / (n / 2 - 1) * SIZE, x = LEFT;
	char	 two[16];
	int	 i, k;

	for (i = 0; i < n; i += 2) {
		k = g_utf8_next_char(g_utf8_next_char(s)) - s;
		memcpy(two, s, k);
		two[k] = '\0';
		show(f, two, x);
		x += 2 * SIZE + gap;
		s += k;
	}
	f->y += PITCH + PARSKIP;
}

int
main(int argc, char *argv[])
{
	cairo_surface_t		*surf;
	PangoFontDescription	*d;
	struct fx		 f;

	if (argc != 2) {
		fprintf(stderr, "usage: cjkfixture OUT.pdf\n");
		return 2;
	}
	surf = cairo_pdf_surface_create(argv[1], 420, 595);
	f.cr = cairo_create(surf);
	f.lay = pango_cairo_create_layout(f.cr);
	d = pango_font_description_from_string("Noto Serif CJK SC");
	pango_font_description_set_absolute_size(d, SIZE * PANGO_SCALE);
	pango_layout_set_font_description(f.lay, d);
	pango_font_description_free(d);
	f.y = 80;

	spread(&f, "中共中央在北京召开扩大的中央工作会议到会的有", 22);
	para(&f, "他说这是湖南农民的「话」。又说有些地方缺点和成\n"
	    "会议的目的是总结大跃进以来的经验教训统一全党，\n"
	    "认识为国民经济的调整做准备");
	para(&f, "刘少奇代表中央作书面报告并在会上作了口头说明「\n"
	    "。他提出几年来的困难三分天灾七分人祸他说这是湖\n"
	    "南农民的话");
	para(&f, "又说有些地方缺点和成绩的关系不是一个指头和九n\n"
	    "「指头的关系」而是三个指头和七个指头的关系毛泽\n"
	    "讲话");

	g_object_unref(f.lay);
	cairo_destroy(f.cr);
	cairo_surface_finish(surf);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "cjkfixture: %s\n",
		    cairo_status_to_string(cairo_surface_status(surf)));
		return 1;
	}
	cairo_surface_destroy(surf);
	return 0;
}
