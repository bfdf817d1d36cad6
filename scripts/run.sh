#!/usr/bin/env bash
# Sets up a fresh machine, builds, and shows the calculator on an example
# record (the web app's server takes this over once it lands).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs
scripts/bootstrap.sh
cmake --preset native >/dev/null
cmake --build --preset native
build/native/src/eligibility evaluate --format text examples/partial_prescreening.json
