// The few widgets the calculator draws that Dear ImGui does not have, in
// the manner of imgui_widgets.cpp: one function per widget.
#pragma once
#include <imgui.h>

#include <string_view>

namespace app {

// A text field whose typing happens in its DOM control (so that phone
// keyboards, IMEs, autocorrect and screen readers work): the canvas shows
// the text, a hint when empty, and while the control has focus a caret at
// byte `caret` of `text`. Returns true when clicked or tapped.
bool text_box(const char* str_id, std::string_view text, const char* hint, float width, bool editing, int caret, bool invalid);

// Text wrapped at the current wrap position (ImGui::PushTextWrapPos), its
// lines broken where a reader expects them (line_breaks.h): between Chinese
// characters, never inside a number.
void wrapped_text(std::string_view text);
void wrapped_text(const ImVec4& color, std::string_view text);

// A tree node whose label wraps (as wrapped_text) where it does not fit,
// instead of running off the edge of a phone. Its arrow and first line
// open and close it; `id` keeps it the same node whatever the label says.
bool wrapped_tree_node(std::string_view label, const char* id, ImGuiTreeNodeFlags flags = 0);

// A button (ImGui::SmallButton when `small`) whose label breaks into lines,
// as wrapped_text, when it is wider than the room left on the line: a long
// label stays whole on a phone instead of running under the panel's edge.
bool wrapped_button(std::string_view label, bool small = false);

} // namespace app
