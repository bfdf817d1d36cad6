// The native builds (UI tests) have no browser to draw glyphs with: the
// bundled Inter draws what it has, and nothing is merged behind it.
#include "app/ui/glyph_loader.h"

namespace app {

void install_glyph_loader() {}
void merge_system_glyphs(bool) {}
void draw_pending_glyphs() {}
bool system_has_cjk_font() { return false; }
int rasterized_glyph_count() { return 0; }

} // namespace app
