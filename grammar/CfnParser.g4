// CfnParser.g4 — the syntax of the cfc language (reference: docs/language.md).
//
// Newlines are whitespace: declarations start with a keyword or '@', so they
// need no separator; fields of an object may be separated by commas or just
// by line breaks; list elements and arguments take commas (a trailing one is
// fine). Nothing after compiler/Parse sees these rules: ASTBuilder turns the
// parse tree into the project's own AST.
parser grammar CfnParser;

options { tokenVocab = CfnLexer; superClass = CfnParserBase; }

@header { #include "CfnParserBase.h" }

file : declaration* EOF ;

// The declaration's kind is chosen here, not by a rule of its own that
// only wraps the alternatives (a context and a rule call per declaration).
declaration
    : decorator*
      ( descriptionDecl
      | paramDecl
      | letDecl
      | resourceDecl
      | outputDecl
      | importDecl
      | forDecl
      | componentDecl
      | fnDecl
      | typeDecl
      | assertDecl
      )
    ;

decorator : AT name (LPAREN arguments? RPAREN)? ;

descriptionDecl : DESCRIPTION expr ;
paramDecl       : PARAM name (COLON typeExpr)? (ASSIGN expr)? ;
letDecl         : LET name (COLON typeExpr)? ASSIGN expr ;
resourceDecl    : RESOURCE name qualifiedName object? ;
outputDecl      : OUTPUT name (COLON typeExpr)? ASSIGN expr ;
importDecl      : IMPORT (qualifiedName | stringLiteral) (AS name)? ;
forDecl         : FOR name (COMMA name)? IN expr block ;
componentDecl   : COMPONENT name block ;
fnDecl          : FN name LPAREN (fnParam (COMMA fnParam)* COMMA?)? RPAREN (ARROW typeExpr)? ASSIGN expr ;
fnParam         : name COLON typeExpr ;
typeDecl        : TYPE name ASSIGN typeExpr ;
// `assert cond, "message"`: checked by cfc when cond is a constant, else
// by CloudFormation (a Rules assertion) before it creates anything.
assertDecl      : ASSERT expr (COMMA expr)? ;

block : LBRACE declaration* RBRACE ;

// name's tokens, written out: a resource's type is three names, and a
// rule for each was a context each.
qualifiedName : (IDENT | AS | IN) (DOT (IDENT | AS | IN))* ;

// Soft keywords are also names, keys and members: component parameters
// called `type` or `description` are common, and `fn` is the natural name of
// a function resource. compiler/Parse/SoftKeywords.cpp turns each
// `description`, `type`, `fn` and `assert` that does not start a
// declaration into an IDENT before parsing; `as` and `in` never start one.
// The keywords that start other declarations stay reserved, so that a
// missing '}' is reported where the next declaration begins (a key may
// always be quoted instead).
name : IDENT | AS | IN ;

// ---- types --------------------------------------------------------------
// `{string: T}` is a map: ASTBuilder tells it from a record with one field.
typeExpr : unionType ;
unionType : optionalType (PIPE optionalType)* ;
optionalType : primaryType QUESTION? ;
primaryType
    : qualifiedName                                         # namedType
    | stringLiteral                                         # literalType
    | LBRACKET typeExpr RBRACKET                            # listType
    | LBRACE (recordTypeField (COMMA? recordTypeField)* COMMA?)? RBRACE  # recordType
    | LPAREN typeExpr RPAREN                                # parenType
    ;
recordTypeField : name QUESTION? COLON typeExpr ;

// ---- expressions ---------------------------------------------------------
// ANTLR gives the alternatives listed first the higher precedence. The
// primaries are expr's own alternatives, not a rule of their own: a rule
// for them was two parse-tree contexts more per value (its context and its
// labelled alternative's), and a rule entered and left.
expr
    : base=expr DOT member=(IDENT | AS | IN)                       # memberExpr
    | base=expr LBRACKET index=expr RBRACKET                       # indexExpr
    | callee=expr LPAREN arguments? RPAREN                         # callExpr
    | op=(BANG | MINUS) operand=expr                               # unaryExpr
    | lhs=expr op=(STAR | SLASH | PERCENT) rhs=expr                # binaryExpr
    | lhs=expr op=(PLUS | MINUS) rhs=expr                          # binaryExpr
    | lhs=expr op=(LT | LE | GT | GE) rhs=expr                     # binaryExpr
    | lhs=expr op=(EQEQ | NOTEQ) rhs=expr                          # binaryExpr
    | lhs=expr op=ANDAND rhs=expr                                  # binaryExpr
    | lhs=expr op=OROR rhs=expr                                    # binaryExpr
    | <assoc=right> cond=expr QUESTION then=expr COLON otherwise=expr  # conditionalExpr
    | INT                                   # intLiteral
    | NUMBER                                # numberLiteral
    | DURATION                              # durationLiteral
    | SIZE                                  # sizeLiteral
    | BAD_NUMBER                            # badNumberLiteral
    | (TRUE | FALSE)                        # boolLiteral
    | NONE                                  # noneLiteral
    | stringLiteral                         # stringExpr
    | RAW_STRING                            # rawStringExpr
    | SQ_STRING                             # singleQuotedExpr
    | (IDENT | AS | IN)                     # nameExpr   // name's tokens, as in fieldKey
    // Repeated commas parse, so that `[1,, 2]` keeps its elements; the AST
    // builder reports the missing value.
    // (`expr (COMMA+ expr)* COMMA*`, written so that one token decides.)
    | LBRACKET (expr (COMMA expr?)*)? RBRACKET   # listExpr
    | object                                # objectExpr
    | LPAREN expr RPAREN                    # parenExpr
    ;

arguments : expr (COMMA expr)* COMMA? ;

// The same language as `field (COMMA* field)* COMMA*`, written so that one
// token decides each step (that form is ambiguous: which commas end the
// loop needed a look past them, and a full-context fallback under LL).
object : LBRACE (field (COMMA | field)*)? RBRACE ;
// The key is name's tokens or a string, written out: a key is the
// commonest name of all, and a rule of its own for it was a parse-tree
// node and a rule call per field.
field  : (key=(IDENT | AS | IN) | stringLiteral) COLON value=expr ;

// Text and escapes are the string's own tokens; only an interpolation
// has a rule (a context per piece of text was most of a string's tree).
stringLiteral : DQUOTE (STR_TEXT | STR_ESCAPE | stringPart)* (STR_END | STR_NEWLINE | EOF) ;
stringPart : INTERP_OPEN expr RBRACE ;
