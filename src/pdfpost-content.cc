// Content streams rewritten token by token with qpdf's tokenizer (its C
// API has none): cairo's marked content for artifacts becomes /Artifact.
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <qpdf/BufferInputSource.hh>
#include <qpdf/QPDFTokenizer.hh>

extern "C" {
#include "pdfpost-content.h"
}

// Copy len bytes into a malloc'd buffer the C side frees.
static char *
dup_bytes(std::string const &s, size_t *len)
{
	char	*p = static_cast<char *>(malloc(s.size() + 1));

	if (p == nullptr)
		return nullptr;
	memcpy(p, s.data(), s.size());
	p[s.size()] = '\0';
	*len = s.size();
	return p;
}

// "/TAG << /MCID n >> BDC" becomes "/Artifact BMC" (its EMC stays);
// every other token is kept as it was written, spaces included.
extern "C" char *
pdfpost_content_artifacts(const char *data, size_t len, const char *tag,
    size_t *outlen)
{
	try {
		auto in = std::make_shared<BufferInputSource>("content",
		    std::string(data, len));
		QPDFTokenizer tok;
		std::string out, held, name = std::string("/") + tag;
		bool holding = false;

		tok.allowEOF();
		tok.includeIgnorable();
		for (;;) {
			QPDFTokenizer::Token t = tok.readToken(in, "content",
			    true);
			if (t.getType() == QPDFTokenizer::tt_eof)
				break;
			if (t.getType() == QPDFTokenizer::tt_name &&
			    t.getRawValue() == name) {
				out += held;
				held = t.getRawValue();
				holding = true;
				continue;
			}
			if (holding) {
				held += t.getRawValue();
				if (t.isWord("BDC")) {
					out += "/Artifact BMC";
					held.clear();
					holding = false;
				} else if (t.getType() ==
				    QPDFTokenizer::tt_word) {
					out += held;
					held.clear();
					holding = false;
				}
				continue;
			}
			out += t.getRawValue();
			if (t.isWord("ID"))
				tok.expectInlineImage(in);
		}
		out += held;
		return dup_bytes(out, outlen);
	} catch (std::exception const &) {
		return nullptr;
	}
}
