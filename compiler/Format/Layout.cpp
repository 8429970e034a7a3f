// Layout — the canonical layout of a .cfn source (the printer behind
// `cfc fmt` and the language server's formatting request).
//
// Design: a token printer guided by the AST, not an AST pretty-printer. The
// source is re-emitted token by token (lexTokens, comments included) and only
// the whitespace between tokens is decided here; the AST says what a token
// starts (a declaration, an object field, a list, a unary operator, a type).
// So everything the printer has no rule for keeps its tokens, strings and
// comments byte for byte, and FormatFile.cpp can check the result by
// comparing token sequences. The only tokens that may change are separator
// commas: dropped between fields of a multi-line object and after the last
// element of a one-line list or object, added after the last element of a
// multi-line list.
//
// Rules:
//  - 2-space indentation; one declaration per line; a run of blank lines
//    between declarations, fields, list elements or comments becomes one
//    blank line, and blank lines elsewhere go.
//  - Objects, records and lists stay on one line (`{ A: 1 }`, `[a, b]`) when
//    they were on one line and fit in 100 columns (or, too long, do not
//    start a value: after `?` or an operator breaking helps nobody); otherwise one field per
//    line without commas, or one element per line with a trailing comma.
//    A list of one object written `[{` keeps the brackets against the
//    object. Component and for bodies always take one declaration per line.
//  - Within an expression a line break in the source is kept (as a
//    continuation line two spaces deeper); spacing is canonical: spaces
//    around binary operators, `=`, `->`, `|`, after `,` and `:`; none
//    inside `()` and `[]`, around `.`, after `@` or a unary operator.
//  - Strings (interpolations included), raw strings, numbers, durations and
//    sizes are copied as written.
//  - A comment on the line of the code before it stays at the end of that
//    line; any other comment gets its own line at the indentation of what
//    follows it. Comment text is never touched.
#include "Format/Format.h"

#include "Parse/Lexer.h"

#include <string>
#include <unordered_set>
#include <vector>

namespace cfc::format {
namespace {

constexpr unsigned MaxColumns = 100;

/// A token, or a whole string literal (its pieces never change).
struct Atom {
  SourceRange Range;
  TokenKind Kind;
  bool comment() const { return Kind == TokenKind::Comment || Kind == TokenKind::DocComment; }
};

/// What the AST says about token offsets.
struct Marks {
  std::unordered_set<uint32_t> DeclStarts;   ///< A declaration's first token.
  std::unordered_set<uint32_t> DeclParts;    ///< A decorator's `@`.
  std::unordered_set<uint32_t> DecoratorEnds;
  std::unordered_set<uint32_t> FieldStarts;  ///< Object and record field keys.
  std::unordered_set<uint32_t> ObjectBraces; ///< `{` of objects and record/map types.
  std::unordered_set<uint32_t> ListBrackets; ///< `[` of list expressions.
  std::unordered_set<uint32_t> UnaryOps;
  std::vector<SourceRange> Types;

  void decls(const std::vector<ast::Decl *> &Ds);
  void decl(const ast::Decl *D);
  void expr(const ast::Expr *E);
  void type(const ast::TypeExpr *T, bool Root);
};

void Marks::decls(const std::vector<ast::Decl *> &Ds) {
  for (const ast::Decl *D : Ds)
    if (D)
      decl(D);
}

void Marks::decl(const ast::Decl *D) {
  using namespace ast;
  DeclStarts.insert(D->range().Begin);
  for (const Decorator *Dec : D->Decorators) {
    DeclParts.insert(Dec->range().Begin);
    DecoratorEnds.insert(Dec->range().End);
    for (const Expr *A : Dec->Args)
      expr(A);
  }
  if (auto *X = llvm::dyn_cast<DescriptionDecl>(D))
    expr(X->Text);
  else if (auto *X = llvm::dyn_cast<ParamDecl>(D))
    type(X->Type, true), expr(X->Default);
  else if (auto *X = llvm::dyn_cast<LetDecl>(D))
    type(X->Type, true), expr(X->Value);
  else if (auto *X = llvm::dyn_cast<ResourceDecl>(D))
    expr(X->Body);
  else if (auto *X = llvm::dyn_cast<OutputDecl>(D))
    type(X->Type, true), expr(X->Value);
  else if (auto *X = llvm::dyn_cast<ForDecl>(D))
    expr(X->Iterable), decls(X->Body);
  else if (auto *X = llvm::dyn_cast<ComponentDecl>(D))
    decls(X->Body);
  else if (auto *X = llvm::dyn_cast<FnDecl>(D)) {
    for (const FnDecl::Param &P : X->Params)
      type(P.Type, true);
    type(X->Result, true);
    expr(X->Body);
  } else if (auto *X = llvm::dyn_cast<TypeDecl>(D))
    type(X->Type, true);
  else if (auto *X = llvm::dyn_cast<AssertDecl>(D))
    expr(X->Cond), expr(X->Message);
}

void Marks::expr(const ast::Expr *E) {
  using namespace ast;
  if (!E)
    return;
  if (auto *X = llvm::dyn_cast<Member>(E))
    expr(X->Base);
  else if (auto *X = llvm::dyn_cast<Index>(E))
    expr(X->Base), expr(X->Subscript);
  else if (auto *X = llvm::dyn_cast<Call>(E)) {
    expr(X->Callee);
    for (const Expr *A : X->Args)
      expr(A);
  } else if (auto *X = llvm::dyn_cast<Unary>(E))
    UnaryOps.insert(X->range().Begin), expr(X->Operand);
  else if (auto *X = llvm::dyn_cast<Binary>(E))
    expr(X->Lhs), expr(X->Rhs);
  else if (auto *X = llvm::dyn_cast<Conditional>(E))
    expr(X->Cond), expr(X->Then), expr(X->Else);
  else if (auto *X = llvm::dyn_cast<List>(E)) {
    ListBrackets.insert(X->range().Begin);
    for (const Expr *El : X->Elements)
      expr(El);
  } else if (auto *X = llvm::dyn_cast<Object>(E)) {
    ObjectBraces.insert(X->range().Begin);
    for (const Object::Field &F : X->Fields)
      FieldStarts.insert(F.Key.Range.Begin), expr(F.Value);
  }
  // Strings are copied whole; literals and names have nothing inside.
}

void Marks::type(const ast::TypeExpr *T, bool Root) {
  using namespace ast;
  if (!T)
    return;
  if (Root)
    Types.push_back(T->range());
  if (auto *X = llvm::dyn_cast<ListType>(T))
    type(X->Element, false);
  else if (auto *X = llvm::dyn_cast<MapType>(T))
    ObjectBraces.insert(X->range().Begin), type(X->Value, false);
  else if (auto *X = llvm::dyn_cast<RecordType>(T)) {
    ObjectBraces.insert(X->range().Begin);
    for (const RecordType::Field &F : X->Fields)
      FieldStarts.insert(F.Name.Range.Begin), type(F.Type, false);
  } else if (auto *X = llvm::dyn_cast<UnionType>(T)) {
    for (const TypeExpr *M : X->Members)
      type(M, false);
  } else if (auto *X = llvm::dyn_cast<OptionalType>(T))
    type(X->Inner, false);
}

/// Tokens with each string literal merged into one atom.
std::vector<Atom> atoms(llvm::StringRef Text) {
  std::vector<Atom> Out;
  unsigned StringDepth = 0;
  for (const Token &T : lexTokens(Text)) {
    if (StringDepth > 0) {
      Out.back().Range.End = T.Range.End;
      if (T.Kind == TokenKind::StringStart)
        ++StringDepth;
      else if (T.Kind == TokenKind::StringEnd)
        --StringDepth;
      continue;
    }
    Out.push_back({T.Range, T.Kind});
    if (T.Kind == TokenKind::StringStart)
      StringDepth = 1;
  }
  return Out;
}

/// How a bracket lays out what it holds.
enum class Mode {
  Block,  ///< The file, a component or for body: one declaration per line.
  Object, ///< A multi-line object or record: one field per line.
  List,   ///< A multi-line list: one element per line, trailing commas.
  Inline, ///< A one-line object, record or list.
  Paren,  ///< `()`, index and type brackets: source line breaks kept.
};

struct Frame {
  Mode M;
  int Open, Close; ///< Atom indexes; -1 for the file.
  unsigned Content, Closer;
  unsigned Ternaries = 0; ///< `?` waiting for their `:`.
};

/// Where an atom goes: on the current line (Lines 0) or after line breaks.
struct Place {
  unsigned Lines = 0;
  unsigned Indent = 0;
};

class Printer {
public:
  Printer(llvm::StringRef Text, const ast::File &F) : Text(Text), A(atoms(Text)) {
    M.decls(F.Decls);
    matchBrackets();
    Stack.push_back({Mode::Block, -1, -1, 0, 0});
  }

  std::string run() {
    for (int I = 0; I < int(A.size()); ++I) {
      if (A[I].comment())
        comment(I);
      else if (!(is(I, ",") && dropComma(I)))
        atom(I);
    }
    if (!Out.empty())
      Out += '\n';
    return std::move(Out);
  }

private:
  llvm::StringRef Text;
  std::vector<Atom> A;
  Marks M;
  std::vector<int> Match;
  std::vector<Frame> Stack;
  std::string Out;
  unsigned Col = 0, LineIndent = 0;
  int Last = -1; ///< The last atom written that is not a comment.
  bool ForceBreak = false;

  llvm::StringRef text(int I) const { return Text.slice(A[I].Range.Begin, A[I].Range.End); }
  bool is(int I, llvm::StringRef S) const {
    return I >= 0 && I < int(A.size()) &&
           (A[I].Kind == TokenKind::Punctuation || A[I].Kind == TokenKind::Operator) && text(I) == S;
  }
  bool opener(int I) const { return is(I, "{") || is(I, "[") || is(I, "("); }
  /// Line breaks in the source between atoms I-1 and I.
  unsigned breaksBefore(int I) const {
    if (I <= 0)
      return 0;
    return Text.slice(A[I - 1].Range.End, A[I].Range.Begin).count('\n');
  }
  int nextCode(int I) const {
    for (++I; I < int(A.size()); ++I)
      if (!A[I].comment())
        return I;
    return -1;
  }
  bool inType(int I) const {
    for (const SourceRange &R : M.Types)
      if (R.Begin <= A[I].Range.Begin && A[I].Range.End <= R.End)
        return true;
    return false;
  }

  void matchBrackets() {
    Match.assign(A.size(), -1);
    std::vector<int> Open;
    for (int I = 0; I < int(A.size()); ++I) {
      if (opener(I))
        Open.push_back(I);
      else if ((is(I, "}") || is(I, "]") || is(I, ")")) && !Open.empty())
        Match[Open.back()] = I, Open.pop_back();
    }
  }

  bool needSpace(int P, int I, bool TernaryColon) const {
    if (P < 0)
      return false;
    if (A[P].comment() || A[I].comment())
      return true;
    if (is(P, "(") || is(P, "["))
      return false;
    if (is(I, "}"))
      return !is(P, "{");
    if (is(P, "{"))
      return true;
    if (is(I, ")") || is(I, "]") || is(I, ",") || is(I, ".") || is(P, ".") ||
        A[P].Kind == TokenKind::Decorator)
      return false;
    if (M.UnaryOps.count(A[P].Range.Begin))
      return A[I].Kind == TokenKind::Operator; // `- -x`, not `--x`.
    if (is(I, ":"))
      return TernaryColon;
    if (is(I, "?"))
      return !inType(I);
    if (is(I, "(") || is(I, "["))
      return !(A[P].Kind == TokenKind::Identifier || is(P, ")") || is(P, "]"));
    return true;
  }

  /// The one-line width of atoms Open+1..Close, as `inline` would write them.
  unsigned inlineWidth(int Open, int Close) const {
    unsigned W = 0;
    int P = Open;
    for (int I = Open + 1; I <= Close; ++I) {
      if (is(I, ",") && (nextCode(I) == Close || is(nextCode(I), ",")))
        continue;
      W += text(I).size() + (needSpace(P, I, false) ? 1 : 0);
      P = I;
    }
    return W;
  }

  /// `[{ ... }]`: a list of one object written against its brackets keeps
  /// them there, the object laid out on its own.
  bool hugs(int Open, int Close) const {
    int Inner = nextCode(Open);
    if (!is(Inner, "{") || Match[Inner] < 0 || A[Inner].Range.Begin != A[Open].Range.End)
      return false;
    int After = nextCode(Match[Inner]);
    if (is(After, ","))
      After = nextCode(After);
    return After == Close;
  }

  /// The layout of the bracket I opens; Prev is the atom written before it.
  Mode modeOf(int I, int Prev) const {
    uint32_t Off = A[I].Range.Begin;
    bool Listy = is(I, "[") && M.ListBrackets.count(Off);
    bool Objecty = is(I, "{") && M.ObjectBraces.count(Off);
    if (is(I, "{") && !Objecty)
      return Mode::Block;
    if (!Listy && !Objecty)
      return Mode::Paren;
    int Close = Match[I];
    if (Listy && hugs(I, Close))
      return Mode::Inline;
    // Inside a bracket kept on one line, everything stays on that line: a
    // broken value within would make the bracket span lines, and the next
    // run would lay it out differently (fmt must be idempotent). A list
    // hugging its one object (`[{`) lets the object break.
    const Frame &Outer = Stack.back();
    if (Outer.M == Mode::Inline && !(is(Outer.Open, "[") && hugs(Outer.Open, Outer.Close)))
      return Mode::Inline;
    // Empty means nothing at all between the brackets: one holding only a
    // comment is laid out as a block, or `{ // note }` would comment out
    // its own `}`.
    bool Empty = I + 1 == Close;
    bool OneLine = !Text.slice(A[I].Range.Begin, A[Close].Range.End).contains('\n');
    // A one-line value that is too long is broken only where it starts a
    // value; in the middle of an expression that would only look worse.
    // A resource's body (`aws.sqs.Queue {`) starts one too.
    bool StartsValue = is(Prev, ":") || is(Prev, "=") || is(Prev, ",") || opener(Prev) ||
                       (Objecty && Prev >= 0 && A[Prev].Kind == TokenKind::Identifier);
    if (Empty || (OneLine && (!StartsValue || Col + inlineWidth(I, Close) <= MaxColumns)))
      return Mode::Inline;
    return Listy ? Mode::List : Mode::Object;
  }

  /// Whether the comma I is left out: it separates fields on their own
  /// lines, or ends a one-line list or object, or repeats another comma.
  bool dropComma(int I) const {
    const Frame &F = Stack.back();
    int Next = nextCode(I);
    if (is(Next, ","))
      return F.M != Mode::Paren && F.M != Mode::Block;
    if (F.M == Mode::Object)
      return true;
    return F.M == Mode::Inline && Next == F.Close;
  }

  /// Where atom I goes when it starts an element of the innermost bracket
  /// (a declaration, field or list element), or nothing.
  bool startsElement(int I) const {
    const Frame &F = Stack.back();
    switch (F.M) {
    case Mode::Block:
      return M.DeclStarts.count(A[I].Range.Begin);
    case Mode::Object:
      return Last == F.Open || M.FieldStarts.count(A[I].Range.Begin);
    case Mode::List:
      return Last == F.Open || is(Last, ",");
    default:
      return false;
    }
  }

  /// Nothing but comments written since the innermost bracket opened (a
  /// blank line there goes; at the top of the file it stays).
  bool justOpened() const {
    const Frame &F = Stack.back();
    return F.Open >= 0 && Last == F.Open;
  }

  Place place(int I) const {
    const Frame &F = Stack.back();
    bool Broken = F.M == Mode::Block || F.M == Mode::Object || F.M == Mode::List;
    unsigned Source = breaksBefore(I);
    if (Out.empty())
      return {};
    if (I == F.Close) {
      if (Broken || (F.M == Mode::Paren && (Source || ForceBreak)))
        return {1, F.Closer};
      return {};
    }
    if (startsElement(I))
      return {Source > 1 && !justOpened() ? 2u : 1u, F.Content};
    bool DeclPart = F.M == Mode::Block &&
                    (M.DeclParts.count(A[I].Range.Begin) ||
                     (Last >= 0 && M.DecoratorEnds.count(A[Last].Range.End)));
    if ((Source && !is(I, "{") && !is(I, ",")) || ForceBreak)
      return {1, DeclPart ? F.Content : Broken ? F.Content + 2 : F.Content};
    return {};
  }

  void newline(unsigned Lines, unsigned Indent) {
    Out.append(Lines, '\n');
    Out.append(Indent, ' ');
    Col = LineIndent = Indent;
    ForceBreak = false;
  }

  void write(llvm::StringRef S) {
    Out += S;
    size_t Nl = S.rfind('\n');
    Col = Nl == llvm::StringRef::npos ? Col + S.size() : S.size() - Nl - 1;
  }

  void atom(int I) {
    Frame &F = Stack.back();
    Place P = place(I);
    bool TernaryColon = is(I, ":") && F.Ternaries > 0;
    if (P.Lines)
      newline(P.Lines, P.Indent);
    else if (needSpace(Last, I, TernaryColon))
      write(" ");
    write(text(I));
    if (is(I, "?") && !inType(I))
      ++F.Ternaries;
    if (TernaryColon)
      --F.Ternaries;
    int Prev = Last;
    Last = I;
    if (I == F.Close)
      Stack.pop_back();
    else if (opener(I) && Match[I] >= 0)
      Stack.push_back({modeOf(I, Prev), I, Match[I], LineIndent + 2, LineIndent});
    Frame &Top = Stack.back();
    if (Top.M == Mode::List && I != Top.Open && !is(I, ",") && nextCode(I) == Top.Close)
      write(",");
  }

  void comment(int I) {
    bool SameLine = I > 0 && breaksBefore(I) == 0 && !Out.empty();
    if (!SameLine || ForceBreak) {
      if (!Out.empty()) {
        const Frame &F = Stack.back();
        int Next = nextCode(I);
        unsigned Indent = F.Content;
        if (Next >= 0 && Next != F.Close && !startsElement(Next) &&
            (F.M == Mode::Block || F.M == Mode::Object || F.M == Mode::List))
          Indent = F.Content + 2; // Inside an expression: a continuation.
        bool Blank = breaksBefore(I) > 1 && !justOpened();
        newline(Blank ? 2 : 1, Indent);
      }
    } else {
      write(" ");
    }
    write(text(I));
    int Next = I + 1 < int(A.size()) ? I + 1 : -1;
    ForceBreak = text(I).startswith("//") || (Next >= 0 && breaksBefore(Next) > 0);
  }
};

} // namespace

std::string layout(llvm::StringRef Text, const ast::File &F) { return Printer(Text, F).run(); }

} // namespace cfc::format
