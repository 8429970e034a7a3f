// Snippets — completion snippets as plain text, for clients without
// snippetSupport (LSP's snippet syntax: `$1`, `${1:default}`,
// `${1|a,b|}`, `\$` escapes).
#include "lsp/features/EditorFeatures.h"

#include <cctype>

namespace cfc::lsp {

namespace {

class SnippetReader {
public:
  explicit SnippetReader(const std::string &S) : S(S) {}

  /// Reads up to the end, or up to the `}` that closes a placeholder.
  std::string text(bool InPlaceholder) {
    std::string Out;
    while (I < S.size()) {
      char C = S[I];
      if (C == '\\' && I + 1 < S.size() && (S[I + 1] == '$' || S[I + 1] == '}' || S[I + 1] == '\\')) {
        Out += S[I + 1];
        I += 2;
      } else if (C == '}' && InPlaceholder) {
        return Out;
      } else if (C == '$') {
        Out += tabStop();
      } else {
        Out += C;
        ++I;
      }
    }
    return Out;
  }

private:
  /// At a `$`: `$1` and `${1}` are nothing, `${1:x}` is x, `${1|a,b|}` a.
  std::string tabStop() {
    ++I;
    if (I < S.size() && std::isdigit(static_cast<unsigned char>(S[I]))) {
      while (I < S.size() && std::isdigit(static_cast<unsigned char>(S[I])))
        ++I;
      return "";
    }
    if (I >= S.size() || S[I] != '{')
      return "$";
    ++I;
    while (I < S.size() && std::isalnum(static_cast<unsigned char>(S[I])))
      ++I;
    std::string Inner;
    if (I < S.size() && S[I] == ':') {
      ++I;
      Inner = text(/*InPlaceholder=*/true);
    } else if (I < S.size() && S[I] == '|') {
      size_t End = S.find('|', I + 1);
      std::string Choices = S.substr(I + 1, End == std::string::npos ? std::string::npos : End - I - 1);
      Inner = Choices.substr(0, Choices.find(','));
      I = End == std::string::npos ? S.size() : End + 1;
    }
    if (I < S.size() && S[I] == '}')
      ++I;
    return Inner;
  }

  const std::string &S;
  size_t I = 0;
};

} // namespace

std::string snippetToPlainText(const std::string &Snippet) { return SnippetReader(Snippet).text(false); }

} // namespace cfc::lsp
