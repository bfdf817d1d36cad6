#!/usr/bin/env bash
# Sets up a fresh machine, builds the web calculator, and serves it on
# 127.0.0.1 (port 8080, or $PORT). The URL is printed; Ctrl+C stops it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs  # Emscripten's optimizer needs Debian's acorn
scripts/bootstrap.sh
cmake --preset wasm >/dev/null
cmake --build --preset wasm
echo "Offline copy (one file, works from disk with no network): $root/build/wasm/web-single/nct07345780-eligibility.html"
exec node web/serve.mjs build/wasm/web "${PORT:-8080}"
