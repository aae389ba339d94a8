/* libFuzzer harness for the reader and checker: any bytes, no crash. */
#define _DEFAULT_SOURCE		/* mkstemps */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../src/diag.h"
#include "../../src/lectern.h"
#include "../../src/tree.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char path[] = "/tmp/lectern-fuzz-XXXXXX.md";

static void
cleanup(void)
{
	unlink(path);
}

/*
 * read_doc() takes a path (it names the file in every message), so
 * each input goes through one temporary file.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static FILE *null;
	struct doc *d;

	if (fd == -1) {
		if ((fd = mkstemps(path, 3)) == -1)
			abort();
		atexit(cleanup);
	}
	if (null == NULL && (null = fopen("/dev/null", "w")) == NULL)
		abort();
	if (ftruncate(fd, 0) == -1 || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	diag_set_quiet(1);
	diag_reset();
	if ((d = read_doc(path)) != NULL) {
		check_doc(d);
		tree_dump(d, null);
		doc_free(d);
	}
	return 0;
}
