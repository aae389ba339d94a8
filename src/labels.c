/* The words lectern itself writes (labels, headings, dates), one table for every language. */
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
