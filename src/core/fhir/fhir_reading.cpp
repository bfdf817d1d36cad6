#include "core/fhir/fhir_reading.h"

#include "core/base/number_format.h"
#include "core/base/text.h"
#include "core/json/json_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace elig {

namespace {

constexpr std::string_view kUcum = "http://unitsofmeasure.org";

// The literal times a power of ten, exactly ("0.07" * 1000 is 70, not
// 70.00000000000001); other factors round to 15 significant digits, far
// below any lab's precision, so that the record shows the value an auditor
// would compute.
double convert(std::string_view literal, double number, double factor)
{
    if (factor == 1) return number;
    const double exponent = std::log10(factor);
    if (std::fabs(exponent - std::round(exponent)) < 1e-12 && std::fabs(exponent) < 30) {
        // -?digits(.digits)?(e±digits)? -> digits × 10^shift, shifted by the factor.
        std::string digits;
        long shift = std::lround(exponent);
        bool after_point = false;
        for (size_t i = 0; i < literal.size(); ++i) {
            const char ch = literal[i];
            if (ch == '-') {
                digits += ch;
            } else if (ch == '.') {
                after_point = true;
            } else if (ch == 'e' || ch == 'E') {
                // Clamped: "1e999999999999999999" must not overflow the shift.
                shift += std::clamp(std::strtol(std::string(literal.substr(i + 1)).c_str(), nullptr, 10), -100000L, 100000L);
                break;
            } else {
                if (!(digits.empty() || digits == "-") || ch != '0') digits += ch;  // no leading zeros
                shift -= after_point ? 1 : 0;
            }
        }
        if (digits.empty() || digits == "-") return 0;
        return parse_json_number(digits + "e" + std::to_string(shift));
    }
    char text[40];
    std::snprintf(text, sizeof text, "%.15g", number * factor);
    return parse_json_number(text);
}

// "Non-Reactive " -> "non-reactive": how result words are compared.
std::string lower_words(std::string_view text)
{
    std::string out;
    for (char c : text) {
        const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (space) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '.' || out.back() == '!')) out.pop_back();
    return out;
}

// The one rule for a Quantity's unit: its code when that is UCUM (or has
// no system), else its unit as written.
FhirNode quantity_unit(FhirNode quantity)
{
    const FhirNode code = quantity.get("code");
    const std::string_view system = quantity.get("system").str();
    if (!code.str().empty() && (system.empty() || system == kUcum)) return code;
    return quantity.get("unit");
}

FhirUse use_of(FhirSkipReason reason) { return fhir_skip_blocks(reason) ? FhirUse::blocking : FhirUse::ignored; }

uint32_t index_of(FhirNode node) { return node.is(JsonItem::Type::string) || node.is(JsonItem::Type::number) || node.is(JsonItem::Type::boolean) ? node.index() : 0; }

} // namespace

void FhirReading::refuse(FhirSkipReason why, std::string text, std::vector<std::pair<std::string, std::string>> with)
{
    use = use_of(why);
    reason = why;
    FhirReadingNote n = note ? *note : FhirReadingNote();
    n.detail = std::move(text);
    n.params = std::move(with);
    note = std::make_shared<const FhirReadingNote>(std::move(n));
}

void FhirReading::show_value(std::string text)
{
    FhirReadingNote n = note ? *note : FhirReadingNote();
    n.shown_value = std::move(text);
    note = std::make_shared<const FhirReadingNote>(std::move(n));
}

const std::string& FhirReading::detail() const
{
    static const std::string kNone;
    return note ? note->detail : kNone;
}

const std::vector<std::pair<std::string, std::string>>& FhirReading::params() const
{
    static const std::vector<std::pair<std::string, std::string>> kNone;
    return note ? note->params : kNone;
}

FhirReading FhirReader::observation(uint32_t r, uint32_t coding, const FhirFieldMap& map, bool look_alike) const
{
    FhirReading reading;
    reading.resource = r;
    reading.coding = coding;
    const bool dated = date(reading);
    const FhirNode obs = doc_.node(r);
    if (look_alike) {
        const std::string code = coding_key(doc_.at(coding));
        const FhirCodeNote* note = map.look_alike(code);
        reading.refuse(FhirSkipReason::look_alike_code, code + " is " + note->why, {{"why", note->why}});
    } else if (doc_.subject(r).empty()) {
        reading.refuse(FhirSkipReason::no_subject, "the Observation names no patient (no subject reference)");
    } else if (const std::string_view status = obs.get("status").str();
               std::find(mapping_.accepted_status.begin(), mapping_.accepted_status.end(), status) == mapping_.accepted_status.end()) {
        const bool no_result = status == "registered" || status == "cancelled" || status == "entered-in-error";
        reading.refuse(no_result ? FhirSkipReason::status_no_result : FhirSkipReason::status_not_final,
                       "status " + (status.empty() ? std::string("missing") : in_quotes(status)) + " is not a final result", {{"status", std::string(status)}});
    } else if (dated) {
        if (map.kind == FhirFieldKind::quantity) read_quantity(map, obs, reading);
        else read_finding(map, obs, reading);
    }
    return reading;
}

// effective[x], else the panel or report holding it (nearest first), else
// its own issued. Refuses the reading when there is none or it is not usable.
bool FhirReader::date(FhirReading& reading) const
{
    auto effective = [&](FhirNode node, const char*& element) -> FhirNode {
        static const char* const kPaths[][3] = {{"effectiveDateTime", nullptr, "effectiveDateTime"},
                                                {"effectiveInstant", nullptr, "effectiveInstant"},
                                                {"effectivePeriod", "end", "effectivePeriod.end"},
                                                {"effectivePeriod", "start", "effectivePeriod.start"}};
        for (const auto& p : kPaths) {
            FhirNode value = node.get(p[0]);
            if (p[1]) value = value.get(p[1]);
            if (!value.str().empty()) {
                element = p[2];
                return value;
            }
        }
        return {};
    };
    const char* element = "";
    FhirNode found = effective(doc_.node(reading.resource), element);
    std::vector<uint32_t> level(doc_.holders(reading.resource).begin(), doc_.holders(reading.resource).end());
    for (int depth = 0; !found && !level.empty() && depth < 4; ++depth) {
        std::vector<uint32_t> next;
        for (uint32_t holder : level) {
            const char* holder_element = "";
            const FhirNode holder_date = effective(doc_.node(holder), holder_element);
            if (!holder_date) {
                const auto above = doc_.holders(holder);
                next.insert(next.end(), above.begin(), above.end());
            } else if (!found) {
                found = holder_date;
                reading.date_holder = static_cast<int32_t>(holder);
                element = holder_element;
            } else if (holder_date.str() != found.str()) {
                const std::string first(found.str()), second(holder_date.str());
                reading.refuse(FhirSkipReason::ambiguous_date,
                               "it is held by " + doc_.key(static_cast<size_t>(reading.date_holder)) + " (" + first + ") and " + doc_.key(holder) + " (" + second + ")",
                               {{"dates", first + ", " + second}});
                reading.date_holder = -1;  // no date is used
                return false;
            }
        }
        std::sort(next.begin(), next.end());  // panels holding each other: each once
        next.erase(std::unique(next.begin(), next.end()), next.end());
        level = std::move(next);
    }
    if (!found) {
        found = doc_.node(reading.resource).get("issued");
        if (found.str().empty()) found = {};
        else element = "issued";
    }
    reading.date = found ? found.index() : 0;
    reading.date_element = element;
    if (!found) {
        reading.refuse(FhirSkipReason::no_date, "no date: no effective[x], no dated panel or report holding it, no issued");
        return false;
    }
    const std::string_view text = found.str();
    reading.time = parse_fhir_time(text);
    const std::string as_of = format_iso_date(as_of_);
    if (!reading.time.valid)
        reading.refuse(FhirSkipReason::no_date, "unreadable date " + in_quotes(text) + " (" + source(reading).date_source + ")", {{"date", std::string(text)}});
    else if (reading.time.first_day > as_of_)
        reading.refuse(FhirSkipReason::after_as_of, "dated " + std::string(text) + ", after " + as_of, {{"date", std::string(text)}, {"as_of", as_of}});
    else if (reading.time.last_day > as_of_)
        reading.refuse(FhirSkipReason::imprecise_date, "dated " + std::string(text) + ": maybe after " + as_of, {{"date", std::string(text)}, {"as_of", as_of}});
    return reading.use == FhirUse::usable;
}

// The record reader's own rule (FieldDef::check_number): a value it would
// refuse is not imported.
void FhirReader::check_value(const FieldDef& field, FhirReading& reading) const
{
    FhirValue& v = reading.value;
    v.number = v.given * (field.units.empty() ? 1.0 : field.unit_at(v.unit).to_canonical);
    v.state = Value::State::known;
    const ValueProblem problem = field.check_number(v.given, v.number);
    if (problem == ValueProblem::none) return;
    const std::string unit = field.unit.empty() ? "" : " " + field.unit;
    const std::string range = (field.min_exclusive ? "above " : "") + format_number(field.min) + "–" + format_number(field.max) + unit;
    reading.refuse(FhirSkipReason::out_of_range,
                   problem == ValueProblem::not_whole ? format_number(v.given) + " is not a whole number"
                                                      : format_number(v.number) + unit + " is outside the plausible range " + range,
                   {{"value", format_number(v.number)}, {"range", range}});
}

void FhirReader::read_quantity(const FhirFieldMap& map, FhirNode obs, FhirReading& reading) const
{
    for (const FhirCodeNote& refused : map.refuse_components) {
        bool present = false;
        obs.get("component").each([&](FhirNode component) {
            component.get("code").get("coding").each([&](FhirNode coding) { present |= coding_key(coding) == refused.code; });
        });
        if (present)
            return reading.refuse(FhirSkipReason::refused_component, "it has a component " + refused.code + ": " + refused.why,
                                  {{"component", refused.code}, {"why", refused.why}});
    }
    if (const FhirNode quantity = obs.get("valueQuantity")) {
        quantity_value(map, quantity, reading, "valueQuantity");
    } else if (const FhirNode integer = obs.get("valueInteger"); integer.is(JsonItem::Type::number)) {
        reading.element = "valueInteger";
        reading.value_item = integer.index();
        const FhirUnitRule* rule = map.unit("");
        if (!rule) return reading.refuse(FhirSkipReason::unknown_unit, "an integer without a unit", {{"unit", ""}});
        reading.value.unit = rule->to;
        reading.value.given = integer.number();
    } else if (const FhirNode cc = obs.get("valueCodeableConcept")) {
        reading.element = "valueCodeableConcept";
        bool found = false;
        cc.get("coding").each([&](FhirNode coding) {
            const std::string key = coding_key(coding);
            for (const auto& [answer, number] : map.answers)
                if (!key.empty() && answer == key && !found) {
                    found = true;
                    reading.show_value(key);
                    reading.value.given = number;
                }
        });
        if (!found) return reading.refuse(FhirSkipReason::unrecognized_result, "a coded answer the mapping does not know", {{"result", std::string(cc.get("text").str())}});
    } else if (obs.get("dataAbsentReason") || !obs.get("valueString")) {
        return reading.refuse(FhirSkipReason::no_value, "no value", {{"data_absent_reason", std::string(obs.get("dataAbsentReason").get("text").str())}});
    } else {
        reading.element = "valueString";
        reading.value_item = index_of(obs.get("valueString"));
        return reading.refuse(FhirSkipReason::unusable_value_type, "a text value " + in_quotes(obs.get("valueString").str()) + " where a number is expected",
                              {{"type", "valueString"}});
    }
    if (reading.use == FhirUse::usable) check_value(trial_.field(map.field_index), reading);
}

// A Quantity: its value, comparator and unit (quantity_unit). A ULN without
// a unit of its own is in the value's (`unitless_as`).
bool FhirReader::quantity_value(const FhirFieldMap& map, FhirNode quantity, FhirReading& reading, const char* element, uint32_t unitless_as) const
{
    const FhirNode value = quantity.get("value");
    reading.element = element;
    reading.value_item = value.is(JsonItem::Type::number) ? value.index() : 0;
    reading.unit = index_of(quantity.get("unit"));
    reading.unit_code = index_of(quantity.get("code"));
    if (!value.is(JsonItem::Type::number)) {
        reading.refuse(FhirSkipReason::no_value, std::string(element) + " has no number");
        return false;
    }
    if (const std::string_view comparator = quantity.get("comparator").str(); !comparator.empty()) {
        reading.refuse(FhirSkipReason::comparator, std::string(comparator) + std::string(value.literal()) + " is a bound, not a value",
                       {{"comparator", std::string(comparator)}, {"value", std::string(value.literal())}});
        return false;
    }
    const FhirNode unit = quantity_unit(quantity);
    reading.sent_unit = index_of(unit);
    if (quantity.get("code").str().empty() && quantity.get("unit").str().empty() && unitless_as) reading.sent_unit = unitless_as;
    const std::string_view sent = sent_unit(reading);
    const FhirUnitRule* rule = map.unit(sent);
    if (!rule) {
        std::string accepted;
        for (const FhirUnitRule& u : map.units) accepted += (accepted.empty() ? "" : ", ") + (u.from.empty() ? std::string("(none)") : u.from);
        reading.refuse(FhirSkipReason::unknown_unit, "unit " + in_quotes(sent) + " is not one the mapping converts (" + accepted + ")",
                       {{"unit", std::string(sent)}, {"accepted", accepted}});
        return false;
    }
    reading.value.unit = rule->to;
    reading.value.given = convert(value.literal(), value.number(), rule->factor);
    const std::vector<Unit>& units = trial_.field(map.field_index).units;
    if (rule->factor != 1 || (!units.empty() && units[static_cast<size_t>(rule->to)].name != sent)) {  // "IU/L" -> "U/L" is shown too
        reading.converted = true;
        reading.factor = rule->factor;
    }
    return true;
}

// A qualitative result: every carrier the mapping knows (the coded value,
// a text value, a true/false value, the interpretation) must agree.
void FhirReader::read_finding(const FhirFieldMap& map, FhirNode obs, FhirReading& reading) const
{
    const FhirResultSet& set = mapping_.result_sets[static_cast<size_t>(map.result_set)];
    int result = -1;
    if (obs.get("valueQuantity")) {
        if (!map.above_reference_high)
            return reading.refuse(FhirSkipReason::unusable_value_type, "a quantity where a qualitative result is expected", {{"type", "valueQuantity"}});
        result = finding_above_high(obs, reading);
        if (reading.use != FhirUse::usable) return;
    } else {
        std::string seen;
        result = verdict(set, obs, reading, seen);
        if (reading.use != FhirUse::usable) return;
        if (result < 0 && seen.empty()) return reading.refuse(FhirSkipReason::no_value, "no result");
        if (result < 0) return reading.refuse(FhirSkipReason::unrecognized_result, "the result " + in_quotes(seen) + " is not one the mapping knows", {{"result", seen}});
    }
    const std::string code = coding_key(doc_.at(reading.coding));
    for (const FhirLimit& limit : map.limits)
        if (limit.positive == (result == 1) && (limit.code.empty() || limit.code == code))
            return reading.refuse(FhirSkipReason::result_not_usable, std::string(result ? "a positive" : "a negative") + " result: " + limit.why,
                                  {{"result", result ? "positive" : "negative"}, {"why", limit.why}});
    reading.value.state = Value::State::known;
    reading.value.boolean = result == 1;
}

// A quantity against the Observation's referenceRange.high (HBV DNA above
// normal): 1 above, 0 not, -1 when it cannot be said (the reading refused).
int FhirReader::finding_above_high(FhirNode obs, FhirReading& reading) const
{
    const FhirNode quantity = obs.get("valueQuantity");
    const FhirNode value = quantity.get("value");
    reading.element = "valueQuantity";
    reading.value_item = value.is(JsonItem::Type::number) ? value.index() : 0;
    reading.unit = index_of(quantity.get("unit"));
    reading.unit_code = index_of(quantity.get("code"));
    const std::string_view unit = quantity_unit(quantity).str();
    std::vector<double> highs;
    obs.get("referenceRange").each([&](FhirNode range) {
        const FhirNode high = range.get("high");
        const std::string_view high_unit = quantity_unit(high).str();
        if (high.get("value").is(JsonItem::Type::number) && (high_unit.empty() || high_unit == unit)) highs.push_back(high.get("value").number());
    });
    if (!value.is(JsonItem::Type::number)) {
        reading.refuse(FhirSkipReason::no_value, "valueQuantity has no number");
        return -1;
    }
    if (highs.empty()) {
        reading.refuse(FhirSkipReason::no_reference_range, "no referenceRange.high in " + in_quotes(unit) + " to compare the value with");
        return -1;
    }
    if (std::adjacent_find(highs.begin(), highs.end(), std::not_equal_to<>()) != highs.end()) {
        reading.refuse(FhirSkipReason::ambiguous_reference_range, "several different referenceRange.high");
        return -1;
    }
    const std::string_view comparator = quantity.get("comparator").str();
    const double v = value.number(), high = highs.front();
    const std::string literal(value.literal());
    int result = -1;
    if (comparator.empty()) result = v > high ? 1 : 0;
    else if ((comparator == "<" || comparator == "<=") && v <= high) result = 0;
    else if ((comparator == ">" || comparator == ">=") && v >= high) result = 1;
    if (result < 0) {
        reading.refuse(FhirSkipReason::comparator, std::string(comparator) + literal + " cannot be compared with " + format_number(high),
                       {{"comparator", std::string(comparator)}, {"value", literal}});
        return -1;
    }
    reading.show_value(std::string(comparator) + literal + " (referenceRange.high " + format_number(high) + ")");
    return result;
}

// 1 positive, 0 negative, -1 none; `seen` collects what was read.
int FhirReader::verdict(const FhirResultSet& set, FhirNode obs, FhirReading& reading, std::string& seen) const
{
    bool said[2] = {false, false};
    bool shown = false;  // the first carrier read is the one the source shows
    auto show = [&](const char* element, FhirNode node, std::string text) {
        if (shown) return;
        shown = true;
        reading.element = element;
        if (node) reading.value_item = node.index();
        else reading.show_value(std::move(text));
    };
    auto word = [&](FhirNode node, const char* element) {
        const std::string_view text = node.str();
        if (text.empty()) return;
        const std::string w = lower_words(text);
        seen += (seen.empty() ? "" : "; ") + std::string(text);
        show(element, node, {});
        for (int side = 0; side < 2; ++side)
            for (const std::string& known : set.words[side]) said[side] |= known == w;
    };
    auto coded = [&](FhirNode cc, const char* element, bool note_unknown) {
        cc.get("coding").each([&](FhirNode coding) {
            const std::string key = coding_key(coding);
            if (key.empty()) return;  // no system or no code: nothing to match, nothing to show
            bool known = false;
            for (int side = 0; side < 2; ++side)
                for (const std::string& k : set.codes[side])
                    if (k == key) said[side] = known = true;
            if (known || note_unknown) {
                seen += (seen.empty() ? "" : "; ") + key;
                show(element, {}, key);
            }
        });
        if (note_unknown) word(cc.get("text"), element);
    };
    coded(obs.get("valueCodeableConcept"), "valueCodeableConcept", true);
    word(obs.get("valueString"), "valueString");
    if (const FhirNode b = obs.get("valueBoolean"); b.is(JsonItem::Type::boolean)) {
        said[b.boolean() ? 1 : 0] = true;
        seen += (seen.empty() ? "" : "; ") + std::string(b.boolean() ? "true" : "false");
        show("valueBoolean", b, {});
    }
    obs.get("interpretation").each([&](FhirNode cc) { coded(cc, "interpretation", false); });
    if (said[0] && said[1]) {
        reading.refuse(FhirSkipReason::contradictory_result, "the result says both positive and negative: " + seen, {{"results", seen}});
        return -1;
    }
    return said[1] ? 1 : said[0] ? 0 : -1;
}

bool FhirReader::patient(uint32_t r, const FhirFieldMap& map, FhirReading& out) const
{
    const char* element = map.kind == FhirFieldKind::birth_date ? "birthDate" : "gender";
    const FhirNode node = doc_.node(r).get(element);
    const std::string_view text = node.str();
    if (text.empty()) return false;
    out = FhirReading();
    out.resource = r;
    out.element = element;
    out.value_item = node.index();
    out.value.state = Value::State::known;
    if (map.kind == FhirFieldKind::birth_date) {
        if (const auto day = parse_iso_date(text)) out.value.date = *day;
        else if (parse_fhir_time(text).valid && text.size() < 10)
            out.refuse(FhirSkipReason::partial_birth_date, "birthDate " + in_quotes(text) + " is not a whole date", {{"birth_date", std::string(text)}});
        else
            out.refuse(FhirSkipReason::no_value, "birthDate " + in_quotes(text) + " is not a date", {{"birth_date", std::string(text)}});
        return true;
    }
    for (const auto& [gender, index] : map.gender_values)
        if (gender == text) {
            out.value.enum_index = index;
            return true;
        }
    std::string known;
    for (const auto& [gender, index] : map.gender_values) known += (known.empty() ? "" : ", ") + gender;
    out.refuse(FhirSkipReason::gender_unmapped, "gender " + in_quotes(text) + " is not one " + map.field + " can hold (" + known + ")", {{"gender", std::string(text)}});
    return true;
}

FhirReading FhirReader::uln_of(const FhirReading& chosen) const
{
    FhirReading base;
    base.resource = chosen.resource;
    base.coding = chosen.coding;
    base.element = "referenceRange.high";
    base.date = chosen.date;
    base.date_holder = chosen.date_holder;
    base.date_element = chosen.date_element;
    base.time = chosen.time;
    return base;
}

std::vector<FhirReading> FhirReader::reference_highs(const FhirReading& chosen, const FhirFieldMap& map, const FieldDef& uln) const
{
    std::vector<FhirReading> found;
    doc_.node(chosen.resource).get("referenceRange").each([&](FhirNode range) {
        bool normal = true;  // a range typed otherwise (therapeutic, ...) is not a ULN
        range.get("type").get("coding").each([&](FhirNode coding) { normal &= coding.get("code").str() == "normal"; });
        if (!normal || !range.get("high")) return;
        FhirReading high = uln_of(chosen);
        if (quantity_value(map, range.get("high"), high, "referenceRange.high", chosen.sent_unit)) check_value(uln, high);
        found.push_back(std::move(high));
    });
    return found;
}

std::string_view FhirReader::sent_unit(const FhirReading& reading) const { return doc_.at(reading.sent_unit).str(); }

FhirSource FhirReader::source(const FhirReading& reading) const
{
    FhirSource s;
    const size_t r = reading.resource;
    s.resource = doc_.key(r);
    s.full_url = doc_.full_url(r);
    s.path = doc_.path(r);
    if (reading.coding) {
        const FhirNode coding = doc_.at(reading.coding);
        s.code = coding_key(coding);
        s.display = coding.get("display").str();
    }
    s.element = reading.element;
    if (reading.note && !reading.note->shown_value.empty()) s.value = reading.note->shown_value;
    else if (const FhirNode value = doc_.at(reading.value_item); value.is(JsonItem::Type::boolean)) s.value = value.boolean() ? "true" : "false";
    else s.value = value.is(JsonItem::Type::number) ? value.literal() : value.str();
    s.unit = doc_.at(reading.unit).str();
    s.unit_code = doc_.at(reading.unit_code).str();
    s.date = doc_.at(reading.date).str();
    if (reading.date_holder >= 0) s.date_source = doc_.key(static_cast<size_t>(reading.date_holder)) + " " + reading.date_element;
    else s.date_source = reading.date_element;
    return s;
}

} // namespace elig
