// The WebGL 1 renderer: Dear ImGui's OpenGL backend built for OpenGL ES 2
// (webgl1_renderer.cpp), with the OpenGL 3 backend's interface.
//
// Example:
//   if (webgl_version == 1) ImGui_ImplWebGL1_Init("#version 100");
//   ...
//   ImGui_ImplWebGL1_NewFrame();
//   ImGui_ImplWebGL1_RenderDrawData(ImGui::GetDrawData());
#pragma once

struct ImDrawData;

bool ImGui_ImplWebGL1_Init(const char* glsl_version);
void ImGui_ImplWebGL1_Shutdown();
void ImGui_ImplWebGL1_NewFrame();
void ImGui_ImplWebGL1_RenderDrawData(ImDrawData* draw_data);
