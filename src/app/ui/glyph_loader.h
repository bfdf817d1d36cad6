// Chinese (and any other script) on the canvas without bundling megabytes
// of fonts: a Dear ImGui 1.92 font loader (ImFontLoader) that asks the
// browser's own fonts for the glyphs the bundled Inter subset lacks, drawn
// with Canvas2D fillText and read back with getImageData. It
// is merged behind Inter in both weights, so Inter draws what it has and the
// browser the rest: any character renders, typed free text included. Glyphs
// are rasterized at the device's pixel size (crisp at every ratio) and
// cached by ImGui's atlas, so a redraw rasterizes nothing.
//
// Native builds (the UI tests) use a stub that has no glyphs.
//
// Example:
//   install_glyph_loader();            // before load_fonts()
//   Fonts fonts = load_fonts();        // Inter, with the browser's glyphs behind it
//   ImGui::TextUnformatted("血红蛋白"); // laid out now, drawn once per size, then from the atlas
//   ImGui::Render();
//   draw_pending_glyphs();              // the frame's new Chinese glyphs, in one canvas read
//   system_has_cjk_font();             // false: say so in words instead of drawing "?"
#pragma once
#include <imgui.h>

namespace app {

void install_glyph_loader();
// Merges the browser's glyphs behind the font just added (call after each
// AddFont of a bundled face).
void merge_system_glyphs(bool bold);
// Draws the Chinese glyphs the frame met (their places in the atlas are
// already taken): call after ImGui::Render(), before the renderer uploads
// the atlas. Hundreds of glyphs cost one canvas read instead of hundreds.
void draw_pending_glyphs();
// Whether the system can draw Chinese at all.
bool system_has_cjk_font();
// Glyphs rasterized so far (the tests check that a redraw adds none).
int rasterized_glyph_count();

} // namespace app
