// The patient form, generated from the criteria file's field dictionary:
// one row per field in its section; yes/no fields are tri-state (Yes / No /
// Unknown); numbers keep exactly what was typed, with a unit selector where
// several units are accepted; a value, its ULN and the multiple sit on one
// row. The form owns only what the user typed; the core validates it.
//
// Text is typed into the page's DOM controls (the input layer: phone
// keyboards, IMEs, screen readers), which hand it to set_text(); the canvas
// shows it. Choices (yes/no, options, units, "none") can be made on either.
//
// Example:
//   Form form(trial);
//   form.reset("2027-01-10");
//   form.set_text(trial.find_slot("lvef"), "40");
//   form.record_json(false);           // {"screening_date":"2027-01-10","lvef":40}
//   form.set_text(trial.find_slot("lvef"), "4o");
//   form.record_json(false);           // {...,"lvef":"4o"}: the core refuses it, naming lvef
#pragma once
#include "app/ui/app_text.h"
#include "app/ui/item_locator.h"
#include "core/eval/evaluate.h"
#include "core/json/json_writer.h"
#include "core/model/record.h"
#include "core/model/trial.h"

#include <imgui.h>

#include <functional>
#include <string>
#include <vector>

namespace app {

struct FieldInput {
    std::string text;     // numbers, dates and text exactly as typed: never cleared or clamped
    int unit = 0;         // index into FieldDef::units
    int choice = -1;      // yes/no: -1 unknown, 0 no, 1 yes; enum: -1 unknown, else the value
    bool none = false;    // dates that allow "none": the event never happened
};

// What the form shows beside the inputs: the current (possibly partial)
// record, its derived values, per-field errors and what is missing.
struct FormView {
    const elig::Trial* shown = nullptr;           // the trial in the reader's language
    const elig::Record* record = nullptr;
    elig::Evaluation* evaluation = nullptr;       // derived values of `record`, scratch for relevance
    const std::vector<std::string>* field_errors = nullptr;  // by field index, "" when fine
    elig::FieldSet missing;
    bool has_verdict = false;
    bool touch = false;
    const AppText* text = nullptr;
    ItemLocator* locator = nullptr;
    ImFont* bold = nullptr;
    // Where an imported value came from ("" for a typed one): a mark beside
    // its label, the provenance on hover or long press.
    std::function<std::string(int field)> source_of;
    // Today's date (YYYY-MM-DD) when "Today" is pressed: asked then, not
    // remembered from when the form was cleared.
    std::function<std::string()> today;
};

class Form {
public:
    explicit Form(const elig::Trial& trial);

    void reset(const std::string& today);
    // The record in the contract's format (fields in dictionary order; only
    // what was given). Invalid text goes in as a string, for the core to
    // refuse with a message naming the field.
    std::string record_json(bool pretty) const;
    // Fills every input from a valid record (what a saved file held), or
    // one field from it (an import).
    void load(const elig::Record& record);
    void load_field(const elig::Record& record, int field);

    // Draws the form; returns true when the user changed anything.
    bool draw(const FormView& view);

    // Edits, from the DOM layer or the canvas; true when something changed.
    bool set_text(int field, std::string text);
    bool set_choice(int field, int choice);
    bool set_unit(int field, int unit);
    bool set_none(int field, bool none);
    // Puts back what a field held (Back in guided mode); true when that changed it.
    bool restore(int field, const FieldInput& input);
    const FieldInput& input(int field) const;

    // One question's inputs, outside the form's table (guided mode): the
    // field's input as the form draws it (a lab with its ULN and multiple),
    // its errors and derived notes, under the same item keys. True when
    // the user changed anything.
    bool draw_answer(int field, const FormView& view);
    // Whether a field has its own row (a lab's ULN and multiple are in its value's).
    bool has_row(int field) const;

    // The text field being typed into in its DOM control (-1: none), and
    // where its caret is (a byte offset), for the canvas to show.
    void set_editing(int field, int caret);
    // The field whose text box was tapped or clicked in this frame's draws
    // (-1), counted from begin_frame().
    void begin_frame() { clicked_ = -1; }
    int clicked_text_field() const { return clicked_; }
    // Opens the field's section and scrolls to it on the next draw.
    void focus_field(int field) { focus_request_ = field; }

    // The form as the DOM layer mirrors it: each field's input, error,
    // whether it applies, whether a criterion waits for it, the units its
    // selector offers, whether its input is shown, and its value as the
    // page's mirror and print show it.
    // Written into `json` as the value of "fields"; `source` gives the
    // words of where an imported value came from ("" when typed here).
    void write_state(elig::JsonWriter& json, const FormView& view, const std::function<std::string(int)>& source) const;
    // The units a field's selector offers: those that differ in size
    // (spellings of one unit are accepted in files, not offered), and the
    // one chosen. One or none: no selector.
    std::vector<int> offered_units(int field) const;
    // A value as a reader sees it: "40%", "54岁", "Yes", the option's label.
    std::string display_text(int field, const FormView& view) const;
    bool is_relevant(int field, const FormView& view) const;
    bool is_empty(int field) const;

private:
    // A row of the form: one field, or a value with its ULN and multiple.
    struct Row {
        int field = -1;
        int uln = -1, multiple = -1, derived = -1;  // ULN rows
    };
    struct Section {
        int index = 0;  // into Trial::sections
        std::vector<Row> rows;
    };

    const elig::Trial& trial_;
    std::vector<FieldInput> inputs_;
    std::vector<Section> sections_;
    std::vector<int> derived_shown_at_;  // field index after which each derived value is shown, or -1
    int focus_request_ = -1;
    int editing_ = -1, caret_ = 0;
    int clicked_ = -1;

    FieldInput& input_at(int field);
    bool draw_row(const Row& row, const FormView& view);
    void draw_uln_row(const Row& row, const FormView& view, float width, bool& changed);
    // The multiple's input gives way to "= 3.4× ULN" when value and ULN give it.
    bool multiple_replaced(const Row& row, const FormView& view) const;
    bool draw_input(int field, const FormView& view, float width);
    bool draw_yes_no(int field, const FormView& view);
    bool draw_enum(int field, const FormView& view, float width);
    bool draw_date(int field, const FormView& view);
    bool draw_number(int field, const FormView& view);
    bool draw_unit_choice(int field, const FormView& view);
    void draw_text_box(int field, const FormView& view, const char* hint, float width);
    void draw_label(int field, const FormView& view);
    void draw_source_mark(int field, const FormView& view);
    void draw_error(int field, const FormView& view);
    const std::string& error_of(int field, const FormView& view) const;  // "" when fine
    void draw_derived_after(int field, const FormView& view);
    std::string derived_note(size_t derived, const FormView& view) const;
};

} // namespace app
