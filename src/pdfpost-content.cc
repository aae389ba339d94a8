// Content streams rewritten token by token with qpdf's tokenizer (its C
// API has none): cairo's marked content for artifacts becomes /Artifact.
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <qpdf/BufferInputSource.hh>
#include <qpdf/Pl_Buffer.hh>
#include <qpdf/Pl_Flate.hh>
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

// The len bytes at data, inflated when deflated says they are deflated.
static std::string
plain_content(const char *data, size_t len, int deflated)
{
	if (!deflated)
		return std::string(data, len);
	Pl_Buffer out("inflated");
	Pl_Flate inflate("inflate", &out, Pl_Flate::a_inflate);
	inflate.write(reinterpret_cast<unsigned char const *>(data), len);
	inflate.finish();
	auto buf = out.getBufferSharedPointer();
	return std::string(reinterpret_cast<char const *>(buf->getBuffer()),
	    buf->getSize());
}

// "/TAG << /MCID n >> BDC" becomes "/Artifact BMC" (its EMC stays);
// every other token is kept as it was written, spaces included.  No
// call here touches a QPDF document, so it may run on a thread of its
// own while the document is worked on.
extern "C" char *
pdfpost_content_artifacts(const char *data, size_t len, int deflated,
    const char *tag, size_t *outlen)
{
	try {
		auto in = std::make_shared<BufferInputSource>("content",
		    plain_content(data, len, deflated));
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
