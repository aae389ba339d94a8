/* The command line: options, running the stages, the exit status. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "course.h"
#include "diag.h"
#include "layout.h"
#include "lectern.h"
#include "output.h"
#include "pagelist.h"
#include "progress.h"
#include "relay.h"
#include "tree.h"
#include "util.h"

#ifndef STYLES_DIR
#define STYLES_DIR "styles"
#endif

enum exit_status {
	EXIT_DONE = 0,		/* done; warnings at most */
	EXIT_INPUT = 1,		/* errors in the input: outputs untouched */
	EXIT_USAGE = 2,		/* the command line was wrong */
	EXIT_SYSTEM = 3		/* a file could not be read or written */
};

enum command { CMD_EPUB, CMD_PDF, CMD_CHECK, CMD_DUMP, CMD_IMPORT };

/* The command line, parsed; read-only while the sources are built. */
struct cli {
	enum command	 cmd;
	struct opts	 opts;		/* each source gets a copy */
	const char	*out;		/* -o FILE, or NULL */
	int		 layout;	/* dump --layout */
	int		 no_layout;	/* check --no-layout */
	int		 no_page_list;	/* epub --no-page-list */
	int		 quiet;		/* -q: no warnings, no progress */
};

static const char usage_text[] =
"usage: lectern epub [-o FILE] [options] SOURCE...\n"
"       lectern pdf  [-o FILE] [--report FILE] [options] SOURCE...\n"
"       lectern check [--no-layout] [options] SOURCE...\n"
"       lectern dump [--layout] [options] SOURCE\n"
"       lectern import [-o FILE.md] [-v] PAGE.txt\n"
"       lectern --help | --version\n"
"\n"
"  epub    write SOURCE as an EPUB 3 (default: STEM.epub here)\n"
"  pdf     write SOURCE as a print PDF (default: STEM.pdf here)\n"
"  check   read, check and lay out SOURCE, write nothing\n"
"  dump    print the document tree (--layout: the laid-out pages)\n"
"  import  write a lecture page saved as text as a Markdown source\n"
"          (default: to stdout; -v: each decision); a SOURCE ending\n"
"          in .txt is such a page, imported on the fly\n"
"\n"
"options:\n"
"  -o FILE         output file; with several SOURCEs, one book of them\n"
"                  (a SOURCE course.yaml is a book too: its lectures)\n"
"  --style DIR     folder with epub.css and print.yaml (default:\n"
"                  ./styles, else " STYLES_DIR ")\n"
"  --report FILE   pdf: write the typographic report to FILE\n"
"  --kepub         epub: the Kobo edition (default: STEM.kepub.epub)\n"
"  --strict        treat warnings as errors\n"
"  -j, --jobs N    pdf of a book: 1 lays each lecture out and draws it\n"
"                  in turn; 2 or more lays the next out while this one\n"
"                  is drawn (default: 2 on a machine of two cores or more)\n"
"  --no-layout     check: skip the print layout (faster; misses\n"
"                  style, font and layout messages)\n"
"  --no-page-list  epub: no print page numbers (skips the print\n"
"                  layout: faster, misses its messages)\n"
"  -q, --quiet     do not print warnings\n"
"  -v, --verbose   print a one-line summary per output\n"
"\n"
"exit status: 0 done, 1 errors in the input (nothing written), 2 usage,\n"
"  3 a file could not be read or written (the old output kept),\n"
"  129, 130, 143 stopped by SIGHUP, SIGINT, SIGTERM (the old output kept)\n";

/*
 * The style folder: ./styles when there is one (a course keeps its
 * look beside its sources), else the one this lectern was built with.
 */
static const char *
default_style_dir(void)
{
	struct stat st;

	if (stat("styles", &st) == 0 && S_ISDIR(st.st_mode))
		return "styles";
	return STYLES_DIR;
}

static int
usage(const char *why)
{
	if (why != NULL)
		fprintf(stderr, "lectern: %s\n", why);
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}

static enum exit_status
status_of(enum diag_level worst)
{
	return worst >= LVL_SYSERR ? EXIT_SYSTEM :
	    worst >= LVL_ERROR ? EXIT_INPUT : EXIT_DONE;
}

/* STEM.ext in the current folder.  Caller frees. */
static char *
default_output(const struct doc *d, const char *ext)
{
	return xasprintf("%s.%s", d->stem, ext);
}

/*
 * The verdict, once every message of the build is known: write only
 * when nothing (with --strict, not even a warning) says otherwise.
 */
static int
may_write(void)
{
	return diag_worst() < LVL_ERROR;
}

/*
 * Close out (if still open) and rename it into place, or remove it;
 * 0 or -1.
 */
static int
finish(struct output *out, int ok)
{
	if (ok && output_close(out) == 0 && may_write())
		return output_commit(out);
	output_abandon(out);
	return -1;
}

static int
write_epub(const struct doc *d, const struct opts *o,
    struct page_list *pages, const char *path)
{
	struct output	 out;

	if (output_open(&out, path) == -1)
		return -1;
	return finish(&out, epub_write(d, o, pages, &out) == 0);
}

/*
 * The EPUB with the print edition's page numbers: the doc is laid out
 * as for the PDF (so `epub` gives the messages `pdf` would), and the
 * word each page begins with is marked.  page_list off: no layout.
 */
static int
build_epub(const struct doc *d, const struct opts *o, int page_list,
    const char *path)
{
	struct layout	 lay;
	struct page_list pages;
	int		 rc = -1, laid;

	if (!page_list)
		return may_write() ? write_epub(d, o, NULL, path) : -1;
	laid = lay_measure(&lay, d, o, 1) == 0;
	if (laid)
		lay_page_list(&lay, &pages);
	lay_free(&lay);
	if (laid && may_write())
		rc = write_epub(d, o, &pages, path);
	if (laid)
		page_list_free(&pages);
	return rc;
}

/*
 * The PDF and its report, together or not at all: the layout is drawn,
 * its report kept as text, and the layout freed before the post-pass
 * (qpdf) runs, so the two never hold memory at once; the PDF is
 * complete and on disk in its temporary file before the report is
 * written (through a temporary file of its own), and is renamed into
 * place only when the report was.  Frees lay.
 */
static int
write_pdf(struct layout *lay, const struct doc *d, const struct opts *o,
    const char *path)
{
	struct output		 pdf;
	struct pdf_draft	*dr;
	struct buf		 rep = { NULL, 0, 0 };
	int			 ok;

	if (output_open(&pdf, path) == -1) {
		lay_free(lay);
		return -1;
	}
	ok = (dr = pdf_draw(lay, d, o, path)) != NULL;
	if (ok && (o->report_path != NULL || o->verbose))
		ok = lay_report_text(lay, d->path, o->verbose,
		    o->report_path != NULL ? &rep : NULL) == 0;
	lay_free(lay);
	ok = ok && pdf_finish(dr, &pdf) == 0;
	pdf_draft_free(dr);
	ok = ok && output_close(&pdf) == 0 && may_write();
	if (ok && o->report_path != NULL)
		ok = lay_report_save(o->report_path, &rep) == 0;
	buf_free(&rep);
	return finish(&pdf, ok);
}

/*
 * Lay the doc out (every style, font and layout message is given
 * here), then write the PDF and report if the verdict allows.
 */
static int
build_pdf(const struct doc *d, const struct opts *o, const char *path)
{
	struct layout	 lay;

	if ((path != NULL ? lay_build(&lay, d, o) : lay_measure(&lay, d, o, 1)) ==
	    0 && may_write() && path != NULL)
		return write_pdf(&lay, d, o, path);
	lay_free(&lay);
	return -1;
}

/*
 * The book as one EPUB, when nothing said otherwise; no print page
 * list (each lecture would need its layout kept).
 */
static int
build_epub_book(const struct book *b, const struct opts *o, const char *path)
{
	struct output	 out;

	if (!may_write() || output_open(&out, path) == -1)
		return -1;
	return finish(&out, epub_write_book(b, o, &out) == 0);
}

/*
 * The book as one PDF (path NULL: laid out only, for check): each
 * lecture laid out, drawn and freed in turn (relay.c), so the memory a
 * book needs is that of its largest lectures' layouts; then the title
 * and contents pages, whose page numbers the lectures' layouts gave.
 */
static int
build_pdf_book(const struct book *b, const struct opts *o, const char *path)
{
	struct pdf_book	*pb = NULL;
	struct layout	 lay;
	struct output	 pdf;
	int		*starts;
	int		 ok;

	memset(&lay, 0, sizeof(lay));
	if (path != NULL)
		pb = pdf_book_begin(b, o, path);
	starts = xcalloc(b->nlectures, sizeof(*starts));
	ok = relay_lectures(b, o, pb, starts) == 0;
	ok = ok && lay_build_front(&lay, b, starts, o) == 0;
	free(starts);
	if (ok && pb != NULL && may_write() && output_open(&pdf, path) == 0)
		ok = finish(&pdf, pdf_book_end(pb, &lay, &pdf) == 0) == 0;
	else {
		pdf_book_free(pb);
		ok = ok && pb == NULL;
	}
	lay_free(&lay);
	return ok ? 0 : -1;
}

/* A source of either kind, read; NULL if it could not be. */
static struct doc *
read_source(const char *src, int verbose)
{
	return import_is_page(src) ? import_doc(src, verbose) : read_doc(src);
}

/*
 * Many lectures, one book: a course file, or the lectures given with
 * -o.  Every lecture is read and checked (all their messages given)
 * before the book's own decisions, then the verdict.  Returns the
 * worst level.
 */
static enum diag_level
run_book(const struct cli *cli, char *const *sources, int nsources)
{
	struct book	 b;
	struct opts	 o = cli->opts;
	struct doc	*d;
	char		*path = NULL;
	size_t		 i;
	int		 rc = -1;

	diag_reset();
	progress_begin(o.verbose, cli->quiet);
	if (book_open(&b, sources, nsources) == 0) {
		for (i = 0; i < b.nsources; i++) {
			diag_hold();
			if ((d = read_source(b.sources[i], o.verbose)) != NULL) {
				check_doc(d);
				book_add(&b, d);
			}
			diag_release();
			progress_show("reading lecture %zu/%zu", i + 1,
			    b.nsources);
		}
	}
	if (b.nlectures > 0) {
		book_check(&b);
		o.epoch = build_epoch(b.front->meta.date);
		if (cli->cmd != CMD_CHECK)
			path = cli->out != NULL ? xstrdup(cli->out) :
			    default_output(b.front, cli->cmd == CMD_PDF ?
			    "pdf" : "epub");
		if (cli->cmd == CMD_EPUB)
			rc = build_epub_book(&b, &o, path);
		else if (cli->cmd == CMD_PDF)
			rc = build_pdf_book(&b, &o, path);
		else if (!cli->no_layout)
			build_pdf_book(&b, &o, NULL);
	}
	progress_end();
	lay_end();
	if (rc == 0 && o.verbose)
		fprintf(stderr, "%s: wrote %s (%zu lectures)\n", sources[0],
		    path, b.nlectures);
	free(path);
	book_free(&b);
	return diag_worst();
}

static void
dump(const struct doc *d, const struct opts *o, int layout)
{
	if (layout)
		layout_dump(d, o, stdout);
	else
		tree_dump(d, stdout);
	output_check_stream(stdout, "<stdout>");
}

/*
 * Read, check, then write, check or dump one source.  Returns its
 * worst level.  The layout runs before the verdict, so `check` says
 * what `pdf` would.
 */
static enum diag_level
run_one(const struct cli *cli, const char *src)
{
	struct doc	*d;
	struct opts	 o = cli->opts;
	char		*path = NULL;
	int		 rc = -1;
	enum diag_level	 worst;

	diag_reset();
	if (cli->cmd == CMD_IMPORT) {
		import_write(src, cli->out, o.verbose);
		return diag_worst();
	}
	/* The reader's and the checker's messages, by line. */
	diag_hold();
	d = read_source(src, o.verbose);
	if (d != NULL)
		check_doc(d);
	diag_release();
	if (d == NULL)
		return diag_worst();
	o.epoch = build_epoch(d->meta.date);
	if (cli->cmd == CMD_EPUB || cli->cmd == CMD_PDF)
		path = cli->out != NULL ? xstrdup(cli->out) : default_output(d,
		    cli->cmd == CMD_PDF ? "pdf" :
		    o.kepub ? "kepub.epub" : "epub");
	if (cli->cmd != CMD_DUMP)
		progress_begin(o.verbose, cli->quiet);
	switch (cli->cmd) {
	case CMD_DUMP:
		dump(d, &o, cli->layout);
		break;
	case CMD_CHECK:
		if (!cli->no_layout)
			build_pdf(d, &o, NULL);
		break;
	case CMD_EPUB:
		rc = build_epub(d, &o, !cli->no_page_list, path);
		break;
	case CMD_PDF:
		rc = build_pdf(d, &o, path);
		break;
	case CMD_IMPORT:	/* handled before the doc is read */
		break;
	}
	progress_end();
	/* Each source loads the style again: its messages count for it. */
	lay_end();
	if (rc == 0 && o.verbose)
		fprintf(stderr, "%s: wrote %s\n", src, path);
	free(path);
	worst = diag_worst();
	doc_free(d);
	return worst;
}

static int
parse_command(const char *s, enum command *cmd)
{
	static const char *const names[] = { "epub", "pdf", "check", "dump",
	    "import" };
	int i;

	for (i = 0; i < 5; i++)
		if (strcmp(s, names[i]) == 0) {
			*cmd = (enum command)i;
			return 1;
		}
	return 0;
}

/* -j's threads: 1 or more, or 0 when s is no such number. */
static int
parse_jobs(const char *s)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || n < 1)
		return 0;
	return n > INT_MAX ? INT_MAX : (int)n;
}

int
main(int argc, char *argv[])
{
	enum { OPT_STYLE = 256, OPT_REPORT, OPT_STRICT, OPT_LAYOUT,
		OPT_NO_LAYOUT, OPT_NO_PAGE_LIST, OPT_KEPUB };
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "output", required_argument, NULL, 'o' },
		{ "style", required_argument, NULL, OPT_STYLE },
		{ "report", required_argument, NULL, OPT_REPORT },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "layout", no_argument, NULL, OPT_LAYOUT },
		{ "kepub", no_argument, NULL, OPT_KEPUB },
		{ "no-layout", no_argument, NULL, OPT_NO_LAYOUT },
		{ "no-page-list", no_argument, NULL, OPT_NO_PAGE_LIST },
		{ "jobs", required_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli c;
	struct opts *o = &c.opts;
	enum diag_level worst = LVL_OK, w;
	int ch, i, book;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		fputs(usage_text, stdout);
		return EXIT_DONE;
	}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		puts("lectern " LECTERN_VERSION);
		return EXIT_DONE;
	}
	if (argc < 2 || !parse_command(argv[1], &c.cmd))
		return usage(argc < 2 ? NULL : "unknown command");
	argc--;
	argv++;
	c.opts = (struct opts){ NULL, NULL, 0, 0, 0,
	    sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1 };
	c.out = NULL;
	c.layout = c.no_layout = c.no_page_list = c.quiet = 0;
	while ((ch = getopt_long(argc, argv, "hj:o:qvV", longopts, NULL)) != -1)
		switch (ch) {
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_DONE;
		case 'V':
			puts("lectern " LECTERN_VERSION);
			return EXIT_DONE;
		case 'j':
			if ((o->jobs = parse_jobs(optarg)) == 0)
				return usage("-j takes a number of threads, "
				    "1 or more");
			break;
		case 'o':
			c.out = optarg;
			break;
		case 'q':
			diag_set_quiet(1);
			c.quiet = 1;
			break;
		case 'v':
			o->verbose = 1;
			break;
		case OPT_STYLE:
			o->style_dir = optarg;
			break;
		case OPT_REPORT:
			o->report_path = optarg;
			break;
		case OPT_STRICT:
			diag_set_strict(1);
			break;
		case OPT_LAYOUT:
			c.layout = 1;
			break;
		case OPT_NO_LAYOUT:
			c.no_layout = 1;
			break;
		case OPT_NO_PAGE_LIST:
			c.no_page_list = 1;
			break;
		case OPT_KEPUB:
			o->kepub = 1;
			break;
		default:
			return usage(NULL);
		}
	argc -= optind;
	argv += optind;
	if (o->style_dir == NULL)
		o->style_dir = default_style_dir();
	if (argc == 0)
		return usage("no SOURCE given");
	if (c.out != NULL && (c.cmd == CMD_CHECK || c.cmd == CMD_DUMP))
		return usage("-o goes with epub and pdf");
	/* One course file, or lectures with -o: one book. */
	book = (c.cmd == CMD_EPUB || c.cmd == CMD_PDF || c.cmd == CMD_CHECK) &&
	    ((argc == 1 && course_is_file(argv[0])) || (c.out != NULL &&
	    argc > 1));
	if (book && o->kepub)
		return usage("--kepub makes one lecture's edition");
	if (c.layout && c.cmd != CMD_DUMP)
		return usage("--layout goes with dump");
	if (o->kepub && c.cmd != CMD_EPUB)
		return usage("--kepub goes with epub");
	if (c.no_layout && c.cmd != CMD_CHECK)
		return usage("--no-layout goes with check");
	if (c.no_page_list && c.cmd != CMD_EPUB)
		return usage("--no-page-list goes with epub");
	if (o->report_path != NULL && (c.cmd != CMD_PDF || argc > 1 || book))
		return usage("--report goes with pdf and one SOURCE");
	if ((c.cmd == CMD_DUMP || c.cmd == CMD_IMPORT) && argc > 1)
		return usage("dump and import take one SOURCE");
	output_signals();
	if (book)
		return status_of(run_book(&c, argv, argc));
	for (i = 0; i < argc; i++)
		if ((w = run_one(&c, argv[i])) > worst)
			worst = w;
	return status_of(worst);
}
