/*
 * libFuzzer harness for the EPUB writer: any bytes that read without
 * an error make a book whose every XML entry is well-formed.  A crash
 * or a sanitizer report fails, and so does a broken entry (abort), so
 * the oracle is stronger than "no crash".
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <zip.h>

#include "../../src/diag.h"
#include "../../src/lectern.h"
#include "../../src/output.h"
#include "../../src/tree.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#ifndef STYLES_DIR
#define STYLES_DIR	"styles"
#endif

/* Is the name one of the book's XML entries? */
static int
is_xml(const char *name)
{
	size_t	 n = strlen(name);

	return (n > 6 && strcmp(name + n - 6, ".xhtml") == 0) ||
	    (n > 4 && (strcmp(name + n - 4, ".opf") == 0 ||
	    strcmp(name + n - 4, ".ncx") == 0 ||
	    strcmp(name + n - 4, ".xml") == 0));
}

/* Open the book and parse each XML entry; abort at the first bad one. */
static void
check_book(const char *path)
{
	zip_t		*z;
	zip_file_t	*f;
	zip_stat_t	 st;
	xmlDoc		*x;
	char		*buf;
	zip_int64_t	 i, n;
	int		 err;

	if ((z = zip_open(path, ZIP_RDONLY, &err)) == NULL) {
		fprintf(stderr, "%s: not a zip (libzip error %d)\n", path, err);
		abort();
	}
	n = zip_get_num_entries(z, 0);
	for (i = 0; i < n; i++) {
		if (zip_stat_index(z, i, 0, &st) < 0 || !is_xml(st.name))
			continue;
		if ((buf = malloc(st.size + 1)) == NULL ||
		    (f = zip_fopen_index(z, i, 0)) == NULL ||
		    zip_fread(f, buf, st.size) != (zip_int64_t)st.size)
			abort();
		zip_fclose(f);
		x = xmlReadMemory(buf, (int)st.size, st.name, NULL,
		    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		if (x == NULL) {
			fprintf(stderr, "%s: not well-formed\n", st.name);
			fwrite(buf, 1, st.size, stderr);
			abort();
		}
		xmlFreeDoc(x);
		free(buf);
	}
	zip_discard(z);
}

#include "scratch.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 fd = -1;
	struct opts	 o;
	struct doc	*d;
	static char	 book[sizeof(scratch_dir) + 16];
	struct output	 out;

	if (fd == -1) {
		fd = scratch_open();
		snprintf(book, sizeof(book), "%s/book.epub", scratch_dir);
	}
	if ((d = scratch_doc(fd, data, size, &o)) == NULL)
		return 0;
	if (diag_worst() < LVL_ERROR) {
		if (output_open(&out, book) == 0 &&
		    epub_write(d, &o, NULL, &out) == 0 &&
		    output_close(&out) == 0 &&
		    output_commit(&out) == 0)
			check_book(book);
		else
			output_abandon(&out);
	}
	doc_free(d);
	return 0;
}
