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
#include "support/escaped_twin.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace {

const elig::Trial& trial() { return elig::loaded_bundled_trial(); }

[[noreturn]] void fail(const char* what, std::string_view input)
{
    std::fprintf(stderr, "property violated: %s\ninput: %.*s\n", what, static_cast<int>(input.size()), input.data());
    std::abort();
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

    // The record reader's direct path and its general one read it alike.
    {
        elig::RecordReader twins(trial());
        if (!elig_test::reads_differ(twins, text).empty()) fail("the record reader's two paths read it differently", text);
    }

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
