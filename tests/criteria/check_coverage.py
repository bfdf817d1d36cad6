#!/usr/bin/python3
"""Every sentence of the registry record's eligibility section is covered:
by a criterion's verbatim source, or by a not-computable entry with its
reason. Sources must be verbatim (after undoing the record's markdown
escapes such as "\\>"), so a typo or paraphrase fails here.

usage: check_coverage.py CRITERIA_FILE RECORD_TEXT
"""
import json
import re
import sys

criteria = json.load(open(sys.argv[1], encoding="utf-8"))
record = open(sys.argv[2], encoding="utf-8").read()

start = record.index("Inclusion Criteria")
end = record.index("Minimum Eligible Age")
section = re.sub(r"\\([<>\[\]])", r"\1", record[start:end])
section = section.replace("Inclusion Criteria", "").replace("Exclusion Criteria", "")
section = re.sub(r"(?m)^\* ", "", section)

fragments = []
for c in criteria["criteria"]:
    sources = c["source"] if isinstance(c["source"], list) else [c["source"]]
    fragments += [(c["id"], s) for s in sources]
fragments += [("not_computable", n["text"]) for n in criteria.get("not_computable", [])]

failures = []
covered = [False] * len(section)
for owner, text in fragments:
    at = section.find(text)
    if at < 0:
        failures.append(f"{owner}: source is not verbatim in the record: {text[:80]!r}")
        continue
    while at >= 0:
        for i in range(at, at + len(text)):
            covered[i] = True
        at = section.find(text, at + 1)

gaps, i = [], 0
while i < len(section):
    if not covered[i] and not section[i].isspace():
        j = i
        while j < len(section) and not covered[j]:
            j += 1
        gaps.append(section[i:j].strip())
        i = j
    else:
        i += 1
failures += [f"not covered by any criterion or not_computable entry: {g[:100]!r}" for g in gaps if g]

# The recorded conflicts quote the record too.
plain = re.sub(r"\\([<>\[\]])", r"\1", record)
for conflict in criteria.get("conflicts", []):
    for source in conflict["sources"]:
        if source["text"] not in plain:
            failures.append(f"conflict {conflict['id']}: {source['where']} text not in the record: {source['text']!r}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"{len(fragments)} verbatim fragments cover all {sum(1 for ch in section if not ch.isspace())} characters of the eligibility section")
