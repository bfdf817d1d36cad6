// Properties over random valid records (tests/property/record_generator):
// knowledge is monotonic, units do not matter, saving and reading back
// changes nothing, an eligible record has nothing missing, the record
// reader's two paths read alike. The generator is checked too: it must
// reach every field, unit, enum value and status.
#include "bundled/bundled_loaded.h"
#include "core/eval/evaluate.h"
#include "core/records/record_json.h"
#include "core/records/record_reader.h"
#include "core/report/verdict_json.h"
#include "property/record_generator.h"
#include "support/escaped_twin.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <set>
#include <string_view>

namespace {

using json = nlohmann::ordered_json;
using elig::Status;

constexpr int kRecords = 20000;

const elig::Trial& trial() { return elig::loaded_bundled_trial(); }

struct Verdict {
    elig::Record record;
    elig::Evaluation ev;
};

bool read(const std::string& text, Verdict& out, std::string* problem = nullptr)
{
    elig::RecordReader reader(trial());
    std::vector<elig::InputError> errors;
    if (!reader.read(text, out.record, errors)) {
        if (problem) *problem = errors.empty() ? "?" : errors[0].message;
        return false;
    }
    elig::evaluate(trial(), out.record, out.ev);
    return true;
}

std::string criterion_id(size_t c) { return trial().criteria[c].id; }

TEST(Properties, GeneratedRecordsAreValidAndReachEverything)
{
    elig_test::RecordGenerator generator(trial(), 1);
    std::set<std::string> fields, units, enum_values, statuses, overall;
    for (int i = 0; i < kRecords; ++i) {
        const std::string text = generator.next();
        Verdict v;
        std::string problem;
        ASSERT_TRUE(read(text, v, &problem)) << text << "\n" << problem;
        const json doc = json::parse(text);
        for (auto it = doc.begin(); it != doc.end(); ++it) {
            fields.insert(it.key());
            if (it.value().is_object()) units.insert(it.key() + ":" + it.value()["unit"].get<std::string>());
            if (it.value().is_string()) enum_values.insert(it.key() + "=" + it.value().get<std::string>());
        }
        for (size_t c = 0; c < trial().criteria.size(); ++c) statuses.insert(criterion_id(c) + ":" + elig::status_name(v.ev.criteria[c]));
        overall.insert(elig::status_name(v.ev.overall));
    }
    for (const elig::FieldDef& f : trial().fields) {
        EXPECT_TRUE(fields.count(f.id)) << "never generated: " << f.id;
        for (size_t u = 1; u < f.units.size(); ++u) EXPECT_TRUE(units.count(f.id + ":" + f.units[u].name)) << "never generated: " << f.id << " in " << f.units[u].name;
        for (const elig::EnumValue& e : f.values) EXPECT_TRUE(enum_values.count(f.id + "=" + e.id)) << "never generated: " << f.id << "=" << e.id;
        if (f.allow_none) {
            EXPECT_TRUE(enum_values.count(f.id + "=none")) << "never generated: " << f.id << "=none";
        }
    }
    for (const elig::Criterion& c : trial().criteria)
        for (const char* s : {"pass", "fail", "unknown"}) EXPECT_TRUE(statuses.count(c.id + ":" + s)) << c.id << " was never " << s;
    EXPECT_TRUE(statuses.count("inc_age:review"));
    EXPECT_EQ(overall.size(), 4u) << "every overall verdict occurs";
    std::printf("[ info ] %d records, %ld fields dropped to keep drafts valid\n", kRecords, generator.dropped_fields);
}

TEST(Properties, FillingInMissingFieldsOnlyResolvesUnknowns)
{
    elig_test::RecordGenerator generator(trial(), 2);
    uint64_t state = 7;
    auto coin = [&](int percent) { state = state * 6364136223846793005u + 1442695040888963407u; return static_cast<int>((state >> 33) % 100) < percent; };
    long checked = 0;
    for (int i = 0; i < kRecords; ++i) {
        const std::string full_text = generator.next();
        json partial = json::parse(full_text);
        std::vector<std::string> removed;
        for (auto it = partial.begin(); it != partial.end();) {
            if (coin(30)) {
                removed.push_back(it.key());
                it = partial.erase(it);
            } else {
                ++it;
            }
        }
        Verdict full, less;
        ASSERT_TRUE(read(full_text, full));
        std::string problem;
        ASSERT_TRUE(read(partial.dump(), less, &problem)) << "removing fields made a valid record invalid: " << problem;
        // The one exception: a measured clearance replaces a computed one.
        const int crcl = trial().find_slot("creatinine_clearance_used");
        const bool clearance_replaced = std::count(removed.begin(), removed.end(), "creatinine_clearance") &&
                                        less.ev.derived[static_cast<size_t>(crcl) - trial().fields.size()].computed;
        for (size_t c = 0; c < trial().criteria.size(); ++c) {
            const Status before = less.ev.criteria[c], after = full.ev.criteria[c];
            if (before == Status::unknown) continue;  // it may resolve either way
            if (clearance_replaced && criterion_id(c) == "inc_renal") continue;
            ASSERT_EQ(elig::status_name(before), elig::status_name(after))
                << criterion_id(c) << " changed when fields were filled in\nfull:    " << full_text << "\npartial: " << partial.dump();
            ++checked;
        }
        if (full.ev.overall == Status::pass) {
            ASSERT_TRUE(full.ev.missing.empty()) << full_text;
        }
        if (less.ev.overall == Status::pass) {
            ASSERT_TRUE(less.ev.missing.empty()) << partial.dump();
        }
    }
    std::printf("[ info ] %ld decided criteria stayed as they were when fields were filled in\n", checked);
}

TEST(Properties, TheSameRecordInOtherUnitsGivesTheSameVerdict)
{
    elig_test::RecordGenerator generator(trial(), 3);
    long converted = 0;
    for (int i = 0; i < kRecords; ++i) {
        const std::string text = generator.next();
        json doc = json::parse(text);
        for (auto it = doc.begin(); it != doc.end(); ++it) {
            const int slot = trial().find_slot(it.key());
            if (!trial().is_field(slot)) continue;
            const elig::FieldDef& field = trial().fields[static_cast<size_t>(slot)];
            if (field.units.size() < 2 || (!it.value().is_number() && !it.value().is_object())) continue;
            // Express the value in the next accepted unit.
            double canonical = it.value().is_object() ? it.value()["value"].get<double>() : it.value().get<double>();
            size_t from = 0;
            if (it.value().is_object())
                for (size_t u = 0; u < field.units.size(); ++u)
                    if (field.units[u].name == it.value()["unit"].get<std::string>()) from = u;
            canonical *= field.units[from].to_canonical;
            const size_t to = (from + 1 + static_cast<size_t>(i) % (field.units.size() - 1)) % field.units.size();
            it.value() = {{"value", canonical / field.units[to].to_canonical}, {"unit", field.units[to].name}};
            ++converted;
        }
        Verdict a, b;
        ASSERT_TRUE(read(text, a));
        std::string problem;
        ASSERT_TRUE(read(doc.dump(), b, &problem)) << problem << "\n" << doc.dump();
        ASSERT_EQ(elig::status_name(a.ev.overall), elig::status_name(b.ev.overall)) << text << "\n" << doc.dump();
        for (size_t c = 0; c < trial().criteria.size(); ++c) {
            ASSERT_EQ(elig::status_name(a.ev.criteria[c]), elig::status_name(b.ev.criteria[c])) << criterion_id(c) << "\n" << text << "\n" << doc.dump();
            ASSERT_TRUE(a.ev.criteria_missing[c] == b.ev.criteria_missing[c]) << criterion_id(c);
        }
    }
    std::printf("[ info ] %ld quantities re-expressed in another unit\n", converted);
}

TEST(Properties, SavingAndReadingBackChangesNothing)
{
    elig_test::RecordGenerator generator(trial(), 4);
    for (int i = 0; i < kRecords; ++i) {
        const std::string text = generator.next();
        Verdict first, second;
        ASSERT_TRUE(read(text, first));
        const std::string saved = elig::write_record_json(trial(), first.record, i % 2 == 0);
        std::string problem;
        ASSERT_TRUE(read(saved, second, &problem)) << problem << "\n" << saved;
        for (size_t f = 0; f < trial().fields.size(); ++f) {
            const elig::FieldValue& x = first.record.values[f];
            const elig::FieldValue& y = second.record.values[f];
            ASSERT_TRUE(x.state == y.state && x.boolean == y.boolean && x.enum_index == y.enum_index && x.date == y.date && x.number == y.number &&
                        x.given == y.given && x.unit == y.unit && x.text == y.text)
                << trial().fields[f].id << " changed\n" << text << "\n" << saved;
        }
        std::string verdict_a, verdict_b;
        elig::VerdictWriter writer(trial());
        writer.write(first.record, first.ev, verdict_a);
        writer.write(second.record, second.ev, verdict_b);
        ASSERT_EQ(verdict_a, verdict_b);
        ASSERT_EQ(elig::write_record_json(trial(), second.record), elig::write_record_json(trial(), first.record));  // a fixed point
    }
}

// Every text here has a twin (tests/support/escaped_twin.h).
void expect_read_alike(elig::RecordReader& reader, const std::string& text)
{
    ASSERT_FALSE(elig_test::with_first_key_escaped(text).empty()) << text;
    ASSERT_EQ(elig_test::reads_differ(reader, text), "") << text;
}

// The record reader reads a plain record directly and anything else as a
// JSON document (RecordReader::read()); both must read every text alike.
// Escaping the first key's first letter ("a" as \u0061) keeps what the JSON
// means but sends it down the general path, so a text and its escaped twin
// must agree on validity, on every value, and on every error (but for a
// syntax error's column, which the escape moves five bytes on). The texts
// are random valid records, each also broken at a random place after the
// first key by a byte or a value a reader must take apart rightly.
TEST(Properties, TheRecordReadersTwoPathsReadAlike)
{
    // Bytes and values that a scanner must take apart rightly: JSON's
    // punctuation, broken numbers and literals, escapes good and bad,
    // control, non-ASCII and invalid UTF-8 bytes, values of every type.
    const std::vector<std::string> breaks = {
        "\"", "\\", "{", "}", "[", "]", ":", ",", " ", "\t", "\r\n", "0", "-", ".", "e", "+", "00", "-0", "1e999", "0.5e-3", "1.", "-.5",
        "null", "nul", "true", "tru", "false", "\"none\"", "\"\\u00e9\"", "\"\\ud83d\\ude00\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\x\"",
        "\"\\u12\"", "\x01", "\x7f", "\xc3\xa9", "\xe4\xb8\xad", "\xff", "\xc0\xaf", "\xed\xa0\x80", "\xef\xbb\xbf", "{\"value\": 7, \"unit\": \"g/dL\"}",
        "{\"unit\": \"g/L\", \"value\": 70}", "{\"value\": 7}", "{\"value\": 7, \"unit\": \"g/L\", \"value\": 8}", "{}", "[1]", "\"x\"", "\"2026-02-30\"",
        "\"2026-01-16\"", "\"female\"", "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", "12345678901234567890", "3.999999999999999999", "\"age_years\": 40",
    };
    elig::RecordReader reader(trial());
    elig_test::RecordGenerator generator(trial(), 6);
    uint64_t state = 0x9E3779B97F4A7C15u;
    auto below = [&](size_t n) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return static_cast<size_t>(state % n);
    };
    for (int i = 0; i < kRecords / 4; ++i) {
        const std::string text = generator.next();
        ASSERT_NO_FATAL_FAILURE(expect_read_alike(reader, text));
        size_t after_key = 0;
        (void)elig_test::with_first_key_escaped(text, &after_key);
        for (int m = 0; m < 4; ++m) {
            std::string broken = text;
            const size_t at = after_key + 1 + below(broken.size() - after_key - 1);
            switch (below(3)) {
            case 0: broken.erase(at, 1 + below(3)); break;
            case 1: broken.insert(at, breaks[below(breaks.size())]); break;
            default: {
                // A member's value replaced by another.
                const size_t colon = broken.find(':', at);
                if (colon == std::string::npos) break;
                const size_t end = broken.find_first_of(",}", colon);
                broken.replace(colon + 1, end == std::string::npos ? std::string::npos : end - colon - 1, breaks[below(breaks.size())]);
            }
            }
            ASSERT_NO_FATAL_FAILURE(expect_read_alike(reader, broken));
        }
    }
    // Whitespace everywhere JSON allows it, a byte order mark, a repeated
    // key, and each kind of value, as written by hand.
    for (const char* text : {
             " \t\r\n{ \"lvef\" : 50 , \"hemoglobin\" :\n{ \"unit\" : \"g/dL\" , \"value\" : 7.2 } , \"sex\" : \"female\" } \n",
             "\xef\xbb\xbf{\"lvef\": 50}", "{\"lvef\":50}", "{\"ecog\": 1, \"ecog\": 2}", "{\"ecog\": null, \"consent\": true, \"last_hsct_date\": \"none\"}",
             "{\"id\": \"\xe5\xbc\xa0\\u4e09\\t\", \"screening_date\": \"2026-01-16\"}", "{\"lvef\": 50}x", "{\"lvef\": 50,}", "{\"lvef\" 50}",
             "{\"lvef\": 5e1, \"spo2\": -0, \"hemoglobin\": 1E2}", "{\"no_such_field\": 1}", "{\"lvef\": 50, \"l\xc3\xa9vef\": 50}", "{\"lvef\": 50"}) {
        ASSERT_NO_FATAL_FAILURE(expect_read_alike(reader, text));
    }
}

} // namespace
