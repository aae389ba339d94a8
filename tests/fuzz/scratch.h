/*
 * The scratch folder of the harnesses that write books.  read_doc()
 * takes a path (it names the file in every message), so each input
 * goes through one file, in.md, in a folder of our own beside a copy
 * of the pictures in IMG_DIR as img/ (the checker only takes pictures
 * below the source's folder), so that picture references resolve.
 * Included once, by one harness.
 */
#ifndef IMG_DIR
#define IMG_DIR		"tests/epub/img"
#endif

static char	 scratch_dir[] = "/tmp/lectern-fuzz-XXXXXX";
static char	 scratch_src[sizeof(scratch_dir) + 8];

static void
scratch_remove(void)
{
	char	 cmd[sizeof(scratch_dir) + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", scratch_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "%s: not removed\n", scratch_dir);
}

/* Make the folder (removed at exit); returns in.md, open for writing. */
static int
scratch_open(void)
{
	char	 cmd[sizeof(scratch_dir) + sizeof(IMG_DIR) + 32];
	int	 fd;

	if (mkdtemp(scratch_dir) == NULL)
		abort();
	atexit(scratch_remove);
	snprintf(cmd, sizeof(cmd), "cp -R '%s' '%s/img'", IMG_DIR,
	    scratch_dir);
	if (system(cmd) != 0)
		abort();
	snprintf(scratch_src, sizeof(scratch_src), "%s/in.md", scratch_dir);
	if ((fd = open(scratch_src, O_RDWR | O_CREAT | O_TRUNC, 0600)) == -1)
		abort();
	return fd;
}

/*
 * One input, read and checked quietly through in.md (fd) as main.c
 * does, with in *o the options a build of it uses.  The doc, which
 * the caller frees, or NULL when the reader gave up.
 */
static struct doc *
scratch_doc(int fd, const uint8_t *data, size_t size, struct opts *o)
{
	struct doc	*d;

	if (ftruncate(fd, 0) == -1 ||
	    pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	diag_set_quiet(1);
	diag_reset();
	if ((d = read_doc(scratch_src)) == NULL)
		return NULL;
	check_doc(d);
	memset(o, 0, sizeof(*o));
	o->style_dir = STYLES_DIR;
	o->epoch = 1520294400;
	return d;
}
