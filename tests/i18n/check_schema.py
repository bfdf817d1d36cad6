#!/usr/bin/python3
"""The JSON Schemas of the translation files and the language files are
themselves valid, accept the real files, and reject broken copies of them
(so a schema that accepts everything cannot pass).

usage: check_schema.py translation SCHEMA TRANSLATION_FILE...
       check_schema.py language SCHEMA I18N_DIR      (every I18N_DIR/*.json)
"""
import copy
import json
import pathlib
import sys

import jsonschema


def drop(path):
    def mutate(doc):
        *parents, last = path
        for key in parents:
            doc = doc[key]
        del doc[last]
    return mutate


def put(path, value):
    def mutate(doc):
        *parents, last = path
        for key in parents:
            doc = doc[key]
        doc[last] = value
    return mutate


# Broken copies each schema must reject: (what, mutation). Each names one rule
# of the loader the schema repeats.
MUST_REJECT = {
    "translation": [
        ("a field without its label", drop(["fields", "lvef", "label"])),
        ("an empty label", put(["fields", "lvef", "label"], "")),
        ("an unknown key in a field", put(["fields", "lvef", "unit"], "%")),
        ("an unknown top-level key", put(["glossary"], {})),
        ("another format", put(["format"], "eligibility-translation/2")),
        ("a criterion's source as a string, not a list of sentences", put(["criteria", "inc_lvef", "source"], "LVEF")),
        ("no translation notice", drop(["translation_notice"])),
        ("a constraint message that is not a string", put(["constraints", 0], 1)),
    ],
    "language": [
        ("a template that is not a string", put(["core", "list.separator"], 1)),
        ("no page section", drop(["page"])),
        ("an unknown top-level key", put(["messages"], {})),
        ("a key that is not dotted lower-case words", put(["app", "Toolbar Save"], "x")),
        ("lower_first_mid_sentence not a boolean", put(["lower_first_mid_sentence"], "no")),
        ("another format", put(["format"], "eligibility-language/2")),
    ],
}

kind, schema_path = sys.argv[1], pathlib.Path(sys.argv[2])
if kind not in MUST_REJECT or len(sys.argv) < 4:
    sys.exit(__doc__)
if kind == "language":
    files = sorted(pathlib.Path(sys.argv[3]).glob("*.json"))
else:
    files = [pathlib.Path(p) for p in sys.argv[3:]]
if not files:
    sys.exit(f"check_schema.py: no {kind} files given")

schema = json.loads(schema_path.read_text(encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failures = []

for path in files:
    document = json.loads(path.read_text(encoding="utf-8"))
    for error in validator.iter_errors(document):
        failures.append(f"{path}: {error.json_path}: {error.message[:200]}")

original = json.loads(files[0].read_text(encoding="utf-8"))
for what, mutate in MUST_REJECT[kind]:
    broken = copy.deepcopy(original)
    mutate(broken)
    if not any(True for _ in validator.iter_errors(broken)):
        failures.append(f"{schema_path.name}: accepts {files[0].name} with {what}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"{schema_path.name} valid; {', '.join(p.name for p in files)} conform; "
      f"{len(MUST_REJECT[kind])} broken copies rejected")
