# Run on the generated CfnParser.cpp after ANTLR (grammar/CMakeLists.txt).
# Every dynamic_cast ANTLR writes there casts to a class the object is known
# to have: the labelled alternative the rule has just created (to set its
# labels, `op=` and `lhs=`), the expr context a precedence predicate is
# asked about, and, through Recognizer::getInterpreter, the parser's ATN
# simulator before each prediction. static_cast says the same without the
# run-time type check, which cost 2% of a build. (The casts in the parse
# trees' accessors are in the runtime's headers and stay; cfc's AST builder
# does not use them.)
file(READ "${FILE}" Text)
string(REPLACE "dynamic_cast<" "static_cast<" Text "${Text}")
string(REPLACE "getInterpreter<atn::ParserATNSimulator>()"
               "static_cast<atn::ParserATNSimulator *>(_interpreter)" Text "${Text}")
file(WRITE "${FILE}" "${Text}")
