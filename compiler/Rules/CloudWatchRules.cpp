// CloudWatchRules — what PutMetricAlarm checks: the period of a metric
// (10, 20, 30 or a multiple of 60 seconds) and at most 5 actions per state.
#include "Rules/RuleContext.h"

namespace cfc::rules {

namespace {

void checkPeriod(const ir::Resource &R, const ValuePtr &V, Context &C) {
  std::optional<int64_t> Seconds = knownInt(V);
  if (!Seconds || *Seconds == 10 || *Seconds == 20 || *Seconds == 30 || (*Seconds > 0 && *Seconds % 60 == 0))
    return;
  if (*Seconds < 0 || *Seconds > 1000000000) {
    C.report(R, V, diag::AlarmPeriod, *Seconds, R.LogicalId);
    return;
  }
  int64_t Up = *Seconds <= 10 ? 10 : *Seconds <= 20 ? 20 : *Seconds <= 30 ? 30 : *Seconds / 60 * 60 + 60;
  C.reportWithFix(R, V, "use " + std::to_string(Up) + " seconds", std::to_string(Up), diag::AlarmPeriod,
                  *Seconds, R.LogicalId);
}

} // namespace

void checkAlarm(const ir::Resource &R, Context &C) {
  checkPeriod(R, prop(R, "Period"), C);
  for (const ValuePtr &Query : asList(prop(R, "Metrics")))
    checkPeriod(R, lookup(Query, "MetricStat.Period"), C);
  // At most 5 actions per state is the schema's maxItems: CFC2035 says it.
}

} // namespace cfc::rules
