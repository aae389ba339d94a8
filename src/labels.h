/* The words lectern itself writes around a lecture, in the lecture's language. */
#ifndef LECTERN_LABELS_H
#define LECTERN_LABELS_H

/*
 * One language's words.  Formats take the lecture number (lecture) or
 * the neighbour's "NUMBER TITLE" (previous, next); date takes the day,
 * the month's name from months[] and the year, in that order
 * (positional, so each language orders them its own way).
 */
struct labels {
	const char	*lang;		/* BCP 47 primary tag or script tag */
	const char	*lecture;	/* "Lecture %s" */
	const char	*lecture_word;	/* "Lecture": the landmark */
	const char	*previous;	/* "Previous: " */
	const char	*next;		/* "Next: " */
	const char	*notes;		/* the notes' heading */
	const char	*contents;
	const char	*landmarks;
	const char	*pages;		/* the page list's heading */
	const char	*date;		/* "%1$d %2$s %3$d" */
	const char	*months[12];
	const char	*quotes[4];	/* a quotation's marks: open and
					   close, then those of one
					   inside it */
};

/*
 * The words for lang (en, de-AT, zh-TW...), or English when lectern
 * has none for it; *fallback is then set.  Never NULL.
 */
const struct labels *labels_for(const char *lang, int *fallback);

/*
 * s as a date written the way one of the table's languages prints
 * them ("12. Oktober 2023", "15 de enero de 2024", "2023年10月12日"),
 * any case; 1 with its year, month and day set, else 0.  The day is
 * not checked against the month.
 */
int	labels_parse_date(const char *s, int *y, int *m, int *d);

#endif
