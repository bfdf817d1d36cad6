// The web calculator's own words (toolbar, header, form, verdict panel,
// dialogs), in one language: the "app" section of i18n/<language>.json.
// The core's sentences (reasons, errors, the report) are elig::Messages;
// the page's (loading, unsupported browser, the printed report) are the
// "page" section, read by web/page/10_page.js (page.text).
//
// Example:
//   AppText text;
//   text.load(elig::english_language_file(), errors);
//   ImGui::Button(text(T::save_screening));                             // "Save screening"
//   text.format(T::criteria_rule_out, {"2"});                           // "2 criteria rule the patient out."
#pragma once
#include "core/i18n/message_catalogue.h"

#include <string>
#include <string_view>
#include <vector>

namespace app {

// X(id, "key", placeholders...): the closed set of the app's words. The
// import's skip reasons and errors are the core's tables
// (ELIG_FHIR_SKIP_REASONS, ELIG_FHIR_ERRORS): each has its words here as
// skip_<code> ("import.skip.<code>") and import_error_<code>, which
// app_import.cpp checks at compile time.
#define APP_TEXTS(X)                                                                        \
    X(header_title, "header.title", "nct_id", "short_title")                                \
    X(header_facts, "header.facts", "phase", "status", "enrollment", "site", "date", "version") \
    X(header_conflict, "header.conflict", "summary", "resolution")                          \
    X(header_privacy, "header.privacy")                                                     \
    X(verdict_exclusion_pass, "verdict.exclusion_pass")                                     \
    X(verdict_missing_or, "verdict.missing_or")                                             \
    X(header_readings, "header.readings", "interpretations", "questions")                   \
    X(header_interpretations, "header.interpretations")                                     \
    X(header_open_questions, "header.open_questions")                                       \
    X(header_details, "header.details")                                                     \
    X(header_hide_details, "header.hide_details")                                           \
    X(language_switch, "language.switch")                                                   \
    X(language_switch_tip, "language.switch_tip")                                           \
    X(save_screening, "toolbar.save")                                                       \
    X(save_tip, "toolbar.save_tip")                                                         \
    X(save_disabled_tip, "toolbar.save_disabled_tip")                                       \
    X(load, "toolbar.load")                                                                 \
    X(load_tip, "toolbar.load_tip")                                                         \
    X(reset, "toolbar.reset")                                                               \
    X(copy_summary, "toolbar.copy")                                                         \
    X(copy_tip, "toolbar.copy_tip")                                                         \
    X(print, "toolbar.print")                                                               \
    X(print_tip, "toolbar.print_tip")                                                       \
    X(menu, "toolbar.menu")                                                                 \
    X(text_smaller, "toolbar.text_smaller")                                                 \
    X(text_larger, "toolbar.text_larger")                                                   \
    X(text_size_tip, "toolbar.text_size_tip")                                               \
    X(load_error_title, "dialog.load_error.title")                                          \
    X(load_error_text, "dialog.load_error.text", "name")                                    \
    X(ok, "dialog.ok")                                                                      \
    X(reset_title, "dialog.reset.title")                                                    \
    X(reset_text, "dialog.reset.text")                                                      \
    X(clear, "dialog.reset.clear")                                                          \
    X(cancel, "dialog.cancel")                                                              \
    X(tab_verdict, "tab.verdict")                                                           \
    X(tab_patient, "tab.patient")                                                           \
    X(form_needed_hint, "form.needed_hint")                                                 \
    X(form_needed_hint_touch, "form.needed_hint_touch")                                     \
    X(yes, "form.yes")                                                                      \
    X(no, "form.no")                                                                        \
    X(unknown, "form.unknown")                                                              \
    X(none, "form.none")                                                                    \
    X(none_tip, "form.none_tip")                                                            \
    X(today, "form.today")                                                                  \
    X(date_hint, "form.date_hint")                                                          \
    X(uln, "form.uln")                                                                      \
    X(or_as_multiple, "form.or_as_multiple")                                                \
    X(equals, "form.equals", "value")                                                       \
    X(not_needed, "form.not_needed")                                                        \
    X(record_field, "form.record_field", "id")                                              \
    X(needed_tip, "form.needed_tip")                                                        \
    X(implied, "form.implied", "value")                                                     \
    X(without_measurement, "form.without_measurement", "value")                             \
    X(unit, "form.unit")                                                                    \
    X(verdict_eligible, "verdict.eligible")                                                 \
    X(verdict_ineligible, "verdict.ineligible")                                             \
    X(verdict_incomplete, "verdict.incomplete")                                             \
    X(verdict_review, "verdict.review")                                                     \
    X(chip_eligible, "chip.eligible")                                                       \
    X(chip_ineligible, "chip.ineligible")                                                   \
    X(chip_incomplete, "chip.incomplete")                                                   \
    X(chip_review, "chip.review")                                                           \
    X(chip_no_verdict, "chip.no_verdict")                                                   \
    X(status_pass, "status.pass")                                                           \
    X(status_fail, "status.fail")                                                           \
    X(status_unknown, "status.unknown")                                                     \
    X(status_review, "status.review")                                                       \
    X(no_verdict_one, "verdict.no_verdict.one", "n")                                        \
    X(no_verdict_other, "verdict.no_verdict.other", "n")                                    \
    X(no_verdict_detail, "verdict.no_verdict_detail")                                       \
    X(all_pass, "verdict.all_pass", "n")                                                    \
    X(rule_out_one, "verdict.rule_out.one", "n")                                            \
    X(rule_out_other, "verdict.rule_out.other", "n")                                        \
    X(undecided_one, "verdict.undecided.one", "n", "missing")                               \
    X(undecided_other, "verdict.undecided.other", "n", "missing")                           \
    X(review_detail, "verdict.review_detail")                                               \
    X(window_ends, "verdict.window_ends", "title", "date")                                  \
    X(window_would_pass, "verdict.window_would_pass", "title", "date")                      \
    X(earliest, "verdict.earliest", "date")                                                 \
    X(after_windows, "verdict.after_windows", "date")                                       \
    X(group_heading, "verdict.group_heading", "status", "n")                                \
    X(criterion_line, "verdict.criterion_line", "status", "title", "kind")                  \
    X(kind_inclusion, "verdict.kind.inclusion")                                             \
    X(kind_exclusion, "verdict.kind.exclusion")                                             \
    X(protocol_tip, "verdict.protocol_tip", "source")                                       \
    X(protocol_sentence, "verdict.protocol_sentence")                                       \
    X(translation_line, "verdict.translation", "notice", "text")                            \
    X(criterion_fields, "verdict.criterion_fields", "id", "kind", "fields")                 \
    X(missing_heading_one, "verdict.missing.one", "n")                                      \
    X(missing_heading_other, "verdict.missing.other", "n")                                  \
    X(missing_heading_touch_one, "verdict.missing_touch.one", "n")                          \
    X(missing_heading_touch_other, "verdict.missing_touch.other", "n")                      \
    X(derived, "verdict.derived", "values")                                                 \
    X(derived_separator, "verdict.derived_separator")                                       \
    X(source_mark, "form.source_mark")                                                      \
    X(source_tip, "form.source_tip", "source")                                              \
    X(import_source, "import.source", "resource", "code", "written", "date")                \
    X(import_source_undated, "import.source_undated", "resource", "code", "written")        \
    X(import_conversion, "import.conversion", "from", "factor", "to")                       \
    X(import_title, "import.title", "file")                                                 \
    X(import_patient, "import.patient", "name", "id", "birth_date")                         \
    X(import_as_of, "import.as_of", "date")                                                 \
    X(import_fill_heading_one, "import.fill_heading.one", "n")                              \
    X(import_fill_heading_other, "import.fill_heading.other", "n")                          \
    X(import_fill_item, "import.fill_item", "label", "value", "source", "age")              \
    X(import_age, "import.age", "days")                                                     \
    X(import_replaces, "import.replaces")                                                   \
    X(import_conflict_heading, "import.conflict_heading", "n")                              \
    X(import_conflict_item, "import.conflict_item", "label", "values")                      \
    X(import_conflict_value, "import.conflict_value", "value", "source")                    \
    X(import_conflict_separator, "import.conflict_separator")                               \
    X(import_skip_heading, "import.skip_heading", "n")                                      \
    X(import_skip_item, "import.skip_item", "label", "reason", "source")                    \
    X(import_unanswered, "import.unanswered")                                               \
    X(import_confirm, "import.confirm")                                                     \
    X(import_reading_title, "import.reading_title")                                         \
    X(import_reading, "import.reading", "file")                                             \
    X(import_choose_title, "import.choose_title")                                           \
    X(import_choose_text, "import.choose_text", "file", "n")                                \
    X(import_choose_patient, "import.choose_patient", "name", "birth_date", "id")           \
    X(import_error_not_json, "import.error.not_json", "path")                               \
    X(import_error_not_fhir, "import.error.not_fhir", "path")                               \
    X(import_error_duplicate_member, "import.error.duplicate_member", "path")               \
    X(import_error_no_patient, "import.error.no_patient", "path")                           \
    X(import_error_several_patients, "import.error.several_patients", "path")               \
    X(import_error_unknown_patient, "import.error.unknown_patient", "path")                 \
    X(import_error_nothing_to_import, "import.error.nothing_to_import", "path")             \
    X(skip_look_alike_code, "import.skip.look_alike_code")                                  \
    X(skip_no_subject, "import.skip.no_subject")                                            \
    X(skip_status_no_result, "import.skip.status_no_result")                                \
    X(skip_status_not_final, "import.skip.status_not_final")                                \
    X(skip_no_date, "import.skip.no_date")                                                  \
    X(skip_ambiguous_date, "import.skip.ambiguous_date")                                    \
    X(skip_after_as_of, "import.skip.after_as_of")                                          \
    X(skip_imprecise_date, "import.skip.imprecise_date")                                    \
    X(skip_no_value, "import.skip.no_value")                                                \
    X(skip_unusable_value_type, "import.skip.unusable_value_type")                          \
    X(skip_unknown_unit, "import.skip.unknown_unit")                                        \
    X(skip_comparator, "import.skip.comparator")                                            \
    X(skip_out_of_range, "import.skip.out_of_range")                                        \
    X(skip_unrecognized_result, "import.skip.unrecognized_result")                          \
    X(skip_contradictory_result, "import.skip.contradictory_result")                        \
    X(skip_result_not_usable, "import.skip.result_not_usable")                              \
    X(skip_refused_component, "import.skip.refused_component")                              \
    X(skip_no_reference_range, "import.skip.no_reference_range")                            \
    X(skip_ambiguous_reference_range, "import.skip.ambiguous_reference_range")              \
    X(skip_superseded_by_unusable, "import.skip.superseded_by_unusable")                    \
    X(skip_partial_birth_date, "import.skip.partial_birth_date")                            \
    X(skip_gender_unmapped, "import.skip.gender_unmapped")                                  \
    X(skip_rejected_by_record, "import.skip.rejected_by_record")                            \
    X(tab_form, "tab.form")                                                                 \
    X(tab_guided, "tab.guided")                                                             \
    X(tab_guided_short, "tab.guided_short")                                                 \
    X(guide_progress, "guide.progress", "answered", "left")                                 \
    X(guide_progress_skipped, "guide.progress_skipped", "answered", "skipped", "left")      \
    X(guide_progress_done, "guide.progress_done", "answered", "skipped")                    \
    X(guide_known_at_chart, "guide.known_at.chart")                                         \
    X(guide_known_at_tests, "guide.known_at.tests")                                         \
    X(guide_dont_know, "guide.dont_know")                                                   \
    X(guide_back, "guide.back")                                                             \
    X(guide_next, "guide.next")                                                             \
    X(guide_none, "guide.none")                                                             \
    X(guide_why, "guide.why")                                                               \
    X(guide_why_decides, "guide.why_decides")                                               \
    X(guide_why_answers, "guide.why_answers")                                               \
    X(guide_answer_then, "guide.answer_then", "answer", "then")                             \
    X(guide_then_ineligible, "guide.then.ineligible", "criteria")                           \
    X(guide_then_eligible, "guide.then.eligible")                                           \
    X(guide_then_review, "guide.then.review")                                               \
    X(guide_then_settles, "guide.then.settles", "criteria")                                 \
    X(guide_then_nothing, "guide.then.nothing")                                             \
    X(guide_range_below, "guide.range.below", "value")                                      \
    X(guide_range_at_most, "guide.range.at_most", "value")                                  \
    X(guide_range_above, "guide.range.above", "value")                                      \
    X(guide_range_at_least, "guide.range.at_least", "value")                                \
    X(guide_range_any, "guide.range.any")                                                    \
    X(guide_range_between, "guide.range.between", "low", "high")                            \
    X(guide_window_within, "guide.window.within", "span", "reference")                      \
    X(guide_window_not_within, "guide.window.not_within", "span", "reference")              \
    X(guide_answer_field, "guide.answer_field", "label", "answer")                          \
    X(guide_typed_hint, "guide.typed_hint")                                                 \
    X(guide_then_heading, "guide.then_heading")                                             \
    X(guide_stop_ineligible, "guide.stop.ineligible")                                       \
    X(guide_stop_ineligible_text, "guide.stop.ineligible_text")                             \
    X(guide_stop_referable, "guide.stop.referable")                                         \
    X(guide_stop_referable_text, "guide.stop.referable_text")                               \
    X(guide_stop_referable_undecided, "guide.stop.referable_undecided")                     \
    X(guide_stop_eligible, "guide.stop.eligible")                                           \
    X(guide_stop_eligible_text, "guide.stop.eligible_text")                                 \
    X(guide_stop_review, "guide.stop.review")                                               \
    X(guide_stop_review_text, "guide.stop.review_text")                                     \
    X(guide_stop_unanswered, "guide.stop.unanswered")                                       \
    X(guide_stop_unanswered_text, "guide.stop.unanswered_text")                             \
    X(guide_ask_again, "guide.ask_again")                                                   \
    X(guide_deciding_item, "guide.deciding_item", "title", "reason")                        \
    X(guide_visit_item, "guide.visit_item", "label", "reason")                              \
    X(log_button, "log.button", "n")                                                        \
    X(log_back, "log.back")                                                                 \
    X(log_add, "log.add")                                                                   \
    X(log_add_tip, "log.add_tip")                                                           \
    X(log_open, "log.open")                                                                 \
    X(log_open_tip, "log.open_tip")                                                         \
    X(log_save, "log.save")                                                                 \
    X(log_csv, "log.csv")                                                                   \
    X(log_print, "log.print")                                                               \
    X(log_undo, "log.undo")                                                                 \
    X(log_remove, "log.remove")                                                             \
    X(log_empty, "log.empty")                                                               \
    X(log_label_note, "log.label_note")                                                     \
    X(log_col_label, "log.col.label")                                                       \
    X(log_col_date, "log.col.date")                                                         \
    X(log_col_verdict, "log.col.verdict")                                                   \
    X(log_col_excluded, "log.col.excluded")                                                 \
    X(log_col_missing, "log.col.missing")                                                   \
    X(log_col_changed, "log.col.changed")                                                   \
    X(log_filter_all, "log.filter_all")                                                     \
    X(log_criterion_all, "log.criterion_all")                                               \
    X(log_shown, "log.shown", "shown", "total")                                             \
    X(log_editing, "log.editing", "row")                                                    \
    X(log_errors, "log.errors", "n")                                                        \
    X(log_error_item, "log.error_item", "file", "line", "message")                          \
    X(log_chart_title, "log.chart.title")                                                   \
    X(log_chart_box, "log.chart.box", "label", "n", "percent")                              \
    X(log_chart_assessed, "log.chart.assessed", "n")                                        \
    X(log_chart_most_missing, "log.chart.most_missing", "fields")                           \
    X(log_chart_by_criterion, "log.chart.by_criterion")                                     \
    X(log_chart_bar, "log.chart.bar", "title", "fail", "percent", "unknown")                \
    X(log_chart_sequential, "log.chart.sequential")                                         \
    X(log_chart_seq_bar, "log.chart.seq_bar", "title", "n", "percent")                      \
    X(log_chart_waived, "log.chart.waived")                                                 \
    X(log_chart_waived_bar, "log.chart.waived_bar", "title", "n")                           \
    X(log_reading_title, "log.reading_title")                                               \
    X(log_reading, "log.reading", "file", "rows")                                           \
    X(log_other_version, "log.other_version", "file", "saved", "current")                   \
    X(log_chart_earlier, "log.chart.earlier")                                               \
    X(log_chart_later, "log.chart.later")                                                   \
    X(no_cjk_font, "font.no_cjk")

enum class T : uint16_t {
#define APP_TEXT_ID(id, ...) id,
    APP_TEXTS(APP_TEXT_ID)
#undef APP_TEXT_ID
};

class AppText {
public:
    // Reads the "app" section of a language file.
    bool load(std::string_view language_json, std::vector<elig::LoadError>& errors);

    const char* operator()(T id) const { return c_str_[static_cast<size_t>(id)].c_str(); }
    std::string format(T id, std::initializer_list<std::string_view> args) const { return catalogue_.format(static_cast<size_t>(id), args); }
    const std::string& language() const { return language_; }

private:
    elig::MessageCatalogue catalogue_;
    std::vector<std::string> c_str_;  // each text as a C string, for ImGui
    std::string language_;
};

} // namespace app
