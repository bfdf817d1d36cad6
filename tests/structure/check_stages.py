#!/usr/bin/env python3
"""Keeps the folders of src/ the stages they say they are.

    check_stages.py SRC_DIR          checks the tree, lists every offence
    check_stages.py --self-test      proves the check catches each offence

The core's folders are its stages, in this order: each may include only
itself and the stages above it (a JSON reader knows nothing of trials, a
trial nothing of how records are read, and so on). The shells come after
the core: `bundled` (the data compiled in), then `cli` and `app/ui` (which
must not include each other), then `app/web`, the only room that may name
the browser. The core does no I/O and draws nothing, so it includes none
of the headers that would let it. Files do not include each other in a loop.
"""
import os
import re
import sys
import tempfile

STAGES = [
    # (room, rank): a room may include rooms of a lower rank, and itself.
    ("core/base", 0), ("core/json", 1), ("core/i18n", 2), ("core/model", 3), ("core/criteria", 4),
    ("core/eval", 5), ("core/records", 6), ("core/report", 7), ("core/fhir", 8), ("core/guide", 8), ("core/log", 8),
    ("bundled", 9), ("cli", 10), ("app/ui", 10), ("app/web", 11),
]
RANK = dict(STAGES)
# The core is a library: no files, streams, threads, UI or browser.
CORE_FORBIDDEN = re.compile(r"^(iostream|fstream|filesystem|thread|mutex|future|imgui.*|emscripten.*|GLES.*)$")
# Only the web platform talks to the browser.
BROWSER = re.compile(r"^(emscripten.*|GLES.*)$")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def room_of(path):
    """The room of a path relative to src/: the longest listed folder it is in."""
    best = None
    for room, _ in STAGES:
        if path.startswith(room + "/") and (best is None or len(room) > len(best)):
            best = room
    return best


def check(src):
    problems = []
    files = {}
    for dirpath, _, names in os.walk(src):
        for name in names:
            if name.endswith((".h", ".cpp")):
                full = os.path.join(dirpath, name)
                files[os.path.relpath(full, src).replace(os.sep, "/")] = full
    graph = {}
    for path, full in sorted(files.items()):
        room = room_of(path)
        if room is None:
            problems.append(f"{path}: in no stage folder (listed in tests/structure/check_stages.py)")
            continue
        graph[path] = []
        text = open(full, encoding="utf-8").read()
        for line, (quote, target) in ((text.count("\n", 0, m.start()) + 1, m.groups()) for m in INCLUDE.finditer(text)):
            where = f"{path}:{line}"
            if quote == "<":
                if room.startswith("core/") and CORE_FORBIDDEN.match(target):
                    problems.append(f"{where}: the core includes <{target}> (it does no I/O, no threads, no UI)")
                elif room != "app/web" and BROWSER.match(target):
                    problems.append(f"{where}: only app/web may include <{target}>")
                continue
            if target not in files:
                # Third-party sources included by path (ImGui's backend) are not ours.
                if not target.endswith(".cpp") or room != "app/web":
                    problems.append(f"{where}: \"{target}\" is not a file of src/ (include from src/, as \"core/base/date.h\")")
                continue
            graph[path].append(target)
            other = room_of(target)
            if other is None or other == room:
                continue
            if RANK[other] > RANK[room]:
                problems.append(f"{where}: {room} includes \"{target}\" from the later stage {other}")
            elif RANK[other] == RANK[room]:
                problems.append(f"{where}: {room} includes \"{target}\" from its sibling {other}")
    problems += cycles(graph)
    return problems


def cycles(graph):
    """Every include loop, once, as a path of files (Tarjan's strongly connected components)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, []):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1 or node in graph.get(node, []):
                found.append("include loop: " + " -> ".join(sorted(component)))

    sys.setrecursionlimit(10000)
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def self_test():
    """Each kind of offence, planted in a small tree, must be reported."""
    cases = {
        "later stage": ({"core/base/date.h": '#include "core/eval/evaluate.h"\n', "core/eval/evaluate.h": ""}, "from the later stage core/eval"),
        "sibling shells": ({"cli/main.cpp": '#include "app/ui/app.h"\n', "app/ui/app.h": ""}, "from its sibling app/ui"),
        "core I/O": ({"core/report/text_report.cpp": "#include <fstream>\n"}, "the core includes <fstream>"),
        "browser outside web": ({"app/ui/form.cpp": "#include <emscripten.h>\n"}, "only app/web may include <emscripten.h>"),
        "loop": ({"core/model/a.h": '#include "core/model/b.h"\n', "core/model/b.h": '#include "core/model/a.h"\n'}, "include loop: core/model/a.h -> core/model/b.h"),
        "unlisted folder": ({"core/misc/x.h": ""}, "in no stage folder"),
        "relative include": ({"core/base/a.h": '#include "b.h"\n', "core/base/b.h": ""}, '"b.h" is not a file of src/'),
    }
    clean = {"core/base/date.h": "#include <string>\n", "core/eval/evaluate.h": '#include "core/base/date.h"\n',
             "app/web/main.cpp": '#include "app/ui/app.h"\n#include <emscripten.h>\n', "app/ui/app.h": '#include "core/eval/evaluate.h"\n'}
    failures = []
    for name, (tree, expected) in list(cases.items()) + [("clean", (clean, None))]:
        with tempfile.TemporaryDirectory() as root:
            for path, text in tree.items():
                os.makedirs(os.path.dirname(os.path.join(root, path)), exist_ok=True)
                with open(os.path.join(root, path), "w", encoding="utf-8") as f:
                    f.write(text)
            problems = check(root)
            if expected is None and problems:
                failures.append(f"{name}: reported {problems}")
            elif expected is not None and not any(expected in p for p in problems):
                failures.append(f"{name}: expected a problem with {expected!r}, got {problems}")
    for f in failures:
        print("self-test:", f)
    return not failures


def main():
    if sys.argv[1:] == ["--self-test"]:
        ok = self_test()
        print("check_stages self-test:", "ok" if ok else "FAILED")
        return 0 if ok else 1
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    problems = check(sys.argv[1])
    for p in problems:
        print(p)
    print(f"check_stages: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
