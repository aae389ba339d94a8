/* The stages main.c runs, and the options they share. */
#ifndef LECTERN_H
#define LECTERN_H

#include <stdio.h>
#include <time.h>

#define LECTERN_VERSION "0.1.0"

struct doc;

/* What the command line asked for; read-only once the stages run. */
struct opts {
	const char	*style_dir;	/* folder with epub.css, print.yaml */
	const char	*report_path;	/* lectern pdf --report FILE, or NULL */
	int		 verbose;	/* -v: one-line summaries on stderr */
	time_t		 epoch;		/* stamped into outputs */
	int		 kepub;		/* epub --kepub: the Kobo edition */
};

/*
 * Readers.  read_doc() always returns a usable doc (caller frees with
 * doc_free); what was wrong went to diag().  NULL only when the file
 * could not be read at all (reported as D_SYS_READ).
 */
struct doc	*read_doc(const char *path);
/*
 * Parse the YAML front matter text (lines from first_line) into
 * doc->meta.  Returns -1 when the YAML itself is broken (reported).
 */
int		 meta_parse(struct doc *, const char *yaml, size_t len,
		    int first_line);
/* Validate and repair: sections, ids, notes, images. */
void		 check_doc(struct doc *);

/*
 * Writers.  Each writes to path (a temporary file main.c renames) and
 * returns 0, or -1 after reporting through diag().
 */
int		 epub_write(const struct doc *, const struct opts *,
		    const char *path);
int		 pdf_write(const struct doc *, const struct opts *,
		    const char *path);
/* lectern dump --layout: the pages and lines, as text. */
int		 layout_dump(const struct doc *, const struct opts *, FILE *);

#endif
