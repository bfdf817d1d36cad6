// The last stage of loading a criteria file: for each rule node, whether it
// reads the same record fields whatever the record holds, and which. The
// verdict writer then lists a criterion's fields without walking its rule
// (most criteria read a fixed set); rules with an `if`, a time window or a
// derived value are walked per record (fields_read() in evaluate.h).
//
// Example:
//   Trial draft = trial;                      // the loader's last stage
//   plan_reads(draft);
//   const Node& rule = draft.node(draft.criteria[c].rule);
//   if (rule.reads_fixed_fields) list(rule.fixed_reads);   // inc_lvef: {lvef}
#pragma once
#include "core/model/trial.h"

namespace elig {

void plan_reads(Trial& trial);

} // namespace elig
