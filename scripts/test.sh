#!/usr/bin/env bash
# Runs every test, from a fresh machine: installs what is missing, builds
# the native, WebAssembly, sanitizer and fuzzing presets, then runs
#   - the whole suite natively (unit and UI tests, 308 cases and their
#     Chinese reports, properties on random records, criteria and
#     translation schemas/coverage/mutants, CLI, native = wasm on every case
#     and 10,000 random records in both languages, the web app in Chromium
#     (desktop, phone, Chinese, no WebGL, screen reader), Firefox and WebKit);
#   - the same suite under AddressSanitizer + UndefinedBehaviorSanitizer,
#     with ELIG_ASSERT on (but the browser and mutation tests, which run no
#     native code of ours beyond what the rest covers);
#   - each libFuzzer target for FUZZ_SECONDS (default 48).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs  # Emscripten's optimizer needs Debian's acorn

scripts/bootstrap.sh
for preset in native wasm asan fuzz; do
  echo "== build: $preset"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
done
echo "== tests: native"
ctest --preset native
echo "== tests: sanitizers"
ctest --preset asan -j2
echo "== fuzzing"
scripts/fuzz.sh build/fuzz build/native
echo "== all tests passed"
