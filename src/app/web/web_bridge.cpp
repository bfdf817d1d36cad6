#include "app/web/web_bridge.h"

#include <emscripten.h>


// Each call hands strings to the page's `eligPage` object (web/page/*.js).
EM_JS(void, js_today, (char* out, int size), {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    stringToUTF8(d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()), out, size);
});
EM_JS(void, js_initial_language, (char* out, int size), { stringToUTF8(eligPage.language, out, size); });
EM_JS(double, js_device_pixel_ratio, (), { return window.devicePixelRatio || 1; });
// The file's bytes as they are: decoding them to a string would drop the
// byte order mark a CSV for Excel starts with.
EM_JS(void, js_download, (const char* name, const char* bytes, int size), { eligPage.download(UTF8ToString(name), HEAPU8.slice(bytes, bytes + size)); });
EM_JS(void, js_copy, (const char* text, int size), { eligPage.copy(eligPage.utf8(text, size)); });
EM_JS(void, js_open_file_picker, (), { eligPage.openFilePicker(); });
EM_JS(void, js_print, (), { eligPage.print(); });
// The published JSON by address and length (eligPage.utf8).
EM_JS(void, js_publish_verdict, (const char* verdict, int verdict_size, const char* record, int record_size, const char* errors, int errors_size),
      { eligPage.publishVerdict(eligPage.utf8(verdict, verdict_size), eligPage.utf8(record, record_size), eligPage.utf8(errors, errors_size)); });
EM_JS(void, js_publish_form, (const char* json, int size), { eligPage.publishForm(eligPage.utf8(json, size)); });
EM_JS(void, js_publish_items, (const char* json, int size), { eligPage.publishItems(eligPage.utf8(json, size)); });
EM_JS(void, js_set_dictionary, (const char* json, int size), { eligPage.setDictionary(eligPage.utf8(json, size)); });
EM_JS(void, js_focus_control, (const char* key), { eligPage.focusControl(UTF8ToString(key)); });
EM_JS(void, js_language_changed, (const char* tag), { eligPage.languageChanged(UTF8ToString(tag)); });
EM_JS(void, js_started, (const char* mode, int webgl), { eligPage.started(UTF8ToString(mode), webgl); });
EM_JS(void, js_first_frame, (), { eligPage.firstFrame(); });
EM_JS(void, js_mark, (const char* step), { eligPage.mark(UTF8ToString(step)); });
EM_JS(void, js_fail, (const char* message), { eligPage.fail(UTF8ToString(message)); });
EM_JS(int, js_font_has_glyph, (uint32_t codepoint), { return eligPage.glyphs.has(codepoint) ? 1 : 0; });
EM_JS(int, js_rasterize_glyph, (uint32_t codepoint, float size, int bold, unsigned char* alpha, int capacity, float* metrics), {
    const glyph = eligPage.glyphs.rasterize(codepoint, size, bold !== 0);
    if (!glyph || glyph.alpha.length > capacity) return 0;
    HEAPU8.set(glyph.alpha, alpha);
    HEAPF32.set([glyph.width, glyph.height, glyph.left, glyph.top, glyph.advance], metrics >> 2);
    return 1;
});
EM_JS(int, js_ideograph_cell, (float size, int bold, float* metrics), {
    const cell = eligPage.glyphs.cellOf(size, bold !== 0);
    if (!cell) return 0;
    HEAPF32.set([cell.width, cell.height, cell.left, cell.top, cell.advance], metrics >> 2);
    return 1;
});
EM_JS(void, js_draw_ideographs, (const uint32_t* codepoints, int count, float size, int bold, unsigned char* alpha), {
    const alphas = eligPage.glyphs.drawCells(HEAPU32.subarray(codepoints >> 2, (codepoints >> 2) + count), size, bold !== 0);
    HEAPU8.set(alphas, alpha);
});
EM_JS(float, js_glyph_advance, (uint32_t codepoint, float size, int bold), { return eligPage.glyphs.advance(codepoint, size, bold !== 0); });

namespace app::web {

namespace {

// Sizes as the page's functions take them (int: strings here are far below 2 GB).
int size_of(const std::string& text) { return static_cast<int>(text.size()); }

} // namespace

std::string today()
{
    char text[16] = "";
    js_today(text, sizeof text);
    return text;
}
std::string initial_language()
{
    char tag[16] = "";
    js_initial_language(tag, sizeof tag);
    return tag;
}
double device_pixel_ratio() { return js_device_pixel_ratio(); }
void download(const std::string& file_name, const std::string& text) { js_download(file_name.c_str(), text.data(), size_of(text)); }
void copy_to_clipboard(const std::string& text) { js_copy(text.data(), size_of(text)); }
void open_file_picker() { js_open_file_picker(); }
void print() { js_print(); }
void publish_verdict(const std::string& verdict_json, const std::string& record_json, const std::string& errors_json)
{
    js_publish_verdict(verdict_json.data(), size_of(verdict_json), record_json.data(), size_of(record_json), errors_json.data(), size_of(errors_json));
}
void publish_form(const std::string& form_json) { js_publish_form(form_json.data(), size_of(form_json)); }
void publish_items(const std::string& items_json) { js_publish_items(items_json.data(), size_of(items_json)); }
void set_dictionary(const std::string& dictionary_json) { js_set_dictionary(dictionary_json.data(), size_of(dictionary_json)); }
void focus_control(const std::string& key) { js_focus_control(key.c_str()); }
void language_changed(const std::string& tag) { js_language_changed(tag.c_str()); }
void started(const char* mode, int webgl_version) { js_started(mode, webgl_version); }
void first_frame_drawn() { js_first_frame(); }
void mark(const char* step) { js_mark(step); }
void fail(const std::string& message) { js_fail(message.c_str()); }

bool font_has_glyph(uint32_t codepoint) { return js_font_has_glyph(codepoint) != 0; }

namespace {

// The page hands a glyph's box over as [width, height, left, top, advance].
GlyphBox glyph_box(const float (&metrics)[5])
{
    return {static_cast<int>(metrics[0]), static_cast<int>(metrics[1]), metrics[2], metrics[3], metrics[4]};
}

} // namespace

bool rasterize_glyph(uint32_t codepoint, float size, bool bold, unsigned char* alpha, int capacity, GlyphBox& out)
{
    float metrics[5] = {};
    if (!js_rasterize_glyph(codepoint, size, bold ? 1 : 0, alpha, capacity, metrics)) return false;
    out = glyph_box(metrics);
    return true;
}

bool ideograph_cell(float size, bool bold, GlyphBox& out)
{
    float metrics[5] = {};
    if (!js_ideograph_cell(size, bold ? 1 : 0, metrics)) return false;
    out = glyph_box(metrics);
    return true;
}

void draw_ideographs(const uint32_t* codepoints, int count, float size, bool bold, unsigned char* alpha)
{
    js_draw_ideographs(codepoints, count, size, bold ? 1 : 0, alpha);
}

float glyph_advance(uint32_t codepoint, float size, bool bold) { return js_glyph_advance(codepoint, size, bold ? 1 : 0); }


} // namespace app::web
