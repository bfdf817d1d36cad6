#!/usr/bin/python3
"""The criteria format's JSON Schema is itself valid, accepts the real
criteria files, and rejects the invalid examples it is meant to reject.

usage: check_schema.py SCHEMA CRITERIA_FILE INVALID_DIR
"""
import json
import pathlib
import sys

import jsonschema

schema_path, criteria_path, invalid_dir = map(pathlib.Path, sys.argv[1:4])
schema = json.loads(schema_path.read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failures = []

for path in [criteria_path, pathlib.Path(__file__).parent / "example_second_trial.json"]:
    for error in validator.iter_errors(json.loads(path.read_text())):
        failures.append(f"{path.name}: {error.json_path}: {error.message[:200]}")

checked = 0
for line in (invalid_dir / "expected.tsv").read_text().splitlines():
    if not line or line.startswith("#"):
        continue
    name, schema_rejects = line.split("\t")[:2]
    text = (invalid_dir / name).read_text()
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        rejected = True
    else:
        rejected = any(True for _ in validator.iter_errors(document))
    if schema_rejects == "yes" and not rejected:
        failures.append(f"{name}: the schema accepts it, but it is invalid")
    if schema_rejects == "no" and rejected:
        failures.append(f"{name}: only the loader should catch this (a cross-reference); the schema rejects it too, so the example tests nothing")
    checked += 1

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"schema valid; {criteria_path.name} conforms; {checked} invalid examples behave as documented")
