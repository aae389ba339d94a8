/*
 * libFuzzer harness for the print path: any bytes that read and check
 * without an error go through the layout (Pango) and cairo's PDF
 * surface.  A crash, a sanitizer report or a hang fails, and so does a
 * PDF cairo refuses to finish (abort): a document the checker passed
 * must print.  The PDF goes to memory; its bytes are not kept.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/diag.h"
#include "../../src/layout.h"
#include "../../src/lectern.h"
#include "../../src/output.h"
#include "../../src/tree.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#ifndef STYLES_DIR
#define STYLES_DIR	"styles"
#endif

#include "scratch.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 fd = -1;
	struct opts	 o;
	struct doc	*d;
	struct layout	 lay, measured;
	struct output	 out;

	if (fd == -1)
		fd = scratch_open();
	if ((d = scratch_doc(fd, data, size, &o)) == NULL)
		return 0;
	if (diag_worst() < LVL_ERROR) {
		/* As main.c does, but the PDF goes to memory, then away. */
		output_open_mem(&out);
		if (lay_build(&lay, d, &o) == -1 ||
		    pdf_write(&lay, d, &o, &out) == -1) {
			fprintf(stderr, "a checked document did not print\n");
			abort();
		}
		/* check's and the EPUB page list's layout: the same pages. */
		if (lay_measure(&measured, d, &o, 1) == -1 ||
		    measured.npages != lay.npages) {
			fprintf(stderr, "a measured layout has other pages\n");
			abort();
		}
		lay_free(&measured);
		lay_free(&lay);
		/* As main.c after each source: the run's fonts let go. */
		lay_end();
		output_abandon(&out);
	}
	doc_free(d);
	return 0;
}
