/* The command line: options, running the stages, the exit status. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "lectern.h"
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

enum command { CMD_EPUB, CMD_PDF, CMD_CHECK, CMD_DUMP };

typedef int (*writer_fn)(const struct doc *, const struct opts *,
    const char *);

static const char usage_text[] =
"usage: lectern epub [-o FILE] [options] SOURCE...\n"
"       lectern pdf  [-o FILE] [--report FILE] [options] SOURCE...\n"
"       lectern check [options] SOURCE...\n"
"       lectern dump [--layout] [options] SOURCE\n"
"       lectern --help | --version\n"
"\n"
"  epub    write SOURCE as an EPUB 3 (default: STEM.epub here)\n"
"  pdf     write SOURCE as a print PDF (default: STEM.pdf here)\n"
"  check   read and check SOURCE, write nothing\n"
"  dump    print the document tree (--layout: the laid-out pages)\n"
"\n"
"options:\n"
"  -o FILE         output file (one SOURCE only)\n"
"  --style DIR     folder with epub.css and print.yaml (default:\n"
"                  ./styles, else " STYLES_DIR ")\n"
"  --report FILE   pdf: write the typographic report to FILE\n"
"  --kepub         epub: the Kobo edition (default: STEM.kepub.epub)\n"
"  --strict        treat warnings as errors\n"
"  -q, --quiet     do not print warnings\n"
"  -v, --verbose   print a one-line summary per output\n"
"\n"
"exit status: 0 done, 1 errors in the input, 2 usage, 3 system error\n";

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

/* Write one output through a temporary file; returns 0 or -1. */
static int
write_output(writer_fn write, const struct doc *d, const struct opts *o,
    const char *path)
{
	char *tmp = out_begin(path);
	int rc;

	if ((rc = write(d, o, tmp)) == 0 && out_commit(tmp, path) == -1) {
		diag_file(path, D_SYS_WRITE, strerror(errno));
		rc = -1;
	}
	if (rc == -1)
		out_abandon(tmp);
	free(tmp);
	return rc;
}

/* Read, check, then write or dump one source.  Returns its worst level. */
static enum diag_level
run_one(enum command cmd, int layout, const char *src, const char *out,
    struct opts *o)
{
	struct doc *d;
	char *path;
	enum diag_level worst;

	diag_reset();
	if ((d = read_doc(src)) == NULL)
		return diag_worst();
	check_doc(d);
	o->epoch = build_epoch(d->meta.date);
	if (cmd == CMD_DUMP) {
		if (layout)
			layout_dump(d, o, stdout);
		else
			tree_dump(d, stdout);
	} else if ((cmd == CMD_EPUB || cmd == CMD_PDF) &&
	    diag_worst() < LVL_ERROR) {
		path = out ? xstrdup(out) :
		    default_output(d, cmd == CMD_PDF ? "pdf" :
		    o->kepub ? "kepub.epub" : "epub");
		write_output(cmd == CMD_EPUB ? epub_write : pdf_write, d, o,
		    path);
		if (o->verbose && diag_worst() < LVL_ERROR)
			fprintf(stderr, "%s: wrote %s\n", src, path);
		free(path);
	}
	worst = diag_worst();
	doc_free(d);
	return worst;
}

static int
parse_command(const char *s, enum command *cmd)
{
	static const char *const names[] = { "epub", "pdf", "check", "dump" };
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0) {
			*cmd = (enum command)i;
			return 1;
		}
	return 0;
}

int
main(int argc, char *argv[])
{
	enum { OPT_STYLE = 256, OPT_REPORT, OPT_STRICT, OPT_LAYOUT, OPT_KEPUB };
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "output", required_argument, NULL, 'o' },
		{ "style", required_argument, NULL, OPT_STYLE },
		{ "report", required_argument, NULL, OPT_REPORT },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "layout", no_argument, NULL, OPT_LAYOUT },
		{ "kepub", no_argument, NULL, OPT_KEPUB },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts o = { NULL, NULL, 0, 0, 0 };
	enum command cmd;
	enum diag_level worst = LVL_OK, w;
	const char *out = NULL;
	int ch, layout = 0, i;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		fputs(usage_text, stdout);
		return EXIT_DONE;
	}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		puts("lectern " LECTERN_VERSION);
		return EXIT_DONE;
	}
	if (argc < 2 || !parse_command(argv[1], &cmd))
		return usage(argc < 2 ? NULL : "unknown command");
	argc--;
	argv++;
	while ((ch = getopt_long(argc, argv, "ho:qvV", longopts, NULL)) != -1)
		switch (ch) {
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_DONE;
		case 'V':
			puts("lectern " LECTERN_VERSION);
			return EXIT_DONE;
		case 'o':
			out = optarg;
			break;
		case 'q':
			diag_set_quiet(1);
			break;
		case 'v':
			o.verbose = 1;
			break;
		case OPT_STYLE:
			o.style_dir = optarg;
			break;
		case OPT_REPORT:
			o.report_path = optarg;
			break;
		case OPT_STRICT:
			diag_set_strict(1);
			break;
		case OPT_LAYOUT:
			layout = 1;
			break;
		case OPT_KEPUB:
			o.kepub = 1;
			break;
		default:
			return usage(NULL);
		}
	argc -= optind;
	argv += optind;
	if (o.style_dir == NULL)
		o.style_dir = default_style_dir();
	if (argc == 0)
		return usage("no SOURCE given");
	if (out != NULL && (cmd == CMD_CHECK || cmd == CMD_DUMP))
		return usage("-o goes with epub and pdf");
	if (out != NULL && argc > 1)
		return usage("-o takes one SOURCE");
	if (layout && cmd != CMD_DUMP)
		return usage("--layout goes with dump");
	if (o.kepub && cmd != CMD_EPUB)
		return usage("--kepub goes with epub");
	if (o.report_path != NULL && (cmd != CMD_PDF || argc > 1))
		return usage("--report goes with pdf and one SOURCE");
	if (cmd == CMD_DUMP && argc > 1)
		return usage("dump takes one SOURCE");
	for (i = 0; i < argc; i++)
		if ((w = run_one(cmd, layout, argv[i], out, &o)) > worst)
			worst = w;
	return status_of(worst);
}
