// libFuzzer target: a patient record, as JSON text, through reading,
// validation, evaluation and both outputs. Properties checked on every
// input: the reader agrees with nlohmann/json on what is JSON; the record
// reader's direct path and its general one read it alike; a valid record's
// verdict is valid JSON; saving and re-reading it changes nothing.
#include "bundled/bundled_loaded.h"
#include "core/eval/evaluate.h"
#include "core/json/json_reader.h"
#include "core/records/record_json.h"
#include "core/records/record_reader.h"
#include "core/report/text_report.h"
#include "core/report/verdict_json.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

const elig::Trial& trial() { return elig::loaded_bundled_trial(); }

[[noreturn]] void fail(const char* what, std::string_view input)
{
    std::fprintf(stderr, "property violated: %s\ninput: %.*s\n", what, static_cast<int>(input.size()), input.data());
    std::abort();
}

// The text with its first key's first letter escaped ("a" as \u0061): the
// same JSON, which the record reader's direct path leaves to its general
// one (RecordReader::read()). "" when the text has no such key. (Were that
// quote to close a string instead, a letter after it makes both texts
// invalid JSON, and alike.)
std::string with_first_key_escaped(std::string_view text)
{
    const size_t brace = text.find('{');
    const size_t quote = brace == std::string_view::npos ? brace : text.find_first_not_of(" \t\r\n", brace + 1);
    if (quote == std::string_view::npos || text[quote] != '"' || quote + 1 >= text.size()) return "";
    const char letter = text[quote + 1];
    if (letter < 'a' || letter > 'z') return "";
    char escape[8];
    std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(letter));
    return std::string(text.substr(0, quote + 1)) + escape + std::string(text.substr(quote + 2));
}

bool same_value(const elig::FieldValue& x, const elig::FieldValue& y)
{
    if (x.state != y.state) return false;
    return !x.known() || (x.boolean == y.boolean && x.enum_index == y.enum_index && x.date == y.date && std::memcmp(&x.number, &y.number, sizeof x.number) == 0 &&
                          std::memcmp(&x.given, &y.given, sizeof x.given) == 0 && x.unit == y.unit && x.text == y.text);
}

// The two paths agree on validity, every value, and every error (but a
// syntax error's column, which the escape moves).
void check_paths_agree(std::string_view text)
{
    const std::string twin = with_first_key_escaped(text);
    if (twin.empty()) return;
    elig::RecordReader reader(trial());
    elig::Record a, b;
    std::vector<elig::InputError> errors_a, errors_b;
    const bool valid_a = reader.read(text, a, errors_a);
    const bool valid_b = reader.read(twin, b, errors_b);
    if (valid_a != valid_b || errors_a.size() != errors_b.size()) fail("the record reader's two paths disagree on validity", text);
    for (size_t e = 0; e < errors_a.size(); ++e)
        if (errors_a[e].field != errors_b[e].field || errors_a[e].code != errors_b[e].code ||
            (errors_a[e].code != elig::Msg::error_not_json && errors_a[e].message != errors_b[e].message))
            fail("the record reader's two paths report different errors", text);
    if (!valid_a) return;
    for (size_t f = 0; f < a.values.size(); ++f)
        if (!same_value(a.values[f], b.values[f])) fail("the record reader's two paths read a value differently", text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    // Differential: the record reader and nlohmann/json accept the same JSON,
    // but for numbers beyond double range (kept, for the range check to
    // refuse) and nesting deeper than 32 (refused here, never in a record).
    // (nlohmann/json stops reading at a NUL byte and ignores what follows;
    // RFC 8259 allows no NUL outside strings, and inside them only escaped,
    // so this reader refuses such input: compare only NUL-free input.)
    elig::JsonDocument doc;
    const bool ours = elig::read_json(text, doc);
    const bool has_nul = text.find('\0') != std::string_view::npos;
    const bool theirs = !has_nul && nlohmann::json::accept(text);
    if (ours && !theirs) {
        bool overflow = false;
        for (const elig::JsonItem& item : doc.items) overflow |= item.type() == elig::JsonItem::Type::number && std::isinf(doc.number(item));
        if (!overflow) fail("read_json accepted what nlohmann/json rejects", text);
    }
    if (!ours && theirs && doc.error.code != elig::JsonErrorCode::nested_too_deeply) fail("read_json rejected what nlohmann/json accepts", text);
    if (ours && has_nul) fail("read_json accepted a NUL byte outside a string", text);

    check_paths_agree(text);

    elig::RecordReader reader(trial());
    elig::Record record;
    std::vector<elig::InputError> errors;
    if (!reader.read(text, record, errors)) {
        for (const elig::InputError& e : errors)
            if (e.message.empty()) fail("an input error without a message", text);
        return 0;
    }
    elig::Evaluation ev;
    elig::evaluate(trial(), record, ev);
    std::string verdict;
    elig::VerdictWriter writer(trial());
    writer.write(record, ev, verdict);
    if (!nlohmann::json::accept(verdict)) fail("the verdict is not valid JSON", text);
    (void)elig::text_report(trial(), record, ev);

    // The saved form of the record reads back to the same verdict.
    const std::string saved = elig::write_record_json(trial(), record);
    elig::Record again;
    if (!reader.read(saved, again, errors)) fail("the saved record does not read back", text);
    elig::Evaluation ev2;
    elig::evaluate(trial(), again, ev2);
    std::string verdict2;
    writer.write(again, ev2, verdict2);
    if (verdict != verdict2) fail("the saved record gives another verdict", text);
    return 0;
}
