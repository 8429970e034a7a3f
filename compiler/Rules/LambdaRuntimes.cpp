// LambdaRuntimes — AWS Lambda's runtime deprecation schedule
// (docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html, "Deprecated
// runtimes": deprecation date, block function create), the runtimes
// deprecated on or before RuntimeTableDate. A block date is filled in only
// where AWS's table gave one we could confirm; an empty one never makes an
// error (a deprecated runtime then gets the CFC8020 warning of `cfc check`).
#include "Rules/LambdaRuntimes.h"

namespace cfc::rules {

namespace {

constexpr llvm::StringLiteral Node = "nodejs24.x", Python = "python3.14", Java = "java21",
                              DotNet = "dotnet10", Ruby = "ruby3.4", Custom = "provided.al2023";

const DeprecatedRuntime Schedule[] = {
    {"nodejs", "2016-10-31", "2016-10-31", Node},
    {"nodejs4.3", "2020-03-06", "2020-03-06", Node},
    {"nodejs4.3-edge", "2019-04-30", "2019-04-30", Node},
    {"nodejs6.10", "2019-08-12", "2019-08-12", Node},
    {"nodejs8.10", "2020-03-06", "2020-03-06", Node},
    {"nodejs10.x", "2021-07-30", "2021-07-30", Node},
    {"nodejs12.x", "2023-03-31", "2023-03-31", Node},
    {"nodejs14.x", "2023-12-04", "2024-01-09", Node},
    {"nodejs16.x", "2024-06-12", "2025-02-28", Node},
    {"nodejs18.x", "2025-09-01", "2025-10-01", Node},
    {"nodejs20.x", "2026-04-30", "2026-08-31", Node},
    {"python2.7", "2021-07-15", "2021-07-15", Python},
    {"python3.6", "2022-07-18", "2022-07-18", Python},
    {"python3.7", "2023-12-04", "2024-01-09", Python},
    {"python3.8", "2024-10-14", "2025-02-28", Python},
    {"python3.9", "2025-12-15", "", Python},
    {"python3.10", "2026-06-30", "", Python},
    {"python3.11", "2026-06-30", "", Python},
    {"java8", "2024-01-08", "2024-02-08", Java},
    {"java8.al2", "2026-06-30", "", Java},
    {"java11", "2026-06-30", "", Java},
    {"java17", "2026-06-30", "", Java},
    {"dotnetcore1.0", "2019-07-30", "2019-07-30", DotNet},
    {"dotnetcore2.0", "2019-05-30", "2019-05-30", DotNet},
    {"dotnetcore2.1", "2022-01-05", "2022-01-05", DotNet},
    {"dotnetcore3.1", "2023-04-03", "2023-04-03", DotNet},
    {"dotnet5.0", "2022-05-10", "2022-05-10", DotNet},
    {"dotnet6", "2024-11-12", "2025-02-28", DotNet},
    {"dotnet7", "2024-05-14", "2024-05-14", DotNet},
    {"dotnet8", "2026-11-10", "", DotNet},
    {"ruby2.5", "2021-07-30", "2021-07-30", Ruby},
    {"ruby2.7", "2023-12-07", "2024-01-09", Ruby},
    {"ruby3.2", "2026-03-31", "", Ruby},
    {"go1.x", "2024-01-08", "2024-02-08", Custom},
    {"provided", "2024-01-08", "2024-02-08", Custom},
    {"provided.al2", "2026-06-30", "", Custom},
};

} // namespace

const DeprecatedRuntime *deprecatedRuntime(llvm::StringRef Id) {
  for (const DeprecatedRuntime &R : Schedule)
    if (R.Id == Id)
      return &R;
  return nullptr;
}

} // namespace cfc::rules
