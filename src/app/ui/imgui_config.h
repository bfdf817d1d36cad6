// Dear ImGui's build options for this app (IMGUI_USER_CONFIG), natively and
// on the web. The app draws its own fonts and stores nothing, so the parts
// of ImGui that would otherwise be linked for them are left out.
#pragma once

#define IMGUI_DEFINE_MATH_OPERATORS
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
#define IMGUI_DISABLE_DEMO_WINDOWS
#define IMGUI_DISABLE_DEBUG_TOOLS
#define IMGUI_DISABLE_DEFAULT_FONT             // the app bundles Inter (src/app/CMakeLists.txt)
#define IMGUI_DISABLE_FILE_FUNCTIONS           // no .ini, no log file: io.IniFilename is null
#define IMGUI_DISABLE_DEFAULT_SHELL_FUNCTIONS  // the app opens no URL through ImGui

#ifdef __EMSCRIPTEN__
// On the page a misuse of ImGui's API is not reported: there is no one to read
// the report, and its 62 sentences and their recovery cost the page's size.
// The native build keeps ImGui's checks, and the app's tests run them.
#define IM_ASSERT_USER_ERROR(_EXPR, _MSG) ((void)0)
#endif
