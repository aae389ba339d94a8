/*
 * libFuzzer harness for the print path: any bytes that read and check
 * without an error go through the layout (Pango) and cairo's PDF
 * surface.  A crash, a sanitizer report or a hang fails, and so does a
 * PDF cairo refuses to finish (abort): a document the checker passed
 * must print.  The PDF goes to /dev/null; its bytes are not kept.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/diag.h"
#include "../../src/lectern.h"
#include "../../src/tree.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#ifndef STYLES_DIR
#define STYLES_DIR	"styles"
#endif
#ifndef IMG_DIR			/* copied beside each input as img/ */
#define IMG_DIR		"tests/pdf/img"
#endif

/*
 * read_doc() takes a path (it names the file in every message), so
 * each input goes through one file in a folder of our own, beside a
 * copy of the pictures (the checker only takes pictures below the
 * source's folder), so that picture references resolve and draw.
 */
static char	 dir[] = "/tmp/lectern-fuzzpdf-XXXXXX";
static char	 src[sizeof(dir) + 8];

static void
cleanup(void)
{
	char	 cmd[sizeof(dir) + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "%s: not removed\n", dir);
}

static int
setup(void)
{
	char	 cmd[sizeof(dir) + sizeof(IMG_DIR) + 32];
	int	 fd;

	if (mkdtemp(dir) == NULL)
		abort();
	atexit(cleanup);
	snprintf(cmd, sizeof(cmd), "cp -R '%s' '%s/img'", IMG_DIR, dir);
	if (system(cmd) != 0)
		abort();
	snprintf(src, sizeof(src), "%s/in.md", dir);
	if ((fd = open(src, O_RDWR | O_CREAT | O_TRUNC, 0600)) == -1)
		abort();
	return fd;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 fd = -1;
	struct opts	 o;
	struct doc	*d;

	if (fd == -1)
		fd = setup();
	if (ftruncate(fd, 0) == -1 ||
	    pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	diag_set_quiet(1);
	diag_reset();
	if ((d = read_doc(src)) == NULL)
		return 0;
	check_doc(d);
	if (diag_worst() < LVL_ERROR) {
		memset(&o, 0, sizeof(o));
		o.style_dir = STYLES_DIR;
		o.epoch = 1520294400;
		/*
		 * When main.c runs the layout itself (issue 7), this
		 * becomes lay_build(), then pdf_write() of the layout.
		 */
		if (pdf_write(d, &o, "/dev/null") == -1) {
			fprintf(stderr, "a checked document did not print\n");
			abort();
		}
	}
	doc_free(d);
	return 0;
}
