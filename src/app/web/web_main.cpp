// The calculator in a web page: the platform under app.h, in the manner of
// Dear ImGui's backends. It creates the WebGL context (WebGL 2, else
// WebGL 1; with neither the page shows the same calculator as a plain HTML
// form, still evaluated here), feeds Dear ImGui what web/page/50_input.js
// sends (pointer, touch, wheel, keys), draws a frame when the page asks for
// one, and implements Platform through web_bridge.h.
//
// Implemented:
//  - Mouse, pen and touch, each as its ImGuiMouseSource: a tap is one click
//    with no hover left behind; the page turns a finger drag into scrolling
//    and a long press into the hover that shows a tooltip.
//  - The wheel, in lines; keyboard navigation keys while the canvas has focus.
//  - High-DPI: the canvas is drawn at device pixels; the style follows.
//  - Textures on WebGL 2 and WebGL 1 (ImGuiBackendFlags_RendererHasTextures).
// Missing:
//  - Typing on the canvas: text goes into the DOM input layer's controls,
//    where phone keyboards, IMEs and screen readers work (form.h).
//  - Gamepads, several viewports, the system clipboard's contents.
#include "app/ui/app.h"
#include "app/ui/glyph_loader.h"
#include "app/web/web_bridge.h"
#include "app/web/webgl1_renderer.h"

#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>

#include <GLES3/gl3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>


namespace {

class WebPlatform final : public app::Platform {
public:
    std::string today() override { return app::web::today(); }
    void download(const std::string& name, const std::string& text) override { app::web::download(name, text); }
    void copy_to_clipboard(const std::string& text) override { app::web::copy_to_clipboard(text); }
    void open_file_picker() override { app::web::open_file_picker(); }
    void print() override { app::web::print(); }
    void publish_verdict(const std::string& verdict, const std::string& record, const std::string& errors) override
    {
        app::web::publish_verdict(verdict, record, errors);
    }
    void publish_form(const std::string& json) override { app::web::publish_form(json); }
    void publish_items(const std::string& json) override { app::web::publish_items(json); }
    void set_dictionary(const std::string& json) override { app::web::set_dictionary(json); }
    void focus_control(std::string_view key) override { app::web::focus_control(std::string(key)); }
    void language_changed(std::string_view tag) override { app::web::language_changed(std::string(tag)); }
};

// The page's one calculator. Browser callbacks (extern "C" below) reach it
// here; the core itself has no globals.
struct Page {
    WebPlatform platform;
    std::unique_ptr<app::App> app;
    std::string file;  // a file's bytes, written here by the page (app_file_buffer), then loaded
    int webgl = 0;  // 2, 1, or 0: the HTML calculator
    bool first_frame = true;
    double last_time = 0;
};
Page* page = nullptr;

int create_webgl_context()
{
    EmscriptenWebGLContextAttributes attributes;
    emscripten_webgl_init_context_attributes(&attributes);
    attributes.alpha = EM_FALSE;
    attributes.antialias = EM_FALSE;  // ImGui anti-aliases its own shapes
    attributes.depth = EM_FALSE;
    attributes.stencil = EM_FALSE;
    // Emscripten would otherwise turn on every extension the browser has,
    // one call each, at start; the renderer needs one, on WebGL 1 only.
    attributes.enableExtensionsByDefault = EM_FALSE;
    for (int version : {2, 1}) {
        attributes.majorVersion = version;
        const EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context = emscripten_webgl_create_context("#canvas", &attributes);
        if (context <= 0 || emscripten_webgl_make_context_current(context) != EMSCRIPTEN_RESULT_SUCCESS) continue;
        // Dear ImGui's ES 2 backend draws with vertex array objects, an
        // extension in WebGL 1 (imgui_impl_opengl3.cpp, "OES_vertex_array").
        if (version == 1 && !emscripten_webgl_enable_extension(context, "OES_vertex_array_object")) continue;
        return version;
    }
    return 0;
}

// DOM KeyboardEvent.key to the keys ImGui navigates with.
ImGuiKey imgui_key(const char* key)
{
    static constexpr std::pair<const char*, ImGuiKey> kKeys[] = {
        {"Tab", ImGuiKey_Tab},          {"ArrowLeft", ImGuiKey_LeftArrow}, {"ArrowRight", ImGuiKey_RightArrow}, {"ArrowUp", ImGuiKey_UpArrow},
        {"ArrowDown", ImGuiKey_DownArrow}, {"PageUp", ImGuiKey_PageUp},  {"PageDown", ImGuiKey_PageDown},     {"Home", ImGuiKey_Home},
        {"End", ImGuiKey_End},          {"Enter", ImGuiKey_Enter},        {"Escape", ImGuiKey_Escape},         {" ", ImGuiKey_Space},
        {"Backspace", ImGuiKey_Backspace}, {"Delete", ImGuiKey_Delete},
    };
    for (const auto& [name, value] : kKeys)
        if (std::strcmp(key, name) == 0) return value;
    return ImGuiKey_None;
}

// A frame that meets new glyphs (a page of Chinese: hundreds) updates as many
// small rectangles of the font atlas, and the backend uploads each with its
// own glTexSubImage2D. One upload of their bounding box costs less than the
// calls; the atlas keeps every pixel on the CPU side, so it is the same.
void merge_texture_updates(ImDrawData* draw_data)
{
    if (!draw_data->Textures) return;
    for (ImTextureData* tex : *draw_data->Textures)
        if (tex->Status == ImTextureStatus_WantUpdates && tex->Updates.Size > 1) {
            tex->Updates.resize(1);
            tex->Updates[0] = tex->UpdateRect;
        }
}

// The rows of a new texture that hold anything, from the top. A grown or
// repacked atlas copies its glyphs into their new places without queuing
// them (ImFontAtlasTextureRepack), so its packed rectangles count too.
int rows_in_use(const ImTextureData& tex)
{
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (&tex != atlas->TexData || !atlas->Builder) return tex.Height;
    return std::min(tex.Height, std::max(atlas->Builder->MaxRectBounds.y, tex.UsedRect.y + tex.UsedRect.h));
}

// A new texture (the font atlas at start, 1024×512 for a Chinese page, or
// one the atlas grew into) is created empty and given only the rows in use:
// the backend would upload every pixel, and in a software renderer the page
// waits for the copy (12–18 ms of a Chinese first frame for 2 MB, most of it zeros).
// Unused pixels are zero in both: ImTextureData::Create clears them, and
// WebGL clears a texture created without data.
void create_textures(ImDrawData* draw_data)
{
    if (!draw_data->Textures) return;
    for (ImTextureData* tex : *draw_data->Textures) {
        if (tex->Status != ImTextureStatus_WantCreate || tex->Format != ImTextureFormat_RGBA32) continue;
        GLuint id = 0;
        glGenTextures(1, &id);
        glBindTexture(GL_TEXTURE_2D, id);
        // As the backend's own (imgui_impl_opengl3.cpp, ImGui_ImplOpenGL3_UpdateTexture), which later updates and destroys it.
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, tex->Width, tex->Height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        // Whole rows: contiguous in memory.
        if (const int rows = rows_in_use(*tex); rows > 0)
            glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, tex->Width, rows, GL_RGBA, GL_UNSIGNED_BYTE, tex->GetPixelsAt(0, 0));
        glBindTexture(GL_TEXTURE_2D, 0);
        tex->SetTexID(static_cast<ImTextureID>(id));
        tex->SetStatus(ImTextureStatus_OK);
    }
}

void render()
{
    ImGui::Render();
    app::draw_pending_glyphs();
    merge_texture_updates(ImGui::GetDrawData());
    create_textures(ImGui::GetDrawData());
    const ImGuiIO& io = ImGui::GetIO();
    glViewport(0, 0, static_cast<int>(io.DisplaySize.x), static_cast<int>(io.DisplaySize.y));
    glClearColor(0.97f, 0.97f, 0.98f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    if (page->webgl == 2) ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    else ImGui_ImplWebGL1_RenderDrawData(ImGui::GetDrawData());
}

} // namespace

extern "C" {

// One frame at page time `time_ms`; returns 1 while the app wants another soon.
EMSCRIPTEN_KEEPALIVE int app_frame(double time_ms)
{
    app::App& app = *page->app;
    if (!page->webgl) {
        app.update();  // the HTML calculator: recompute and publish, nothing to draw
        return app.busy() ? 1 : 0;
    }
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = page->last_time > 0 && time_ms > page->last_time ? static_cast<float>((time_ms - page->last_time) / 1000.0) : 1.0f / 60.0f;
    page->last_time = time_ms;
    if (page->webgl == 2) ImGui_ImplOpenGL3_NewFrame();
    else ImGui_ImplWebGL1_NewFrame();
    ImGui::NewFrame();
    const bool more = app.frame();
    render();
    if (page->first_frame) {
        page->first_frame = false;
        app::web::first_frame_drawn();
    }
    return more ? 1 : 0;
}

// The page has sized the canvas to css size × ratio (physical pixels, so
// text is crisp); positions arrive in those pixels too.
EMSCRIPTEN_KEEPALIVE void app_resize(int width, int height, double ratio, int touch)
{
    ImGui::GetIO().DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    page->app->set_screen(static_cast<float>(ratio), touch != 0);
}

// kind: 0 move, 1 press, 2 release, 3 left the canvas. source: 0 mouse, 1 touch, 2 pen.
EMSCRIPTEN_KEEPALIVE void app_pointer(int kind, double x, double y, int button, int source)
{
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(source == 1 ? ImGuiMouseSource_TouchScreen : source == 2 ? ImGuiMouseSource_Pen : ImGuiMouseSource_Mouse);
    if (kind == 3) io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    else io.AddMousePosEvent(static_cast<float>(x), static_cast<float>(y));
    if ((kind == 1 || kind == 2) && button >= 0 && button < ImGuiMouseButton_COUNT) io.AddMouseButtonEvent(button, kind == 1);
}

EMSCRIPTEN_KEEPALIVE void app_wheel(double lines_x, double lines_y)
{
    ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(lines_x), static_cast<float>(lines_y));
}

// A finger drag of (dx, dy) physical pixels: the content follows the finger.
// One wheel step scrolls five lines of the current font (imgui.cpp).
EMSCRIPTEN_KEEPALIVE void app_scroll(double dx, double dy)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    const float step = 5.0f * style.FontSizeBase * style.FontScaleMain * style.FontScaleDpi;
    ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(dx) / step, static_cast<float>(dy) / step);
}

EMSCRIPTEN_KEEPALIVE void app_key(const char* key, int down, int ctrl, int shift, int alt, int super)
{
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiMod_Ctrl, ctrl != 0);
    io.AddKeyEvent(ImGuiMod_Shift, shift != 0);
    io.AddKeyEvent(ImGuiMod_Alt, alt != 0);
    io.AddKeyEvent(ImGuiMod_Super, super != 0);
    if (const ImGuiKey k = imgui_key(key); k != ImGuiKey_None) io.AddKeyEvent(k, down != 0);
}

EMSCRIPTEN_KEEPALIVE void app_focus(int focused) { ImGui::GetIO().AddFocusEvent(focused != 0); }

// The DOM input layer: edits by field index, focus, buttons, files, language.
EMSCRIPTEN_KEEPALIVE void app_set_text(int field, const char* text) { page->app->set_text(field, text); }
EMSCRIPTEN_KEEPALIVE void app_set_choice(int field, int choice) { page->app->set_choice(field, choice); }
EMSCRIPTEN_KEEPALIVE void app_set_unit(int field, int unit) { page->app->set_unit(field, unit); }
EMSCRIPTEN_KEEPALIVE void app_set_none(int field, int none) { page->app->set_none(field, none != 0); }
EMSCRIPTEN_KEEPALIVE void app_dom_focus(const char* key, int caret) { page->app->set_dom_focus(key, caret); }
EMSCRIPTEN_KEEPALIVE void app_action(const char* name) { page->app->action(name); }
// A file in two steps, so that a 100 MB export is copied once: the page
// asks for room for its bytes, writes them there, then says its name.
EMSCRIPTEN_KEEPALIVE char* app_file_buffer(int size)
{
    page->file.assign(static_cast<size_t>(std::max(size, 0)), '\0');
    return page->file.data();
}
EMSCRIPTEN_KEEPALIVE void app_load_file(const char* name) { page->app->load_file(name, std::move(page->file)); }
EMSCRIPTEN_KEEPALIVE int app_set_language(const char* tag) { return page->app->set_language(tag) ? 1 : 0; }

} // extern "C"

int main()
{
    page = new Page;
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing is ever stored
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigInputTextCursorBlink = false;  // a blinking caret would need frames on an idle page
    io.BackendPlatformName = "web_main (this project)";
    io.DisplaySize = ImVec2(1280, 800);
    ImGui::GetPlatformIO().Platform_SetClipboardTextFn = [](ImGuiContext*, const char* text) { app::web::copy_to_clipboard(text); };

    page->app = std::make_unique<app::App>(page->platform, app::web::initial_language());
    if (!page->app->ok()) {
        app::web::fail(page->app->problems());
        return 1;
    }
    app::web::mark("app");  // criteria and translation loaded, the dictionary published
    app::install_glyph_loader();
    page->app->set_fonts(app::load_fonts());
    page->app->set_screen(static_cast<float>(app::web::device_pixel_ratio()), false);
    app::web::mark("fonts");
    page->webgl = create_webgl_context();
    if (page->webgl == 2) ImGui_ImplOpenGL3_Init("#version 300 es");
    else if (page->webgl == 1) ImGui_ImplWebGL1_Init("#version 100");
    else io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;  // nothing draws: textures are never uploaded
    app::web::mark("webgl");
    app::web::started(page->webgl ? "canvas" : "html", page->webgl);
    return 0;  // the page drives frames from here on
}
