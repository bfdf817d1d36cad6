#include "app/ui/app.h"

#include "app/ui/verdict_panel.h"
#include "bundled/bundled_criteria.h"
#include "core/criteria/trial_loader.h"
#include "core/criteria/trial_translation.h"
#include "core/json/json_reader.h"
#include "core/json/json_writer.h"
#include "core/report/reason.h"
#include "core/report/text_report.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>

namespace app {

// Only the root object's own keys are read, up to "resourceType": the
// importer parses the file (a 30 MB chart, over frames); parsing it whole
// here first would hold the page for half a second.
bool looks_like_fhir(std::string_view text)
{
    size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i >= text.size() || text[i] != '{') return false;
    int depth = 0;
    bool key_next = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            const size_t start = ++i;
            while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
            if (i >= text.size()) return false;
            if (depth == 1 && key_next && text.substr(start, i - start) == "resourceType") return true;
            key_next = false;
        } else if (c == '{' || c == '[') {
            key_next = ++depth == 1;
        } else if (c == '}' || c == ']') {
            if (--depth == 0) return false;  // the root ended without one
        } else if (c == ',') {
            key_next = depth == 1;
        }
    }
    return false;
}

namespace {

elig::Trial load_bundled(std::string& problems)
{
    elig::TrialLoadResult loaded = elig::load_trial(elig::bundled_criteria());
    for (const elig::LoadError& e : loaded.errors) problems += "bundled criteria: " + elig::describe(e) + "\n";
    return loaded.ok() ? std::move(*loaded.trial) : elig::Trial{};
}

// The file name a saved screening gets: its label, else its date.
std::string save_name(const elig::Trial& trial, const elig::Record& record)
{
    const int id = trial.find_slot("id");
    const int screening = trial.find_slot("screening_date");
    std::string name = "screening";
    if (trial.is_field(id) && record.value(id).known() && !record.value(id).text.empty())
        name += "-" + record.value(id).text;
    else if (trial.is_field(screening) && record.value(screening).known())
        name += "-" + elig::format_iso_date(record.value(screening).date);
    for (char& c : name)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) c = '_';
    return name + ".json";
}

} // namespace

App::App(Platform& platform, const std::string& language) : platform_(platform), trial_(load_bundled(problems_)), form_(trial_)
{
    form_.reset(platform_.today());
    if (language != "en" && set_language(language)) return;
    if (language != "en") platform_.language_changed("en");  // not bundled: the page follows the app's English
    std::vector<elig::LoadError> errors;
    if (!text_.load(elig::english_language_file(), errors))
        for (const elig::LoadError& e : errors) problems_ += "i18n/en.json: " + elig::describe(e) + "\n";
    reader_ = std::make_unique<elig::RecordReader>(*shown_);
    writer_ = std::make_unique<elig::VerdictWriter>(*shown_);
    publish_dictionary();
}

bool App::set_language(const std::string& tag)
{
    const elig::Trial* next = &trial_;
    AppText text;
    std::vector<elig::LoadError> errors;
    std::string resolved = "en";
    if (tag != "en") {
        const elig::BundledLanguage* bundled = elig::find_bundled_language(tag);
        if (!bundled) return false;
        resolved = std::string(bundled->tag);
        auto it = translated_.find(resolved);
        if (it == translated_.end()) {
            elig::TrialLoadResult loaded = elig::translate_trial(trial_, bundled->translation(), bundled->language());
            if (!loaded.ok()) return false;
            it = translated_.emplace(resolved, std::move(*loaded.trial)).first;
        }
        next = &it->second;
        if (!text.load(bundled->language(), errors)) return false;
    } else if (!text.load(elig::english_language_file(), errors)) {
        return false;
    }
    if (resolved == language_) return true;
    // Nothing the user entered changes: only the words around it.
    language_ = resolved;
    shown_ = next;
    text_ = std::move(text);
    reader_ = std::make_unique<elig::RecordReader>(*shown_);
    writer_ = std::make_unique<elig::VerdictWriter>(*shown_);
    if (log_) log_->set_words(*shown_);
    frames_wanted_ = std::max(frames_wanted_, 2);
    reserve_glyphs();
    publish_dictionary();
    // The verdict in the new words at once: the mirror (what a screen reader
    // hears) never mixes the new language's words with the old one's reasons.
    recompute();
    platform_.language_changed(language_);
    return true;
}

void App::set_screen(float device_pixel_ratio, bool touch)
{
    if (styled_ && style_.device_pixel_ratio == device_pixel_ratio && style_.touch == touch) return;
    styled_ = true;
    style_.device_pixel_ratio = device_pixel_ratio;
    style_.touch = touch;
    apply_style(style_);
    reserve_glyphs();
    frames_wanted_ = std::max(frames_wanted_, 2);
}

// Any language but English draws from the browser's fonts: a first screen
// of Chinese is some 370 distinct glyphs.
void App::reserve_glyphs() { reserve_glyph_room(language_ == "en" ? 0 : 400, style_.device_pixel_ratio * style_.text_scale); }

void App::set_text(int field, std::string text) { edited(field, form_.set_text(field, std::move(text))); }
void App::set_choice(int field, int choice) { edited(field, form_.set_choice(field, choice)); }
void App::set_unit(int field, int unit) { edited(field, form_.set_unit(field, unit)); }
void App::set_none(int field, bool none) { edited(field, form_.set_none(field, none)); }

// An edited field is the user's now: it loses its source mark.
void App::edited(int field, bool changed)
{
    if (!changed) return;
    dirty_ = true;
    imported_.erase(field);
}

void App::set_dom_focus(const std::string& key, int caret)
{
    const bool moved = key != locator_.focus();
    locator_.set_focus(key, moved);
    int field = -1;
    if (key.rfind("field:", 0) == 0) {
        const std::string rest = key.substr(6);
        field = trial_.find_slot(rest.substr(0, rest.find(':')));
        if (moved && trial_.is_field(field)) form_.focus_field(field);  // open its section
    }
    const bool text_field = trial_.is_field(field) && key.find(':', 6) == std::string::npos && trial_.field(field).type != elig::FieldType::boolean &&
                            trial_.field(field).type != elig::FieldType::enumeration;
    form_.set_editing(text_field ? field : -1, caret);
    if (moved && trial_.is_field(field)) show_patient_tab_ = true;
    frames_wanted_ = std::max(frames_wanted_, 2);
}

void App::action(const std::string& name)
{
    if (name == "save") save();
    else if (name == "load") platform_.open_file_picker();
    else if (name == "reset")
        open_dialog({text_(T::reset_title), text_(T::reset_text),
                     {{"dialog_confirm", text_(T::clear), "button:confirm_clear"}, {"dialog_cancel", text_(T::cancel), "button:cancel"}}, "dialog_cancel"});
    else if (name == "copy") platform_.copy_to_clipboard(errors_.empty() ? elig::text_report(*shown_, record_, evaluation_) : elig::text_errors(shown_->messages, errors_));
    else if (name == "print") platform_.print();
    else if (name.rfind("guide:", 0) == 0 || name.rfind("mode:", 0) == 0) guide_action(name);
    else if (name.rfind("log:", 0) == 0) log_action(name);
    else if (name == "dialog_ok" || name == "dialog_cancel") close_dialog();
    else if (name == "dialog_confirm") {
        form_.reset(platform_.today());
        imported_.clear();
        reset_guide();
        log_row_ = -1;  // a new patient, not the log's row
        dirty_ = true;
        close_dialog();
    } else if (name == "import_confirm") {
        confirm_import();
    } else if (name.rfind("patient:", 0) == 0 && pending_import_) {
        const size_t index = static_cast<size_t>(std::atoi(name.c_str() + 8));
        if (index < pending_import_->patients.size()) import_fhir(pending_name_, pending_text_, pending_import_->patients[index].id);
    } else if (name == "today") {
        // The date of the click, not of when the form was cleared: a page left open overnight.
        const int screening = trial_.find_slot("screening_date");
        if (trial_.is_field(screening)) edited(screening, form_.set_text(screening, platform_.today()));
    } else if (name == "text_smaller" || name == "text_larger") {
        style_.text_scale = std::clamp(style_.text_scale + (name == "text_larger" ? 0.1f : -0.1f), 0.8f, 1.6f);
        apply_style(style_);
        reserve_glyphs();
    } else if (name == "language") {
        set_language(next_language());
    }
    frames_wanted_ = std::max(frames_wanted_, 2);
}

void App::open_dialog(Dialog dialog)
{
    dialog_ = std::move(dialog);
    dialog_opening_ = true;
    publish_form_ = true;
    frames_wanted_ = std::max(frames_wanted_, 2);
}

void App::close_dialog()
{
    dialog_.reset();
    pending_import_.reset();
    import_job_.reset();  // a file still being read is let go
    log_job_.reset();     // (a log keeps the rows read so far)
    publish_form_ = true;
}

void App::save()
{
    if (!errors_.empty()) return;
    platform_.download(save_name(trial_, record_), form_.record_json(true) + "\n");
}

void App::load_file(const std::string& name, std::string text)
{
    if (log_open_) return log_file(name, std::move(text));  // the log takes what is opened or dropped while it is shown
    if (looks_like_fhir(text)) return import_fhir(name, std::make_shared<const std::string>(std::move(text)), "");
    // Validate first: a file that does not load leaves the form as it was.
    elig::Record loaded;
    std::vector<elig::InputError> problems;
    if (!reader_->read(text, loaded, problems)) {
        std::string why = text_.format(T::load_error_text, {name}) + "\n\n";
        for (const elig::InputError& e : problems) why += "\xE2\x80\xA2 " + e.message + "\n";
        open_dialog({text_(T::load_error_title), why, {{"dialog_ok", text_(T::ok), "button:ok"}}, "dialog_ok"});
        return;
    }
    form_.load(loaded);
    imported_.clear();
    reset_guide();
    log_row_ = -1;
    dirty_ = true;
}

FormView App::form_view()
{
    FormView view;
    view.shown = shown_;
    view.record = &record_;
    view.field_errors = &field_errors_;
    view.has_verdict = errors_.empty();
    if (errors_.empty()) view.missing = evaluation_.missing;
    elig::derive_values(*shown_, record_, relevance_);
    view.evaluation = &relevance_;
    view.touch = style_.touch;
    view.text = &text_;
    view.locator = &locator_;
    view.bold = fonts_.bold;
    view.source_of = [this](int field) { return source_of(field); };
    view.today = [this] { return platform_.today(); };
    return view;
}

void App::recompute()
{
    dirty_ = false;
    const std::string record_json = form_.record_json(false);
    const bool valid = reader_->read(record_json, record_, errors_);
    field_errors_.assign(trial_.fields.size(), std::string());
    errors_json_.clear();
    elig::JsonWriter error_list(errors_json_);
    error_list.begin_array();
    for (const elig::InputError& e : errors_) {
        const int field = trial_.find_slot(e.field);
        if (trial_.is_field(field)) {
            std::string& slot = field_errors_[static_cast<size_t>(field)];
            slot += (slot.empty() ? "" : "\n") + e.message;
        }
        // As the verdict writer writes errors: null for the record as a whole.
        error_list.begin_object().key("field");
        if (e.field.empty()) error_list.null();
        else error_list.value(e.field);
        error_list.key("code").value(elig::input_error_code(e)).key("message").value(e.message).end_object();
    }
    error_list.end_array();
    verdict_json_.clear();
    if (valid) {
        elig::evaluate(*shown_, record_, evaluation_);
        writer_->write(record_, evaluation_, verdict_json_);
        refresh_guide();
        // The log's row open in the calculator follows its edits.
        if (log_row_ >= 0 && log_) log_->update(static_cast<size_t>(log_row_), record_json);
    }
    platform_.publish_verdict(verdict_json_, form_.record_json(true), errors_json_);
    publish_form_ = true;
}

void App::publish_form()
{
    publish_form_ = false;
    std::string out;
    elig::JsonWriter state(out);
    state.begin_object().key("fields");
    form_.write_state(state, form_view(), [this](int field) { return imported_.count(field) ? source_of(field) : std::string(); });
    state.key("language").value(language_);
    if (dialog_) {
        state.key("dialog").begin_object().key("title").value(dialog_->title).key("text").value(dialog_->text).key("buttons").begin_array();
        for (const DialogButton& b : dialog_->buttons) state.begin_object().key("action").value(b.action).key("label").value(b.label).key("key").value(b.key).end_object();
        state.end_array().key("cancel").value(dialog_->cancel);
        if (dialog_->progress >= 0) state.key("progress").value(static_cast<double>(dialog_->progress));
        state.end_object();
    }
    // What decides first, as the panel and the text report order it.
    state.key("criteria_order").begin_array();
    if (errors_.empty())
        for (size_t c : elig::criteria_in_reading_order(evaluation_)) state.value(shown_->criteria[c].id);
    state.end_array();
    // What is missing, as the text report lists it ("or" between alternatives).
    if (errors_.empty() && !evaluation_.missing.empty()) state.key("missing").value(elig::missing_words(*shown_, evaluation_));
    // The earliest date the patient could qualify, in the panel's words.
    if (errors_.empty())
        if (const elig::AfterTheWindows after = elig::after_the_windows(*shown_, evaluation_); after.from != elig::kNoDate)
            state.key("earliest").value(text_.format(after.verdict == elig::Status::pass ? T::earliest : T::after_windows, {elig::format_iso_date(after.from)}));
    state.key("can_save").value(errors_.empty());
    write_guide_state(state);
    write_log_state(state);
    state.end_object();
    platform_.publish_form(out);
}

// Labels, units and words for the DOM layer, the text mirror and the
// printed report, in the reader's language.
void App::publish_dictionary()
{
    const elig::Trial& t = *shown_;
    std::string text;
    elig::JsonWriter out(text);
    out.begin_object().key("language").value(language_);
    // The languages the build bundles (ELIG_LANGUAGES), English first.
    out.key("languages").begin_array().value("en");
    for (const elig::BundledLanguage& l : elig::bundled_languages()) out.value(l.tag);
    out.end_array();
    out.key("notes").begin_object();
    for (const auto& [key, list] : {std::pair{"interpretations", &t.interpretations}, {"open_questions", &t.open_questions}}) {
        out.key(key).begin_array();
        for (const elig::TrialNote& note : *list) out.value(note.text);
        out.end_array();
    }
    out.end_object();
    out.key("fields").begin_array();
    for (const elig::FieldDef& f : t.fields) {
        static const char* const kTypes[] = {"text", "date", "bool", "number", "integer", "enum"};
        out.begin_object().key("id").value(f.id).key("type").value(kTypes[static_cast<int>(f.type)]).key("label").value(f.label);
        out.key("help").value(f.help).key("section").value(f.section).key("unit").value(f.unit_label).key("units").begin_array();
        for (const elig::Unit& u : f.units) out.begin_object().key("name").value(u.name).key("label").value(u.label).key("factor").value(u.to_canonical).end_object();
        out.end_array().key("values").begin_array();
        for (const elig::EnumValue& v : f.values) out.begin_object().key("id").value(v.id).key("label").value(v.label).key("help").value(v.help).end_object();
        out.end_array().key("allow_none").value(f.allow_none).end_object();
    }
    out.end_array().key("sections").begin_array();
    for (const elig::Section& s : t.sections) out.begin_object().key("id").value(s.id).key("label").value(s.label).end_object();
    out.end_array().key("conflicts").begin_array();
    for (const elig::Conflict& c : t.conflicts) out.begin_object().key("summary").value(c.summary).key("resolution").value(c.resolution).end_object();
    out.end_array().key("translation_notice").value(t.translation_notice);
    out.key("trial").begin_object().key("nct_id").value(t.info.nct_id).key("title").value(t.info.title).key("short_title").value(t.info.short_title);
    out.key("phase").value(t.info.phase).key("status").value(t.info.status).key("record_date").value(t.info.record_date).key("version").value(t.version).end_object();
    out.key("words").begin_object();
    static constexpr std::pair<const char*, T> kWords[] = {
        {"yes", T::yes}, {"no", T::no}, {"unknown", T::unknown}, {"none", T::none}, {"none_tip", T::none_tip}, {"today", T::today},
        {"unit", T::unit}, {"uln", T::uln}, {"or_as_multiple", T::or_as_multiple}, {"save", T::save_screening}, {"load", T::load},
        {"reset", T::reset}, {"copy", T::copy_summary}, {"print", T::print}, {"language", T::language_switch},
        {"language_tip", T::language_switch_tip}, {"text_smaller", T::text_smaller}, {"text_larger", T::text_larger},
        {"text_size", T::text_size_tip}, {"needed", T::needed_tip}, {"not_needed", T::not_needed}, {"date_hint", T::date_hint},
        {"privacy", T::header_privacy}, {"tab_patient", T::tab_patient}, {"tab_verdict", T::tab_verdict}, {"tab_form", T::tab_form},
        {"tab_guided", T::tab_guided}, {"guide_dont_know", T::guide_dont_know}, {"guide_back", T::guide_back}, {"guide_next", T::guide_next},
        {"guide_why", T::guide_why}, {"guide_why_decides", T::guide_why_decides}, {"guide_why_answers", T::guide_why_answers},
        {"guide_then", T::guide_then_heading}, {"guide_again", T::guide_ask_again}, {"guide_typed_hint", T::guide_typed_hint},
        {"protocol_sentence", T::protocol_sentence}, {"log_back", T::log_back}, {"log_add", T::log_add}, {"log_open", T::log_open},
        {"log_save", T::log_save}, {"log_csv", T::log_csv}, {"log_print", T::log_print}, {"log_undo", T::log_undo}, {"log_remove", T::log_remove},
        {"log_empty", T::log_empty}, {"log_label_note", T::log_label_note}, {"log_col_label", T::log_col_label}, {"log_col_date", T::log_col_date},
        {"log_col_verdict", T::log_col_verdict}, {"log_col_excluded", T::log_col_excluded}, {"log_col_missing", T::log_col_missing},
        {"log_col_changed", T::log_col_changed}, {"log_filter_all", T::log_filter_all}, {"log_criterion_all", T::log_criterion_all},
        {"log_chart_title", T::log_chart_title}};
    for (const auto& [key, words] : kWords) out.key(key).value(text_(words));
    out.key("verdict").begin_object().key("eligible").value(text_(T::verdict_eligible)).key("ineligible").value(text_(T::verdict_ineligible));
    out.key("incomplete").value(text_(T::verdict_incomplete)).key("review").value(text_(T::verdict_review)).end_object();
    out.key("status").begin_object().key("pass").value(text_(T::status_pass)).key("fail").value(text_(T::status_fail));
    out.key("unknown").value(text_(T::status_unknown)).key("review").value(text_(T::status_review)).end_object();
    out.end_object();
    out.key("translations").begin_object();
    for (const elig::Criterion& c : t.criteria)
        if (!c.source_translation.empty()) out.key(c.id).value(c.source_translation);
    out.end_object().end_object();
    platform_.set_dictionary(text);
    publish_form_ = true;
}

float App::css_width() const { return ImGui::GetIO().DisplaySize.x / std::max(style_.device_pixel_ratio, 0.1f); }

void App::jump_to_field(int field)
{
    if (!trial_.is_field(field)) return;
    set_guided(false);  // the field is in the form
    form_.focus_field(field);
    show_patient_tab_ = true;
    const elig::FieldDef& def = trial_.field(field);
    // The control that takes typing: the field itself, or its first choice.
    platform_.focus_control(def.type == elig::FieldType::boolean ? "field:" + def.id + ":Yes" : "field:" + def.id);
}

// The next bundled language, after English: the switch goes round them.
std::string App::next_language() const
{
    const auto languages = elig::bundled_languages();
    if (languages.empty()) return "en";
    if (language_ == "en") return std::string(languages.front().tag);
    for (size_t i = 0; i + 1 < languages.size(); ++i)
        if (languages[i].tag == language_) return std::string(languages[i + 1].tag);
    return "en";
}

void App::update()
{
    if (import_job_) advance_import(import_budget_ms_);
    if (log_job_) advance_log_job(3 * import_budget_ms_);
    if (dirty_) recompute();
    if (publish_form_) publish_form();
}

bool App::frame()
{
    // A big chart is read a slice a frame: the page keeps drawing and shows how far it is.
    if (import_job_) advance_import(import_budget_ms_);
    if (log_job_) advance_log_job(3 * import_budget_ms_);  // 30 ms: 10,000 patients in well under a second, the page still moving
    if (dirty_) {
        recompute();
        frames_wanted_ = std::max(frames_wanted_, 2);  // layouts settle over two frames
    }
    locator_.begin_frame(style_.device_pixel_ratio);
    form_.begin_frame();
    draw();
    locator_.end_frame();
    if (publish_form_) publish_form();
    if (locator_.changed()) platform_.publish_items(locator_.json());
    if (form_.clicked_text_field() >= 0) {
        const elig::FieldDef& def = trial_.field(form_.clicked_text_field());
        platform_.focus_control("field:" + def.id);
    }
    if (dirty_ || import_job_ || log_job_) return true;
    return frames_wanted_-- > 0;
}

} // namespace app
