// S3Rules — what S3 checks of a bucket CloudFormation creates: lifecycle
// transitions in its storage-class order with its minimum days, expiration
// after transition, for current and noncurrent versions ("Transitioning
// objects using Amazon S3 Lifecycle"); and the bucket naming rules.
#include "Rules/RuleContext.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace cfc::rules {

namespace {

/// S3's "waterfall": a lifecycle moves objects down this list only.
constexpr llvm::StringLiteral ClassOrder[] = {"STANDARD_IA", "INTELLIGENT_TIERING", "ONEZONE_IA",
                                              "GLACIER_IR",  "GLACIER",             "DEEP_ARCHIVE"};

std::optional<size_t> rankOf(llvm::StringRef Class) {
  if (Class == "Glacier") // CloudFormation's legacy spelling.
    Class = "GLACIER";
  for (size_t I = 0; I < std::size(ClassOrder); ++I)
    if (ClassOrder[I] == Class)
      return I;
  return std::nullopt;
}

struct Step {
  std::string Class;
  size_t Rank;
  int64_t Days;
  ValuePtr DaysValue, ClassValue;
};

/// One lifecycle rule's transitions (current or noncurrent versions).
struct Flavour {
  llvm::StringRef List, Single, DaysField; ///< "Transitions", "Transition", "TransitionInDays".
  llvm::StringRef Expiration;              ///< Path of the expiration days in the rule.
  llvm::StringRef Objects;                 ///< "objects", "noncurrent versions".
};

constexpr Flavour Current{"Transitions", "Transition", "TransitionInDays", "ExpirationInDays", "objects"};
constexpr Flavour Noncurrent{"NoncurrentVersionTransitions", "NoncurrentVersionTransition", "TransitionInDays",
                             "NoncurrentVersionExpiration.NoncurrentDays", "noncurrent versions"};

/// The transitions of a rule with known days and class, by days; nothing
/// when one is unknown (a transition by date, a deploy-time value).
std::optional<std::vector<Step>> steps(const ValuePtr &Rule, const Flavour &F) {
  std::vector<ValuePtr> All = asList(lookup(Rule, F.List));
  for (const ValuePtr &T : asList(lookup(Rule, F.Single)))
    All.push_back(T);
  std::vector<Step> Steps;
  for (const ValuePtr &T : All) {
    ValuePtr DaysValue = lookup(T, F.DaysField), ClassValue = lookup(T, "StorageClass");
    std::optional<int64_t> Days = knownInt(DaysValue);
    std::optional<std::string> Class = knownString(ClassValue);
    std::optional<size_t> Rank = Class ? rankOf(*Class) : std::nullopt;
    // Days beyond any lifetime are left to the schema (and keep the sums
    // below from overflowing).
    if (!Days || !Rank || *Days < 0 || *Days > 1000000)
      return std::nullopt;
    Steps.push_back({*Class, *Rank, *Days, DaysValue, ClassValue});
  }
  llvm::stable_sort(Steps, [](const Step &A, const Step &B) { return A.Days < B.Days; });
  return Steps;
}

void checkTransitions(const ir::Resource &R, const ValuePtr &Rule, const Flavour &F, Context &C) {
  std::optional<std::vector<Step>> Steps = steps(Rule, F);
  if (!Steps)
    return;
  for (size_t I = 0; I < Steps->size(); ++I) {
    const Step &S = (*Steps)[I];
    const Step *Before = I ? &(*Steps)[I - 1] : nullptr;
    bool Ia = S.Class == "STANDARD_IA" || S.Class == "ONEZONE_IA";
    if (Ia && S.Days < 30) {
      C.reportWithFix(R, S.DaysValue, "wait 30 days", "30", diag::S3LifecycleTransition, R.LogicalId, F.Objects,
                      S.Class, S.Days, "S3 moves " + F.Objects.str() + " to " + S.Class + " after 30 days at the earliest");
    } else if (Before && S.Rank <= Before->Rank) {
      C.report(R, S.ClassValue, diag::S3LifecycleTransition, R.LogicalId, F.Objects, S.Class, S.Days,
               "S3 moves objects down its storage classes only (STANDARD_IA, INTELLIGENT_TIERING, ONEZONE_IA, "
               "GLACIER_IR, GLACIER, DEEP_ARCHIVE), and this comes after " + Before->Class + " (day " +
                   std::to_string(Before->Days) + ")");
    } else if (Before && Before->Class == "STANDARD_IA" && S.Class == "ONEZONE_IA" && S.Days < Before->Days + 30) {
      C.report(R, S.DaysValue, diag::S3LifecycleTransition, R.LogicalId, F.Objects, S.Class, S.Days,
               "objects stay in STANDARD_IA (day " + std::to_string(Before->Days) + ") at least 30 days first");
    } else if (S.Class == "DEEP_ARCHIVE") {
      for (const Step &G : *Steps)
        if (G.Class == "GLACIER" && G.Days < S.Days && S.Days < G.Days + 90) {
          C.reportWithFix(R, S.DaysValue, "wait 90 days after GLACIER", std::to_string(G.Days + 90),
                          diag::S3LifecycleTransition, R.LogicalId, F.Objects, S.Class, S.Days,
                          "S3 wants it at least 90 days after the GLACIER transition (day " +
                              std::to_string(G.Days) + ")");
          break;
        }
    }
  }
  // Expiring before (or on the day of) a transition: S3 rejects the rule.
  ValuePtr ExpirationValue = lookup(Rule, F.Expiration);
  if (!ExpirationValue && &F == &Noncurrent)
    ExpirationValue = lookup(Rule, "NoncurrentVersionExpirationInDays"); // The older spelling.
  std::optional<int64_t> Expiration = knownInt(ExpirationValue);
  if (!Expiration || Steps->empty())
    return;
  const Step &Last = Steps->back();
  if (*Expiration <= Last.Days)
    C.report(R, ExpirationValue, diag::S3LifecycleExpiration, R.LogicalId, F.Objects, *Expiration, Last.Class,
             Last.Days);
}

// ---- Bucket names ----------------------------------------------------------------------

bool isIpAddress(llvm::StringRef Name) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Name.split(Parts, '.');
  if (Parts.size() != 4)
    return false;
  return llvm::all_of(Parts, [](llvm::StringRef P) {
    unsigned N;
    return !P.empty() && P.size() <= 3 && !P.getAsInteger(10, N) && N <= 255;
  });
}

/// What is wrong with a bucket name, or "" (S3's general purpose bucket
/// naming rules).
std::string badBucketName(llvm::StringRef Name) {
  if (Name.size() < 3 || Name.size() > 63)
    return "it is " + std::to_string(Name.size()) + " characters long; names are 3 to 63";
  for (char Ch : Name)
    if (!((Ch >= 'a' && Ch <= 'z') || llvm::isDigit(Ch) || Ch == '.' || Ch == '-'))
      return std::string("it holds '") + Ch +
             "'; names hold only lower-case letters, digits, dots and hyphens";
  if (!llvm::isAlnum(Name.front()) || !llvm::isAlnum(Name.back()))
    return "it must begin and end with a letter or a digit";
  if (Name.contains(".."))
    return "it holds two adjacent dots";
  if (isIpAddress(Name))
    return "it is formatted as an IP address";
  for (llvm::StringRef Prefix : {"xn--", "sthree-", "amzn-s3-demo-"})
    if (Name.startswith(Prefix))
      return "the prefix \"" + Prefix.str() + "\" is reserved";
  for (llvm::StringRef Suffix : {"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"})
    if (Name.endswith(Suffix))
      return "the suffix \"" + Suffix.str() + "\" is reserved";
  return "";
}

} // namespace

void checkS3Bucket(const ir::Resource &R, Context &C) {
  ValuePtr Name = prop(R, "BucketName");
  if (std::optional<std::string> Text = knownString(Name)) {
    std::string Problem = badBucketName(*Text);
    if (!Problem.empty()) {
      std::string Lower = llvm::StringRef(*Text).lower();
      if (Lower != *Text && badBucketName(Lower).empty())
        C.reportWithFix(R, Name, "use lower case", quoted(Lower), diag::S3BucketName, *Text, R.LogicalId, Problem);
      else
        C.report(R, Name, diag::S3BucketName, *Text, R.LogicalId, Problem);
    }
  }
  ValuePtr Rules = prop(R, "LifecycleConfiguration.Rules");
  if (!isKnownList(Rules))
    return;
  for (const ValuePtr &Rule : Rules->elements()) {
    checkTransitions(R, Rule, Current, C);
    checkTransitions(R, Rule, Noncurrent, C);
  }
}

} // namespace cfc::rules
