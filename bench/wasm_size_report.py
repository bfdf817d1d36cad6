#!/usr/bin/python3
"""Where the bytes of the shipped index.wasm go, by component.

Links the web calculator's objects once more exactly as the build does, but
with function names kept (em++ --profiling-funcs), into a temporary folder,
and reads that module: each function body's size, by the object file that
defines the function (llvm-nm over the build's objects and archives), and
the data section, by the files embedded in it (the generated sources of
cmake/EmbedFile.cmake name their input). The shipped module is the same
code without the names; its sizes are printed beside.

Functions that Binaryen inlined into their only caller count for the
caller (the FHIR importer's stages show up inside app::App::advance_import,
for instance). "gzip alone" is each component's bytes gzipped by
themselves: a guide to what removing it would save, not a share of the
whole (gzip finds repeats across components too).

usage: bench/wasm_size_report.py [WASM_BUILD_DIR] [--top N]
  WASM_BUILD_DIR defaults to build/wasm (cmake --build --preset wasm first).
"""
import argparse
import collections
import gzip
import os
import pathlib
import re
import shlex
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SECTION_NAMES = {0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global", 7: "export",
                 8: "start", 9: "elem", 10: "code", 11: "data", 12: "data count"}


def leb(data, at, signed=False):
    """A LEB128 number at `at`, and the offset after it."""
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            if signed and byte & 0x40:
                value -= 1 << shift
            return value, at


def memory_image(segments):
    placed = [(o, b) for o, b in segments if o is not None]
    if not placed:
        return b"".join(b for _, b in segments)
    base = min(o for o, _ in placed)
    image = bytearray(max(o + len(b) for o, b in placed) - base)
    for offset, content in placed:
        image[offset - base:offset - base + len(content)] = content
    return bytes(image)


def read_module(path):
    """Sections (name -> size), function bodies (index -> bytes) and names."""
    data = pathlib.Path(path).read_bytes()
    sections, bodies, names, segments = collections.OrderedDict(), [], {}, []
    imported = 0
    at = 8
    while at < len(data):
        section = data[at]
        size, start = leb(data, at + 1)
        end = start + size
        name = SECTION_NAMES.get(section, str(section))
        if section == 0:
            length, inner = leb(data, start)
            name = "custom " + data[inner:inner + length].decode()
            if name == "custom name":
                inner += length
                while inner < end:
                    kind = data[inner]
                    sub_size, inner = leb(data, inner + 1)
                    sub_end = inner + sub_size
                    if kind == 1:  # function names
                        count, k = leb(data, inner)
                        for _ in range(count):
                            index, k = leb(data, k)
                            length, k = leb(data, k)
                            names[index] = data[k:k + length].decode(errors="replace")
                            k += length
                    inner = sub_end
        elif section == 2:
            count, k = leb(data, start)
            for _ in range(count):
                for _ in range(2):
                    length, k = leb(data, k)
                    k += length
                kind = data[k]
                k += 1
                if kind == 0:
                    _, k = leb(data, k)
                    imported += 1
                elif kind == 1:
                    k += 1
                    flags = data[k]
                    k += 1
                    _, k = leb(data, k)
                    if flags & 1:
                        _, k = leb(data, k)
                elif kind == 2:
                    flags = data[k]
                    k += 1
                    _, k = leb(data, k)
                    if flags & 1:
                        _, k = leb(data, k)
                else:
                    k += 2
        elif section == 10:
            count, k = leb(data, start)
            for _ in range(count):
                body, body_start = leb(data, k)
                bodies.append(data[k:body_start + body])
                k = body_start + body
        elif section == 11:
            # Binaryen splits segments at runs of zeros (memory packing), so the
            # memory image is rebuilt from each active segment's offset.
            count, k = leb(data, start)
            for _ in range(count):
                flags, k = leb(data, k)
                offset = None
                if flags in (0, 2):
                    if flags == 2:
                        _, k = leb(data, k)
                    if data[k] == 0x41:  # i32.const
                        offset, k = leb(data, k + 1, signed=True)
                    while data[k] != 0x0B:
                        k += 1
                    k += 1
                length, k = leb(data, k)
                segments.append((offset, data[k:k + length]))
                k += length
        sections[name] = sections.get(name, 0) + size
        at = end
    return sections, bodies, {i - imported: n for i, n in names.items() if i >= imported}, memory_image(segments)


def link_command(build):
    """The build's own link of the normal page, as ninja runs it."""
    commands = subprocess.run(["ninja", "-C", str(build), "-t", "commands", "calculator"], capture_output=True, text=True, check=True).stdout
    line = commands.strip().splitlines()[-1]
    line = line.removeprefix(": && ")
    return shlex.split(line.split(" && ")[0])


def core_stage_of(member):
    """core/<stage> for an archive member such as "date.cpp.o"."""
    source = member.removesuffix(".o")
    for path in (ROOT / "src" / "core").glob("*/" + source):
        return "core/" + path.parent.name
    return None


def component_of_object(archive, member):
    name = pathlib.Path(archive).name
    if name == "libimgui.a":
        return "Dear ImGui"
    if name == "libimgui_webgl.a":
        return "Dear ImGui's OpenGL backend (WebGL 2 and 1)"
    if name == "libelig_bundled.a":
        return "bundled data (access)"
    if name == "libelig_core.a":
        return core_stage_of(member) or "core (generated)"
    if name == "libelig_app.a":
        return "app/ui" if not member.startswith("font_") else "fonts (access)"
    if "calculator_objects.dir" in archive:
        return "app/web"
    return name


def defined_functions(build, inputs):
    """Demangled function name -> set of components defining it."""
    defined = collections.defaultdict(set)
    for path in inputs:
        full = build / path
        output = subprocess.run(["llvm-nm", "-C", "--defined-only", str(full)], capture_output=True, text=True).stdout
        member = pathlib.Path(path).name
        for line in output.splitlines():
            if line.endswith(":") and not line.startswith(" "):
                member = line[:-1]
                continue
            parts = line.split(" ", 2)
            if len(parts) == 3 and parts[1] in ("T", "t", "W", "w"):
                defined[parts[2]].add(component_of_object(str(full), member))
    return defined


def component_of_function(name, defined):
    if "nlohmann::" in name:
        return "nlohmann/json"
    owners = defined.get(name)
    if owners is None:
        return "C and C++ runtime (libc, libc++, malloc, Emscripten)" if not name.startswith(("elig::", "app::", "Im")) else "inlined or merged by Binaryen"
    if len(owners) == 1:
        return next(iter(owners))
    if name.startswith("std::"):
        return "libc++ templates our code instantiates"
    return "shared by several components"


def embedded_files(build):
    """(input file, bytes) for each generated embed source."""
    found = []
    for cpp in sorted(build.rglob("*.cpp")):
        with cpp.open(encoding="utf-8", errors="replace") as f:
            head, second = f.readline(), f.readline()
        match = re.match(r"// Generated by cmake/EmbedFile.cmake from (.+); do not edit.", head)
        if match:
            source = pathlib.Path(match.group(1))
            as_shipped = re.match(r"// Bytes: (.+)", second)  # a minified copy of a JSON file
            shipped = pathlib.Path(as_shipped.group(1)) if as_shipped else source
            found.append((source, shipped.read_bytes() if shipped.exists() else b""))
    return found


def gz(data):
    return len(gzip.compress(data, 9))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("build", nargs="?", type=pathlib.Path, default=ROOT / "build" / "wasm")
    parser.add_argument("--top", type=int, default=15, help="also list the N largest functions")
    args = parser.parse_args()
    build = args.build.resolve()
    shipped = build / "web" / "index.wasm"
    if not shipped.exists():
        sys.exit(f"{shipped}: build it first (cmake --build --preset wasm)")

    command = link_command(build)
    inputs = [a for a in command if a.endswith((".o", ".a"))]
    env = dict(os.environ, NODE_PATH=os.environ.get("NODE_PATH", "/usr/share/nodejs"))
    with tempfile.TemporaryDirectory(prefix="wasm-size-") as tmp:
        out = command.index("-o")
        named = command[:out] + ["--profiling-funcs", "-o", str(pathlib.Path(tmp) / "index.html")] + command[out + 2:]
        subprocess.run(named, cwd=build, env=env, check=True, capture_output=True)
        sections, bodies, names, data = read_module(pathlib.Path(tmp) / "index.wasm")
    shipped_sections, shipped_bodies, _, shipped_data = read_module(shipped)

    defined = defined_functions(build, inputs)
    code = collections.defaultdict(list)
    for index, body in enumerate(bodies):
        code[component_of_function(names.get(index, ""), defined)].append(body)

    print(f"{shipped.relative_to(ROOT) if shipped.is_relative_to(ROOT) else shipped}: {shipped.stat().st_size} bytes, {gz(shipped.read_bytes())} gzipped")
    print("sections (shipped):", ", ".join(f"{n} {s}" for n, s in shipped_sections.items()))
    print(f"code: {len(shipped_bodies)} functions; the named link has {len(bodies)} ({sections.get('code', 0)} bytes against {shipped_sections.get('code', 0)})")
    print()
    print(f"{'code by component':58} {'bytes':>9} {'share':>6} {'gzip alone':>11}")
    total_code = sum(len(b) for bodies_ in code.values() for b in bodies_)
    for component, parts in sorted(code.items(), key=lambda kv: -sum(map(len, kv[1]))):
        size = sum(map(len, parts))
        print(f"{component:58} {size:9d} {100 * size / total_code:5.1f}% {gz(b''.join(parts)):11d}")
    print()
    print(f"{'data by content':58} {'bytes':>9} {'share':>6} {'gzip alone':>11}")
    data_bytes = sections.get("data", len(data))
    rest = data_bytes
    for source, content in embedded_files(build):
        if content and content in data:
            rest -= len(content)
            label = str(source.relative_to(ROOT)) if source.is_relative_to(ROOT) else str(source)
            print(f"{('embedded ' + label)[:58]:58} {len(content):9d} {100 * len(content) / data_bytes:5.1f}% {gz(content):11d}")
    print(f"{'other static data (strings, tables, zeros kept)':58} {rest:9d} {100 * rest / data_bytes:5.1f}%")
    print()
    print(f"largest functions (after Binaryen inlined their callees):")
    ranked = sorted(((len(b), names.get(i, "?")) for i, b in enumerate(bodies)), reverse=True)[:args.top]
    for size, name in ranked:
        print(f"  {size:7d}  {name[:110]}")


if __name__ == "__main__":
    main()
