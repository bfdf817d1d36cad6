// Where each named item is on the canvas, frame by frame: the DOM layer
// places its controls over them (the keyboard of a phone, an IME's
// candidate window and a screen reader's touch exploration then find the
// field where it is drawn), a tap on a text field focuses that field's
// control, and the browser tests click by name. Also draws the focus ring of
// the item whose DOM control has keyboard focus, and scrolls it into view.
//
// Example:
//   locator.begin_frame(scale);
//   if (ImGui::Button("Save")) save();
//   locator.item("button:save");      // its rectangle, its focus ring
//   locator.end_frame();
//   if (locator.changed()) platform.publish_items(locator.json());  // {"button:save":[x,y,w,h],...} in CSS px
#pragma once
#include <string>
#include <string_view>

namespace app {

class ItemLocator {
public:
    // `css_scale`: physical pixels per CSS pixel.
    void begin_frame(float css_scale);
    void item(std::string_view key);
    void item(std::string_view prefix, std::string_view name);
    void end_frame();

    // The item whose DOM control has focus ("" for none). `scroll`: bring it
    // into view on its next draw.
    void set_focus(std::string key, bool scroll);
    const std::string& focus() const { return focus_; }
    bool has_focus(std::string_view key) const { return !focus_.empty() && key == focus_; }

    const std::string& json() const { return published_; }
    bool changed() const { return changed_; }
    bool contains(std::string_view key) const;

private:
    float scale_ = 1;
    std::string building_, published_ = "{}";
    bool changed_ = false;
    std::string focus_;
    bool scroll_to_focus_ = false;
};

} // namespace app
