// WithoutXPath — keeps the ANTLR runtime's XPath out of cfc.
//
// The runtime's Parser.o refers to its tree-pattern matcher, which refers
// to XPath, whose XPath.o brings in XPathLexer.o: a generated lexer whose
// static initializer deserializes its ATN at every start of the process
// (275 K instructions, 3% of building a 10-resource stack), for a feature
// cfc never uses. Defining XPath's members here, in an object that every
// program using the parser links (ParseFile.cpp names WithoutXPathLinked),
// resolves those references before the linker looks in the runtime's
// archive, so XPath.o and XPathLexer.o are never linked. If something
// ever did bring XPath.o in, the link would fail with duplicate symbols,
// not silently run another XPath. Nothing in cfc calls these; if anything
// did, it gets an exception, not a wrong answer.
#include "antlr4-runtime.h"
#include "tree/xpath/XPath.h"
#include "tree/xpath/XPathElement.h"

namespace cfc::parse {
extern const bool WithoutXPathLinked = true;
} // namespace cfc::parse

namespace antlr4::tree::xpath {

const std::string XPath::WILDCARD = "*";
const std::string XPath::NOT = "!";

[[noreturn]] static void unsupported() {
  throw UnsupportedOperationException("cfc is built without the ANTLR runtime's XPath");
}

XPath::XPath(Parser *parser, const std::string &path) : _path(path), _parser(parser) {}

std::vector<std::unique_ptr<XPathElement>> XPath::split(const std::string &) { unsupported(); }

std::vector<ParseTree *> XPath::findAll(ParseTree *, std::string const &, Parser *) { unsupported(); }

std::vector<ParseTree *> XPath::evaluate(ParseTree *) { unsupported(); }

std::unique_ptr<XPathElement> XPath::getXPathElement(Token *, bool) { unsupported(); }

} // namespace antlr4::tree::xpath
