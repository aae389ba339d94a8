/* A course: many lectures, one book; the course file and the book's decisions. */
#ifndef LECTERN_COURSE_H
#define LECTERN_COURSE_H

#include <stddef.h>

struct doc;

/*
 * A book: what the course file says and the lectures in book order.
 * front is a doc without a body holding the course's own metadata
 * (meta.title, author, lang, date, and their display strings), so the
 * writers show it as they show a lecture's.
 */
struct book {
	struct doc	*front;
	const char	*subtitle;	/* front's arena, or NULL */
	const char	*publisher;
	const char	*rights;
	char		**sources;	/* lecture files, as given or found */
	size_t		 nsources;
	int		 lang_given;	/* the course file has lang: */
	int		 by_number;	/* no lectures: list: sort by number */
	struct doc	**lectures;	/* read and checked; book_check()
					   puts them in book order */
	size_t		 nlectures, clectures;
};

/* Does path name a course file (.yaml or .yml)? */
int	course_is_file(const char *path);
/*
 * The book of the command line's sources: one course file, or
 * lecture files in the order given.  Returns 0, or -1 after a
 * diagnostic (a course file that cannot be read or is broken); free
 * with book_free() in both cases.
 */
int	book_open(struct book *, char *const *sources, int nsources);
/* Add a read and checked lecture; the book owns it from here. */
void	book_add(struct book *, struct doc *);
/*
 * Every decision a book adds to its lectures, after each was read and
 * checked: book order (by number when the course file lists none),
 * the course's own display strings, ids unique across the book, the
 * previous and next lines as links to the lectures the book holds,
 * the running head of left-hand pages; a lecture of another course is
 * a warning.
 */
void	book_check(struct book *);
void	book_free(struct book *);

#endif
