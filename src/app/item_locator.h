// Where things are on the canvas, for the browser tests: they drive the
// real canvas with mouse and keyboard, and need to know where to click.
// Off unless the page asks for it (eligPage.trackItems = true); then each
// frame hands the page a map of named items to their CSS-pixel rectangles.
#pragma once

namespace app {

void locator_begin_frame();          // reads whether the page wants tracking
void locate_last_item(const char* key);  // the last ImGui item, under `key`
void locate_last_item(const char* prefix, const char* name);
void locator_end_frame();            // hands the frame's map to the page

} // namespace app
