// The calculator itself, apart from any platform: its state (the form, the
// record, the verdict, the language, the open dialog), the recompute after
// every change, and the drawing of a frame with Dear ImGui. The browser
// drives it from web_main.cpp; the native UI tests drive it on a headless
// ImGui context (tests/app/ui/). It talks to its surroundings only through
// Platform (platform.h).
//
// Example (one frame, as a platform runs it):
//   App app(platform);                       // loads the bundled criteria
//   app.set_text(app.trial().find_slot("lvef"), "40");   // what the DOM layer does
//   ImGui::NewFrame();
//   app.frame();                             // recompute if needed, then draw
//   ImGui::Render();
//   app.overall();                           // Status::unknown: most fields are still empty
#pragma once
#include "app/ui/app_text.h"
#include "app/ui/form.h"
#include "app/ui/item_locator.h"
#include "app/ui/log_book.h"
#include "app/ui/platform.h"
#include "app/ui/theme.h"
#include "core/eval/evaluate.h"
#include "core/fhir/fhir_import.h"
#include "core/guide/next_question.h"
#include "core/model/trial.h"
#include "core/records/record_reader.h"
#include "core/report/verdict_json.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace app {

// A FHIR resource or Bundle, not a saved record: its root is an object with
// a "resourceType" member.
bool looks_like_fhir(std::string_view text);

class App {
public:
    // `language`: "en", or a bundled language's tag, to start in.
    explicit App(Platform& platform, const std::string& language = "en");

    // False when the bundled data did not load (a build defect); why.
    bool ok() const { return problems_.empty(); }
    const std::string& problems() const { return problems_; }

    // One frame's work: recompute if anything changed, then draw. Between
    // NewFrame and Render. Returns true while the app wants more frames
    // (layouts settle over two, a dialog opens over one).
    bool frame();
    // Without a canvas (no WebGL: the HTML calculator): recompute and
    // publish, draw nothing.
    void update();
    void set_fonts(const Fonts& fonts) { fonts_ = fonts; }
    // The screen: physical pixels per CSS pixel, touch or not, text size.
    void set_screen(float device_pixel_ratio, bool touch);
    const StyleSettings& style() const { return style_; }

    // Edits and focus from the DOM layer (or a test), by field index.
    void set_text(int field, std::string text);
    void set_choice(int field, int choice);
    void set_unit(int field, int unit);
    void set_none(int field, bool none);
    // The item whose DOM control has keyboard focus ("field:lvef",
    // "button:save", "" for none) and, in a text field, the caret's byte offset.
    void set_dom_focus(const std::string& key, int caret);
    // A button of the DOM layer, or of its dialog (docs/page-protocol.md):
    // "save", "load", "reset", "copy", "print", "today", "text_smaller",
    // "text_larger", "language", and the open dialog's: "dialog_ok",
    // "dialog_confirm", "dialog_cancel", "import_confirm", "patient:N";
    // guided mode's: "mode:guided", "mode:form", "guide:answer:N" (the
    // question's Nth answer), "guide:skip", "guide:next", "guide:back",
    // "guide:again".
    void action(const std::string& name);
    // A file the user picked or dropped: a saved record, or FHIR R4 data
    // from the patient's chart (shown in a summary before anything changes).
    // A big chart is read over frames, with its progress shown.
    void load_file(const std::string& name, std::string text);
    // Whether a file is being read in the background (frames must go on),
    // and how long a frame may spend reading it (a slice at least).
    bool busy() const { return import_job_.has_value() || log_job_.has_value(); }
    void set_import_budget_ms(double ms) { import_budget_ms_ = ms; }
    // NDJSON logs larger than this are read over frames, with a progress bar.
    void set_log_read_at_once(size_t bytes) { log_read_at_once_ = bytes; }
    // "en" or a bundled language's tag ("zh-CN"); false if there is none.
    bool set_language(const std::string& tag);
    const std::string& language() const { return language_; }

    const elig::Trial& trial() const { return trial_; }
    const elig::Trial& shown_trial() const { return *shown_; }
    const Form& form() const { return form_; }
    const ItemLocator& locator() const { return locator_; }
    elig::Status overall() const { return errors_.empty() ? evaluation_.overall : elig::Status::unknown; }
    // The verdict as the phone's header chip shows it in `room` pixels (in
    // a frame, with the chip's font): its full words, else a short word
    // (with its icon, else alone), else the icon alone, never a word cut
    // off. A tap shows it in full.
    std::string verdict_chip_label(float room) const;
    const std::vector<elig::InputError>& errors() const { return errors_; }
    const std::string& verdict_json() const { return verdict_json_; }
    std::string record_json() const { return form_.record_json(false); }
    bool dialog_open() const { return dialog_.has_value(); }
    bool guided() const { return guided_; }
    bool log_open() const { return log_open_; }
    LogBook& log();  // the screening log, made on first use
    // Guided mode's question on screen (null at a stop, or in the form).
    const elig::GuideQuestion* question() const { return guided_ && asking_ ? &*asking_ : nullptr; }
    const elig::Guidance& guidance() const { return *guidance_; }
    // Where an imported field's value came from (empty when typed).
    std::string source_of(int field) const;

private:
    // A dialog, the same on the canvas and in the DOM layer.
    struct DialogButton {
        std::string action, label, key;  // key: where the browser tests find it ("button:ok")
    };
    struct Dialog {
        std::string title, text;
        std::vector<DialogButton> buttons;
        std::string cancel;  // the action Escape takes
        double progress = -1;  // 0 to 1: work under way (-1: none)
    };

    Platform& platform_;
    std::string problems_;
    elig::Trial trial_;                             // English: the form's structure
    std::map<std::string, elig::Trial> translated_; // by language tag, made when first chosen
    const elig::Trial* shown_ = &trial_;            // the trial in the reader's language
    std::string language_ = "en";
    AppText text_;
    Form form_;
    std::unique_ptr<elig::RecordReader> reader_;
    std::unique_ptr<elig::VerdictWriter> writer_;
    elig::Record record_;
    elig::Evaluation evaluation_;   // the verdict's
    elig::Evaluation relevance_;    // the form's scratch for which fields apply
    std::vector<elig::InputError> errors_;
    std::vector<std::string> field_errors_;
    std::string verdict_json_, errors_json_;
    bool dirty_ = true, publish_form_ = true;
    int frames_wanted_ = 2;

    ItemLocator locator_;
    Fonts fonts_;
    StyleSettings style_;
    bool styled_ = false;
    std::optional<Dialog> dialog_;
    bool dialog_opening_ = false;
    // FHIR import: the mapping (loaded on first use), the file waiting for
    // the user's yes, and where each imported value came from.
    std::optional<elig::FhirMapping> mapping_;
    std::string pending_name_;
    std::shared_ptr<const std::string> pending_text_;  // kept to import again for another patient
    std::optional<elig::FhirImportJob> import_job_;      // reading it, a slice a frame
    double import_budget_ms_ = 10;                       // of a frame's 16 ms
    std::optional<elig::FhirImportResult> pending_import_;
    std::map<int, elig::FhirFilled> imported_;
    // Guided mode: the ranking, the fields answered "don't know", each
    // step's inputs before it (for Back), and the question on screen, kept
    // as it was asked while its typed answer is written.
    struct GuideStep {
        std::vector<std::pair<int, FieldInput>> before;
        int skipped = -1;
    };
    bool guided_ = false;
    std::unique_ptr<elig::Guide> guide_;
    std::vector<int> skipped_;
    std::vector<GuideStep> guide_steps_;
    static const elig::Guidance kNoGuidance;
    const elig::Guidance* guidance_ = &kNoGuidance;  // the Guide's own, until it ranks again (no copy: ranking is the hot path)
    std::optional<elig::GuideQuestion> asking_;
    std::vector<std::pair<int, FieldInput>> asking_inputs_;  // its fields when it was asked
    int tab_sync_frames_ = 0;  // frames in which a tab bar follows guided_ rather than sets it
    // The screening log (app_log.cpp): its rows, whether it is shown, and
    // the row open in the calculator (its edits update it).
    std::unique_ptr<LogBook> log_;
    bool log_open_ = false;
    int log_row_ = -1;
    std::string log_search_;
    std::vector<std::string> log_notices_;  // logs saved under another criteria version
    // A big NDJSON log is read a slice a frame, its progress shown.
    struct LogJob {
        std::string name;
        std::string text;
        size_t offset = 0, line = 0;
    };
    std::optional<LogJob> log_job_;
    size_t log_read_at_once_ = 16u << 20;  // bytes of NDJSON read without a progress bar
    bool details_open_ = false;     // the phone header's details
    bool show_patient_tab_ = false; // narrow layout: the next frame selects the form

    void recompute();
    void reserve_glyphs();
    void publish_form();
    void publish_dictionary();
    FormView form_view();
    void draw();
    void draw_header(bool compact, bool narrow);
    void draw_header_details();
    void draw_verdict_chip(float reserved);
    void draw_toolbar_menu(float width);
    void draw_toolbar_buttons(bool in_menu);
    bool toolbar_button(const char* key, const char* label, const char* tip, bool enabled, bool in_menu);
    void draw_panels();
    void draw_form_panel(const FormView& view, bool& changed);
    // Guided mode (app_guide.cpp).
    void set_guided(bool guided);
    void reset_guide();
    void refresh_guide();
    void guide_action(const std::string& name);
    void answer_question(const elig::GuideAnswer& answer);
    std::vector<int> typed_fields(const elig::GuideQuestion& question) const;
    std::vector<const elig::GuideAnswer*> tap_answers(const elig::GuideQuestion& question) const;
    bool typed_answer_ready(const elig::GuideQuestion& question) const;
    std::string answer_words(const elig::GuideQuestion& question, const elig::GuideAnswer& answer) const;
    std::string then_words(const elig::GuideAnswer& answer) const;
    std::string criteria_titles(const std::vector<int>& criteria) const;
    std::string guide_progress() const;
    std::string translation_words(const std::string& translation) const;
    struct GuideStopItem {
        std::string text, source, translation;  // a criterion's: its verbatim sentence and its translation
    };
    struct GuideStop {
        std::string title, text;
        std::vector<GuideStopItem> items;
        elig::Status status = elig::Status::unknown;
    };
    GuideStop guide_stop() const;
    void draw_guide(bool narrow);
    void draw_guide_question(const elig::GuideQuestion& question, bool narrow);
    void draw_guide_why(const elig::GuideQuestion& question);
    void draw_guide_stop();
    void write_guide_state(elig::JsonWriter& out) const;
    // The screening log (app_log.cpp).
    void log_action(const std::string& name);
    void log_file(const std::string& name, std::string text);
    void open_log_row(size_t row);
    bool advance_log_job(double budget_ms);
    void draw_log(bool narrow);
    void draw_log_toolbar();
    void draw_log_table(float height, bool narrow);
    struct LogChart {
        struct Bar {
            std::string text;
            long n = 0, unknown = 0;
            elig::Status status = elig::Status::fail;
            int criterion = -1;  // the sequential attrition's: the criterion, to move it
        };
        long assessed = 0;
        std::vector<std::string> headings;  // title, assessed, by criterion, sequential, waived
        std::vector<Bar> boxes, by_criterion, sequential, waived;
    };
    LogChart log_chart();
    void draw_log_chart();
    void write_log_state(elig::JsonWriter& out);
    std::string log_percent(long n);
    std::string fhir_error_words(const elig::FhirImportError& error) const;
    bool ensure_mapping();
    void draw_dialogs();
    void open_dialog(Dialog dialog);
    void close_dialog();
    void edited(int field, bool changed);
    void import_fhir(const std::string& name, std::shared_ptr<const std::string> text, const std::string& patient);
    bool advance_import(double budget_ms);
    void imported(elig::FhirImportResult result);
    std::string next_language() const;
    void confirm_import();
    Dialog import_summary(const elig::FhirImportResult& result) const;
    Dialog choose_patient(const elig::FhirImportResult& result) const;
    std::string describe_source(const elig::FhirSource& source) const;
    void save();
    void jump_to_field(int field);
    float css_width() const;
};

} // namespace app
