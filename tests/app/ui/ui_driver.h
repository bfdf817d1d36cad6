// Drives the calculator's UI natively, as the page does: the app on a
// headless Dear ImGui context (as imgui's examples/example_null does: a
// display size, NewFrame and Render, no GPU), clicks at the rectangles the
// app publishes for its items, text through set_text() as the DOM input
// layer hands it over, and a platform that records what the app asked.
#pragma once
#include "app/ui/app.h"
#include "app/ui/theme.h"

#include <imgui.h>
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace ui_test {

using nlohmann::json;

// What the app asked of its platform.
class RecordingPlatform : public app::Platform {
public:
    std::string today() override { return today_is; }
    std::string today_is = "2027-01-10";
    void download(const std::string& name, const std::string& text) override { downloads.push_back({name, text}); }
    void copy_to_clipboard(const std::string& text) override { clipboard = text; }
    void open_file_picker() override { ++pickers; }
    void print() override { ++prints; }
    void publish_verdict(const std::string& verdict_json, const std::string& record_json, const std::string& errors_json) override
    {
        verdict = verdict_json;
        record = record_json;
        errors = errors_json;
    }
    void publish_form(const std::string& form_json) override { form = json::parse(form_json); }
    void publish_items(const std::string& items_json) override { items = json::parse(items_json); }
    void set_dictionary(const std::string& dictionary_json) override { dictionary = json::parse(dictionary_json); }
    void focus_control(std::string_view key) override { focused.emplace_back(key); }
    void language_changed(std::string_view tag) override { language = tag; }

    std::vector<std::pair<std::string, std::string>> downloads;
    std::string clipboard, verdict, record, errors, language;
    int pickers = 0, prints = 0;
    json form, items, dictionary;
    std::vector<std::string> focused;
};

class Ui {
public:
    explicit Ui(float width = 1366, float height = 900)
    {
        context_ = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;  // textures are made, never uploaded
        io.DisplaySize = ImVec2(width, height);
        app = std::make_unique<app::App>(platform);
        app->set_fonts(app::load_fonts());
        app->set_screen(1, false);
        frames(3);
    }
    ~Ui()
    {
        app.reset();
        ImGui::DestroyContext(context_);
    }

    void frame()
    {
        ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
        ImGui::NewFrame();
        app->frame();
        ImGui::Render();
    }
    void frames(int n)
    {
        for (int i = 0; i < n; ++i) frame();
    }
    // Items are published in CSS px; ImGui works in device pixels.
    float ratio() const { return app->style().device_pixel_ratio; }
    bool has(const std::string& key) const { return platform.items.contains(key); }
    std::array<float, 4> rect(const std::string& key) const
    {
        EXPECT_TRUE(has(key)) << key << " is not on the screen";
        if (!has(key)) return {0, 0, 0, 0};
        const json& r = platform.items[key];
        return {r[0].get<float>(), r[1].get<float>(), r[2].get<float>(), r[3].get<float>()};
    }
    // Scrolls the form with the wheel, as a reader would, until the item is
    // on the screen.
    void reveal(const std::string& key)
    {
        if (has(key) || !has("panel:form")) return;
        const auto [x, y, w, h] = rect("panel:form");
        ImGuiIO& io = ImGui::GetIO();
        io.AddMousePosEvent((x + w / 2) * ratio(), (y + h / 2) * ratio());
        for (float direction : {1.0f, -1.0f})
            for (int step = 0; step < 40 && !has(key); ++step) {
                io.AddMouseWheelEvent(0, direction);
                frames(2);
            }
    }
    // A click at the middle of an item, as the page sends it: move, press,
    // release, a frame each.
    void click(const std::string& key)
    {
        reveal(key);
        const auto [x, y, w, h] = rect(key);
        ImGuiIO& io = ImGui::GetIO();
        io.AddMousePosEvent((x + w / 2) * ratio(), (y + h / 2) * ratio());
        frame();
        io.AddMouseButtonEvent(0, true);
        frame();
        io.AddMouseButtonEvent(0, false);
        frames(3);
    }
    void type(const std::string& field, const std::string& text)
    {
        app->set_text(app->trial().find_slot(field), text);
        frames(2);
    }
    json record() const { return json::parse(app->record_json()); }
    const json& field_state(const std::string& field) const
    {
        return platform.form["fields"][static_cast<size_t>(app->trial().find_slot(field))];
    }

    RecordingPlatform platform;
    std::unique_ptr<app::App> app;

private:
    ImGuiContext* context_ = nullptr;
};

} // namespace ui_test
