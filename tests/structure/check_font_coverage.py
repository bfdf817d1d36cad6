#!/usr/bin/env python3
"""The embedded regular font covers the app's own words.

    check_font_coverage.py ROOT

The page embeds a subset of Inter (src/app/CMakeLists.txt, `_unicodes_regular`)
and asks the browser's fonts for anything else, which costs a canvas draw the
first time a glyph is shown. Every character below the CJK blocks (U+2E80)
that the bundled words use (i18n/*.json, criteria/*.json, the page's
scripts) must be in the subset, so that the English page draws its own text
from the embedded font alone. Fails listing each character missing, with
the files that use it.
"""
import pathlib
import re
import sys

CJK_START = 0x2E80


def subset_codepoints(cmake):
    symbols = re.search(r'set\(_symbols "([^"]+)"\)', cmake)
    regular = re.search(r'set\(_unicodes_regular "([^"]+)"\)', cmake)
    if not symbols or not regular:
        sys.exit("src/app/CMakeLists.txt: no set(_symbols ...) or set(_unicodes_regular ...)")
    covered = set()
    for part in regular.group(1).replace("${_symbols}", symbols.group(1)).split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        covered.update(range(int(first, 16), int((last or first).removeprefix("U+"), 16) + 1))
    return covered


def main():
    root = pathlib.Path(sys.argv[1])
    covered = subset_codepoints((root / "src/app/CMakeLists.txt").read_text(encoding="utf-8"))
    files = sorted(root.glob("i18n/*.json")) + sorted(root.glob("criteria/*.json")) + sorted(root.glob("web/page/*.js"))
    if not files:
        sys.exit(f"{root}: no i18n/*.json, criteria/*.json or web/page/*.js")
    missing = {}
    for path in files:
        for ch in path.read_text(encoding="utf-8"):
            code = ord(ch)
            if 0x20 <= code < CJK_START and code not in covered:
                missing.setdefault(code, set()).add(str(path.relative_to(root)))
    for code, used_in in sorted(missing.items()):
        print(f"U+{code:04X} {chr(code)!r} is used by {', '.join(sorted(used_in))} but not in _unicodes_regular")
    if missing:
        return 1
    print(f"{len(files)} files: every character below U+{CJK_START:04X} is in the embedded regular font")
    return 0


if __name__ == "__main__":
    sys.exit(main())
