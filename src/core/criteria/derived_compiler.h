// Loading a criteria file's derived values ("derived": age from a birth
// date, multiples of ULN, creatinine clearance, implied values): one
// function per derived-value function, found through a table, each
// checking that its arguments exist, come earlier, and have the right type.
//
// Example:
//   std::vector<LoadError> errors;
//   CriteriaReader reader(errors);
//   Trial draft;                                   // being loaded (trial_loader.h does it all)
//   RuleCompiler rules(draft, reader);
//   DerivedCompiler compiler(draft, reader, rules);
//   compiler.load(root["derived"], "/derived");
//   // {"id": "alt_multiple", "function": "multiple_of_uln",
//   //  "args": {"value": "alt", "uln": "alt_uln", "multiple": "alt_x_uln"}}
//   draft.derived[1].function;   // DerivedFunction::multiple_of_uln, slots of alt, alt_uln, alt_x_uln
#pragma once
#include "core/criteria/criteria_reader.h"
#include "core/criteria/rule_compiler.h"
#include "core/model/trial.h"

namespace elig {

class DerivedCompiler {
public:
    DerivedCompiler(Trial& trial, CriteriaReader& reader, RuleCompiler& rules) : trial_(trial), reader_(reader), rules_(rules) {}

    // Appends each derived value of `list` (at `path`) to trial.derived.
    void load(const Json& list, const std::string& path);

private:
    // One derived value's arguments being read: {"args": {...}} at `path`.
    struct Args {
        const Json& json;
        std::string path;
        int self = 0;  // the derived value's own slot: arguments must come before it
    };
    struct Function;
    static const Function kFunctions[];

    Trial& trial_;
    CriteriaReader& reader_;
    RuleCompiler& rules_;

    void load_one(const Json& entry, const std::string& at);
    int slot_argument(const Args& args, const char* key);
    void want_type(const Args& args, const char* key, int slot, FieldType type, const char* what);

    void completed_years(const Args& args, DerivedDef& def);
    void multiple_of_uln(const Args& args, DerivedDef& def);
    void cockcroft_gault_unless_measured(const Args& args, DerivedDef& def);
    void implied_value(const Args& args, DerivedDef& def);
};

} // namespace elig
