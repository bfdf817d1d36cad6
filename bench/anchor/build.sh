#!/usr/bin/env bash
# The anchor of bench/web_first_visit.mjs: Dear ImGui's own
# example_glfw_opengl3, built for the web from the project's ImGui checkout
# (.cache/imgui-1.92.2b, scripts/fetch-imgui.sh) as its Makefile.emscripten
# does, at -Os -flto, with Emscripten's own GLFW (Debian's 3.1.6 has no
# contrib.glfw3 port) and as a release (no ASSERTIONS). Debian's source
# package leaves out examples/libs/, so the main-loop macros and the shell
# the example expects are written here.
#
# usage: bench/anchor/build.sh [OUT_DIR]   (default build/anchor)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
imgui=${IMGUI_DIR:-$root/.cache/imgui-1.92.2b}
out=${1:-$root/build/anchor}
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
[ -f "$imgui/examples/example_glfw_opengl3/main.cpp" ] || { echo "no ImGui example in $imgui: run scripts/fetch-imgui.sh" >&2; exit 1; }

# main.cpp includes "../libs/emscripten/emscripten_mainloop_stub.h": found
# through an include directory one level below $stub.
stub="$out/stub"
mkdir -p "$stub/libs/emscripten" "$stub/include" "$out/obj" "$out/web"
cat > "$stub/libs/emscripten/emscripten_mainloop_stub.h" <<'STUB'
// The example's loop body, run once per animation frame.
#pragma once
#include <emscripten.h>
#include <functional>
static std::function<void()> anchor_frame;
static void anchor_run_frame() { anchor_frame(); }
#define EMSCRIPTEN_MAINLOOP_BEGIN anchor_frame = [&]() { do
#define EMSCRIPTEN_MAINLOOP_END while (0); }; emscripten_set_main_loop(anchor_run_frame, 0, true)
STUB
cat > "$out/shell.html" <<'SHELL'
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Dear ImGui example_glfw_opengl3</title>
<style>html, body { margin: 0; height: 100%; overflow: hidden; } #canvas { display: block; width: 100%; height: 100%; }</style>
</head><body><canvas id="canvas" oncontextmenu="event.preventDefault()"></canvas>
<script>var Module = { canvas: document.getElementById('canvas') };</script>
{{{ SCRIPT }}}
</body></html>
SHELL

flags=(-Os -flto -DIMGUI_DISABLE_FILE_FUNCTIONS -I"$imgui" -I"$imgui/backends" -I"$stub/include" -sDISABLE_EXCEPTION_CATCHING=1)
objects=()
for source in "$imgui/examples/example_glfw_opengl3/main.cpp" "$imgui"/imgui.cpp "$imgui"/imgui_demo.cpp "$imgui"/imgui_draw.cpp \
              "$imgui"/imgui_tables.cpp "$imgui"/imgui_widgets.cpp "$imgui"/backends/imgui_impl_glfw.cpp "$imgui"/backends/imgui_impl_opengl3.cpp; do
  object="$out/obj/$(basename "${source%.cpp}").o"
  if [ ! -f "$object" ] || [ "$source" -nt "$object" ]; then
    em++ "${flags[@]}" -c "$source" -o "$object"
  fi
  objects+=("$object")
done
em++ -Os -flto -o "$out/web/index.html" "${objects[@]}" -sUSE_GLFW=3 -sWASM=1 -sALLOW_MEMORY_GROWTH=1 -sNO_EXIT_RUNTIME=0 \
  -sNO_FILESYSTEM=1 -sDISABLE_EXCEPTION_CATCHING=1 -sMINIFY_HTML=0 --shell-file "$out/shell.html"
echo "anchor: $out/web/index.html"
