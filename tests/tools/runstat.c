/* Run a command; print its wall time, peak memory and exit status. */

/*
 * usage: runstat COMMAND [ARG...]
 * Prints "wall SECONDS  rss KIB  status N" on stderr once the command
 * ends (status 128+N when killed by signal N).  The peak resident set
 * comes from wait4()'s rusage, so GNU time is not needed.  With
 * RUNSTAT_OUT=FILE the line goes to FILE instead, and the command's
 * stderr (a progress line, say) stays the caller's.
 */

#define _DEFAULT_SOURCE	/* wait4() */

#include <sys/types.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char *argv[])
{
	struct rusage	 ru;
	struct timespec	 t0, t1;
	pid_t		 pid;
	int		 st, rc;
	const char	*path = getenv("RUNSTAT_OUT");
	FILE		*out = stderr;

	if (argc < 2) {
		fprintf(stderr, "usage: runstat COMMAND [ARG...]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) == -1) {
		perror("fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		perror(argv[1]);
		_exit(127);
	}
	if (wait4(pid, &st, 0, &ru) == -1) {
		perror("wait4");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	rc = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	if (path != NULL && (out = fopen(path, "w")) == NULL) {
		perror(path);
		return 2;
	}
	fprintf(out, "wall %.3f  rss %ld  status %d\n",
	    (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, ru.ru_maxrss, rc);
	if (out != stderr && fclose(out) == EOF) {
		perror(path);
		return 2;
	}
	return rc;
}
