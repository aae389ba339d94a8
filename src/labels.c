/* The words lectern itself writes (labels, headings, dates), one table for every language. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "labels.h"
#include "util.h"

/*
 * English first: the fallback.  Chinese has two rows, by script; a
 * tag is matched on its primary subtag, Chinese on lang_cjk_face().
 */
static const struct labels table[] = {
	{ "en", "Lecture %s", "Lecture", "Previous: ", "Next: ", "Notes",
	  "Contents", "Landmarks", "Pages", "%1$d %2$s %3$d",
	  { "January", "February", "March", "April", "May", "June", "July",
	    "August", "September", "October", "November", "December" },
	  { "“", "”", "‘", "’" } },
	{ "de", "Vorlesung %s", "Vorlesung", "Vorherige: ", "Nächste: ",
	  "Anmerkungen", "Inhalt", "Orientierungspunkte", "Seiten",
	  "%1$d. %2$s %3$d",
	  { "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
	    "August", "September", "Oktober", "November", "Dezember" },
	  { "„", "“", "‚", "‘" } },
	{ "fr", "Cours %s", "Cours", "Précédent : ", "Suivant : ", "Notes",
	  "Table des matières", "Repères", "Pages", "%1$d %2$s %3$d",
	  { "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	    "août", "septembre", "octobre", "novembre", "décembre" },
	  { "«\u00a0", "\u00a0»", "“", "”" } },
	{ "es", "Lección %s", "Lección", "Anterior: ", "Siguiente: ",
	  "Notas", "Índice", "Puntos de referencia", "Páginas",
	  "%1$d de %2$s de %3$d",
	  { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	    "agosto", "septiembre", "octubre", "noviembre", "diciembre" },
	  { "«", "»", "“", "”" } },
	{ "it", "Lezione %s", "Lezione", "Precedente: ", "Successiva: ",
	  "Note", "Indice", "Punti di riferimento", "Pagine",
	  "%1$d %2$s %3$d",
	  { "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
	    "luglio", "agosto", "settembre", "ottobre", "novembre",
	    "dicembre" },
	  { "«", "»", "“", "”" } },
	{ "pt", "Aula %s", "Aula", "Anterior: ", "Próxima: ", "Notas",
	  "Sumário", "Marcos", "Páginas", "%1$d de %2$s de %3$d",
	  { "janeiro", "fevereiro", "março", "abril", "maio", "junho",
	    "julho", "agosto", "setembro", "outubro", "novembro",
	    "dezembro" },
	  { "“", "”", "‘", "’" } },
	{ "zh-Hans", "第%s讲", "讲座", "上一讲：", "下一讲：", "注释", "目录",
	  "导航", "页码", "%3$d年%2$s%1$d日",
	  { "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月",
	    "10月", "11月", "12月" },
	  { "“", "”", "‘", "’" } },
	{ "zh-Hant", "第%s講", "講座", "上一講：", "下一講：", "註釋", "目錄",
	  "導覽", "頁碼", "%3$d年%2$s%1$d日",
	  { "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月",
	    "10月", "11月", "12月" },
	  { "「", "」", "『", "』" } },
	{ "ja", "第%s講", "講義", "前の講義：", "次の講義：", "注", "目次",
	  "ランドマーク", "ページ", "%3$d年%2$s%1$d日",
	  { "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月",
	    "10月", "11月", "12月" },
	  { "「", "」", "『", "』" } },
	{ "ko", "제%s강", "강의", "이전 강의: ", "다음 강의: ", "주석", "목차",
	  "랜드마크", "페이지", "%3$d년 %2$s %1$d일",
	  { "1월", "2월", "3월", "4월", "5월", "6월", "7월", "8월", "9월",
	    "10월", "11월", "12월" },
	  { "“", "”", "‘", "’" } },
	{ "ar", "المحاضرة %s", "المحاضرة", "السابقة: ", "التالية: ",
	  "الحواشي", "المحتويات", "معالم", "الصفحات", "%1$d %2$s %3$d",
	  { "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو",
	    "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر" },
	  { "«", "»", "“", "”" } },
	{ "he", "הרצאה %s", "הרצאה", "הקודמת: ", "הבאה: ", "הערות",
	  "תוכן העניינים", "ציוני דרך", "עמודים", "%1$d ב%2$s %3$d",
	  { "ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני", "יולי",
	    "אוגוסט", "ספטמבר", "אוקטובר", "נובמבר", "דצמבר" },
	  { "”", "”", "’", "’" } },
	{ "ru", "Лекция %s", "Лекция", "Предыдущая: ", "Следующая: ",
	  "Примечания", "Содержание", "Ориентиры", "Страницы",
	  "%1$d %2$s %3$d",
	  { "января", "февраля", "марта", "апреля", "мая", "июня", "июля",
	    "августа", "сентября", "октября", "ноября", "декабря" },
	  { "«", "»", "„", "“" } },
	{ "el", "Διάλεξη %s", "Διάλεξη", "Προηγούμενη: ", "Επόμενη: ",
	  "Σημειώσεις", "Περιεχόμενα", "Ορόσημα", "Σελίδες",
	  "%1$d %2$s %3$d",
	  { "Ιανουαρίου", "Φεβρουαρίου", "Μαρτίου", "Απριλίου", "Μαΐου",
	    "Ιουνίου", "Ιουλίου", "Αυγούστου", "Σεπτεμβρίου", "Οκτωβρίου",
	    "Νοεμβρίου", "Δεκεμβρίου" },
	  { "«", "»", "“", "”" } },
};

const struct labels *
labels_for(const char *lang, int *fallback)
{
	const char	*face = lang_cjk_face(lang);
	size_t		 i, n;

	if (face != NULL && strcmp(face, "ko") != 0 && strcmp(face, "ja") != 0)
		lang = face;	/* zh-TW reads zh-Hant, zh reads zh-Hans */
	for (i = 0; lang != NULL && i < sizeof(table) / sizeof(table[0]);
	    i++) {
		n = strlen(table[i].lang);
		if (g_ascii_strncasecmp(lang, table[i].lang, n) == 0 &&
		    (lang[n] == '\0' || lang[n] == '-')) {
			*fallback = 0;
			return &table[i];
		}
	}
	*fallback = 1;
	return &table[0];
}

/*
 * The month whose name (in l) s begins with, 1..12, its length in
 * *len; 0 when none.  s is casefolded, and so is each name.
 */
static int
month_at(const struct labels *l, const char *s, size_t *len)
{
	char	*name;
	int	 i, found = 0;

	for (i = 0; i < 12 && found == 0; i++) {
		name = g_utf8_casefold(l->months[i], -1);
		*len = strlen(name);
		if (strncmp(s, name, *len) == 0)
			found = i + 1;
		g_free(name);
	}
	return found;
}

/* Digits at *s, at most max of them, as a number; -1 when none. */
static int
number_at(const char **s, int max)
{
	int	 v = 0, n = 0;

	while (n < max && g_ascii_isdigit(**s)) {
		v = v * 10 + (*(*s)++ - '0');
		n++;
	}
	return n == 0 || g_ascii_isdigit(**s) ? -1 : v;
}

/*
 * Does s (casefolded, single spaces) read as l's date format?  A space
 * of the format is one space of s; French writes the first of a month
 * "1er", Russian may end with "г." (the year's abbreviation).
 */
static int
date_as(const struct labels *l, const char *s, int *y, int *m, int *d)
{
	const char	*f = l->date;
	size_t		 len;

	*y = *m = *d = -1;
	while (*f != '\0') {
		if (f[0] == '%' && f[1] >= '1' && f[1] <= '3' && f[2] == '$') {
			if (f[1] == '2') {
				if ((*m = month_at(l, s, &len)) == 0)
					return 0;
				s += len;
			} else if (f[1] == '1') {
				if ((*d = number_at(&s, 2)) < 0)
					return 0;
				if (strncmp(s, "er", 2) == 0)
					s += 2;
			} else if ((*y = number_at(&s, 4)) < 0)
				return 0;
			f += 4;
		} else if (*f++ != *s++)
			return 0;
	}
	if (strcmp(s, " г.") == 0 || strcmp(s, " г") == 0)
		s += strlen(s);
	return *s == '\0' && *y > 0 && *m > 0 && *d > 0;
}

int
labels_parse_date(const char *s, int *y, int *m, int *d)
{
	GString	*one = g_string_new(NULL);
	char	*folded;
	size_t	 i;
	int	 ok = 0;

	/* Runs of spaces (no-break ones too) as one, none at either end. */
	for (; *s != '\0'; s = g_utf8_next_char(s))
		if (*s == ' ' || *s == '\t' || g_utf8_get_char(s) == 0xA0) {
			if (one->len > 0 && one->str[one->len - 1] != ' ')
				g_string_append_c(one, ' ');
		} else
			g_string_append_unichar(one, g_utf8_get_char(s));
	if (one->len > 0 && one->str[one->len - 1] == ' ')
		g_string_truncate(one, one->len - 1);
	folded = g_utf8_casefold(one->str, -1);
	for (i = 0; i < sizeof(table) / sizeof(table[0]) && !ok; i++)
		ok = date_as(&table[i], folded, y, m, d);
	g_free(folded);
	g_string_free(one, TRUE);
	return ok;
}
