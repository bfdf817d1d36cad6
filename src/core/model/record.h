// A patient record: one value per field of the trial's dictionary, each
// absent (unknown), known, or "none" (a date for an event that never
// happened). Numbers are held in the field's canonical unit, with the value
// and unit as given kept for display and saving.
//
// Example:
//   Record record;
//   std::vector<InputError> errors;
//   if (RecordReader(trial).read(R"({"lvef": 50})", record, errors))
//       record.value(trial.find_slot("lvef")).number;  // 50, in %
#pragma once
#include "core/base/assert.h"
#include "core/base/date.h"
#include "core/i18n/messages.h"

#include <cstdint>
#include <string>
#include <vector>

namespace elig {

// A value as the rules see it: a record field's, or a derived value's.
struct Value {
    enum class State : uint8_t { absent, known, none };
    State state = State::absent;
    bool boolean = false;
    int16_t enum_index = -1;
    DayNumber date = 0;
    double number = 0;         // canonical unit

    bool known() const { return state == State::known; }
    bool absent() const { return state == State::absent; }
};

struct FieldValue : Value {
    int16_t unit = 0;          // index into FieldDef::units, as given (0 = canonical)
    double given = 0;          // as written, in `unit`
    std::string text;          // text fields
};

struct Record {
    std::vector<FieldValue> values;  // indexed like Trial::fields

    const FieldValue& value(int field) const
    {
        ELIG_ASSERT(field >= 0 && static_cast<size_t>(field) < values.size());
        return values[static_cast<size_t>(field)];
    }
    FieldValue& value(int field)
    {
        ELIG_ASSERT(field >= 0 && static_cast<size_t>(field) < values.size());
        return values[static_cast<size_t>(field)];
    }
};

// An input error the user can fix: names the field (the record's key, or ""
// for the record as a whole), the rule it broke and what was expected.
// `code` is the message the sentence was made from (its key, such as
// "error.out_of_range", is stable: input_error_code()), `args` its
// placeholders in the order of its spec; `message` is the sentence in the
// trial's language. Nothing ever reads the sentence back to learn the rule.
struct InputError {
    std::string field;
    Msg code = Msg::error_not_json;
    std::vector<std::string> args;
    std::string message;  // a whole sentence, starting with the field id
};

// "out_of_range": the code as programs and tests name it (the message's
// key without its "error." prefix).
inline std::string_view input_error_code(const InputError& error)
{
    const std::string_view key = Messages::specs()[static_cast<size_t>(error.code)].key;
    return key.substr(key.find('.') + 1);
}

} // namespace elig
