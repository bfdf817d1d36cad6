#!/usr/bin/python3
"""Every string is translated, and nothing else is.

(a) every language file in I18N_DIR has exactly the keys of en.json in
    "core", "app" and "page", each a string, non-empty unless English's is
    only spaces (a separator Chinese leaves out);
(b) each template uses only the placeholders its key allows: core keys
    those of the X-macro list in src/core/i18n/messages.h, app keys those of
    src/app/ui/app_text.h, page keys those of the English template (what
    web/page/*.js passes); and English has exactly the keys the headers fix;
(c) each translation of the criteria file has every user-visible string of
    it (field labels, help and visit reasons, enum labels and help, sections, derived
    labels, the units used, criterion titles with one sentence per registry
    sentence, reading sources, constraint messages, conflicts,
    not_computable, structured_eligibility notes), and nothing extra;
(d) a translated string is not the English one copied, unless it is an
    abbreviation, unit or code (see ABBREVIATION and SAME_AS_ENGLISH).

The C++ loaders refuse most of (a)-(c) at run time; this test says all that
is wrong at once, by file and key, before anything is built.

usage: check_translations.py I18N_DIR MESSAGES_H APP_TEXT_H WEB_PAGE_DIR CRITERIA_JSON [TRANSLATION_JSON...]
"""
import json
import pathlib
import re
import sys

PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")  # as message_catalogue.cpp reads them
# X(id, "key", "param", ...) in an X-macro list.
X_ENTRY = re.compile(r'X\(\s*\w+\s*,\s*"([^"]+)"((?:\s*,\s*"[^"]*")*)\s*\)')

# (d) Identical to English is fine for text made only of capitals, digits,
# symbols and placeholders: abbreviations (ALT, T-ALL, CMV DNA), codes
# (YYYY-MM-DD), ranges ({low}–{high}) and pure punctuation. Any lower-case
# letter means words, and words must be translated.
ABBREVIATION = re.compile(r"^[A-Z0-9 .,:;()/%×≥≤<>+\-−–—·₂]*$")
# (d) Identical to English on purpose, with why:
SAME_AS_ENGLISH = {
    # JSON's own literal, quoted in input errors about a value's type.
    ("core", "type.null"),
    # Shown only on a device without a Chinese font: Chinese could not be drawn.
    ("app", "font.no_cjk"),
    # An answer and what it would do, joined by an arrow: no words of its own.
    ("app", "guide.answer_then"),
}
# (d) Unit symbols are international (SI and laboratory units), written the
# same in Chinese reports; only words such as "years" are translated.
UNIT_SYMBOLS = {"kg", "%", "U/L", "µmol/L", "mg/dL", "mL/min", "g/L", "g/dL"}

failures = []


def fail(where, message):
    failures.append(f"{where}: {message}")


def quoted(text, limit=100):
    """A string as JSON, cut short: registry sentences run to 900 characters."""
    text = json.dumps(text, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit - 2] + "…\""


def header_specs(path):
    """key -> allowed placeholder names, from an X-macro list."""
    text = pathlib.Path(path).read_text(encoding="utf-8")
    specs = {}
    for key, params in X_ENTRY.findall(text):
        specs[key] = set(re.findall(r'"([^"]*)"', params))
    if not specs:
        sys.exit(f"{path}: found no X(id, \"key\", ...) entries; has the list's form changed?")
    return specs


def check_languages(i18n_dir, core_specs, app_specs, page_dir):
    english_path = i18n_dir / "en.json"
    english = json.loads(english_path.read_text(encoding="utf-8"))
    allowed = {"core": core_specs, "app": app_specs,
               "page": {k: set(PLACEHOLDER.findall(v)) for k, v in english["page"].items() if isinstance(v, str)}}

    # English has exactly the keys the code fixes.
    for section, header in (("core", "src/core/i18n/messages.h"), ("app", "src/app/ui/app_text.h")):
        for key in sorted(set(allowed[section]) - set(english[section])):
            fail(f"{english_path} /{section}/{key}", f"missing (listed in {header})")
        for key in sorted(set(english[section]) - set(allowed[section])):
            fail(f"{english_path} /{section}/{key}", f"not a key of {header}")
    # Keys the page's scripts ask for by name exist in English.
    for script in sorted(page_dir.glob("*.js")):
        for key in sorted(set(re.findall(r"\.text\(\s*'([^']+)'", script.read_text(encoding="utf-8")))):
            if key not in english["page"]:
                fail(f"{script}", f"page.text('{key}') but {english_path} /page has no \"{key}\"")

    languages = sorted(p for p in i18n_dir.glob("*.json"))
    for path in languages:
        doc = json.loads(path.read_text(encoding="utf-8"))
        for section in ("core", "app", "page"):
            table = doc.get(section)
            if not isinstance(table, dict):
                fail(f"{path} /{section}", "missing (an object of key to text)")
                continue
            for key in sorted(set(english[section]) - set(table)):
                fail(f"{path} /{section}/{key}", "missing (en.json has it)")
            for key in sorted(set(table) - set(english[section])):
                fail(f"{path} /{section}/{key}", "not in en.json")
            for key, text in table.items():
                where = f"{path} /{section}/{key}"
                if not isinstance(text, str):
                    fail(where, f"expected a string, found {type(text).__name__}")
                    continue
                source = english[section].get(key)
                # Empty only where English writes only spaces (a separator).
                if text == "" and not (isinstance(source, str) and source.strip() == ""):
                    fail(where, "empty")
                if key in allowed[section]:
                    for name in PLACEHOLDER.findall(text):
                        if name not in allowed[section][key]:
                            takes = ", ".join("{" + p + "}" for p in sorted(allowed[section][key])) or "none"
                            fail(where, f"unknown placeholder {{{name}}} (this key takes {takes})")
                if path != english_path and isinstance(source, str):
                    check_not_copied(where, (section, key), text, source)
    return len(languages)


def check_not_copied(where, allow_key, text, source):
    if text != source or allow_key in SAME_AS_ENGLISH:
        return
    if ABBREVIATION.match(PLACEHOLDER.sub("", text)):
        return
    fail(where, f"identical to the English {quoted(source)}: not translated?")


def pointer(*tokens):
    return "/" + "/".join(str(t).replace("~", "~0").replace("/", "~1") for t in tokens)


def expected_strings(criteria):
    """Every user-visible string of the criteria file: JSON pointer in the
    translation -> the English text (None for the translation's own notice)."""
    want = {"/translation_notice": None}
    trial = criteria["trial"]
    for key in ("title", "short_title", "phase", "status", "sponsor", "site"):
        if trial.get(key):
            want[pointer("trial", key)] = trial[key]
    for i, condition in enumerate(trial.get("conditions", [])):
        want[pointer("trial", "conditions", i)] = condition
    for section in criteria["sections"]:
        want[pointer("sections", section["id"])] = section["label"]
    units = set()
    for field in criteria["fields"]:
        want[pointer("fields", field["id"], "label")] = field["label"]
        if field.get("help"):
            want[pointer("fields", field["id"], "help")] = field["help"]
        if field.get("visit_reason"):
            want[pointer("fields", field["id"], "visit_reason")] = field["visit_reason"]
        for value in field.get("values", []):
            want[pointer("fields", field["id"], "values", value["id"], "label")] = value["label"]
            if value.get("help"):
                want[pointer("fields", field["id"], "values", value["id"], "help")] = value["help"]
        if field.get("unit"):
            units.add(field["unit"])
        units.update(field.get("units", {}))
        if field.get("display", {}).get("unit"):
            units.add(field["display"]["unit"])
    for derived in criteria.get("derived", []):
        want[pointer("derived", derived["id"], "label")] = derived["label"]
        if derived.get("unit"):
            units.add(derived["unit"])
    for unit in units:
        # A display unit is named by an id; what English writes may be nothing.
        want[pointer("units", unit)] = criteria.get("display_units", {}).get(unit, unit) or None
    for key in ("interpretations", "open_questions"):
        for note in criteria.get(key, []):
            want[pointer(key, note["id"])] = note["text"]

    def readings(rule):
        if isinstance(rule, dict):
            for reading in rule.get("readings", []):
                want[pointer("readings", reading["source"])] = reading["source"]
            for value in rule.values():
                readings(value)
        elif isinstance(rule, list):
            for item in rule:
                readings(item)

    for i, constraint in enumerate(criteria.get("constraints", [])):
        want[pointer("constraints", i)] = constraint["message"]
    for criterion in criteria["criteria"]:
        want[pointer("criteria", criterion["id"], "title")] = criterion["title"]
        sources = criterion["source"] if isinstance(criterion["source"], list) else [criterion["source"]]
        for i, sentence in enumerate(sources):
            want[pointer("criteria", criterion["id"], "source", i)] = sentence
        readings(criterion["rule"])
    for conflict in criteria.get("conflicts", []):
        want[pointer("conflicts", conflict["id"], "summary")] = conflict["summary"]
        want[pointer("conflicts", conflict["id"], "resolution")] = conflict["resolution"]
        for i, source in enumerate(conflict["sources"]):
            want[pointer("conflicts", conflict["id"], "sources", i, "where")] = source["where"]
            want[pointer("conflicts", conflict["id"], "sources", i, "text")] = source["text"]
    for i, item in enumerate(criteria.get("not_computable", [])):
        want[pointer("not_computable", i, "text")] = item["text"]
        want[pointer("not_computable", i, "reason")] = item["reason"]
    for i, item in enumerate(criteria.get("structured_eligibility", [])):
        if item.get("note"):
            want[pointer("structured_eligibility", i, "note")] = item["note"]
    return want


def leaves(value, tokens=()):
    """(pointer, value) of every non-container value."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, tokens + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from leaves(item, tokens + (i,))
    else:
        yield pointer(*tokens), value


def check_translation(criteria_path, criteria, path, language_tags):
    doc = json.loads(path.read_text(encoding="utf-8"))
    want = expected_strings(criteria)
    # Not words: what the file is and what it translates.
    bookkeeping = {"/$schema", "/format", "/language", "/criteria_version"}
    if doc.get("criteria_version") != criteria["version"]:
        fail(f"{path} /criteria_version", f"{json.dumps(doc.get('criteria_version'))}, but {criteria_path} is version {json.dumps(criteria['version'])}")
    if doc.get("language") not in language_tags:
        fail(f"{path} /language", f"{json.dumps(doc.get('language'))} has no language file (i18n has {', '.join(sorted(language_tags))})")
    have = dict(leaves(doc))
    for where, english in want.items():
        if where not in have:
            fail(f"{path} {where}", f"missing: no translation of {quoted(english)}" if english else "missing")
            continue
        text = have[where]
        if not isinstance(text, str) or not text:
            fail(f"{path} {where}", f"expected the text, translated; found {quoted(text)}")
            continue
        if english is None:
            continue
        section = where.split("/")[1]
        if section == "units" and english in UNIT_SYMBOLS:
            continue
        check_not_copied(f"{path} {where}", ("criteria", where), text, english)
    for where in sorted(set(have) - set(want) - bookkeeping):
        fail(f"{path} {where}", f"extra: {criteria_path} has nothing here to translate")
    return len(want)


def main(argv):
    if len(argv) < 6:
        sys.exit(__doc__)
    i18n_dir, messages_h, app_text_h, page_dir, criteria_path = map(pathlib.Path, argv[1:6])
    languages = check_languages(i18n_dir, header_specs(messages_h), header_specs(app_text_h), page_dir)
    tags = {json.loads(p.read_text(encoding="utf-8")).get("language") for p in i18n_dir.glob("*.json")}
    criteria = json.loads(criteria_path.read_text(encoding="utf-8"))
    counted = [check_translation(criteria_path, criteria, pathlib.Path(p), tags) for p in argv[6:]]
    if failures:
        print("\n".join(failures))
        print(f"\n{len(failures)} problems")
        return 1
    print(f"{languages} language files with the keys and placeholders of en.json and the headers; "
          f"{len(counted)} translations each with all {counted[0] if counted else 0} strings of {criteria_path.name}, none copied")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
