#!/usr/bin/python3
"""Copies a JSON file without the whitespace between its tokens.

Every token is kept as written (numbers, escapes, a member given twice), so
the program reads exactly what the file says and judges it the same way;
only the bytes it ships and scans at start are fewer. A file that is not
JSON is copied as it is, for the program's own reader to report.

--drop NAME leaves out the top-level member NAME, for one that the program
never reads (a language file's "page" strings, which the page's script
takes from the HTML): the rest is checked to be what the file says.

usage: minify_json.py [--drop NAME]... INPUT OUTPUT
"""
import json
import sys


def characters(text, start=0):
    """Each character from `start` on, with whether it is part of a string
    (its quotes included) and whether it is the quote that ends one."""
    in_string, escaped = False, False
    for i in range(start, len(text)):
        char = text[i]
        if in_string:
            closes = not escaped and char == '"'
            escaped = not escaped and char == "\\"
            in_string = not closes
            yield i, char, True, closes
        else:
            in_string = char == '"'
            yield i, char, in_string, False


def minified(text):
    return "".join(char for _, char, quoted, _ in characters(text) if quoted or char not in " \t\r\n")


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


def value_end(text, start):
    """Where the JSON value that begins at `start` of minified text ends."""
    depth = 0
    for i, char, quoted, closes in characters(text, start):
        if quoted:
            if closes and depth == 0:
                return i + 1  # the end of a key or of a string value
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth <= 0:
                return i + 1 if depth == 0 else i
        elif char == "," and depth == 0:
            return i
    return len(text)


def without_members(text, names):
    """Minified object text without its top-level members called `names`."""
    if not text.startswith("{"):
        return text
    members, i = [], 1
    while i < len(text) and text[i] != "}":
        key_end = value_end(text, i)
        end = value_end(text, key_end + 1)
        members.append((json.loads(text[i:key_end]), text[i:end]))
        i = end + (text[end:end + 1] == ",")
    return "{" + ",".join(member for name, member in members if name not in names) + text[i:]


def main():
    arguments, drop = sys.argv[1:], set()
    while arguments[0] == "--drop":
        drop.add(arguments[1])
        arguments = arguments[2:]
    source, target = arguments
    with open(source, encoding="utf-8", newline="") as f:
        text = f.read()
    out = kept_as_written(text)
    if drop and out != text:
        out = without_members(out, drop)
        expected = [pair for pair in tokens(text) if pair[0] not in drop]
        if tokens(out) != expected:
            sys.exit(f"minify_json.py: {source}: leaving out {sorted(drop)} changed the rest")
    with open(target, "w", encoding="utf-8", newline="") as f:
        f.write(out)


if __name__ == "__main__":
    main()
