// CfnLexer.g4 — tokens of the cfc language.
//
// String interpolation uses lexer modes: '"' enters STRING mode, '${' inside a
// string re-enters the default mode, and braces in the default mode push and
// pop so that the '}' closing an interpolation returns to the string.
// CfnLexerBase (compiler/Parse) makes popMode safe on an unbalanced '}'.
lexer grammar CfnLexer;

options { superClass = CfnLexerBase; }

@header { #include "CfnLexerBase.h" }

// Comments and whitespace. Comments go to the HIDDEN channel so that doc
// comments and `cfc fmt` can still find them; an unterminated block comment
// runs to the end of the file and is reported by the parser front end.
BLOCK_COMMENT : '/*' .*? ('*/' | EOF) -> channel(HIDDEN);
LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN);
WS            : [ \t\r\n\f\u000B]+ { if (getText().find('\n') != std::string::npos) unwindStrings(STRING); } -> channel(HIDDEN);

// Keywords. Those marked soft are also accepted as names (see `name` in the
// parser) so that `type`, `description` and friends stay usable as keys.
DESCRIPTION : 'description';
PARAM       : 'param';
LET         : 'let';
RESOURCE    : 'resource';
OUTPUT      : 'output';
IMPORT      : 'import';
AS          : 'as';
FOR         : 'for';
IN          : 'in';
COMPONENT   : 'component';
FN          : 'fn';
ASSERT      : 'assert';
TYPE        : 'type';
TRUE        : 'true';
FALSE       : 'false';
NONE        : 'none';

// Literals with units: a duration (90s, 5m, 2h, 30d, 250ms) or a size
// (128MB, 10GB). Longest match makes `10GB` one token, not `10` `GB`.
DURATION : DIGITS ('ms' | 's' | 'm' | 'h' | 'd');
SIZE     : DIGITS ('B' | 'KB' | 'MB' | 'GB' | 'TB' | 'KiB' | 'MiB' | 'GiB' | 'TiB');
NUMBER   : DIGITS '.' DIGITS EXPONENT? | DIGITS EXPONENT;
INT      : DIGITS;
// A number glued to letters that form no unit (`10x`, `3days`): one bad token
// with a clear message instead of a number followed by a name.
BAD_NUMBER : DIGITS [a-zA-Z_] [a-zA-Z_0-9]*;

IDENT : [a-zA-Z_] [a-zA-Z_0-9]*;

// Raw multi-line strings: no escapes and no interpolation, so inline code and
// shell scripts (which use ${...} themselves) can be pasted as they are.
RAW_STRING : '"""' .*? ('"""' | EOF);

DQUOTE : '"' -> pushMode(STRING);
// 'single quotes' are a common slip: one token, reported with a fix, and
// read as a string so that nothing else breaks.
SQ_STRING : '\'' ~['\r\n]* '\'';

LBRACE   : '{' -> pushMode(DEFAULT_MODE);
RBRACE   : '}' -> popMode;
LPAREN   : '(';
RPAREN   : ')';
LBRACKET : '[';
RBRACKET : ']';
COMMA    : ',';
COLON    : ':';
DOT      : '.';
AT       : '@';
ARROW    : '->';
QUESTION : '?';
EQEQ     : '==';
NOTEQ    : '!=';
LE       : '<=';
GE       : '>=';
LT       : '<';
GT       : '>';
ANDAND   : '&&';
OROR     : '||';
BANG     : '!';
ASSIGN   : '=';
PIPE     : '|';
PLUS     : '+';
MINUS    : '-';
STAR     : '*';
SLASH    : '/';
PERCENT  : '%';

// Anything else is one bad character, reported by the parser front end.
BAD_CHAR : .;

fragment DIGITS   : [0-9] ('_'? [0-9])*;
fragment EXPONENT : [eE] [+-]? [0-9]+;

mode STRING;
STR_END     : '"' -> popMode;
INTERP_OPEN : '${' -> pushMode(DEFAULT_MODE);
STR_ESCAPE  : '\\' ('u{' ~[}"\r\n]* '}'? | ~[\r\n]);
STR_TEXT    : ~["\\$\r\n]+ | '$';
// A line break ends an unterminated string: the rest of the file still parses.
STR_NEWLINE : ('\r'? '\n' | '\r' | '\\' ('\r'? '\n')?) { unwindStrings(STRING); };
