#!/usr/bin/env python3
"""The page protocol, written once and kept so (docs/page-protocol.md).

    check_page_protocol.py ROOT

Fails when the exports disagree between the four places that name them:
  - `_exports` in src/app/CMakeLists.txt (what the linker keeps),
  - the EMSCRIPTEN_KEEPALIVE functions of src/app/web/web_main.cpp,
  - the export table of docs/page-protocol.md (section 2),
  - the calls of web/page/15_app.js (the one module that calls them);
or when any other page script calls Module._… or ccall, or an EM_JS of
src/app/web/ is missing from the document's section 3.
"""
import pathlib
import re
import sys


def main():
    root = pathlib.Path(sys.argv[1])
    problems = []
    cmake = (root / "src/app/CMakeLists.txt").read_text(encoding="utf-8")
    match = re.search(r"set\(_exports ([^)]*)\)", cmake)
    listed = {name.lstrip("_") for name in match.group(1).split(",")} if match else set()
    if not listed:
        problems.append("src/app/CMakeLists.txt: no set(_exports ...)")
    web_main = (root / "src/app/web/web_main.cpp").read_text(encoding="utf-8")
    defined = set(re.findall(r"EMSCRIPTEN_KEEPALIVE\s+[\w\s\*]+?\b(\w+)\s*\(", web_main)) | {"main"}
    doc = (root / "docs/page-protocol.md").read_text(encoding="utf-8")
    section2 = doc.split("## 2.", 1)[1].split("## 3.", 1)[0] if "## 2." in doc else ""
    documented = set(re.findall(r"^\| `(\w+)` \|", section2, re.M))
    wrapper = (root / "web/page/15_app.js").read_text(encoding="utf-8")
    wrapped = set(re.findall(r"Module\._(\w+)\(", wrapper)) | set(re.findall(r"call\('(\w+)'", wrapper)) | {"main"}
    for name, where in ((defined, "EMSCRIPTEN_KEEPALIVE in src/app/web/web_main.cpp"), (documented, "docs/page-protocol.md section 2"),
                        (wrapped, "web/page/15_app.js")):
        for missing in sorted(listed - name):
            problems.append(f"{missing}: in _exports of src/app/CMakeLists.txt but not in {where}")
        for extra in sorted(name - listed):
            problems.append(f"{extra}: in {where} but not in _exports of src/app/CMakeLists.txt")
    for script in sorted((root / "web/page").glob("*.js")):
        if script.name == "15_app.js":
            continue
        for n, line in enumerate(script.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"Module\._\w|\bccall\b|\bcwrap\b", line):
                problems.append(f"{script.relative_to(root)}:{n}: calls the app directly (use eligApp, web/page/15_app.js)")
    section3 = doc.split("## 3.", 1)[1].split("## 4.", 1)[0] if "## 3." in doc else ""
    for bridge in sorted((root / "src/app/web").glob("*.cpp")):
        for name in re.findall(r"EM_JS\([^,]+,\s*(\w+)\s*,", bridge.read_text(encoding="utf-8")):
            if f"`{name}" not in section3 and f"{name}`" not in section3:
                problems.append(f"{name}: an EM_JS of {bridge.relative_to(root)} not in docs/page-protocol.md section 3")
    for p in problems:
        print(p)
    print(f"check_page_protocol: {len(listed)} exports, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
