// Completion — what may be written at the cursor. The context (a resource
// body and the field path inside it, a value after `Key:`, a type after
// `resource name`, a member after `x.`) is read from the compiler's own
// tokens (Parse/Lexer.h) of the current text, so it works while the text
// around the cursor does not parse; the types come from the AST, the
// semantic index and the catalog.
//
// Completion never waits for an analysis: it reads the last one, which may
// be of an older text (the editor sends completion right after the edit
// that typed the prefix). A TextDelta maps the current text into the
// analysed one: declarations the edit did not touch are answered from the
// analysis, and those it touched from the tokens (`resource q aws.sqs.Queue`
// just typed is a resource of that type before anything re-checks it).
#include "lsp/features/AstQuery.h"
#include "lsp/features/Features.h"

#include "Catalog/Catalog.h"
#include "Frontend/Stdlib.h"
#include "Parse/Lexer.h"

#include <algorithm>
#include <set>

namespace cfc::lsp {

using namespace ast;

namespace {

/// One open bracket before the cursor and what it holds.
struct Frame {
  enum Kind { Decls, ResourceBody, Object, List, Other } K = Decls;
  /// The resource whose body this is or is inside (empty: none).
  std::string TypeName;
  uint32_t ResourceNameBegin = UINT32_MAX;
  /// The end of `resource name type {`, to find the resource in an analysis.
  uint32_t ResourceHeaderEnd = UINT32_MAX;
  /// Keys from the resource body down to this object.
  std::vector<std::string> Path;
  bool Typed = false;
  /// Objects: the key whose value is being written, if after its `:`.
  std::string Key;
  bool AfterColon = false;
  std::set<std::string> Keys;
  bool objectLike() const { return K == ResourceBody || K == Object; }
};

/// A declaration the analysis has not seen: `keyword name` where the text
/// changed since, with a resource's dotted type.
struct RecentDecl {
  std::string Keyword, Name, Type;
};

class CompletionBuilder {
public:
  CompletionBuilder(const ParsedDocument &Doc, llvm::StringRef Text, Position P)
      : Doc(Doc), Text(Text), Cursor(static_cast<uint32_t>(offsetOfPosition(Text, P))),
        Delta(TextDelta::between(Doc.text(), Text)), OldCursor(Delta.toOldClamped(Cursor)) {
    LineStarts.push_back(0);
    for (size_t I = 0; I < Text.size(); ++I)
      if (Text[I] == '\n')
        LineStarts.push_back(static_cast<uint32_t>(I + 1));
  }

  CompletionList run();

private:
  llvm::StringRef text(const Token &T) const { return Text.slice(T.Range.Begin, T.Range.End); }
  bool is(size_t I, TokenKind K, llvm::StringRef S = "") const {
    return I < Before.size() && Before[I].Kind == K && (S.empty() || text(Before[I]) == S);
  }
  bool isPunct(size_t I, llvm::StringRef S) const { return is(I, TokenKind::Punctuation, S); }
  bool isName(size_t I) const {
    return is(I, TokenKind::Identifier) || is(I, TokenKind::Keyword);
  }
  unsigned lineOf(uint32_t Offset) const {
    return static_cast<unsigned>(std::upper_bound(LineStarts.begin(), LineStarts.end(), Offset) -
                                 LineStarts.begin());
  }
  /// Whether the analysis's D (in File) no longer matches the text: its
  /// name (and a resource's type) is where the text changed since.
  bool outdated(const Decl *D, FileId File) const {
    if (File != Doc.Main || !D->Name.valid())
      return false;
    SourceRange Header = D->Name.Range;
    if (auto *R = llvm::dyn_cast<ResourceDecl>(D); R && R->Type)
      Header.End = std::max(Header.End, R->Type->range().End);
    return Delta.touchesOld(Header);
  }
  /// Calls F on the analysed declarations of the stack's files, nested ones
  /// included (the document's first), but not on outdated ones.
  void forEachKnownDecl(llvm::function_ref<void(const Decl *, FileId)> F) const;
  /// The analysed resource whose header (`resource name type {`) the frame
  /// opened, when the edit left that header as it was.
  const ResourceDecl *analysedResource(const Frame &F) const;
  const RecentDecl *findRecent(llvm::StringRef Name) const;
  void collectRecentDecls(const std::vector<Token> &All);
  /// Whether the token closes a value, so that a name on the next line
  /// starts a new field or declaration.
  bool endsValue(const Token &T) const;
  std::string keyBefore(size_t Colon) const;
  Frame openBrace(size_t I, const Frame &Top) const;
  void scan();
  /// The part of the text scan() lexes: [lexingBegin(), lexingEnd()).
  uint32_t lexingBegin() const;
  uint32_t lexingEnd() const;

  void addKeywords();
  void addNames();
  void addTypeNames(const std::vector<std::string> &Chain);
  void addMembers(const std::vector<std::string> &Chain);
  void addModules();
  void addFields(const Frame &F);
  /// Allowed values of the key being written, and (outside a string) the
  /// names in scope.
  void addValues(const Frame &F, bool InString);
  void addDecorators();
  void addBasicTypes();
  const Decl *findName(llvm::StringRef Name) const;

  void add(CompletionItem Item) {
    if (Seen.insert(Item.label).second)
      Result.items.push_back(std::move(Item));
  }

  const ParsedDocument &Doc; ///< The last analysis, maybe of an older text.
  llvm::StringRef Text;      ///< The current text.
  uint32_t Cursor;
  TextDelta Delta; ///< From the analysed text to the current one.
  uint32_t OldCursor;
  std::vector<uint32_t> LineStarts; ///< Of the current text.
  std::vector<RecentDecl> Recent;
  std::vector<Token> Before; ///< Tokens before the cursor, comments dropped.
  std::vector<Frame> Stack;
  bool InsideText = false; ///< In a comment or a string's text.
  bool InString = false;   ///< In a string's text (not a comment).
  CompletionList Result;
  std::set<std::string> Seen;
};

bool CompletionBuilder::endsValue(const Token &T) const {
  switch (T.Kind) {
  case TokenKind::Operator:
  case TokenKind::StringStart:
  case TokenKind::InterpolationStart:
  case TokenKind::Decorator:
    return false;
  case TokenKind::Punctuation: {
    llvm::StringRef S = text(T);
    return S == "}" || S == "]" || S == ")";
  }
  case TokenKind::Keyword: {
    llvm::StringRef S = text(T);
    return S == "true" || S == "false" || S == "none";
  }
  default:
    return true;
  }
}

std::string CompletionBuilder::keyBefore(size_t Colon) const {
  if (Colon >= 1 && isName(Colon - 1))
    return text(Before[Colon - 1]).str();
  if (Colon >= 3 && is(Colon - 1, TokenKind::StringEnd) && is(Colon - 2, TokenKind::StringText) &&
      is(Colon - 3, TokenKind::StringStart))
    return text(Before[Colon - 2]).str();
  return "";
}

Frame CompletionBuilder::openBrace(size_t I, const Frame &Top) const {
  Frame F;
  F.K = Frame::Object;
  if (Top.K == Frame::Decls) {
    // `resource name a.b.C {`: walk back over the dotted type name.
    size_t J = I;
    std::string Dotted;
    while (J >= 1 && isName(J - 1)) {
      Dotted = text(Before[J - 1]).str() + (Dotted.empty() ? "" : "." + Dotted);
      if (J >= 2 && isPunct(J - 2, ".")) {
        J -= 2;
        continue;
      }
      --J;
      break;
    }
    if (!Dotted.empty() && J >= 2 && isName(J - 1) && is(J - 2, TokenKind::Keyword, "resource")) {
      F.K = Frame::ResourceBody;
      F.TypeName = Dotted;
      F.ResourceNameBegin = Before[J - 1].Range.Begin;
      F.ResourceHeaderEnd = Before[I].Range.End;
      F.Typed = true;
      return F;
    }
    if (I >= 2 && isName(I - 1) && is(I - 2, TokenKind::Keyword, "component")) {
      F.K = Frame::Decls;
      return F;
    }
    // `for x in list {` (the iterable may be any expression).
    for (size_t K = I; K-- > 0;) {
      llvm::StringRef S = text(Before[K]);
      if (Before[K].Kind == TokenKind::Keyword && S == "for") {
        F.K = Frame::Decls;
        return F;
      }
      if ((Before[K].Kind == TokenKind::Keyword &&
           (S == "resource" || S == "param" || S == "let" || S == "output" || S == "fn" ||
            S == "component")) ||
          (Before[K].Kind == TokenKind::Punctuation && (S == "{" || S == "}")))
        break;
    }
    return F;
  }
  F.TypeName = Top.TypeName;
  F.ResourceNameBegin = Top.ResourceNameBegin;
  F.ResourceHeaderEnd = Top.ResourceHeaderEnd;
  if (Top.Typed && Top.objectLike() && Top.AfterColon && !Top.Key.empty()) {
    F.Typed = true;
    F.Path = Top.Path;
    F.Path.push_back(Top.Key);
  } else if (Top.Typed && Top.K == Frame::List) {
    F.Typed = true;
    F.Path = Top.Path;
  }
  return F;
}

uint32_t CompletionBuilder::lexingBegin() const {
  // A top-level declaration of the analysis that begins before the cursor
  // and before every edit since: the text up to it is as analysed, so the
  // lexer is there at the top level, outside any string or comment, and
  // what comes before it cannot change what the cursor is in.
  uint32_t Limit = std::min(Cursor, Delta.Begin);
  uint32_t Begin = 0;
  for (const Decl *D : Doc.Ast->Decls)
    if (D && D->range().Begin <= Limit)
      Begin = std::max(Begin, D->range().Begin);
  return Begin;
}

uint32_t CompletionBuilder::lexingEnd() const {
  // Past the cursor and the edits by a line: the word at the cursor, and a
  // resource header's type after a name just typed.
  size_t End = std::max(Cursor, Delta.unchanged() ? Cursor : Delta.NewEnd);
  for (int Line = 0; Line < 2 && End < Text.size(); ++Line) {
    End = Text.find('\n', End);
    End = End == llvm::StringRef::npos ? Text.size() : End + 1;
  }
  return static_cast<uint32_t>(std::min(End, Text.size()));
}

void CompletionBuilder::scan() {
  // Lexing the whole document would cost as much as the rest of completion
  // together, in proportion to its size: lex the declaration at the cursor
  // and the edits since the analysis only.
  uint32_t From = lexingBegin(), To = std::max(From, lexingEnd());
  std::vector<Token> All = lexTokens(Text.slice(From, To));
  for (Token &T : All) {
    T.Range.Begin += From;
    T.Range.End += From;
  }
  collectRecentDecls(All);
  for (const Token &T : All) {
    if (T.Range.Begin >= Cursor)
      break;
    bool Covers = T.Range.End > Cursor || (T.Range.End == Cursor && T.Kind != TokenKind::Punctuation &&
                                          T.Kind != TokenKind::Operator);
    if (T.Kind == TokenKind::Comment || T.Kind == TokenKind::DocComment) {
      // A cursor right after a line comment is still in it (the line
      // break ends it); right after a closed block comment it is not.
      llvm::StringRef C = text(T);
      bool Closed = C.startswith("/*") && C.size() >= 4 && C.endswith("*/");
      if (T.Range.End > Cursor || (T.Range.End == Cursor && !Closed))
        InsideText = true;
      continue;
    }
    if (Covers && (T.Kind == TokenKind::Identifier || T.Kind == TokenKind::Keyword ||
                   T.Kind == TokenKind::Bool || T.Kind == TokenKind::None))
      continue; // The word being typed: the prefix the client filters on.
    if (Covers && (T.Kind == TokenKind::StringText || T.Kind == TokenKind::RawString ||
                   T.Kind == TokenKind::StringEscape)) {
      InsideText = true;
      InString = T.Kind != TokenKind::RawString;
    }
    Before.push_back(T);
  }
  if (!Before.empty() && Before.back().Kind == TokenKind::StringStart)
    InsideText = InString = true;

  Stack.push_back(Frame{});
  for (size_t I = 0; I < Before.size(); ++I) {
    const Token &T = Before[I];
    llvm::StringRef S = text(T);
    Frame &Top = Stack.back();
    if (Top.objectLike() && Top.AfterColon && I > 0 &&
        (T.Kind == TokenKind::Identifier || T.Kind == TokenKind::Keyword ||
         T.Kind == TokenKind::StringStart) &&
        lineOf(T.Range.Begin) > lineOf(Before[I - 1].Range.Begin) && endsValue(Before[I - 1]))
      Top.AfterColon = false; // A new field on a new line.
    if (T.Kind == TokenKind::InterpolationStart) {
      Frame F;
      F.K = Frame::Other;
      Stack.push_back(F);
    } else if (T.Kind == TokenKind::InterpolationEnd) {
      if (Stack.size() > 1)
        Stack.pop_back();
    } else if (T.Kind == TokenKind::Punctuation) {
      if (S == "{") {
        Frame F = openBrace(I, Top);
        Stack.push_back(std::move(F));
      } else if (S == "[" || S == "(") {
        Frame F;
        F.K = S == "[" ? Frame::List : Frame::Other;
        F.TypeName = Top.TypeName;
        F.ResourceNameBegin = Top.ResourceNameBegin;
        F.ResourceHeaderEnd = Top.ResourceHeaderEnd;
        if (S == "[" && Top.Typed && Top.objectLike() && Top.AfterColon && !Top.Key.empty()) {
          F.Typed = true;
          F.Path = Top.Path;
          F.Path.push_back(Top.Key);
        } else if (S == "[" && Top.Typed && Top.K == Frame::List) {
          F.Typed = true;
          F.Path = Top.Path;
        }
        Stack.push_back(std::move(F));
      } else if (S == "}" || S == "]" || S == ")") {
        if (Stack.size() > 1)
          Stack.pop_back();
      } else if (S == ":" && Top.objectLike()) {
        Top.AfterColon = true;
        Top.Key = keyBefore(I);
        Top.Keys.insert(Top.Key);
      } else if (S == "," && Top.objectLike()) {
        Top.AfterColon = false;
      }
    }
  }
}

/// The keywords that declare a name usable in completion.
bool isNamingKeyword(llvm::StringRef Keyword) {
  for (const char *K : {"resource", "param", "let", "fn", "type", "component"})
    if (Keyword == K)
      return true;
  return false;
}

void CompletionBuilder::collectRecentDecls(const std::vector<Token> &All) {
  std::vector<const Token *> Code;
  for (const Token &T : All)
    if (T.Kind != TokenKind::Comment && T.Kind != TokenKind::DocComment)
      Code.push_back(&T);
  auto Word = [&](size_t I) { return Text.slice(Code[I]->Range.Begin, Code[I]->Range.End); };
  for (size_t I = 0; I + 1 < Code.size(); ++I) {
    llvm::StringRef Keyword = Word(I);
    if (Code[I]->Kind != TokenKind::Keyword || Code[I + 1]->Kind != TokenKind::Identifier ||
        !isNamingKeyword(Keyword))
      continue;
    RecentDecl D{Keyword.str(), Word(I + 1).str(), ""};
    SourceRange Header = Code[I + 1]->Range;
    // A resource's type: a dotted name right after its own.
    for (size_t J = I + 2; Keyword == "resource" && J < Code.size() &&
                           Code[J]->Kind == TokenKind::Identifier;
         J += 2) {
      D.Type += (D.Type.empty() ? "" : ".") + Word(J).str();
      Header.End = Code[J]->Range.End;
      if (J + 1 >= Code.size() || Word(J + 1) != ".")
        break;
    }
    if (Delta.touchesNew(Header))
      Recent.push_back(std::move(D));
  }
}

const RecentDecl *CompletionBuilder::findRecent(llvm::StringRef Name) const {
  for (const RecentDecl &D : Recent)
    if (D.Name == Name)
      return &D;
  return nullptr;
}

void CompletionBuilder::forEachKnownDecl(llvm::function_ref<void(const Decl *, FileId)> F) const {
  forEachDecl(Doc.Ast->Decls, [&](const Decl *D) {
    if (!outdated(D, Doc.Main))
      F(D, Doc.Main);
  });
  for (const auto &Other : Doc.Comp->files())
    if (Other.get() != Doc.Ast)
      forEachDecl(Other->Decls, [&](const Decl *D) { F(D, Other->Id); });
}

const ResourceDecl *CompletionBuilder::analysedResource(const Frame &F) const {
  if (F.ResourceNameBegin == UINT32_MAX)
    return nullptr;
  std::optional<SourceRange> Header = Delta.toOld({F.ResourceNameBegin, F.ResourceHeaderEnd});
  if (!Header)
    return nullptr; // Written or changed since: its type comes from the tokens.
  const ResourceDecl *Found = nullptr;
  forEachDecl(Doc.Ast->Decls, [&](const Decl *D) {
    if (auto *R = llvm::dyn_cast<ResourceDecl>(D); R && R->Name.Range.Begin == Header->Begin)
      Found = R;
  });
  return Found;
}

const Decl *CompletionBuilder::findName(llvm::StringRef Name) const {
  const Decl *Found = nullptr;
  forEachKnownDecl([&](const Decl *D, FileId) {
    if (!Found && D->Name.Name == Name && !llvm::isa<OutputDecl>(D) && !llvm::isa<ForDecl>(D))
      Found = D;
  });
  if (Found)
    return Found;
  auto FindImport = [&](const File &F) -> const Decl * {
    for (const Decl *D : F.Decls)
      if (auto *I = llvm::dyn_cast_or_null<ImportDecl>(D); I && importName(*I) == Name)
        return I;
    return nullptr;
  };
  if (const Decl *I = FindImport(*Doc.Ast))
    return I;
  for (const auto &Other : Doc.Comp->files())
    if (const Decl *I = FindImport(*Other))
      return I;
  return nullptr;
}

void CompletionBuilder::addKeywords() {
  static const struct {
    const char *Label, *Snippet, *Detail;
  } Keywords[] = {
      {"resource", "resource ${1:name} ${2:aws.s3.Bucket} {\n\t$0\n}", "a CloudFormation resource or a component instance"},
      {"param", "param ${1:name}: ${2:string}", "an input of the stack or component"},
      {"let", "let ${1:name} = $0", "a named value"},
      {"output", "output ${1:name} = $0", "a stack output or component result"},
      {"import", "import std.${1:storage}", "a standard-library module or another file"},
      {"component", "component ${1:Name} {\n\t$0\n}", "a reusable unit of params, resources and outputs"},
      {"fn", "fn ${1:name}(${2:x}: ${3:string}) = $0", "a pure function"},
      {"for", "for ${1:x} in ${2:list} {\n\t$0\n}", "declarations made once per element"},
      {"type", "type ${1:Name} = $0", "a type alias"},
      {"description", "description \"$0\"", "the template's Description"},
  };
  for (const auto &K : Keywords) {
    CompletionItem Item;
    Item.label = K.Label;
    Item.kind = CompletionItemKind::Keyword;
    Item.detail = K.Detail;
    Item.insertText = K.Snippet;
    Item.insertTextFormat = InsertTextFormat::Snippet;
    add(std::move(Item));
  }
}

void CompletionBuilder::addNames() {
  auto AddDecl = [&](const Decl *D, FileId File) {
    if (!D || !D->Name.valid() || outdated(D, File))
      return;
    CompletionItem Item;
    Item.label = D->Name.Name;
    Item.detail = signature(Doc, *D, File);
    Item.documentation = D->DocComment;
    switch (D->kind()) {
    case Node::Kind::ParamDecl: Item.kind = CompletionItemKind::Variable; break;
    case Node::Kind::LetDecl: Item.kind = CompletionItemKind::Constant; break;
    case Node::Kind::ResourceDecl: Item.kind = CompletionItemKind::Struct; break;
    case Node::Kind::FnDecl: Item.kind = CompletionItemKind::Function; break;
    case Node::Kind::ImportDecl: Item.kind = CompletionItemKind::Module; break;
    case Node::Kind::ForDecl: Item.kind = CompletionItemKind::Variable; break;
    default: return; // Components, outputs and types are not values.
    }
    add(std::move(Item));
  };
  // Enclosing components and loops first: their names shadow the stack's.
  for (const Node *N : nodesAt(*Doc.Ast, OldCursor)) {
    if (auto *C = llvm::dyn_cast<ComponentDecl>(N))
      for (const Decl *D : C->Body)
        AddDecl(D, Doc.Main);
    if (auto *L = llvm::dyn_cast<ForDecl>(N)) {
      AddDecl(L, Doc.Main);
      if (L->IndexVar.valid())
        add({L->IndexVar.Name, CompletionItemKind::Variable, "loop index", "", "", "", "",
             InsertTextFormat::PlainText, false});
      for (const Decl *D : L->Body)
        AddDecl(D, Doc.Main);
    }
  }
  auto AddTopLevel = [&](const File &F) {
    for (const Decl *D : F.Decls) {
      if (auto *I = llvm::dyn_cast_or_null<ImportDecl>(D)) {
        CompletionItem Item;
        Item.label = importName(*I);
        Item.kind = CompletionItemKind::Module;
        Item.detail = signature(Doc, *I, F.Id);
        add(std::move(Item));
        continue;
      }
      if (auto *L = llvm::dyn_cast_or_null<ForDecl>(D)) {
        for (const Decl *B : L->Body)
          if (llvm::isa_and_nonnull<ResourceDecl>(B))
            AddDecl(B, F.Id); // Loop resources are lists outside the loop.
        continue;
      }
      AddDecl(D, F.Id);
    }
  };
  AddTopLevel(*Doc.Ast);
  // Declared since the analysis: what the tokens say (no documentation yet).
  for (const RecentDecl &D : Recent) {
    if (D.Keyword == "type" || D.Keyword == "component")
      continue;
    CompletionItemKind Kind = D.Keyword == "resource" ? CompletionItemKind::Struct
                              : D.Keyword == "param"  ? CompletionItemKind::Variable
                              : D.Keyword == "fn"     ? CompletionItemKind::Function
                                                      : CompletionItemKind::Constant;
    std::string Detail = D.Keyword + " " + D.Name + (D.Type.empty() ? "" : " " + D.Type);
    add({D.Name, Kind, Detail, "", "", "", "", InsertTextFormat::PlainText, false});
  }
  // The other files of the stack share its names.
  for (const auto &Other : Doc.Comp->files())
    if (Other.get() != Doc.Ast)
      AddTopLevel(*Other);
  for (const char *Word : {"aws", "true", "false", "none"})
    add({Word, CompletionItemKind::Keyword, "", "", "", "", "", InsertTextFormat::PlainText, false});
  for (CompletionItem &Builtin : builtinFunctionItems()) // After the names that may hide them.
    add(std::move(Builtin));
}

void CompletionBuilder::addBasicTypes() {
  for (const char *T : {"string", "int", "number", "bool", "json", "secret", "duration", "size"})
    add({T, CompletionItemKind::Class, "type", "", "", "", "", InsertTextFormat::PlainText, false});
  forEachKnownDecl([&](const Decl *D, FileId File) {
    if (auto *T = llvm::dyn_cast<TypeDecl>(D); T && T->Name.valid())
      add({T->Name.Name, CompletionItemKind::Class, signature(Doc, *T, File), T->DocComment, "",
           "", "", InsertTextFormat::PlainText, false});
  });
  for (const RecentDecl &D : Recent)
    if (D.Keyword == "type")
      add({D.Name, CompletionItemKind::Class, "type " + D.Name, "", "", "", "",
           InsertTextFormat::PlainText, false});
}

void CompletionBuilder::addModules() {
  for (const StdlibModule &M : stdlibModules()) {
    CompletionItem Item;
    Item.label = std::string("std.") + M.Name;
    Item.kind = CompletionItemKind::Module;
    Item.detail = "standard library";
    // The module's first comment line says what it holds.
    llvm::StringRef Source = M.Source;
    if (Source.startswith("//"))
      Item.documentation = Source.substr(2, Source.find('\n') - 2).trim().str();
    add(std::move(Item));
  }
}

void CompletionBuilder::addTypeNames(const std::vector<std::string> &Chain) {
  const catalog::Catalog &C = catalog::Catalog::builtin();
  std::string Prefix;
  for (const std::string &Part : Chain)
    Prefix += Part + ".";
  std::set<std::string> Segments;
  for (llvm::StringRef Name : C.typeNames()) {
    if (!Name.startswith(Prefix))
      continue;
    llvm::StringRef Rest = Name.substr(Prefix.size());
    bool Leaf = Chain.size() >= 2;
    std::string Segment = Rest.split('.').first.str();
    if (!Segments.insert(Segment).second)
      continue;
    CompletionItem Item;
    Item.label = Segment;
    if (Leaf) {
      Item.kind = CompletionItemKind::Class;
      if (const catalog::ResourceType *T = C.lookup(Name)) {
        Item.detail = T->CfnType;
        Item.documentation = T->Documentation;
      }
    } else {
      Item.kind = CompletionItemKind::Module;
      Item.detail = Prefix + Segment;
    }
    add(std::move(Item));
  }
  if (Chain.empty()) {
    // Components declared in the stack, and modules that hold some.
    forEachKnownDecl([&](const Decl *D, FileId File) {
      if (auto *Comp = llvm::dyn_cast<ComponentDecl>(D))
        add({Comp->Name.Name, CompletionItemKind::Class, signature(Doc, *Comp, File),
             Comp->DocComment, "", "", "", InsertTextFormat::PlainText, false});
    });
    for (const RecentDecl &D : Recent)
      if (D.Keyword == "component")
        add({D.Name, CompletionItemKind::Class, "component " + D.Name, "", "", "", "",
             InsertTextFormat::PlainText, false});
  }
  if (Chain.size() == 1)
    if (auto *I = llvm::dyn_cast_or_null<ImportDecl>(findName(Chain[0])))
      if (const File *M = Doc.module(*I))
        for (const Decl *D : M->Decls)
          if (auto *Comp = llvm::dyn_cast_or_null<ComponentDecl>(D))
            add({Comp->Name.Name, CompletionItemKind::Class, signature(Doc, *Comp, M->Id),
                 Comp->DocComment, "", "", "", InsertTextFormat::PlainText, false});
  if (Chain.empty())
    forEachKnownDecl([&](const Decl *D, FileId File) {
      if (auto *I = llvm::dyn_cast<ImportDecl>(D)) {
        // An import's name leads to its components (`storage.Bucket`).
        add({importName(*I), CompletionItemKind::Module, signature(Doc, *I, File), "", "", "", "",
             InsertTextFormat::PlainText, false});
      }
    });
}

void CompletionBuilder::addMembers(const std::vector<std::string> &Chain) {
  if (Chain.size() == 1 && Chain[0] == "aws") {
    for (const PseudoParameter &P : pseudoParameters())
      add({P.Name, CompletionItemKind::Constant, std::string("pseudo parameter ") + P.CfnName, "", "",
           "", "", InsertTextFormat::PlainText, false});
    return;
  }
  // A resource declared since the analysis has the type its tokens say.
  const RecentDecl *New = findRecent(Chain[0]);
  const Decl *D = New ? nullptr : findName(Chain[0]);
  if (New && New->Keyword != "resource")
    return;
  if (New || llvm::isa_and_nonnull<ResourceDecl>(D)) {
    ResolvedResource Type = New ? resolveTypeName(Doc, New->Type)
                                : resolveResource(Doc, llvm::cast<ResourceDecl>(D));
    if (Type.Aws) {
      std::string Prefix;
      for (size_t I = 1; I < Chain.size(); ++I)
        Prefix += Chain[I] + ".";
      for (const catalog::Attribute &A : Type.Aws->Attributes) {
        if (!llvm::StringRef(A.Name).startswith(Prefix))
          continue;
        std::string Segment = llvm::StringRef(A.Name).substr(Prefix.size()).split('.').first.str();
        bool Leaf = Prefix.size() + Segment.size() == A.Name.size();
        add({Segment, Leaf ? CompletionItemKind::Field : CompletionItemKind::Module,
             Leaf ? describe(A.Type) : "", Leaf ? A.Documentation : "", "", "", "",
             InsertTextFormat::PlainText, false});
      }
    } else if (Type.Component && Chain.size() == 1) {
      for (const Decl *B : Type.Component->Body)
        if (auto *O = llvm::dyn_cast_or_null<OutputDecl>(B))
          add({O->Name.Name, CompletionItemKind::Field, signature(Doc, *O, Type.ComponentFile),
               O->DocComment, "", "", "", InsertTextFormat::PlainText, false});
    }
    return;
  }
  if (auto *I = llvm::dyn_cast_or_null<ImportDecl>(D); I && Chain.size() == 1)
    if (const File *M = Doc.module(*I))
      for (const Decl *MD : M->Decls) {
        if (!MD || !MD->Name.valid() || llvm::isa<ImportDecl>(MD))
          continue;
        add({MD->Name.Name,
             llvm::isa<ComponentDecl>(MD) ? CompletionItemKind::Class
             : llvm::isa<FnDecl>(MD)      ? CompletionItemKind::Function
                                          : CompletionItemKind::Constant,
             signature(Doc, *MD, M->Id), MD->DocComment, "", "", "", InsertTextFormat::PlainText,
             false});
      }
}

void CompletionBuilder::addFields(const Frame &F) {
  ResolvedResource Type;
  if (const ResourceDecl *R = analysedResource(F))
    Type = resolveResource(Doc, R);
  if (!Type)
    Type = resolveTypeName(Doc, F.TypeName);
  if (Type.Aws) {
    const std::vector<catalog::Property> *Props = propertiesAt(*Type.Aws, F.Path);
    if (!Props)
      return;
    for (const catalog::Property &P : *Props) {
      if (F.Keys.count(P.Name))
        continue;
      CompletionItem Item;
      Item.label = P.Name;
      Item.kind = CompletionItemKind::Property;
      Item.detail = describe(P.Type) + (P.Required ? " (required)" : "");
      Item.documentation = P.Documentation;
      if (!P.DefaultValue.empty())
        Item.documentation += "\n\nDefault: `" + P.DefaultValue + "`";
      Item.sortText = (P.Required ? "0" : "1") + P.Name;
      Item.insertText = P.Name + ": ";
      Item.deprecated = P.Deprecated;
      add(std::move(Item));
    }
  } else if (Type.Component && F.Path.empty()) {
    for (const Decl *D : Type.Component->Body) {
      auto *P = llvm::dyn_cast_or_null<ParamDecl>(D);
      if (!P || F.Keys.count(P->Name.Name))
        continue;
      bool Required = isRequiredParam(*P);
      CompletionItem Item;
      Item.label = P->Name.Name;
      Item.kind = CompletionItemKind::Property;
      Item.detail = signature(Doc, *P, Type.ComponentFile) + (Required ? " (required)" : "");
      Item.documentation = P->DocComment;
      Item.sortText = (Required ? "0" : "1") + P->Name.Name;
      Item.insertText = P->Name.Name + ": ";
      add(std::move(Item));
    }
  }
}

void CompletionBuilder::addDecorators() {
  static const char *const Decorators[][2] = {
      {"if", "if(${1:condition})"},           {"dependsOn", "dependsOn(${1:resource})"},
      {"retain", "retain"},                   {"logicalId", "logicalId(\"${1:Id}\")"},
      {"description", "description(\"$1\")"}, {"export", "export(\"${1:name}\")"},
      {"allowed", "allowed([$1])"},           {"min", "min(${1:0})"},
      {"max", "max(${1:0})"},                 {"replaceOn", "replaceOn(${1:resource})"},
      {"removal", "removal(\"${1:destroy}\")"}, {"tags", "tags({ ${1:team}: \"$2\" })"}};
  for (const auto &D : Decorators)
    add({D[0], CompletionItemKind::Function, "decorator", "", "", "", D[1], InsertTextFormat::Snippet,
         false});
}

void CompletionBuilder::addValues(const Frame &F, bool InString) {
  std::vector<std::string> Path = F.Path;
  Path.push_back(F.Key);
  ResolvedResource Type = resolveTypeName(Doc, F.TypeName);
  if (const ResourceDecl *R = analysedResource(F))
    Type = resolveResource(Doc, R);
  auto AddValue = [&](const std::string &V, const std::string &Detail) {
    if (InString && (V.empty() || V[0] != '"'))
      return; // Inside quotes only strings make sense, written bare.
    std::string Label = InString ? V.substr(1, V.size() - 2) : V;
    add({Label, CompletionItemKind::Value, Detail, "", "0" + Label, "", "", InsertTextFormat::PlainText,
         false});
  };
  if (Type.Aws) {
    if (const catalog::Property *P = propertyAt(*Type.Aws, Path); P && P->Type) {
      for (const std::string &V : P->Type->AllowedValues)
        AddValue(P->Type->Kind == catalog::TypeKind::String ? "\"" + V + "\"" : V,
                 "allowed value of " + P->Name);
      // The schema's enums where the specification has none: integer ones
      // (RetentionInDays) are offered as numbers, string ones quoted.
      if (P->Type->AllowedValues.empty() && P->Limits)
        for (const std::string &V : P->Limits->Enum)
          AddValue(P->Type->Kind == catalog::TypeKind::String ? "\"" + V + "\"" : V,
                   "allowed value of " + P->Name);
      if (P->Type->Kind == catalog::TypeKind::Boolean) {
        AddValue("true", P->Name);
        AddValue("false", P->Name);
      }
    }
  } else if (Type.Component && F.Path.size() == 0) {
    for (const Decl *D : Type.Component->Body)
      if (auto *P = llvm::dyn_cast_or_null<ParamDecl>(D); P && P->Name.Name == F.Key && P->Type) {
        const TypeExpr *T = P->Type;
        if (auto *O = llvm::dyn_cast<OptionalType>(T))
          T = O->Inner;
        if (auto *U = llvm::dyn_cast_or_null<UnionType>(T))
          for (const TypeExpr *M : U->Members)
            if (auto *L = llvm::dyn_cast_or_null<LiteralType>(M))
              AddValue("\"" + L->Value + "\"", "allowed value of " + P->Name.Name);
      }
  }
  if (!InString)
    addNames();
}

CompletionList CompletionBuilder::run() {
  scan();
  const Frame &Top = Stack.back();
  size_t N = Before.size();
  if (InsideText) {
    // Inside the quotes of a value: `AccessControl: "Pri`.
    size_t Start = N;
    while (Start > 0 && Before[Start - 1].Kind != TokenKind::StringStart)
      --Start;
    if (InString && Start >= 2 && isPunct(Start - 2, ":") && Top.objectLike() && Top.Typed &&
        Top.AfterColon)
      addValues(Top, /*InString=*/true);
    return Result;
  }
  if (N >= 1 && Before.back().Kind == TokenKind::Decorator) {
    addDecorators();
    return Result;
  }
  // A dotted chain right before the cursor: `aws.s3.`, `queue.`, `std.`.
  std::vector<std::string> Chain;
  size_t ChainStart = N;
  // The `.` must be on the cursor's line: `aws.` left unfinished above is
  // no chain for a word typed on the next line.
  if (N >= 2 && isPunct(N - 1, ".") && lineOf(Before[N - 1].Range.Begin) == lineOf(Cursor)) {
    size_t I = N - 1;
    while (I >= 1 && isName(I - 1)) {
      Chain.insert(Chain.begin(), text(Before[I - 1]).str());
      ChainStart = I - 1;
      if (I >= 2 && isPunct(I - 2, ".")) {
        I -= 2;
        continue;
      }
      break;
    }
  }
  if (!Chain.empty()) {
    if (ChainStart >= 1 && is(ChainStart - 1, TokenKind::Keyword, "import")) {
      if (Chain.size() == 1 && Chain[0] == "std")
        for (const StdlibModule &M : stdlibModules())
          add({M.Name, CompletionItemKind::Module, "standard library", "", "", "", "",
               InsertTextFormat::PlainText, false});
    } else if (ChainStart >= 2 && isName(ChainStart - 1) &&
               is(ChainStart - 2, TokenKind::Keyword, "resource")) {
      addTypeNames(Chain);
    } else {
      addMembers(Chain);
    }
    return Result;
  }
  if (N >= 1 && is(N - 1, TokenKind::Keyword, "import")) {
    addModules();
    return Result;
  }
  if (N >= 2 && isName(N - 1) && is(N - 2, TokenKind::Keyword, "resource")) {
    addTypeNames({});
    std::set<std::string> Vendors;
    for (llvm::StringRef Name : catalog::Catalog::builtin().typeNames())
      Vendors.insert(Name.split('.').first.str());
    for (const std::string &V : Vendors)
      add({V, CompletionItemKind::Module, "resource types of " + V, "", "", "", "",
           InsertTextFormat::PlainText, false});
    return Result;
  }
  bool NewLine = N == 0 || lineOf(Before.back().Range.Begin) < lineOf(Cursor);
  if (Top.objectLike()) {
    bool KeyPosition = !Top.AfterColon || (NewLine && endsValue(Before.back()) &&
                                           !isPunct(N - 1, ":"));
    if (KeyPosition) {
      if (Top.Typed)
        addFields(Top);
    } else if (Top.Typed) {
      addValues(Top, /*InString=*/false);
    } else {
      addNames();
    }
    return Result;
  }
  if (Top.K == Frame::Decls) {
    // A new line starts a declaration unless the last one is unfinished
    // (`let x =`, `f(a,`).
    bool Continues = N && (Before.back().Kind == TokenKind::Operator || isPunct(N - 1, ",") ||
                           isPunct(N - 1, "(") || isPunct(N - 1, "[") || isPunct(N - 1, ":") ||
                           isPunct(N - 1, "->"));
    if (NewLine && !Continues) {
      addKeywords();
      return Result;
    }
    if (isPunct(N - 1, ":") || isPunct(N - 1, "->") || is(N - 1, TokenKind::Operator, "|")) {
      addBasicTypes();
      return Result;
    }
  }
  addNames();
  return Result;
}

} // namespace

CompletionList complete(const ParsedDocument &Doc, Position P) {
  return CompletionBuilder(Doc, Doc.text(), P).run();
}

CompletionList complete(const ParsedDocument &Analysed, llvm::StringRef Text, Position P) {
  return CompletionBuilder(Analysed, Text, P).run();
}

} // namespace cfc::lsp
