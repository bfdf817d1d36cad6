#!/usr/bin/env bash
# Runs every test, from a fresh machine: installs what is missing, builds
# the native and WebAssembly presets, then runs the whole suite.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs  # Emscripten's optimizer needs Debian's acorn

scripts/bootstrap.sh
echo "== build: native"
cmake --preset native >/dev/null
cmake --build --preset native
echo "== build: wasm"
cmake --preset wasm >/dev/null
cmake --build --preset wasm
echo "== tests"
ctest --preset native --output-on-failure
