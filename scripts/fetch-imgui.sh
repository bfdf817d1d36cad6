#!/usr/bin/env bash
# Fetches Dear ImGui 1.92.2b from Debian's source package (suite forky) into
# .cache/imgui, using a private apt configuration so the system's sources and
# package lists stay untouched. Verifies the upstream tarball's sha256.
# Idempotent: returns at once when the checkout is already there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache="$root/.cache"
dest="$cache/imgui-1.92.2b"
version="1.92.2b+ds-1"
orig="imgui_1.92.2b+ds.orig.tar.xz"
sha256="e7bd201d56b5ee90d24d5dac85e5c12f98bdb95410252a62d27b7f89e4566d48"

if [ -f "$dest/imgui.h" ] && [ -f "$dest/backends/imgui_impl_glfw.cpp" ]; then
  echo "imgui: present in $dest"
  exit 0
fi

apt_dir="$cache/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$cache/download"
echo "deb-src http://deb.debian.org/debian forky main" > "$apt_dir/sources.list"
apt_opts=(
  -o "Dir::Etc::SourceList=$apt_dir/sources.list"
  -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$apt_dir/lists"
  -o "Dir::Cache=$apt_dir/cache"
  -o "APT::Sandbox::User=root"
)
echo "imgui: fetching Debian source package imgui=$version (suite forky)"
apt-get "${apt_opts[@]}" -q update >/dev/null
(cd "$cache/download" && apt-get "${apt_opts[@]}" -q source --download-only "imgui=$version" >/dev/null)

actual=$(sha256sum "$cache/download/$orig" | cut -d' ' -f1)
if [ "$actual" != "$sha256" ]; then
  echo "imgui: checksum mismatch for $orig: got $actual, expected $sha256" >&2
  exit 1
fi

tmp=$(mktemp -d "$cache/imgui-unpack.XXXXXX")
tar -xJf "$cache/download/$orig" -C "$tmp"
src=$(dirname "$(find "$tmp" -maxdepth 2 -name imgui.h | head -1)")
rm -rf "$dest"
mv "$src" "$dest"
rm -rf "$tmp"
echo "imgui: unpacked into $dest"
