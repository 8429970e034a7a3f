// ScheduleRules — schedule expressions of EventBridge rules and EventBridge
// Scheduler schedules: rate(value unit), cron(six fields), and for the
// Scheduler at(yyyy-mm-ddThh:mm:ss) ("Schedule types on EventBridge
// Scheduler", "Creating a rule that runs on a schedule").
#include "Rules/RuleContext.h"

#include "llvm/ADT/StringExtras.h"

namespace cfc::rules {

namespace {

/// What is wrong with rate(Body), or ""; Fixed is the corrected expression
/// when the unit only has the wrong number.
std::string badRate(llvm::StringRef Body, std::string &Fixed) {
  llvm::SmallVector<llvm::StringRef, 3> Words;
  Body.trim().split(Words, ' ', -1, false);
  if (Words.size() != 2)
    return "rate(...) takes a value and a unit, e.g. rate(5 minutes)";
  unsigned long long N;
  if (Words[0].getAsInteger(10, N) || N == 0)
    return "the value \"" + Words[0].str() + "\" is not a positive whole number";
  llvm::StringRef Unit = Words[1], Singular = Unit.endswith("s") ? Unit.drop_back() : Unit;
  if (Singular != "minute" && Singular != "hour" && Singular != "day")
    return "the unit \"" + Unit.str() + "\" is none of minute(s), hour(s), day(s)";
  std::string Right = N == 1 ? Singular.str() : Singular.str() + "s";
  if (Unit != Right) {
    Fixed = "rate(" + Words[0].str() + " " + Right + ")";
    return N == 1 ? "a value of 1 takes the singular unit \"" + Right + "\""
                  : "a value above 1 takes the plural unit \"" + Right + "\"";
  }
  return "";
}

/// Whether a cron field holds only what AWS's syntax allows: numbers (or
/// names) in Min..Max, and the wildcards of this field.
bool validCronField(llvm::StringRef Field, int Min, int Max, llvm::StringRef Wildcards) {
  for (char Ch : Field)
    if (!llvm::isAlnum(Ch) && !Wildcards.contains(Ch))
      return false;
  // Check the plain numbers of a list of ranges: "1-5", "0/15", "MON-FRI".
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Field.split(Parts, ',');
  for (llvm::StringRef Part : Parts) {
    llvm::SmallVector<llvm::StringRef, 3> Numbers;
    Part.split(Numbers, '-');
    for (llvm::StringRef Each : Numbers) {
      llvm::StringRef Start = Each.split('/').first.split('#').first;
      int N;
      if (!Start.empty() && llvm::all_of(Start, llvm::isDigit) && (Start.getAsInteger(10, N) || N < Min || N > Max))
        return false;
    }
  }
  return !Field.empty();
}

std::string badCron(llvm::StringRef Body) {
  llvm::SmallVector<llvm::StringRef, 6> F;
  Body.trim().split(F, ' ', -1, false);
  if (F.size() != 6)
    return "cron(...) takes six fields (minutes hours day-of-month month day-of-week year); found " +
           std::to_string(F.size());
  struct {
    const char *Name;
    int Min, Max;
    const char *Wildcards;
  } Fields[] = {{"minutes", 0, 59, ",-*/"},     {"hours", 0, 23, ",-*/"},     {"day-of-month", 1, 31, ",-*?/LW"},
                {"month", 1, 12, ",-*/"},       {"day-of-week", 1, 7, ",-*?L#"}, {"year", 1970, 2199, ",-*/"}};
  for (size_t I = 0; I < 6; ++I)
    if (!validCronField(F[I], Fields[I].Min, Fields[I].Max, Fields[I].Wildcards))
      return std::string("the ") + Fields[I].Name + " field \"" + F[I].str() + "\" is not valid";
  if (F[2] != "?" && F[4] != "?")
    return "one of day-of-month and day-of-week must be \"?\"";
  return "";
}

bool isDigits(llvm::StringRef S, size_t N) { return S.size() == N && llvm::all_of(S, llvm::isDigit); }

std::string badAt(llvm::StringRef Body) {
  // yyyy-mm-ddThh:mm:ss
  llvm::StringRef B = Body.trim();
  if (B.size() == 19 && isDigits(B.substr(0, 4), 4) && B[4] == '-' && isDigits(B.substr(5, 2), 2) && B[7] == '-' &&
      isDigits(B.substr(8, 2), 2) && B[10] == 'T' && isDigits(B.substr(11, 2), 2) && B[13] == ':' &&
      isDigits(B.substr(14, 2), 2) && B[16] == ':' && isDigits(B.substr(17, 2), 2))
    return "";
  return "at(...) takes a date and time as yyyy-mm-ddThh:mm:ss";
}

} // namespace

void checkScheduleExpression(const ir::Resource &R, Context &C) {
  ValuePtr V = prop(R, "ScheduleExpression");
  std::optional<std::string> Text = knownString(V);
  if (!Text)
    return;
  bool Scheduler = R.Type == "AWS::Scheduler::Schedule";
  llvm::StringRef E = llvm::StringRef(*Text).trim();
  std::string Problem, Fixed;
  auto Body = [&](llvm::StringRef Prefix) { return E.drop_front(Prefix.size()).drop_back(); };
  if (E.startswith("rate(") && E.endswith(")"))
    Problem = badRate(Body("rate("), Fixed);
  else if (E.startswith("cron(") && E.endswith(")"))
    Problem = badCron(Body("cron("));
  else if (Scheduler && E.startswith("at(") && E.endswith(")"))
    Problem = badAt(Body("at("));
  else
    Problem = Scheduler ? "it is none of rate(...), cron(...) and at(...)" : "it is neither rate(...) nor cron(...)";
  if (Problem.empty())
    return;
  if (!Fixed.empty())
    C.reportWithFix(R, V, "write " + Fixed, quoted(Fixed), diag::InvalidScheduleExpression, *Text, R.LogicalId,
                    Problem);
  else
    C.report(R, V, diag::InvalidScheduleExpression, *Text, R.LogicalId, Problem);
}

} // namespace cfc::rules
