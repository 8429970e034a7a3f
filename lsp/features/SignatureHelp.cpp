// SignatureHelp — the parameters of the function whose call the cursor is
// in: a builtin's from Sema's table (BuiltinFunctions.h), a user fn's from
// its declaration, in this file or an imported module. The call is found
// from the compiler's tokens, so it works while the call is unfinished
// (`join("-", ` has no `)` yet and does not parse).
#include "lsp/features/AstQuery.h"
#include "lsp/features/Bindings.h"
#include "lsp/features/Features.h"

#include "Parse/Lexer.h"
#include "Sema/BuiltinFunctions.h"

namespace cfc::lsp {

using namespace ast;

namespace {

/// A call whose `(` is open at the cursor.
struct OpenCall {
  std::string Module; ///< `net` of `net.tag(`; empty for a plain name.
  std::string Name;
  uint32_t NameBegin = 0;
  unsigned Commas = 0; ///< Before the cursor, at the call's own level.
};

bool startsDeclaration(llvm::StringRef Word) {
  for (const char *K : {"param", "let", "resource", "output", "import", "for", "component", "fn",
                        "type", "assert", "description"})
    if (Word == K)
      return true;
  return false;
}

std::optional<OpenCall> callAt(llvm::StringRef Text, uint32_t Cursor) {
  struct Open {
    size_t Token;
    char Bracket; ///< ( [ { or $ for an interpolation.
    unsigned Commas = 0;
  };
  std::vector<Token> Tokens = lexTokens(Text);
  std::vector<Open> Stack;
  auto Word = [&](size_t I) { return Text.slice(Tokens[I].Range.Begin, Tokens[I].Range.End); };
  auto CloseTo = [&](char Bracket) {
    for (size_t I = Stack.size(); I-- > 0;)
      if (Stack[I].Bracket == Bracket) {
        Stack.resize(I);
        return;
      }
  };
  for (size_t I = 0; I < Tokens.size() && Tokens[I].Range.Begin < Cursor; ++I) {
    llvm::StringRef S = Word(I);
    switch (Tokens[I].Kind) {
    case TokenKind::InterpolationStart: Stack.push_back({I, '$'}); break;
    case TokenKind::InterpolationEnd: CloseTo('$'); break;
    case TokenKind::Keyword:
      // A declaration starts: whatever call was left open above is over.
      if (startsDeclaration(S))
        while (!Stack.empty() && Stack.back().Bracket != '{')
          Stack.pop_back();
      break;
    case TokenKind::Punctuation:
      if (S == "(" || S == "[" || S == "{")
        Stack.push_back({I, S[0]});
      else if (S == ")")
        CloseTo('(');
      else if (S == "]")
        CloseTo('[');
      else if (S == "}")
        CloseTo('{');
      else if (S == "," && !Stack.empty())
        ++Stack.back().Commas;
      break;
    default:
      break;
    }
  }
  // The innermost `(` that follows a name; a `(` that groups an argument
  // (`f(a, (b + c))`) leads outwards to the call.
  for (auto It = Stack.rbegin(); It != Stack.rend(); ++It) {
    size_t Paren = It->Token;
    if (It->Bracket != '(' || Paren == 0 || Tokens[Paren - 1].Kind != TokenKind::Identifier)
      continue;
    OpenCall Call;
    Call.Name = Word(Paren - 1).str();
    Call.NameBegin = Tokens[Paren - 1].Range.Begin;
    Call.Commas = It->Commas;
    size_t Before = Paren - 1; // The token before the name, if any.
    if (Before >= 2 && Word(Before - 1) == "." && Tokens[Before - 2].Kind == TokenKind::Identifier) {
      Call.Module = Word(Before - 2).str();
      Before -= 2;
    }
    if (Before > 0 && (Tokens[Before - 1].Kind == TokenKind::Decorator || Word(Before - 1) == "fn"))
      return std::nullopt; // `@if(`, `fn name(`: no call.
    return Call;
  }
  return std::nullopt;
}

/// What a call names: a user fn (and its file), a builtin, or neither
/// (a let that hides a builtin, a name declared nowhere).
struct Callee {
  const FnDecl *Fn = nullptr;
  FileId File = 0;
  const sema::BuiltinFunction *Builtin = nullptr;
};

/// Found through the scope walk, or by name at the stack's level when the
/// call does not parse yet.
Callee resolveCallee(const ParsedDocument &Doc, const OpenCall &Call) {
  Bindings Names(Doc);
  const Binding *B = nullptr;
  if (const NameOccurrence *O = Names.at(Doc.Main, Call.NameBegin))
    B = O->Target;
  else if (Call.Module.empty())
    B = Names.stack().lookup(Call.Name);
  else if (const Binding *Import = Names.stack().lookup(Call.Module); Import && Import->Module)
    B = Import->Module->lookup(Call.Name);
  Callee C;
  if (B && B->K == Binding::Kind::Fn) {
    C.Fn = llvm::cast<FnDecl>(B->Decl);
    C.File = B->File;
  } else if (!B && Call.Module.empty()) {
    C.Builtin = sema::findBuiltinFunction(Call.Name);
  }
  return C;
}

SignatureInformation describeUserFunction(const ParsedDocument &Doc, const OpenCall &Call,
                                          const FnDecl &Fn, FileId File) {
  SignatureInformation S;
  S.label = (Call.Module.empty() ? "" : Call.Module + ".") + Fn.Name.Name + "(";
  for (size_t I = 0; I < Fn.Params.size(); ++I) {
    const FnDecl::Param &P = Fn.Params[I];
    if (I)
      S.label += ", ";
    unsigned Begin = static_cast<unsigned>(S.label.size());
    S.label += P.Name.Name;
    if (P.Type)
      S.label += ": " + sourceText(Doc, File, P.Type->range());
    S.parameters.push_back({{Begin, static_cast<unsigned>(S.label.size())}, ""});
  }
  S.label += ")";
  if (Fn.Result)
    S.label += " -> " + sourceText(Doc, File, Fn.Result->range());
  S.documentation = Fn.DocComment;
  return S;
}

SignatureInformation describeBuiltin(const sema::BuiltinFunction &F) {
  SignatureInformation S;
  S.label = F.label();
  S.documentation = F.Documentation;
  std::vector<std::pair<unsigned, unsigned>> Offsets = F.parameterOffsets();
  for (size_t I = 0; I < F.Params.size(); ++I)
    S.parameters.push_back({Offsets[I], F.Params[I].Documentation});
  return S;
}

} // namespace

std::optional<SignatureHelp> signatureHelp(const ParsedDocument &Doc, Position P) {
  std::optional<OpenCall> Call = callAt(Doc.text(), Doc.offsetAt(P));
  if (!Call)
    return std::nullopt;
  SignatureHelp Help;
  Help.activeParameter = Call->Commas;
  Callee C = resolveCallee(Doc, *Call);
  if (C.Fn) {
    Help.signatures.push_back(describeUserFunction(Doc, *Call, *C.Fn, C.File));
  } else if (C.Builtin) {
    Help.signatures.push_back(describeBuiltin(*C.Builtin));
    // merge(objects...): every argument is its one parameter.
    if (!C.Builtin->Params.empty() && C.Builtin->Params.back().Variadic)
      Help.activeParameter = std::min<unsigned>(Help.activeParameter, C.Builtin->Params.size() - 1);
  } else {
    return std::nullopt;
  }
  return Help;
}

} // namespace cfc::lsp
