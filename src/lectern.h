/* The stages main.c runs, and the options they share. */
#ifndef LECTERN_H
#define LECTERN_H

#include <stdio.h>
#include <time.h>

#define LECTERN_VERSION "0.1.0"

struct book;
struct doc;
struct layout;
struct output;
struct page_list;

/*
 * What the command line asked for; read-only once the stages run.
 * main.c gives each source its own copy, with that source's epoch.
 */
struct opts {
	const char	*style_dir;	/* folder with epub.css, print.yaml */
	const char	*report_path;	/* lectern pdf --report FILE, or NULL */
	int		 verbose;	/* -v: one-line summaries on stderr */
	time_t		 epoch;		/* stamped into this source's outputs */
	int		 kepub;		/* epub --kepub: the Kobo edition */
	int		 jobs;		/* -j: threads a book's PDF may use */
};

/*
 * Readers.  read_doc() always returns a usable doc (caller frees with
 * doc_free); what was wrong went to diag().  NULL only when the file
 * could not be read at all (reported as D_SYS_READ).
 */
struct doc	*read_doc(const char *path);
/*
 * The page importer: a lecture page saved as text (PAGE.txt).
 * import_doc() reads it as read_doc() reads a .md file (-v: each
 * decision on stderr); import_write() writes it as a Markdown source
 * to out (NULL: stdout) and returns 0, or -1 (reported).
 */
int		 import_is_page(const char *path);
struct doc	*import_doc(const char *path, int verbose);
int		 import_write(const char *path, const char *out, int verbose);
/*
 * Parse the YAML front matter text (lines from first_line) into
 * doc->meta.  Returns -1 when the YAML itself is broken (reported).
 */
int		 meta_parse(struct doc *, const char *yaml, size_t len,
		    int first_line);
/* Validate and repair: sections, ids, notes, images. */
void		 check_doc(struct doc *);

/*
 * Writers.  Each writes its bytes to out (output.h: a temporary file
 * main.c commits, or memory) and returns 0, or -1 after reporting
 * through diag().  A failed write is reported by output_close().
 * pdf_write() only draws the layout main.c built with lay_build();
 * epub_write() marks the print pages lay_page_list() found (NULL:
 * none).
 */
int		 epub_write(const struct doc *, const struct opts *,
		    struct page_list *, struct output *out);
/* A course as one EPUB (course.c decided the book). */
int		 epub_write_book(const struct book *, const struct opts *,
		    struct output *out);
int		 pdf_write(const struct layout *, const struct doc *,
		    const struct opts *, struct output *out);
/*
 * A course as one PDF: pdf_book_begin() (path: the output, named in
 * messages), then pdf_book_lecture() with each lecture's layout in
 * book order (lay_build_book(); free it after the call: only its
 * bookmarks are kept), then pdf_book_end() with the front matter's
 * layout (lay_build_front()), which writes the book to out and frees
 * pb; pdf_book_free() abandons it.  0 or -1 (reported).
 */
struct pdf_book;
struct pdf_book	*pdf_book_begin(const struct book *, const struct opts *,
		    const char *path);
int		 pdf_book_lecture(struct pdf_book *, const struct layout *,
		    const struct doc *);
int		 pdf_book_end(struct pdf_book *, const struct layout *front,
		    struct output *out);
void		 pdf_book_free(struct pdf_book *);
/*
 * pdf_write() in two steps, so that the layout can be freed between
 * them: pdf_draw() draws it (NULL after a diagnostic; name is the
 * output, for messages), pdf_finish() post-processes and writes the
 * draft to out, pdf_draft_free() frees it.
 */
struct pdf_draft;
struct pdf_draft *pdf_draw(const struct layout *, const struct doc *,
		    const struct opts *, const char *name);
int		 pdf_finish(const struct pdf_draft *, struct output *out);
void		 pdf_draft_free(struct pdf_draft *);
/* lectern dump --layout: the pages and lines, as text. */
int		 layout_dump(const struct doc *, const struct opts *, FILE *);

#endif
