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
#include "../../src/tree.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#ifndef STYLES_DIR
#define STYLES_DIR	"styles"
#endif
#ifndef IMG_DIR			/* copied beside each input as img/ */
#define IMG_DIR		"tests/epub/img"
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

/*
 * read_doc() takes a path (it names the file in every message), so
 * each input goes through one file in a folder of our own, beside a
 * copy of the test images (the checker only takes images below the
 * source's folder), so that image references can resolve.
 */
static char	 dir[] = "/tmp/lectern-fuzz-XXXXXX";
static char	 src[sizeof(dir) + 8], book[sizeof(dir) + 16];

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
	snprintf(book, sizeof(book), "%s/book.epub", dir);
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
		if (epub_write(d, &o, book) == 0)
			check_book(book);
	}
	doc_free(d);
	return 0;
}
