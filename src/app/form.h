// The patient form, generated from the criteria file's field dictionary:
// one row per field in its section; yes/no fields are tri-state (Yes / No /
// Unknown); numbers keep exactly what was typed, with a unit selector where
// several units are accepted; a value, its ULN and the multiple sit on one
// row. The form owns only what the user typed; the core validates it.
#pragma once
#include "core/evaluate.h"
#include "core/record.h"
#include "core/trial.h"

#include <imgui.h>

#include <string>
#include <vector>

namespace app {

struct FieldInput {
    char text[128] = "";  // numbers, dates and text exactly as typed: never cleared or clamped
    int unit = 0;         // index into FieldDef::units
    int choice = -1;      // yes/no: -1 unknown, 0 no, 1 yes; enum: -1 unknown, else the value
    bool none = false;    // dates that allow "none": the event never happened
};

// What the form shows beside the inputs: the current (possibly partial)
// record, its derived values, per-field errors and what is missing.
struct FormView {
    const elig::Record* record = nullptr;
    elig::Evaluation* evaluation = nullptr;       // derived values of `record`, scratch for relevance
    const std::vector<std::string>* field_errors = nullptr;  // by field index, "" when fine
    elig::FieldSet missing;
    bool has_verdict = false;
};

class Form {
public:
    explicit Form(const elig::Trial& trial);

    void reset(const std::string& today);
    // The record in the contract's format (fields in dictionary order; only
    // what was given). Invalid text goes in as a string, for the core to
    // refuse with a message naming the field.
    std::string record_json(bool pretty) const;
    // Fills every input from a valid record (what a saved file held).
    void load(const elig::Record& record);

    // Draws the form; returns true when the user changed anything.
    bool draw(const FormView& view, ImFont* bold_font);

    // Scrolls to a field and gives it keyboard focus on the next draw.
    void focus_field(int field) { focus_request_ = field; }

private:
    // A row of the form: one field, or a value with its ULN and multiple.
    struct Row {
        int field = -1;
        int uln = -1, multiple = -1, derived = -1;  // ULN rows
    };
    struct Section {
        std::string label;
        std::vector<Row> rows;
    };

    const elig::Trial& trial_;
    std::vector<FieldInput> inputs_;
    std::vector<Section> sections_;
    std::vector<int> derived_shown_at_;  // field index after which each derived value is shown, or -1
    int focus_request_ = -1;
    std::string today_;

    bool draw_row(const Row& row, const FormView& view);
    bool draw_input(int field, const FormView& view, float width);
    bool is_relevant(int field, const FormView& view) const;
    bool is_empty(int field) const;
    void draw_label(int field, const FormView& view);
    void draw_error(int field, const FormView& view);
    void draw_derived_after(int field, const FormView& view);
};

} // namespace app
