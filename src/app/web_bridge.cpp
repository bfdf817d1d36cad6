#include "web_bridge.h"

#include <emscripten.h>

// Each call hands strings to the page's `eligPage` object (web/shell.html).
EM_JS(void, js_download, (const char* name, const char* text), { eligPage.download(UTF8ToString(name), UTF8ToString(text)); });
EM_JS(void, js_copy, (const char* text), { eligPage.copy(UTF8ToString(text)); });
EM_JS(void, js_open_file_picker, (), { eligPage.openFilePicker(); });
EM_JS(void, js_print, (const char* verdict, const char* record, const char* errors),
      { eligPage.print(UTF8ToString(verdict), UTF8ToString(record), UTF8ToString(errors)); });
EM_JS(void, js_publish, (const char* verdict, const char* record, const char* errors),
      { eligPage.publish(UTF8ToString(verdict), UTF8ToString(record), UTF8ToString(errors)); });
EM_JS(void, js_first_frame, (), { eligPage.firstFrame(); });
EM_JS(void, js_set_dictionary, (const char* json), { eligPage.setDictionary(UTF8ToString(json)); });
EM_JS(double, js_device_pixel_ratio, (), { return window.devicePixelRatio || 1; });

namespace app {

void web_download(const std::string& file_name, const std::string& text) { js_download(file_name.c_str(), text.c_str()); }
void web_copy_to_clipboard(const std::string& text) { js_copy(text.c_str()); }
void web_open_file_picker() { js_open_file_picker(); }
void web_print(const std::string& verdict_json, const std::string& record_json, const std::string& errors_json)
{
    js_print(verdict_json.c_str(), record_json.c_str(), errors_json.c_str());
}
void web_publish(const std::string& verdict_json, const std::string& record_json, const std::string& errors_json)
{
    js_publish(verdict_json.c_str(), record_json.c_str(), errors_json.c_str());
}
void web_set_dictionary(const std::string& dictionary_json) { js_set_dictionary(dictionary_json.c_str()); }
void web_first_frame_drawn() { js_first_frame(); }
double web_device_pixel_ratio() { return js_device_pixel_ratio(); }

} // namespace app
