// What the calculator asks of the place it runs in, and nothing more: the
// app (app.h) is the same code in the browser and in the native UI tests.
// The web implements this in web_main.cpp through web_bridge.h; the tests
// with a recorder (tests/app/ui/).
#pragma once
#include <string>
#include <string_view>

namespace app {

class Platform {
public:
    virtual ~Platform() = default;

    virtual std::string today() = 0;                                                   // YYYY-MM-DD, local
    virtual void download(const std::string& file_name, const std::string& text) = 0;  // "Save": a local file
    virtual void copy_to_clipboard(const std::string& text) = 0;
    virtual void open_file_picker() = 0;                                               // answers with App::load_file
    virtual void print() = 0;                                                          // after publish(): the report is current
    // The accessible DOM side of the app, kept in step with the canvas: the
    // verdict mirror, the input layer's values, errors and marks, the open
    // dialog, and where each item is on the canvas.
    virtual void publish_verdict(const std::string& verdict_json, const std::string& record_json, const std::string& errors_json) = 0;
    virtual void publish_form(const std::string& form_json) = 0;
    virtual void publish_items(const std::string& items_json) = 0;
    virtual void set_dictionary(const std::string& dictionary_json) = 0;               // labels, units, words: once per language
    // Moves keyboard focus to an item's DOM control (a jump to a field).
    virtual void focus_control(std::string_view key) = 0;
    virtual void language_changed(std::string_view tag) = 0;                           // the URL remembers it
};

} // namespace app
