#!/usr/bin/env python3
"""Lists the C++ functions in src/ longer than a limit (80 lines by default).

    scripts/function_lengths.py [--max 80] [--all] [DIR ...]     (default DIR: src/)

Prints one line per function over the limit, longest first:

    src/app/ui/verdict_panel.cpp:120  draw_verdict  159 lines

and exits 1 when there is one (0 otherwise), so that ctest's
`functions_short` fails listing the offenders. `--all` lists every function
found, with its length, and always exits 0.

A function's length counts from the first line of its signature to its
closing brace. The scan is a brace matcher, good enough for this codebase,
not a C++ parser: comments, string and character literals (raw strings
included) and preprocessor lines are blanked first; then a `{` at namespace
or class scope opens a function when the text before it ends with a
parameter list (`)`, then qualifiers such as `const`, `noexcept`,
`override`, `-> T`), or with a constructor's initializer list. Lambdas and
local classes count as part of the function holding them; a lambda assigned
at namespace scope is not a function. Third-party and generated code is
skipped: the embedded fonts and the bundled data headers.
"""

import argparse
import os
import re
import sys

SOURCE_EXTENSIONS = (".cpp", ".cc", ".cxx", ".h", ".hpp", ".hh")
# Paths (relative to the repository) that are not this project's own code.
SKIP = (
    "src/app/ui/embedded_fonts.h",       # font data
    "src/bundled/",                   # embedded criteria and mapping
)
SKIP_DIRS = {"third_party", "vendor", "external", "imgui", "node_modules", ".cache", "build"}

CONTROL = {"if", "for", "while", "switch", "catch", "do", "else", "try", "return", "sizeof", "alignof", "decltype"}
TYPE_KEYWORDS = re.compile(r"\b(namespace|class|struct|union|enum)\b")
QUALIFIERS = re.compile(
    r"^(\s|const\b|volatile\b|noexcept\b|override\b|final\b|mutable\b|constexpr\b|&&|&|"
    r"noexcept\s*\([^()]*\)|requires\b[^{]*|->\s*[\w:<>,\s*&\[\]]+|\[\[[^\]]*\]\])*$"
)


def blank(text):
    """Comments, literals and preprocessor lines as spaces; newlines kept."""
    out = []
    i, n = 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if line_start and c == "#":
            # A preprocessor directive, with its continuation lines.
            while i < n:
                if text[i] == "\n":
                    if i > 0 and text[i - 1] == "\\":
                        out.append("\n")
                        i += 1
                        continue
                    break
                out.append(" ")
                i += 1
            continue
        if c == "\n":
            out.append("\n")
            line_start = True
            i += 1
            continue
        if c not in " \t":
            line_start = False
        if text.startswith("//", i):
            while i < n and text[i] != "\n":
                out.append(" ")
                i += 1
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append("".join("\n" if ch == "\n" else " " for ch in text[i:end]))
            i = end
            continue
        raw = re.match(r'(?:u8|u|U|L)?R"([^()\\\s]{0,16})\(', text[i:i + 24])
        if raw and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            close = ")" + raw.group(1) + '"'
            end = text.find(close, i + raw.end())
            end = n if end < 0 else end + len(close)
            out.append('""' + "".join("\n" if ch == "\n" else " " for ch in text[i + 2:end]))
            i = end
            continue
        if c == '"' or (c == "'" and not (i > 0 and text[i - 1].isalnum())):  # 1'000'000 is a number
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + " " * (j - i - 2) + c if j - i >= 2 else c)
            i = j
            continue
        out.append(c)
        i += 1
    return "".join(out)


def strip_templates(header):
    """`template <...>` prefixes removed (they may hold `class`)."""
    while True:
        m = re.match(r"\s*template\s*<", header)
        if not m:
            return header
        depth, i = 1, m.end()
        while i < len(header) and depth:
            depth += {"<": 1, ">": -1}.get(header[i], 0)
            i += 1
        header = header[i:]


def top_level(header):
    """The header with everything inside parentheses removed."""
    out, depth = [], 0
    for ch in header:
        if ch == "(":
            depth += 1
            if depth == 1:
                out.append("(")
        elif ch == ")":
            depth -= 1
            if depth == 0:
                out.append(")")
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def function_name(header):
    """The declarator's name: `Form::draw_input`, `operator()`, `~App`."""
    flat = top_level(strip_templates(header))
    m = re.search(r"((?:[A-Za-z_]\w*\s*(?:<[^<>]*>)?\s*::\s*)*(?:~?[A-Za-z_]\w*|operator\s*(?:\(\)|[^\s(]+)))\s*\(", flat)
    return re.sub(r"\s+", "", m.group(1)) if m else flat.strip()[:40]


def classify(header):
    """'function', 'type' (namespace, class, ...), 'init' (a brace initializer) or 'block'."""
    flat = top_level(strip_templates(header)).strip()
    if not flat:
        return "block"
    if re.search(r"(?<!operator)(?<![=!<>+\-*/%&|^])=(?!=)", flat):
        return "init"  # `x = {...}`, `auto f = [] {...}`
    if re.match(r'extern\s*("[^"]*"\s*)?$', flat):
        return "type"
    first_paren = flat.find("(")
    if TYPE_KEYWORDS.search(flat if first_paren < 0 else flat[:first_paren]):
        return "type"
    if first_paren < 0:
        return "init"  # `Type name{...}`, `{...}` in an initializer
    words = re.findall(r"[A-Za-z_]\w*", flat[:first_paren])
    if words and words[-1] in CONTROL:
        return "block"
    last_paren = flat.rfind(")")
    tail = flat[last_paren + 1:]
    if QUALIFIERS.match(tail):
        return "function"
    if re.match(r"\s*(const\s*)?(noexcept\s*)?:(?!:)", tail) or re.search(r"\)\s*:(?!:)", flat):
        return "function"  # a constructor's initializer list
    return "init"


def functions(path):
    """(first line, last line, name) of each function defined in `path`."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = blank(f.read())
    found = []
    stack = []  # one entry per open brace: 'type', 'function', 'init', 'block'
    classes = []  # (depth in `stack`, name) of the classes being defined
    header_start = 0  # where the text before the next `{` at this scope starts
    line = 1
    line_of = []  # the line number of each offset
    for ch in text:
        line_of.append(line)
        if ch == "\n":
            line += 1
    in_function = lambda: any(kind in ("function", "init") for kind in stack)  # noqa: E731
    starts = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "{":
            if in_function():
                stack.append("block")
            else:
                header = text[header_start:i]
                # A member brace-initializer inside a constructor's
                # initializer list (`: a_(a), b_{b} {`): part of the header.
                if re.search(r"\)\s*(noexcept\s*)?:(?!:)", top_level(header)) and re.search(r"[\w>]\s*$", header):
                    depth, j = 1, i + 1
                    while j < len(text) and depth:
                        depth += {"{": 1, "}": -1}.get(text[j], 0)
                        j += 1
                    i = j
                    continue
                kind = classify(header)
                stack.append(kind)
                if kind == "type":
                    named = re.search(r"\b(?:class|struct|union)\s+(?:\[\[[^\]]*\]\]\s*)?([A-Za-z_]\w*)", strip_templates(header))
                    if named:
                        classes.append((len(stack), named.group(1)))
                if kind == "function":
                    offset = header_start + len(header) - len(header.lstrip())
                    name = function_name(header)
                    if classes and "::" not in name:
                        name = classes[-1][1] + "::" + name  # defined in its class
                    starts.append((line_of[offset], name))
                header_start = i + 1
        elif ch == "}":
            if classes and classes[-1][0] == len(stack):
                classes.pop()
            kind = stack.pop() if stack else "block"
            if kind == "function":
                first, name = starts.pop()
                found.append((first, line_of[i], name))
            if not in_function():
                header_start = i + 1
        elif ch == ";" and not in_function():
            header_start = i + 1
        elif ch == ":" and not in_function() and re.search(r"\b(public|private|protected)\s*$", text[header_start:i]):
            header_start = i + 1
        i += 1
    return found


def source_files(roots, repo):
    for root in roots:
        for directory, subdirs, files in os.walk(root):
            subdirs[:] = sorted(d for d in subdirs if d not in SKIP_DIRS)
            for name in sorted(files):
                path = os.path.join(directory, name)
                relative = os.path.relpath(path, repo).replace(os.sep, "/")
                skipped = any(relative == s or (s.endswith("/") and relative.startswith(s)) for s in SKIP)
                if name.endswith(SOURCE_EXTENSIONS) and not skipped:
                    yield path, relative


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", default=[os.path.join(repo, "src")], help="folders to scan (default: src/)")
    parser.add_argument("--max", type=int, default=80, help="longest function allowed, in lines (default 80)")
    parser.add_argument("--all", action="store_true", help="list every function with its length; exit 0")
    args = parser.parse_args()

    rows = []
    for path, relative in source_files(args.dirs, repo):
        for first, last, name in functions(path):
            rows.append((last - first + 1, relative, first, name))
    rows.sort(key=lambda r: (-r[0], r[1], r[2]))
    shown = rows if args.all else [r for r in rows if r[0] > args.max]
    for length, relative, first, name in shown:
        print(f"{relative}:{first}  {name}  {length} lines")
    if args.all:
        return 0
    if shown:
        print(f"{len(shown)} function(s) over {args.max} lines (of {len(rows)} scanned); split them up.", file=sys.stderr)
        return 1
    print(f"all {len(rows)} functions are at most {args.max} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
