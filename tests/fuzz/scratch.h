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
