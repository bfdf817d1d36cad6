#!/usr/bin/env python3
"""Chinese as a Chinese medical text writes it, in every string a reader sees.

    check_typography.py LANGUAGE_FILE TRANSLATION_FILE GOLDEN_DIR

Fails on, in the Chinese strings of the language file (i18n/zh-CN.json),
the trial's translation (criteria/<trial>.zh-CN.json) and every line of the
Chinese reports (tests/cases/golden-zh/*.txt):
  - a half-width comma, colon or parenthesis next to a Chinese character
    (write ，：（）);
  - a space between a Chinese character and a Latin letter or a digit
    (GB/T 15834: none);
  - an NYHA class in Arabic numerals ("3级"): clinicians write III级;
  - a report line indented with half-width spaces (it indents with 　).
The registry's verbatim English sentences (the lines that quote it) are
English and keep their own punctuation.
"""
import json
import pathlib
import re
import sys

CJK = "\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e"
RULES = [
    ("a half-width , : ( or ) next to Chinese (write ，：（）)", re.compile(f"[{CJK}][,:()]|[,:()][{CJK}]")),
    ("a space between Chinese and Latin or digits", re.compile("[\u4e00-\u9fff] [A-Za-z0-9]|[A-Za-z0-9] [\u4e00-\u9fff]")),
    ("an NYHA class in Arabic numerals (write I～IV级)", re.compile(r"NYHA[^。；\n]*?(?<![A-Za-z0-9])[0-9]+级")),
]
REGISTRY_QUOTE = "注册记录原文"  # the line quoting the English registry sentence


def strings(value, path=""):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{path}/{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from strings(item, f"{path}/{i}")
    elif isinstance(value, str):
        yield path, value


def check(where, text, problems):
    for what, rule in RULES:
        for m in rule.finditer(text):
            problems.append(f"{where}: {what}: …{text[max(0, m.start() - 12):m.end() + 12]}…")


def main(argv):
    if len(argv) != 4:
        print(__doc__)
        return 2
    problems = []
    for path in argv[1:3]:
        doc = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
        for pointer, text in strings(doc):
            check(f"{path} {pointer}", text, problems)
    goldens = sorted(pathlib.Path(argv[3]).glob("*.txt"))
    for golden in goldens:
        for n, line in enumerate(golden.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith(" "):
                problems.append(f"{golden.name}:{n}: indented with half-width spaces (a Chinese report indents with 　): {line[:30]}")
            if REGISTRY_QUOTE not in line:
                check(f"{golden.name}:{n}", line, problems)
    for p in problems:
        print(p)
    print(f"check_typography: {len(goldens)} reports and 2 files, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
