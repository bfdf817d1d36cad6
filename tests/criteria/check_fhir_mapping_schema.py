#!/usr/bin/python3
"""The FHIR import mapping's JSON Schema is itself valid, accepts the bundled
mapping, and rejects what it is meant to reject (cross-references are the
loader's business: tests/core/fhir/fhir_mapping_test.cpp).

usage: check_fhir_mapping_schema.py SCHEMA MAPPING
"""
import copy
import json
import pathlib
import sys

import jsonschema

schema_path, mapping_path = map(pathlib.Path, sys.argv[1:3])
schema = json.loads(schema_path.read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
mapping = json.loads(mapping_path.read_text())
failures = [f"{mapping_path.name}: {e.json_path}: {e.message[:200]}" for e in validator.iter_errors(mapping)]


def broken(change):
    document = copy.deepcopy(mapping)
    change(document)
    return document


must_reject = {
    "a bare code": broken(lambda d: d["fields"][3]["codes"].append("718-7")),
    "an unknown kind": broken(lambda d: d["fields"][3].update(kind="number")),
    "a unit without a target": broken(lambda d: d["fields"][3]["units"].update({"mmol/L": {"factor": 16}})),
    "a zero factor": broken(lambda d: d["fields"][3]["units"].update({"mmol/L": {"to": "g/L", "factor": 0}})),
    "a limit with another result": broken(lambda d: d["fields"][-1]["limits"][0].update(result="maybe")),
    "units on a finding": broken(lambda d: d["fields"][-1].update(units={"%": {"to": "%"}})),
    "an upper-case word": broken(lambda d: d["result_sets"]["presence"]["positive"]["words"].append("Positive")),
    "another format": broken(lambda d: d.update(format="fhir-mapping/2")),
}
for name, document in must_reject.items():
    if not any(True for _ in validator.iter_errors(document)):
        failures.append(f"the schema accepts {name}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"schema valid; {mapping_path.name} conforms; {len(must_reject)} broken variants rejected")
