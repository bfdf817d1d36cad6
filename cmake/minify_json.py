#!/usr/bin/python3
"""Copies a JSON file without the whitespace between its tokens.

Every token is kept as written (numbers, escapes, a member given twice), so
the program reads exactly what the file says and judges it the same way;
only the bytes it ships and scans at start are fewer. A file that is not
JSON is copied as it is, for the program's own reader to report.

usage: minify_json.py INPUT OUTPUT
"""
import json
import sys


def minified(text):
    out, in_string, escaped = [], False, False
    for char in text:
        if in_string:
            out.append(char)
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
            out.append(char)
        elif char not in " \t\r\n":
            out.append(char)
    return "".join(out)


def tokens(text):
    """The file as Python reads it, members in order and repeats kept."""
    return json.loads(text, object_pairs_hook=list, parse_float=str, parse_int=str, parse_constant=str)


def kept_as_written(text):
    """The text with its whitespace gone, or as it is where that would change
    what it says (it is not JSON, or space separated two tokens)."""
    try:
        before = tokens(text)
    except ValueError:
        return text
    after = minified(text)
    try:
        return after if tokens(after) == before else text
    except ValueError:
        return text


def main():
    source, target = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8", newline="") as f:
        text = f.read()
    with open(target, "w", encoding="utf-8", newline="") as f:
        f.write(kept_as_written(text))


if __name__ == "__main__":
    main()
