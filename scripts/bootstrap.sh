#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian 12 machine, from
# Debian's packages and the npm registry only, then fetches Dear ImGui's
# source from Debian's source package. Idempotent: when everything is
# present it only checks, in about a second.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

packages=(
  cmake ninja-build g++ pkg-config xz-utils dpkg-dev
  nlohmann-json3-dev libgtest-dev libgmock-dev libbenchmark-dev
  emscripten
  clang-14 libclang-rt-14-dev
  chromium firefox-esr webkit2gtk-driver xvfb libgl1-mesa-dri
  fonts-inter fonts-noto-core fonts-noto-cjk python3-fonttools python3-jsonschema
  node-terser
)
# Node.js and npm: keep the machine's own if it has them (a newer Node may be
# installed outside Debian); otherwise Debian's.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "bootstrap: Debian packages present"
fi

# npm packages, exactly as locked: playwright-core (Chromium), puppeteer-core
# (Firefox over WebDriver BiDi), selenium-webdriver (WebKit) and axe-core.
# They drive Debian's browsers and never download one of their own.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "bootstrap: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
else
  echo "bootstrap: npm packages present"
fi

"$root/scripts/fetch-imgui.sh"
