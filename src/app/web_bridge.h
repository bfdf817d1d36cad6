// The few things the page does for the app that a canvas cannot: files,
// the clipboard, printing, the accessible text mirror of the verdict, and
// the loading screen. Implemented in JavaScript (web/shell.html holds the
// page side); nothing here touches the network.
#pragma once
#include <string>

namespace app {

void web_download(const std::string& file_name, const std::string& text);  // "Save": a local file
void web_copy_to_clipboard(const std::string& text);
void web_open_file_picker();                                               // "Load": answers via app_load_record
// Fills the printable report and the aria-live mirror, then prints.
void web_print(const std::string& verdict_json, const std::string& record_json, const std::string& errors_json);
// Keeps the DOM mirror (screen readers, print view, tests) in step with the canvas.
void web_publish(const std::string& verdict_json, const std::string& record_json, const std::string& errors_json);
// Field labels and trial metadata, once, for the mirror and the report.
void web_set_dictionary(const std::string& dictionary_json);
void web_first_frame_drawn();
double web_device_pixel_ratio();

} // namespace app
