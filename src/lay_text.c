/* Layout stage 1: a paragraph's text and spans, gathered from the tree's inlines. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "layout-int.h"
#include "tree.h"
#include "util.h"

/* The character at s (len bytes left), its length in *n; U+FFFD if bad. */
uint32_t
lay_cp_at(const char *s, size_t len, size_t *n)
{
	uint32_t	 cp;

	if ((*n = utf8_decode(s, len, &cp)) == 0) {
		*n = 1;
		return 0xFFFD;
	}
	return cp;
}

/*
 * key='v' as cairo's attribute strings want it (quoted with ', escaped
 * with \), in the arena.
 */
const char *
lay_quoted(struct arena *ar, const char *key, const char *v)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*s;

	buf_printf(&b, "%s='", key);
	for (; *v != '\0'; v++) {
		if (*v == '\'' || *v == '\\')
			buf_putc(&b, '\\');
		buf_putc(&b, *v);
	}
	buf_putc(&b, '\'');
	s = arena_strdup(ar, b.p);
	buf_free(&b);
	return s;
}

/*
 * Append len bytes of s to p with the look of like: the last span
 * grows when the look is the same and neither carries a destination,
 * a note or a picture.
 */
void
lay_para_add(struct para *p, const char *s, size_t len, const struct span *like)
{
	struct span	*last;

	if (len == 0)
		return;
	last = p->nsp ? &p->sp[p->nsp - 1] : NULL;
	if (last != NULL && last->end == p->t.len && last->f == like->f &&
	    last->lang == like->lang && last->link == like->link &&
	    last->dest == NULL && like->dest == NULL &&
	    last->note == 0 && like->note == 0 &&
	    last->img == NULL && like->img == NULL) {
		buf_put(&p->t, s, len);
		last->end = p->t.len;
		return;
	}
	p->sp = xgrow(p->sp, &p->csp, p->nsp + 1, sizeof(*p->sp));
	last = &p->sp[p->nsp++];
	*last = *like;
	last->start = p->t.len;
	buf_put(&p->t, s, len);
	last->end = p->t.len;
}

/*
 * Append text from the source at like->pos: tabs and line ends are
 * spaces in running text (one byte for one, so the text keeps its
 * offsets into src->text from src_off on).
 */
void
lay_para_add_src(struct para *p, const char *s, const struct node *src,
    size_t src_off, const struct span *like)
{
	struct anchor	*a;
	size_t		 i, j;

	p->an = xgrow(p->an, &p->can, p->nan + 1, sizeof(*p->an));
	a = &p->an[p->nan++];
	a->off = p->t.len;
	a->pos = like->pos;
	a->src = src;
	a->src_off = src_off;
	for (i = 0; s[i] != '\0'; i = j) {
		for (j = i; s[j] != '\0' && s[j] != '\t' && s[j] != '\n' &&
		    s[j] != '\r'; j++)
			continue;
		lay_para_add(p, s + i, j - i, like);
		if (s[j] != '\0') {
			lay_para_add(p, " ", 1, like);
			j++;
		}
	}
	a = &p->an[p->nan - 1];
	a->len = p->t.len - a->off;
}

/*
 * Text that is not the tree's (a title, a caption, a running head), its
 * runs in another language than m's lecture tagged as the EPUB's
 * xw_text_lang() tags them (util.c string_run_lang()); m NULL: none.
 */
void
lay_para_add_text(struct para *p, const char *s, const struct span *like,
    const struct meta *m)
{
	struct span	 other;
	char		*piece;
	size_t		 i, next, len = strlen(s);
	int		 script, kana, letters;

	if (m == NULL) {
		lay_para_add_src(p, s, NULL, 0, like);
		return;
	}
	other = *like;
	for (i = 0; i < len; i = next) {
		next = script_run_end(s, i, len, &script, &kana, &letters);
		other.lang = string_run_lang(script, letters, m->lang,
		    m->han_lang);
		piece = xstrndup(s + i, next - i);
		lay_para_add_src(p, piece, NULL, 0, other.lang != NULL ?
		    &other : like);
		free(piece);
	}
}

/* A link's cairo attributes, as check.c decided it: NULL for text. */
static const char *
link_attr(struct lay_store *ks, const struct node *n)
{
	switch (n->u.link.kind) {
	case LK_EXTERNAL:
		return lay_quoted(ks->arena, "uri", n->u.link.target);
	case LK_INTERNAL:
	case LK_NOTE:
		return lay_quoted(ks->arena, "dest", n->u.link.target);
	default:
		return NULL;
	}
}

/* A note reference: its number, raised, linked to the note. */
static void
note_ref(struct lay_store *ks, struct para *p, const struct node *c,
    struct span *s)
{
	char	 num[64];
	const char *pre = ks->doc_id_prefix;

	s->f |= S_SUP;
	snprintf(num, sizeof(num), "%sfn-%d", pre, c->u.note.num);
	s->link = lay_quoted(ks->arena, "dest", num);
	if (c->u.note.nref <= 1) {
		snprintf(num, sizeof(num), "%sfnref-%d", pre, c->u.note.num);
		s->note = c->u.note.num;
		s->note_last = c->u.note.last;
	} else
		snprintf(num, sizeof(num), "%sfnref-%d-%d", pre, c->u.note.num,
		    c->u.note.nref);
	s->dest = arena_strdup(ks->arena, num);
	snprintf(num, sizeof(num), "%d", c->u.note.num);
	lay_para_add(p, num, strlen(num), s);
}

/*
 * The bidi controls around an element with a dir (UAX #9): an isolate
 * for span and bdi, an override for bdo; "" when it has none.
 */
static const char *
dir_open(const struct node *n)
{
	const char	*dir = n->u.span.dir;

	if (dir == NULL)
		return "";
	if (n->u.span.el == SP_BDO)
		return strcmp(dir, "rtl") == 0 ? "\xe2\x80\xae" :
		    strcmp(dir, "ltr") == 0 ? "\xe2\x80\xad" : "";
	return strcmp(dir, "rtl") == 0 ? "\xe2\x81\xa7" :
	    strcmp(dir, "ltr") == 0 ? "\xe2\x81\xa6" : "\xe2\x81\xa8";
}

/* An allowed HTML element (read.c): its look, language and direction. */
static void
span_el(struct lay_store *ks, struct para *p, const struct node *c,
    struct span *s)
{
	const char	*open = dir_open(c);

	switch (c->u.span.el) {
	case SP_SUP:
		s->f |= S_SUP;
		break;
	case SP_SUB:
		s->f |= S_SUB;
		break;
	case SP_CODE:
	case SP_KBD:
	case SP_SAMP:
		s->f |= S_MONO;
		break;
	case SP_VAR:
	case SP_CITE:
	case SP_DFN:
		s->f ^= S_ITALIC;
		break;
	case SP_S:
		s->f |= S_STRIKE;
		break;
	default:
		break;
	}
	if (c->u.span.lang != NULL)
		s->lang = c->u.span.lang;
	lay_para_add(p, open, strlen(open), s);
	/* A quotation's marks, as check.c chose them (and the EPUB has). */
	if (c->u.span.q_open != NULL)
		lay_para_add_text(p, c->u.span.q_open, s, NULL);
	lay_gather(ks, p, c, s);
	if (c->u.span.q_close != NULL)
		lay_para_add_text(p, c->u.span.q_close, s, NULL);
	/* PDF (U+202C) ends an override, PDI (U+2069) an isolate. */
	if (*open != '\0')
		lay_para_add(p, c->u.span.el == SP_BDO ? "\xe2\x80\xac" :
		    "\xe2\x81\xa9", 3, s);
}

/*
 * n's inlines into p, each text with the look of its markup (in): the
 * paragraph's one string, and spans saying how each part is set.
 */
void
lay_gather(struct lay_store *ks, struct para *p, const struct node *n,
    const struct span *in)
{
	const struct node	*c;
	struct span		 s;

	for (c = n->first; c != NULL; c = c->next) {
		s = *in;
		s.pos = c->pos;
		switch (c->kind) {
		case N_TEXT:
			lay_para_add_src(p, c->text, c, 0, &s);
			break;
		case N_SPAN:
			span_el(ks, p, c, &s);
			break;
		case N_CODE:
			s.f |= S_MONO;
			lay_para_add_src(p, c->text, c, 0, &s);
			break;
		case N_EMPH:
			s.f ^= S_ITALIC;
			lay_gather(ks, p, c, &s);
			break;
		case N_STRONG:
			s.f |= S_BOLD;
			lay_gather(ks, p, c, &s);
			break;
		case N_STRIKE:
			s.f |= S_STRIKE;
			lay_gather(ks, p, c, &s);
			break;
		case N_LANG:
			s.lang = c->u.lang.tag;
			lay_gather(ks, p, c, &s);
			break;
		case N_LINK:
			s.link = link_attr(ks, c);
			lay_gather(ks, p, c, &s);
			break;
		case N_IMAGE:
			/* No words: the EPUB has the alt as an attribute. */
			if ((s.img = lay_image_load(ks, c)) != NULL)
				lay_para_add(p, OBJ_CHAR, strlen(OBJ_CHAR), &s);
			break;
		case N_SOFTBREAK:
			lay_para_add(p, " ", 1, &s);
			break;
		case N_LINEBREAK:
			lay_para_add(p, "\n", 1, &s);
			break;
		case N_FNREF:
			note_ref(ks, p, c, &s);
			break;
		default:
			lay_gather(ks, p, c, &s);
			break;
		}
	}
}

/* p's text and spans; p is empty after, ready to gather again. */
void
lay_para_free(struct para *p)
{
	buf_free(&p->t);
	free(p->sp);
	free(p->an);
	memset(p, 0, sizeof(*p));
}

/* The span holding byte b of p's text. */
int
lay_span_at(const struct para *p, size_t b)
{
	size_t	 lo = 0, hi = p->nsp, mid;

	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if (p->sp[mid].start <= b)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Where byte s of the paragraph is in the source: the text node's
 * position plus the bytes before it in that node.
 */
struct pos
lay_src_pos(const struct para *p, size_t s)
{
	struct pos	 pos;
	size_t		 i;

	if (p->nsp == 0) {
		memset(&pos, 0, sizeof(pos));
		return pos;
	}
	pos = p->sp[lay_span_at(p, s)].pos;
	for (i = p->nan; i > 0; i--)
		if (p->an[i - 1].off <= s) {
			pos = p->an[i - 1].pos;
			pos.col += s - p->an[i - 1].off;
			break;
		}
	return pos;
}

/*
 * The tree text holding byte b of the paragraph, or the first tree
 * text after it (a note number or a picture is no word), and in *off
 * the byte of src->text it is; NULL when none follows (a marker, a
 * title from the metadata).
 */
const struct node *
lay_src_word(const struct para *p, size_t b, size_t *off)
{
	const struct anchor	*a;
	size_t			 i;

	for (i = 0; i < p->nan; i++) {
		a = &p->an[i];
		if (a->src == NULL || a->off + a->len <= b)
			continue;
		/* A code line's tabs are spaces here: name the line. */
		*off = a->src_off + (b > a->off && a->src->kind !=
		    N_CODEBLOCK ? b - a->off : 0);
		return a->src;
	}
	*off = 0;
	return NULL;
}
