/* Outputs written whole or not at all: checked writes, atomic rename, signals. */
#ifndef LECTERN_OUTPUT_H
#define LECTERN_OUTPUT_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>

#include "util.h"

/*
 * One output on its way to path.  Bytes go to a temporary file that
 * mkstemp() made beside path (so the rename stays on one file system),
 * or to memory (mem) when path is NULL: a writer can then be run into
 * a buffer and its bytes filtered before they reach the file.
 *
 *	output_open(&o, path)		the temporary file, or a message
 *	output_write(&o, bytes, n)	any number of times; never prints
 *	output_close(&o)		flush, fsync; the first failed
 *					write is reported here, by path
 *	output_commit(&o)		rename over path, fsync the folder
 *	output_abandon(&o)		at any point: remove the temporary
 *
 * Several outputs that belong together (a PDF and its report) are all
 * closed before any is committed, so a failure leaves every one as it
 * was.  Every message names path, never the temporary file.
 */
struct output {
	const char	*path;		/* the final name, or NULL: memory */
	char		*tmp;		/* the temporary file, or NULL */
	FILE		*fp;		/* open on tmp until output_close */
	struct buf	 mem;		/* a memory output's bytes */
	int		 err;		/* errno of the first failed write */
};

/*
 * Catch SIGINT, SIGTERM and SIGHUP (unless ignored when we started):
 * remove every live temporary file and exit 128 + the signal.  On
 * SIGABRT remove them too, then abort as before.
 */
void	output_signals(void);
/*
 * Block those three signals in this thread (saved: the mask before):
 * around the handler's list, and in a thread that must leave them to
 * the main one (relay.c), so the handler never runs beside a change to
 * the list.
 */
void	output_block_signals(sigset_t *saved);

int	output_open(struct output *, const char *path);
void	output_open_mem(struct output *);
/* 0, or -1 with out->err set (this and every later write fail). */
int	output_write(struct output *, const void *, size_t);
int	output_close(struct output *);
int	output_commit(struct output *);
void	output_abandon(struct output *);

/*
 * Check a stream that was written to (stdout for `lectern dump`):
 * flush it and report a failed write against name.  0 or -1.
 */
int	output_check_stream(FILE *, const char *name);

#endif
