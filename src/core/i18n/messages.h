// Everything the core writes in words, in one language: reason sentences,
// the text report, and input-error messages. The words are data
// (i18n/<language>.json, section "core"); this header fixes which messages
// exist and which placeholders each takes. English is compiled into the
// core; other languages are loaded from their files.
//
// Example:
//   const Messages& en = trial.messages;                      // English unless translated
//   std::string out;
//   en.append(out, Msg::reason_at_least_fail, {"LVEF 40%", "45%"});
//   // "LVEF 40% is below the required 45%"
#pragma once
#include "core/base/load_error.h"
#include "core/i18n/message_catalogue.h"
#include "core/json/json_dom.h"
#include "core/json/json_reader.h"

#include <string>
#include <string_view>
#include <vector>

namespace elig {

// X(id, "key", placeholders...): the closed set of the core's messages.
#define ELIG_CORE_MESSAGES(X)                                                                    \
    X(list_separator, "list.separator")                                                          \
    X(clause_separator, "reason.clause_separator")                                               \
    X(reason_not_recorded, "reason.not_recorded", "label")                                       \
    X(reason_not_known_needs, "reason.not_known_needs", "label", "needs")                        \
    X(reason_not_known_needs_or, "reason.not_known_needs_or", "label", "either", "or")            \
    X(reason_implied, "reason.implied", "condition")                                             \
    X(reason_none, "reason.none", "label")                                                       \
    X(reason_date, "reason.date", "label", "date")                                               \
    X(reason_yes, "reason.yes", "label")                                                         \
    X(reason_no, "reason.no", "label")                                                           \
    X(reason_enum, "reason.enum", "label", "value")                                              \
    X(reason_enum_not, "reason.enum_not", "expected")                                            \
    X(reason_enum_not_one_of, "reason.enum_not_one_of", "values")                                \
    X(reason_date_before, "reason.date_before", "label", "date", "reference", "reference_date")  \
    X(reason_date_not_before, "reason.date_not_before", "label", "date", "reference", "reference_date") \
    X(reason_date_after, "reason.date_after", "label", "date", "reference", "reference_date")    \
    X(reason_date_not_after, "reason.date_not_after", "label", "date", "reference", "reference_date") \
    X(reason_at_least_pass, "reason.at_least.pass", "value", "threshold")                        \
    X(reason_at_least_fail, "reason.at_least.fail", "value", "threshold")                        \
    X(reason_at_most_pass, "reason.at_most.pass", "value", "threshold")                          \
    X(reason_at_most_fail, "reason.at_most.fail", "value", "threshold")                          \
    X(reason_above_pass, "reason.above.pass", "value", "threshold")                              \
    X(reason_above_fail, "reason.above.fail", "value", "threshold")                              \
    X(reason_below_pass, "reason.below.pass", "value", "threshold")                              \
    X(reason_below_fail, "reason.below.fail", "value", "threshold")                              \
    X(reason_window_after, "reason.window.after", "label", "date", "reference", "reference_date") \
    X(reason_window_outside, "reason.window.outside", "label", "date", "span", "reference", "reference_date") \
    X(reason_window_within, "reason.window.within", "label", "date", "span", "reference", "reference_date") \
    X(reason_window_would_pass, "reason.window.would_pass", "reference", "date")                 \
    X(reason_window_before_any, "reason.window.before_any", "label", "date", "span", "floor", "floor_date", "reference") \
    X(reason_window_reference_missing, "reason.window.reference_missing", "label", "date", "reference") \
    X(reason_window_reference_missing_floor, "reason.window.reference_missing_floor", "span", "floor", "floor_date") \
    X(span_weeks_one, "span.weeks.one", "n")                                                     \
    X(span_weeks_other, "span.weeks.other", "n")                                                 \
    X(span_months_one, "span.months.one", "n")                                                   \
    X(span_months_other, "span.months.other", "n")                                               \
    X(reason_sources_disagree, "reason.sources_disagree", "readings")                            \
    X(reason_reading, "reason.reading", "source", "reading")                                     \
    X(reason_does_not_apply, "reason.does_not_apply")                                            \
    X(reason_not_decided, "reason.not_decided")                                                  \
    X(value, "value", "label", "quantity")                                                       \
    X(value_as_given, "value.as_given", "given")                                                 \
    X(value_from_value_and_uln, "value.from_value_and_uln", "value", "uln")                      \
    X(value_estimated, "value.estimated")                                                        \
    X(value_measured, "value.measured")                                                          \
    X(value_from_birth_date, "value.from_birth_date")                                            \
    X(overall_eligible, "overall.eligible")                                                      \
    X(overall_ineligible, "overall.ineligible")                                                  \
    X(overall_incomplete, "overall.incomplete")                                                  \
    X(overall_review, "overall.review")                                                          \
    X(report_title, "report.title", "nct_id", "title")                                           \
    X(report_version, "report.version", "version", "date")                                       \
    X(report_record, "report.record", "id")                                                      \
    X(report_verdict, "report.verdict", "words")                                                 \
    X(report_counts, "report.counts", "fail", "unknown", "review", "pass")                       \
    X(report_earliest, "report.earliest", "date")                                                \
    X(report_after_windows, "report.after_windows", "date")                                      \
    X(report_exclusion_pass, "report.exclusion_pass")                                            \
    X(report_missing, "report.missing", "fields")                                                \
    X(report_missing_or, "report.missing_or", "either", "or")                                    \
    X(report_missing_field, "report.missing_field", "id", "label")                               \
    X(report_missing_separator, "report.missing_separator")                                      \
    X(report_criterion, "report.criterion", "tag", "id", "title")                                \
    X(report_reason, "report.reason", "reason")                                                  \
    X(report_protocol, "report.protocol", "kind", "source")                                      \
    X(report_translation, "report.translation", "translation", "notice")                         \
    X(report_kind_inclusion, "report.kind.inclusion")                                            \
    X(report_kind_exclusion, "report.kind.exclusion")                                            \
    X(report_tag_pass, "report.tag.pass")                                                        \
    X(report_tag_fail, "report.tag.fail")                                                        \
    X(report_tag_unknown, "report.tag.unknown")                                                  \
    X(report_tag_review, "report.tag.review")                                                    \
    X(report_derived_heading, "report.derived_heading")                                          \
    X(report_derived_item, "report.derived_item", "value")                                       \
    X(report_disclaimer, "report.disclaimer")                                                    \
    X(errors_heading_one, "errors.heading.one", "n")                                             \
    X(errors_heading_other, "errors.heading.other", "n")                                         \
    X(errors_item, "errors.item", "message")                                                     \
    X(error_field, "error.field", "id", "label", "message")                                      \
    X(error_not_json, "error.not_json", "detail")                                                \
    X(error_not_object, "error.not_object", "type")                                              \
    X(error_unknown_field, "error.unknown_field", "key")                                         \
    X(error_unknown_field_hint, "error.unknown_field_hint", "key", "hint")                       \
    X(error_given_twice, "error.given_twice", "key")                                             \
    X(error_quantity_unexpected, "error.quantity_unexpected", "key", "units")                    \
    X(error_quantity_incomplete, "error.quantity_incomplete")                                    \
    X(error_quantity_value, "error.quantity_value", "got")                                       \
    X(error_quantity_unit, "error.quantity_unit", "got")                                         \
    X(error_unknown_unit, "error.unknown_unit", "unit", "units")                                 \
    X(error_expected_text, "error.expected_text", "got")                                         \
    X(error_expected_bool, "error.expected_bool", "got")                                         \
    X(error_expected_date, "error.expected_date", "got")                                         \
    X(error_expected_date_or_none, "error.expected_date_or_none", "got")                         \
    X(error_none_not_allowed, "error.none_not_allowed")                                          \
    X(error_not_calendar_date, "error.not_calendar_date", "got")                                 \
    X(error_not_calendar_date_or_none, "error.not_calendar_date_or_none", "got")                 \
    X(error_expected_enum, "error.expected_enum", "values", "got")                               \
    X(error_expected_number_or_quantity, "error.expected_number_or_quantity", "unit", "units", "got") \
    X(error_expected_number_in, "error.expected_number_in", "unit", "got")                       \
    X(error_expected_number, "error.expected_number", "got")                                     \
    X(error_expected_whole_number, "error.expected_whole_number", "got")                         \
    X(error_not_above_zero, "error.not_above_zero", "value")                                     \
    X(error_out_of_range, "error.out_of_range", "value", "range")                                \
    X(range_inclusive, "range.inclusive", "low", "high")                                         \
    X(range_exclusive_low, "range.exclusive_low", "low", "high")                                 \
    X(error_multiple_and_pair, "error.multiple_and_pair", "multiple", "value", "uln", "multiple_label", "value_label", "uln_label") \
    X(error_age_disagrees, "error.age_disagrees", "age", "at", "date", "years", "given", "at_label") \
    X(error_age_out_of_range, "error.age_out_of_range", "age", "at", "range", "at_label")        \
    X(error_constraint, "error.constraint", "message")                                           \
    X(source_separator, "source.separator")                                                      \
    X(json_at, "json.at", "line", "column", "what")                                              \
    X(json_control_character, "json.control_character")                                          \
    X(json_expected_comma_or_bracket, "json.expected_comma_or_bracket")                          \
    X(json_expected_comma_or_brace, "json.expected_comma_or_brace")                              \
    X(json_expected_colon, "json.expected_colon")                                                \
    X(json_expected_key, "json.expected_key")                                                    \
    X(json_invalid_utf8, "json.invalid_utf8")                                                    \
    X(json_bad_unicode_escape, "json.bad_unicode_escape")                                        \
    X(json_high_surrogate_alone, "json.high_surrogate_alone")                                    \
    X(json_lone_low_surrogate, "json.lone_low_surrogate")                                        \
    X(json_invalid_escape, "json.invalid_escape")                                                \
    X(json_expected_digit, "json.expected_digit")                                                \
    X(json_expected_fraction_digit, "json.expected_fraction_digit")                              \
    X(json_expected_exponent_digit, "json.expected_exponent_digit")                              \
    X(json_leading_zero, "json.leading_zero")                                                    \
    X(json_nested_too_deeply, "json.nested_too_deeply")                                          \
    X(json_unexpected_character, "json.unexpected_character")                                    \
    X(json_unexpected_end, "json.unexpected_end")                                                \
    X(json_trailing_text, "json.trailing_text")                                                  \
    X(json_unterminated_string, "json.unterminated_string")                                      \
    X(json_too_large, "json.too_large")                                                          \
    X(type_null, "type.null")                                                                    \
    X(type_boolean, "type.boolean")                                                              \
    X(type_number, "type.number")                                                                \
    X(type_string, "type.string")                                                                \
    X(type_object, "type.object")                                                                \
    X(type_array, "type.array")

enum class Msg : uint16_t {
#define ELIG_MESSAGE_ID(id, ...) id,
    ELIG_CORE_MESSAGES(ELIG_MESSAGE_ID)
#undef ELIG_MESSAGE_ID
};

class Messages {
public:
    // Reads a language file (its "core" section and its grammar settings).
    bool load(std::string_view language_json, std::vector<LoadError>& errors);

    void append(std::string& out, Msg id, std::initializer_list<std::string_view> args = {}) const
    {
        catalogue_.append(out, static_cast<size_t>(id), args);
    }
    std::string format(Msg id, std::initializer_list<std::string_view> args = {}) const
    {
        return catalogue_.format(static_cast<size_t>(id), args);
    }
    std::string_view text(Msg id) const { return catalogue_.text(static_cast<size_t>(id)); }

    // Whether a label starts lower-case mid-sentence: English writes the
    // label "Screening date" as "screening date" after other words.
    bool lower_first_mid_sentence() const { return lower_first_; }
    const std::string& language() const { return language_; }

    // Appends `text`, lower-casing its first letter where the language does
    // so mid-sentence (not for abbreviations such as "ALT").
    void append_mid_sentence(std::string& out, std::string_view text) const;

    static std::span<const MessageCatalogue::Spec> specs();

private:
    bool load_root(const Json& root, std::vector<LoadError>& errors);
    friend LoadError json_load_error(const JsonDomError& error);

    MessageCatalogue catalogue_;
    bool lower_first_ = false;
    std::string language_;
};

// A JSON syntax error's words: its message (Msg::json_<code>), and
// "line 1, column 13: expected a quoted key" in the messages' language.
Msg json_error_message(JsonErrorCode code);
std::string describe(const Messages& messages, const JsonError& error);

// A data file's JSON problem as a LoadError, in English (data files are
// the maintainers'): "(document): line 3, column 5: expected a quoted key",
// or the pointer of a member given twice.
LoadError json_load_error(const JsonDomError& error);

// The English messages compiled into the core (i18n/en.json).
std::string_view english_language_file();

} // namespace elig
