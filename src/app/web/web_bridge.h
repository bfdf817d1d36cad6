// Everything the calculator asks of the web page, and the only file with
// JavaScript in it (EM_JS): the page side is web/page/*.js, reached through
// its `eligPage` object. Nothing here touches the network.
//
// Implemented:
//  - Files: "Save" downloads a local file; "Load" opens the file picker
//    (drag and drop too); the page hands the file back (app_load_file).
//  - Clipboard: writes (navigator.clipboard, with a fallback); pasting
//    happens natively in the DOM input layer.
//  - Printing: the page builds a clean report from the published verdict.
//  - The accessible DOM side: the verdict mirror (aria-live), the input
//    layer (one labelled control per field, in form order), its dialog, and
//    the canvas rectangles it positions its controls by.
//  - Focus: moves keyboard focus to an item's control (a jump to a field).
//  - The screen: device pixel ratio; today's date in local time.
//  - Glyphs the bundled font lacks (Chinese), drawn by the browser's fonts
//    through a 2D canvas (glyph_loader.h).
//  - The language in the URL (#lang=zh): nothing is stored anywhere else.
// Missing (by design or by platform):
//  - Reading the clipboard synchronously (browsers allow only async reads).
//  - Pinch-zoom of the canvas: replaced by the text-size buttons A− / A+.
//  - Cookies, storage, network: none, ever (the page's CSP forbids
//    connections once loaded).
#pragma once
#include <cstdint>
#include <string>

namespace app::web {

std::string today();
std::string initial_language();  // from the URL, else the browser's languages
double device_pixel_ratio();
void download(const std::string& file_name, const std::string& text);
void copy_to_clipboard(const std::string& text);
void open_file_picker();
void print();
void publish_verdict(const std::string& verdict_json, const std::string& record_json, const std::string& errors_json);
void publish_form(const std::string& form_json);
void publish_items(const std::string& items_json);
void set_dictionary(const std::string& dictionary_json);
void focus_control(const std::string& key);
void language_changed(const std::string& tag);
// The page shows the canvas ("canvas") or the HTML calculator ("html").
void started(const char* mode, int webgl_version);
void first_frame_drawn();
// A step of the start done (the page's stats.marks): "app", "fonts", "webgl".
void mark(const char* step);
void fail(const std::string& message);

// Glyphs from the browser's fonts, for glyph_loader.cpp. `size` is the
// font size in physical pixels. Returns false when no font has the glyph.
struct GlyphBox {
    int width = 0, height = 0;        // of the alpha bitmap
    float offset_x = 0, offset_y = 0; // from the pen position on the baseline
    float advance = 0;
};
bool font_has_glyph(uint32_t codepoint);
bool rasterize_glyph(uint32_t codepoint, float size, bool bold, unsigned char* alpha, int capacity, GlyphBox& out);
// Chinese characters share one cell per size and weight: its box and
// advance. False when the system has no Chinese font.
bool ideograph_cell(float size, bool bold, GlyphBox& out);
// Draws `count` Chinese characters at `size` into `alpha`, one cell after
// another (each ideograph_cell's width × height bytes).
void draw_ideographs(const uint32_t* codepoints, int count, float size, bool bold, unsigned char* alpha);
// The advance alone, without drawing (a glyph some font has).
float glyph_advance(uint32_t codepoint, float size, bool bold);

} // namespace app::web
