#include "core/criteria/derived_compiler.h"

namespace elig {

struct DerivedCompiler::Function {
    const char* name;
    DerivedFunction function;
    const char* args[6];  // the argument keys it takes
    void (DerivedCompiler::*compile)(const Args& args, DerivedDef& def);
};

const DerivedCompiler::Function DerivedCompiler::kFunctions[] = {
    {"completed_years", DerivedFunction::completed_years, {"years", "birth_date", "at"}, &DerivedCompiler::completed_years},
    {"multiple_of_uln", DerivedFunction::multiple_of_uln, {"value", "uln", "multiple"}, &DerivedCompiler::multiple_of_uln},
    {"cockcroft_gault_unless_measured", DerivedFunction::cockcroft_gault_unless_measured,
     {"measured", "age", "weight_kg", "sex", "female", "creatinine"}, &DerivedCompiler::cockcroft_gault_unless_measured},
    {"implied_value", DerivedFunction::implied_value, {"field", "when", "value"}, &DerivedCompiler::implied_value},
};

void DerivedCompiler::load(const Json& list, const std::string& path)
{
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string at = path + "/" + std::to_string(i);
        if (reader_.expect_object(list[i], at)) load_one(list[i], at);
    }
}

void DerivedCompiler::load_one(const Json& entry, const std::string& at)
{
    reader_.only_keys(entry, at, {"id", "function", "label", "unit", "args"});
    DerivedDef def;
    def.id = reader_.text_member(entry, "id", at);
    def.label = reader_.text_member(entry, "label", at);
    def.unit = reader_.string_member(entry, "unit", at, false);
    def.unit_label = def.unit;
    const std::string function = reader_.text_member(entry, "function", at);
    const int self = static_cast<int>(trial_.fields.size() + trial_.derived.size());
    const Json* args = reader_.member(entry, "args", at, true);
    if (args && reader_.expect_object(*args, at + "/args")) {
        const Function* found = nullptr;
        for (const Function& candidate : kFunctions)
            if (function == candidate.name) found = &candidate;
        if (found) {
            const Args arguments{*args, at + "/args", self};
            int count = 0;
            while (count < 6 && found->args[count]) ++count;
            reader_.only_keys(*args, arguments.path, std::span<const char* const>(found->args, static_cast<size_t>(count)));
            def.function = found->function;
            (this->*found->compile)(arguments, def);
        } else if (!function.empty()) {
            reader_.error(at + "/function", "unknown function " + in_quotes(function) +
                                                " (expected completed_years, multiple_of_uln, cockcroft_gault_unless_measured or implied_value)");
        }
        if (!def.id.empty()) {
            if (!is_identifier(def.id)) reader_.error(at + "/id", "derived ids are lower-case letters, digits and _");
            if (!trial_.slot_by_id.emplace(def.id, self).second) reader_.error(at + "/id", "duplicate id " + in_quotes(def.id));
        }
    }
    trial_.derived.push_back(std::move(def));
}

// An argument naming a field or an earlier derived value.
int DerivedCompiler::slot_argument(const Args& args, const char* key)
{
    const std::string id = reader_.string_member(args.json, key, args.path, true);
    if (id.empty()) return -1;
    const int slot = trial_.find_slot(id);
    if (slot < 0) {
        reader_.error(args.path + "/" + key, "unknown field " + in_quotes(id));
        return -1;
    }
    if (slot >= args.self) {
        reader_.error(args.path + "/" + key, in_quotes(id) + " is defined later; a derived value may use only fields and earlier derived values");
        return -1;
    }
    return slot;
}

void DerivedCompiler::want_type(const Args& args, const char* key, int slot, FieldType type, const char* what)
{
    if (slot >= 0 && trial_.slot_type(slot) != type) reader_.error(args.path + "/" + key, in_quotes(trial_.slot_id(slot)) + " must be " + what);
}

void DerivedCompiler::completed_years(const Args& args, DerivedDef& def)
{
    def.years = slot_argument(args, "years");
    def.birth_date = slot_argument(args, "birth_date");
    def.at = slot_argument(args, "at");
    want_type(args, "years", def.years, FieldType::number, "a number field");
    want_type(args, "birth_date", def.birth_date, FieldType::date, "a date field");
    want_type(args, "at", def.at, FieldType::date, "a date field");
    if (def.years >= 0 && !trial_.is_field(def.years)) reader_.error(args.path + "/years", "must be a record field");
}

void DerivedCompiler::multiple_of_uln(const Args& args, DerivedDef& def)
{
    def.value = slot_argument(args, "value");
    def.uln = slot_argument(args, "uln");
    def.multiple = slot_argument(args, "multiple");
    for (auto [key, slot] : {std::pair{"value", def.value}, {"uln", def.uln}, {"multiple", def.multiple}}) {
        want_type(args, key, slot, FieldType::number, "a number field");
        if (slot >= 0 && !trial_.is_field(slot)) reader_.error(args.path + "/" + key, "must be a record field");
    }
    if (trial_.is_field(def.value) && trial_.is_field(def.uln) && trial_.field(def.value).unit != trial_.field(def.uln).unit)
        reader_.error(args.path + "/uln", "the value and its ULN must share a canonical unit");
}

void DerivedCompiler::cockcroft_gault_unless_measured(const Args& args, DerivedDef& def)
{
    def.measured = slot_argument(args, "measured");
    def.age = slot_argument(args, "age");
    def.weight_kg = slot_argument(args, "weight_kg");
    def.sex = slot_argument(args, "sex");
    def.creatinine = slot_argument(args, "creatinine");
    want_type(args, "measured", def.measured, FieldType::number, "a number field");
    want_type(args, "age", def.age, FieldType::number, "a number");
    want_type(args, "weight_kg", def.weight_kg, FieldType::number, "a number field");
    want_type(args, "creatinine", def.creatinine, FieldType::number, "a number field");
    if (trial_.is_field(def.weight_kg) && trial_.field(def.weight_kg).unit != "kg")
        reader_.error(args.path + "/weight_kg", "the weight field's canonical unit must be kg");
    if (trial_.is_field(def.creatinine)) {
        for (const Unit& unit : trial_.field(def.creatinine).units)
            if (unit.name == "mg/dL") def.creatinine_per_mg_dl = unit.to_canonical;
        if (def.creatinine_per_mg_dl <= 0)
            reader_.error(args.path + "/creatinine", "the creatinine field must accept mg/dL (Cockcroft–Gault is defined in mg/dL)");
    }
    const std::string female = reader_.string_member(args.json, "female", args.path, true);
    if (const FieldDef* sex = trial_.enum_source(def.sex)) {
        for (size_t v = 0; v < sex->values.size(); ++v)
            if (sex->values[v].id == female) def.female_value = static_cast<int16_t>(v);
        if (def.female_value < 0) reader_.error(args.path + "/female", in_quotes(female) + " is not a value of " + in_quotes(sex->id));
    } else if (def.sex >= 0) {
        reader_.error(args.path + "/sex", "must be an enum field");
    }
}

void DerivedCompiler::implied_value(const Args& args, DerivedDef& def)
{
    def.field = slot_argument(args, "field");
    if (def.field >= 0 && !trial_.is_field(def.field)) reader_.error(args.path + "/field", "must be a record field");
    if (const Json* when = reader_.member(args.json, "when", args.path, true)) def.condition = rules_.compile(*when, args.path + "/when", args.self);
    const Json* value = reader_.member(args.json, "value", args.path, true);
    if (def.field >= 0 && trial_.slot_type(def.field) == FieldType::boolean) {
        if (value && !value->is_boolean()) reader_.error(args.path + "/value", "expected true or false (the field is yes/no)");
        else if (value) def.implied_bool = value->get<bool>();
    } else if (const FieldDef* source = trial_.enum_source(def.field)) {
        if (value && value->is_string())
            for (size_t v = 0; v < source->values.size(); ++v)
                if (source->values[v].id == value->get<std::string>()) def.implied_enum = static_cast<int16_t>(v);
        if (value && def.implied_enum < 0) reader_.error(args.path + "/value", "not a value of " + in_quotes(source->id));
    } else if (def.field >= 0) {
        reader_.error(args.path + "/field", "implied_value works on enum and yes/no fields");
    }
}

} // namespace elig
