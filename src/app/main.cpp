// The web calculator: Dear ImGui over GLFW and WebGL2, the NCT07345780
// criteria and the fonts compiled in. Frames are drawn only when something
// happens (the page schedules them on input; see web/shell.html): an idle
// page draws nothing and uses no CPU.
#include "bundled/bundled_criteria.h"
#include "core/evaluate.h"
#include "core/record_reader.h"
#include "core/text_report.h"
#include "core/trial_loader.h"
#include "core/verdict_json.h"
#include "form.h"
#include "item_locator.h"
#include "theme.h"
#include "verdict_panel.h"
#include "web_bridge.h"

#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <nlohmann/json.hpp>
#include <imgui_impl_opengl3.h>

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdio>
#include <memory>

namespace {

EM_JS(void, js_today, (char* out, int size), {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    stringToUTF8(d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()), out, size);
});

struct App {
    explicit App(elig::Trial loaded) : trial(std::move(loaded)), form(trial), reader(trial), writer(trial) {}

    const elig::Trial trial;
    app::Form form;
    elig::RecordReader reader;
    elig::VerdictWriter writer;
    elig::Record record;
    elig::Evaluation evaluation;   // the verdict's
    elig::Evaluation relevance;    // the form's scratch for which fields apply
    std::vector<elig::InputError> errors;
    std::vector<std::string> field_errors;
    std::string verdict_json, record_json, errors_json;
    bool dirty = true;

    GLFWwindow* window = nullptr;
    app::Fonts fonts;
    float pixel_ratio = 1;
    int frames_wanted = 2;
    bool first_frame = true;
    std::string today;

    std::string load_error;        // a file that could not be loaded, and why
    bool open_load_error = false;
    bool open_reset = false;

    void recompute();
    void draw();
    void draw_header();
    void draw_actions();
    void draw_popups();
    void load_file(const std::string& name, const std::string& text);
};

// Mouse wheel: the ImGui GLFW backend ignores GLFW's scroll events under
// Emscripten and expects its own handler, which comes bundled with a canvas
// resize handler that would undo the pixel-ratio sizing; this is the wheel
// part alone (100 pixels, 3 lines or 1/80 page make one step).
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* event, void*)
{
    float step = 0.0f;
    if (event->deltaMode == DOM_DELTA_PIXEL) step = 1.0f / 100.0f;
    else if (event->deltaMode == DOM_DELTA_LINE) step = 1.0f / 3.0f;
    else if (event->deltaMode == DOM_DELTA_PAGE) step = 80.0f;
    ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(event->deltaX) * -step, static_cast<float>(event->deltaY) * -step);
    return EM_TRUE;
}

// The page's one app. Browser callbacks (extern "C" below) reach it here;
// the core itself has no globals.
App* the_app = nullptr;

void App::recompute()
{
    dirty = false;
    record_json = form.record_json(false);
    const bool valid = reader.read(record_json, record, errors);
    field_errors.assign(trial.fields.size(), std::string());
    nlohmann::json error_list = nlohmann::json::array();
    for (const elig::InputError& e : errors) {
        const int field = trial.find_slot(e.field);
        if (trial.is_field(field)) {
            std::string& slot = field_errors[static_cast<size_t>(field)];
            slot += (slot.empty() ? "" : "\n") + e.message;
        }
        error_list.push_back({{"field", e.field}, {"message", e.message}});
    }
    errors_json = error_list.dump();
    verdict_json.clear();
    if (valid) {
        elig::evaluate(trial, record, evaluation);
        writer.write(record, evaluation, verdict_json);
    }
    app::web_publish(verdict_json, form.record_json(true), errors_json);
}

void App::load_file(const std::string& name, const std::string& text)
{
    // Validate first: a file that does not load leaves the form as it was.
    elig::Record loaded;
    std::vector<elig::InputError> problems;
    if (!reader.read(text, loaded, problems)) {
        load_error = "\"" + name + "\" was not loaded; the form is unchanged.\n\n";
        for (const elig::InputError& e : problems) load_error += "\xE2\x80\xA2 " + e.message + "\n";
        open_load_error = true;
        return;
    }
    form.load(loaded);
    dirty = true;
}

void App::draw_header()
{
    const elig::TrialInfo& info = trial.info;
    ImGui::PushFont(fonts.bold, app::kBaseFontSize * 1.25f);
    ImGui::TextUnformatted((info.nct_id + "  \xC2\xB7  " + info.short_title).c_str());
    ImGui::PopFont();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(app::kMutedColor, "%s", info.title.c_str());
    ImGui::TextColored(app::kMutedColor, "Phase %s \xC2\xB7 %s \xC2\xB7 %d participants \xC2\xB7 %s \xC2\xB7 registry record of %s \xC2\xB7 criteria %s", info.phase.c_str(),
                       info.status.c_str(), info.enrollment, info.site.c_str(), info.record_date.c_str(), trial.version.c_str());
    ImGui::PopTextWrapPos();

    // The record's own conflicts, with both sources, and what the app does.
    for (const elig::Conflict& conflict : trial.conflicts) {
        if (conflict.id != "maximum_age") continue;
        ImGui::PushStyleColor(ImGuiCol_ChildBg, app::kWarningBackground);
        if (ImGui::BeginChild("conflict", ImVec2(0, 0), ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_Borders)) {
            ImGui::PushTextWrapPos(0.0f);
            ImGui::Text("\xE2\x9A\xA0 The registry record disagrees with itself: %s %s", conflict.summary.c_str(), conflict.resolution.c_str());
            ImGui::PopTextWrapPos();
        }
        ImGui::EndChild();
        ImGui::PopStyleColor();
    }
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(app::kMutedColor,
                       "A pre-screening aid, not an enrolment decision. Private: everything stays in this page; nothing is sent or stored.");
    ImGui::PopTextWrapPos();
}

void App::draw_actions()
{
    const bool valid = errors.empty();
    ImGui::BeginDisabled(!valid);
    const bool save = ImGui::Button("Save screening");
    app::locate_last_item("button:save");
    if (save) {
        const int id = trial.find_slot("id");
        const int screening = trial.find_slot("screening_date");
        std::string name = "screening";
        if (trial.is_field(id) && record.values[static_cast<size_t>(id)].known() && !record.values[static_cast<size_t>(id)].text.empty())
            name += "-" + record.values[static_cast<size_t>(id)].text;
        else if (trial.is_field(screening) && record.values[static_cast<size_t>(screening)].known())
            name += "-" + elig::format_iso_date(record.values[static_cast<size_t>(screening)].date);
        for (char& c : name)
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) c = '_';
        app::web_download(name + ".json", form.record_json(true) + "\n");
    }
    ImGui::EndDisabled();
    ImGui::SetItemTooltip(valid ? "Save this screening as a record file (JSON), on this computer only." : "Fix the marked inputs first.");
    ImGui::SameLine();
    if (ImGui::Button("Load\xE2\x80\xA6")) app::web_open_file_picker();
    app::locate_last_item("button:load");
    ImGui::SetItemTooltip("Load a saved screening (or drop the file on the page).");
    ImGui::SameLine();
    if (ImGui::Button("Reset")) open_reset = true;
    app::locate_last_item("button:reset");
    ImGui::SameLine();
    if (ImGui::Button("Copy summary"))
        app::web_copy_to_clipboard(valid ? elig::text_report(trial, record, evaluation) : elig::text_errors(errors));
    app::locate_last_item("button:copy");
    ImGui::SetItemTooltip("Copy a plain-text summary to the clipboard.");
    ImGui::SameLine();
    if (ImGui::Button("Print"))
        app::web_print(verdict_json, form.record_json(true), errors_json);
    app::locate_last_item("button:print");
    ImGui::SetItemTooltip("A clean printable report (or Save as PDF).");
}

void App::draw_popups()
{
    if (open_load_error) {
        ImGui::OpenPopup("Could not load the file");
        open_load_error = false;
    }
    if (open_reset) {
        ImGui::OpenPopup("Clear the form?");
        open_reset = false;
    }
    const ImVec2 center = ImGui::GetMainViewport()->GetCenter();
    ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(ImGui::GetFontSize() * 20, 0), ImVec2(ImGui::GetFontSize() * 40, FLT_MAX));
    if (ImGui::BeginPopupModal("Could not load the file", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 38);
        ImGui::TextUnformatted(load_error.c_str());
        ImGui::PopTextWrapPos();
        const bool ok = ImGui::Button("OK");
        app::locate_last_item("button:ok");
        if (ok || ImGui::IsKeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (ImGui::BeginPopupModal("Clear the form?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted("Every field will be cleared (the screening date goes back to today).");
        const bool clear = ImGui::Button("Clear");
        app::locate_last_item("button:confirm_clear");
        if (clear) {
            form.reset(today);
            dirty = true;
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

void App::draw()
{
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::Begin("NCT07345780 eligibility", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
    draw_header();
    draw_actions();
    ImGui::Spacing();

    app::FormView form_view;
    form_view.record = &record;
    form_view.field_errors = &field_errors;
    form_view.has_verdict = errors.empty();
    if (errors.empty()) form_view.missing = evaluation.missing;
    elig::derive_values(trial, record, relevance);
    form_view.evaluation = &relevance;

    app::VerdictView verdict_view{&trial, &record, &evaluation, &errors, fonts.bold};
    const bool wide = ImGui::GetContentRegionAvail().x > ImGui::GetFontSize() * 56;
    bool changed = false;
    int jump = -1;
    if (wide) {
        const float gap = ImGui::GetStyle().ItemSpacing.x;
        const float form_width = (ImGui::GetContentRegionAvail().x - gap) * 0.58f;
            if (ImGui::BeginChild("form", ImVec2(form_width, 0), ImGuiChildFlags_Borders, ImGuiWindowFlags_None))
            changed = form.draw(form_view, fonts.bold);
        ImGui::EndChild();
        app::locate_last_item("panel:form");
        ImGui::SameLine();
        if (ImGui::BeginChild("verdict", ImVec2(0, 0), ImGuiChildFlags_Borders)) jump = app::draw_verdict(verdict_view);
        ImGui::EndChild();
        app::locate_last_item("panel:verdict");
    } else if (ImGui::BeginTabBar("views")) {
        // Narrow screens: the verdict first, the form a tab away.
        if (ImGui::BeginTabItem("Verdict")) {
            if (ImGui::BeginChild("verdict")) jump = app::draw_verdict(verdict_view);
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Patient", nullptr, jump >= 0 ? ImGuiTabItemFlags_SetSelected : 0)) {
            if (ImGui::BeginChild("form")) changed = form.draw(form_view, fonts.bold);
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    if (jump >= 0) form.focus_field(jump);
    draw_popups();
    ImGui::End();
    if (changed) dirty = true;
}

// Labels and units for the page's text mirror and printed report.
std::string dictionary_json(const elig::Trial& trial)
{
    nlohmann::json out = nlohmann::json::object();
    nlohmann::json fields = nlohmann::json::array();
    for (const elig::FieldDef& f : trial.fields) {
        nlohmann::json values = nlohmann::json::object();
        for (const elig::EnumValue& v : f.values) values[v.id] = v.label;
        fields.push_back({{"id", f.id}, {"label", f.label}, {"unit", f.unit}, {"section", f.section}, {"values", values}});
    }
    nlohmann::json sections = nlohmann::json::array();
    for (const elig::Section& s : trial.sections) sections.push_back({{"id", s.id}, {"label", s.label}});
    out["fields"] = fields;
    out["sections"] = sections;
    out["trial"] = {{"nct_id", trial.info.nct_id}, {"title", trial.info.title}, {"short_title", trial.info.short_title},
                    {"phase", trial.info.phase}, {"status", trial.info.status}, {"record_date", trial.info.record_date}, {"version", trial.version}};
    nlohmann::json conflicts = nlohmann::json::array();
    for (const elig::Conflict& c : trial.conflicts) conflicts.push_back({{"summary", c.summary}, {"resolution", c.resolution}});
    out["conflicts"] = conflicts;
    return out.dump();
}

void resize(float ratio)
{
    App& app = *the_app;
    if (ratio != app.pixel_ratio) {
        app.pixel_ratio = ratio;
        app::apply_style(ratio);
    }
    app.frames_wanted = std::max(app.frames_wanted, 2);
}

} // namespace

extern "C" {

// One frame; returns 1 while the app wants another one soon.
EMSCRIPTEN_KEEPALIVE int app_frame()
{
    App& app = *the_app;
    if (app.dirty) {
        app.recompute();
        app.frames_wanted = std::max(app.frames_wanted, 2);  // layouts settle over two frames
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    app::locator_begin_frame();
    app.draw();
    app::locator_end_frame();
    ImGui::Render();
    int width = 0, height = 0;
    glfwGetFramebufferSize(app.window, &width, &height);
    glViewport(0, 0, width, height);
    glClearColor(0.97f, 0.97f, 0.98f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (app.first_frame) {
        app.first_frame = false;
        app::web_first_frame_drawn();
    }
    if (app.dirty) return 1;
    return app.frames_wanted-- > 0 ? 1 : 0;
}

// The page has sized the canvas to css size × ratio (physical pixels, so
// text is crisp; GLFW's port reports mouse positions in those pixels too);
// the style follows the ratio.
EMSCRIPTEN_KEEPALIVE void app_resize(double ratio)
{
    resize(static_cast<float>(ratio));
}

EMSCRIPTEN_KEEPALIVE void app_load_record(const char* name, const char* text)
{
    the_app->load_file(name, text);
}

// Text pasted into the page goes to the focused input (GLFW's port has no
// access to the system clipboard).
EMSCRIPTEN_KEEPALIVE void app_paste(const char* text)
{
    ImGui::GetIO().AddInputCharactersUTF8(text);
}

} // extern "C"

int main()
{
    elig::TrialLoadResult loaded = elig::load_trial(elig::bundled_criteria());
    if (!loaded.ok()) {
        std::fprintf(stderr, "bundled criteria: %s\n", elig::describe(loaded.errors[0]).c_str());
        return 1;
    }
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWwindow* window = glfwCreateWindow(1280, 800, "NCT07345780 eligibility", nullptr, nullptr);
    if (!window) return 1;
    glfwMakeContextCurrent(window);

    the_app = new App(std::move(*loaded.trial));
    App& app = *the_app;
    app.window = window;
    char today[16] = "";
    js_today(today, sizeof today);
    app.today = today;
    app.form.reset(app.today);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing is ever stored
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigInputTextCursorBlink = false;  // a blinking caret would need frames on an idle page
    ImGuiPlatformIO& platform = ImGui::GetPlatformIO();
    platform.Platform_SetClipboardTextFn = [](ImGuiContext*, const char* text) { app::web_copy_to_clipboard(text); };
    platform.Platform_GetClipboardTextFn = [](ImGuiContext*) -> const char* { return ""; };  // pastes arrive as text events

    app::web_set_dictionary(dictionary_json(app.trial));
    app.fonts = app::load_fonts();
    app.pixel_ratio = static_cast<float>(app::web_device_pixel_ratio());
    app::apply_style(app.pixel_ratio);
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    emscripten_set_wheel_callback("#canvas", nullptr, false, on_wheel);
    return 0;  // the page drives frames from here on
}
