// Reads a patient record from JSON text and validates it against the
// trial's field dictionary and constraints, exactly per the record
// contract: types, units and conversions, plausible ranges, dates and
// "none", age_years vs birth_date, *_x_uln alternatives, unknown ids.
// Every error names the field and says what was expected, in the trial's
// language; a record with any error gets no verdict.
//
// Example:
//   RecordReader reader(trial);   // reusable: reading again allocates little
//   Record record;
//   std::vector<InputError> errors;
//   if (!reader.read(R"({"hemoglobin": {"value": 7.2, "unit": "mmol/L"}})", record, errors))
//       errors[0].message;  // hemoglobin: unknown unit "mmol/L" (accepted: g/L, g/dL)
#pragma once
#include "core/eval/evaluate.h"
#include "core/json/json_reader.h"
#include "core/model/record.h"
#include "core/model/trial.h"

#include <string_view>
#include <vector>

namespace elig {

class RecordReader {
public:
    explicit RecordReader(const Trial& trial);

    // Fills `record` and returns true when the record is valid; otherwise
    // fills `errors` (all of them, in field order) and returns false.
    bool read(std::string_view json_text, Record& record, std::vector<InputError>& errors);

    // Cross-field checks on a record built some other way (the web form).
    bool check(const Record& record, std::vector<InputError>& errors);

    // After read() or check(): the evaluation the checks derived the
    // record's values into (constraints read them), so that a batch can
    // finish it with evaluate_statuses_derived() instead of deriving again.
    // Valid until the next read() or check().
    Evaluation& evaluation() { return scratch_; }

private:
    const Trial& trial_;
    const Messages& messages_;  // the trial's language
    JsonDocument doc_;        // reused between records
    Evaluation scratch_;      // for constraints that read derived values
    std::vector<uint8_t> seen_;
    struct FieldId {
        std::string_view id;  // the trial's
        uint32_t hash = 0;
    };
    struct FieldEntry {
        int field = -1;
        uint32_t hash = 0;
    };
    std::vector<FieldId> ids_;       // by field index
    std::vector<FieldEntry> index_;  // open-addressing table of field indices, by hash of the id
    std::string_view literal_;  // the number being read, as written
    std::string decoded_;       // the direct path's string with escapes, decoded

    int find_field(std::string_view id, int expected) const;
    void clear_values(Record& record) const;
    // Two paths, that read every text alike: a plain record straight into
    // `record` as its text is scanned (false at anything else), and the
    // general one through a JSON document, which reports what is wrong.
    bool read_document(std::string_view json_text, Record& record, std::vector<InputError>& errors);
    bool read_direct(std::string_view text, Record& record);
    bool key_is(std::string_view text, size_t& pos, int field) const;
    bool read_direct_value(const FieldDef& field, std::string_view text, size_t& pos, FieldValue& out);
    bool read_direct_quantity(const FieldDef& field, std::string_view text, size_t& pos, FieldValue& out);

    void read_field(const FieldDef& field, const JsonItem& item, size_t index, FieldValue& out, std::vector<InputError>& errors);
    void read_date(const FieldDef& field, const JsonItem& item, FieldValue& out, std::vector<InputError>& errors);
    void read_enum(const FieldDef& field, const JsonItem& item, FieldValue& out, std::vector<InputError>& errors);
    void read_number(const FieldDef& field, const JsonItem& item, size_t index, FieldValue& out, std::vector<InputError>& errors);
    bool read_quantity(const FieldDef& field, size_t index, FieldValue& out, std::vector<InputError>& errors);
    bool quantity_error(const FieldDef& field, Msg code, std::initializer_list<std::string_view> args, std::vector<InputError>& errors) const;  // false
    void unknown_field(std::string_view key, std::vector<InputError>& errors) const;
    void check_age(const DerivedDef& def, const Record& record, std::vector<InputError>& errors) const;
    // An error naming the field, in the language's words: its message `code` with `args`.
    void fail(const FieldDef& field, Msg code, std::initializer_list<std::string_view> args, std::vector<InputError>& errors) const;
    // An error of the record as a whole, or of a key that names no field.
    void fail_record(std::string_view key, Msg code, std::initializer_list<std::string_view> args, std::vector<InputError>& errors) const;
};

} // namespace elig
