/* Outputs written whole or not at all: checked writes, atomic rename, signals. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "output.h"
#include "util.h"

/*
 * The temporary files that exist right now, for the signal handler.
 * A slot is filled and emptied with the signals blocked, so the handler
 * never sees a name half made or already freed.  A PDF, its report and
 * the report's own temporary make three at most.
 */
#define NLIVE	8
static char *volatile live[NLIVE];

/*
 * LECTERN_FAIL_WRITE_AFTER=N makes every file write fail with ENOSPC
 * once N bytes are written: the test of a full disk where no small
 * file system can be mounted.  -1: off.
 */
static long long fail_after = -2;
static long long written;

static void
unlink_live(void)
{
	int	 i;

	for (i = 0; i < NLIVE; i++)
		if (live[i] != NULL)
			unlink(live[i]);
}

static void
on_signal(int sig)
{
	unlink_live();
	_exit(128 + sig);
}

/*
 * An abort (a failed GLib or Pango assertion) still dies as one, core
 * and all: the handler was reset on entry, so raising again kills.
 */
static void
on_abort(int sig)
{
	unlink_live();
	raise(sig);
}

void
output_signals(void)
{
	static const int	 sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction	 sa, old;
	size_t			 i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		/* A shell that started us with SIGINT ignored meant it. */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
	sa.sa_handler = on_abort;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGABRT, &sa, NULL);
}

void
output_block_signals(sigset_t *saved)
{
	sigset_t	 all;

	sigemptyset(&all);
	sigaddset(&all, SIGINT);
	sigaddset(&all, SIGTERM);
	sigaddset(&all, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &all, saved);
}

/* Put name in a free slot; returns it, or -1 when all are taken. */
static int
live_add(char *name)
{
	int	 i;

	for (i = 0; i < NLIVE; i++)
		if (live[i] == NULL) {
			live[i] = name;
			return i;
		}
	return -1;
}

static void
live_remove(const char *name)
{
	int	 i;

	for (i = 0; i < NLIVE; i++)
		if (live[i] == name)
			live[i] = NULL;
}

/*
 * Make a new temporary file beside path, known to the signal handler.
 * Returns its open descriptor and stores its name, or -1 with errno.
 */
static int
tmp_create(const char *path, char **name)
{
	sigset_t	 saved;
	mode_t		 mask;
	int		 fd, saved_errno;

	*name = xasprintf("%s.tmp.XXXXXX", path);
	output_block_signals(&saved);
	fd = mkstemp(*name);
	if (fd != -1 && live_add(*name) == -1) {
		unlink(*name);
		close(fd);
		fd = -1;
		errno = EMFILE;
	}
	saved_errno = errno;
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
	if (fd == -1) {
		free(*name);
		*name = NULL;
		errno = saved_errno;
		return -1;
	}
	/* An ordinary file, as cp would make it, not mkstemp's 0600. */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	return fd;
}

/* Remove the temporary file (if still there) and forget it. */
static void
tmp_drop(const char *name)
{
	sigset_t	 saved;

	output_block_signals(&saved);
	unlink(name);
	live_remove(name);
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
}

/*
 * Make a rename in path's folder last: fsync the folder.  Some file
 * systems cannot (EINVAL); that is not a failure of ours.
 */
static int
sync_folder(const char *path)
{
	const char	*slash = strrchr(path, '/');
	char		*dir;
	int		 fd, rc = 0;

	dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) == -1)
		rc = -1;
	else {
		if (fsync(fd) == -1 && errno != EINVAL)
			rc = -1;
		close(fd);
	}
	free(dir);
	return rc;
}

/* Rename tmp over path and make both lasting; -1 with errno. */
static int
tmp_rename(const char *tmp, const char *path)
{
	sigset_t	 saved;
	int		 rc, saved_errno;

	output_block_signals(&saved);
	rc = rename(tmp, path);
	saved_errno = errno;
	if (rc == 0)
		live_remove(tmp);
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
	if (rc == -1) {
		errno = saved_errno;
		return -1;
	}
	return sync_folder(path);
}

int
output_open(struct output *o, const char *path)
{
	const char	*s;
	int		 fd;

	memset(o, 0, sizeof(*o));
	o->path = path;
	if (fail_after == -2)
		fail_after = (s = getenv("LECTERN_FAIL_WRITE_AFTER")) != NULL &&
		    *s != '\0' ? atoll(s) : -1;
	if ((fd = tmp_create(path, &o->tmp)) == -1) {
		diag_file(path, D_SYS_WRITE, strerror(errno));
		return -1;
	}
	if ((o->fp = fdopen(fd, "wb")) == NULL) {
		diag_file(path, D_SYS_WRITE, strerror(errno));
		close(fd);
		tmp_drop(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	return 0;
}

void
output_open_mem(struct output *o)
{
	memset(o, 0, sizeof(*o));
}

int
output_write(struct output *o, const void *p, size_t n)
{
	if (o->err != 0)
		return -1;
	if (o->fp == NULL) {
		buf_put(&o->mem, p, n);
		return 0;
	}
	if (fail_after >= 0 && written + (long long)n > fail_after) {
		o->err = ENOSPC;
		return -1;
	}
	errno = 0;
	if (fwrite(p, 1, n, o->fp) != n) {
		o->err = errno != 0 ? errno : EIO;
		return -1;
	}
	written += (long long)n;
	return 0;
}

int
output_close(struct output *o)
{
	FILE	*fp = o->fp;

	if (fp == NULL)
		return o->err != 0 ? -1 : 0;
	o->fp = NULL;
	if (o->err == 0 && fflush(fp) == EOF)
		o->err = errno;
	if (o->err == 0 && fsync(fileno(fp)) == -1)
		o->err = errno;
	if (fclose(fp) == EOF && o->err == 0)
		o->err = errno;
	if (o->err != 0) {
		diag_file(o->path, D_SYS_WRITE, strerror(o->err));
		return -1;
	}
	return 0;
}

int
output_commit(struct output *o)
{
	int	 rc = 0;

	if (o->tmp == NULL)
		return 0;
	if (tmp_rename(o->tmp, o->path) == -1) {
		diag_file(o->path, D_SYS_WRITE, strerror(errno));
		tmp_drop(o->tmp);
		rc = -1;
	}
	free(o->tmp);
	o->tmp = NULL;
	return rc;
}

void
output_abandon(struct output *o)
{
	if (o->fp != NULL)
		fclose(o->fp);
	o->fp = NULL;
	if (o->tmp != NULL)
		tmp_drop(o->tmp);
	free(o->tmp);
	o->tmp = NULL;
	buf_free(&o->mem);
}

int
output_check_stream(FILE *fp, const char *name)
{
	if (fflush(fp) == EOF || ferror(fp)) {
		diag_file(name, D_SYS_WRITE, strerror(errno != 0 ? errno : EIO));
		return -1;
	}
	return 0;
}

/*
 * The path-only form, for writers that open the temporary file by name
 * (the report).  The same temporaries, signals and fsyncs; the caller
 * frees the name out_begin() returns.
 */
char *
out_begin(const char *path)
{
	char	*tmp;
	int	 fd;

	if ((fd = tmp_create(path, &tmp)) == -1)
		return NULL;
	close(fd);
	return tmp;
}

int
out_commit(const char *tmp, const char *path)
{
	int	 fd, rc = 0, saved;

	if ((fd = open(tmp, O_RDONLY)) == -1 || fsync(fd) == -1)
		rc = -1;
	saved = errno;
	if (fd != -1)
		close(fd);
	errno = saved;
	if (rc == 0 && tmp_rename(tmp, path) == 0)
		return 0;
	saved = errno;
	tmp_drop(tmp);
	errno = saved;
	return -1;
}

void
out_abandon(const char *tmp)
{
	tmp_drop(tmp);
}
