// Dear ImGui's OpenGL backend compiled a second time, for WebGL 1 (OpenGL
// ES 2), for browsers and remote desktops without WebGL 2. The source is the
// fetched backend itself (scripts/fetch-imgui.sh), included under other
// names so that both renderers link into one program; web_main.cpp picks one
// at run time.
#include "app/web/webgl1_renderer.h"

#define IMGUI_IMPL_OPENGL_ES2
#define ImGui_ImplOpenGL3_Init ImGui_ImplWebGL1_Init
#define ImGui_ImplOpenGL3_Shutdown ImGui_ImplWebGL1_Shutdown
#define ImGui_ImplOpenGL3_NewFrame ImGui_ImplWebGL1_NewFrame
#define ImGui_ImplOpenGL3_RenderDrawData ImGui_ImplWebGL1_RenderDrawData
#define ImGui_ImplOpenGL3_CreateDeviceObjects ImGui_ImplWebGL1_CreateDeviceObjects
#define ImGui_ImplOpenGL3_DestroyDeviceObjects ImGui_ImplWebGL1_DestroyDeviceObjects
#define ImGui_ImplOpenGL3_UpdateTexture ImGui_ImplWebGL1_UpdateTexture
#define ImGui_ImplOpenGL3_InitLoader ImGui_ImplWebGL1_InitLoader
// Its types too: the ES 2 build's are not the WebGL 2 build's.
#define ImGui_ImplOpenGL3_Data ImGui_ImplWebGL1_Data
#define ImGui_ImplOpenGL3_VtxAttribState ImGui_ImplWebGL1_VtxAttribState
#include "imgui_impl_opengl3.cpp"
