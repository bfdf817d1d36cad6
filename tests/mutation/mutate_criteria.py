#!/usr/bin/python3
"""Mutation testing of the criteria file: changes, one at a time, each
threshold, comparison, logical operator, yes/no and enum test, and time
window of the rules, runs the case suite against each mutant, and lists
every mutant no case catches. A surviving mutant is a part of the criteria
no test pins down.

usage: mutate_criteria.py CRITERIA CASE_SUITE ELIGIBILITY [--jobs N]
"""
import copy
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

criteria_path, case_suite, cli = sys.argv[1:4]
jobs = int(sys.argv[sys.argv.index("--jobs") + 1]) if "--jobs" in sys.argv else 2
original = json.load(open(criteria_path, encoding="utf-8"))
fields = {f["id"]: f for f in original["fields"]}


def step(literal):
    """One unit in the last decimal place the threshold was written with."""
    text = repr(literal)
    if "." in text and not text.endswith(".0"):
        return 10 ** -len(text.split(".")[1])
    return 1


def mutations(rule, path):
    """(path, description, replacement) for each small change of a rule."""
    if isinstance(rule, bool):
        yield path, f"constant {rule} -> {not rule}", (not rule)
        return
    for key in ("all", "any"):
        if key in rule:
            other = "any" if key == "all" else "all"
            yield path, f"{key} -> {other}", {other: rule[key]}
            for i, child in enumerate(rule[key]):
                yield from mutations(child, f"{path}/{key}/{i}")
            return
    if "not" in rule:
        yield path, "drop not", rule["not"]
        yield from mutations(rule["not"], f"{path}/not")
        return
    if "if" in rule:
        yield path, "swap then/else", {"if": rule["if"], "then": rule["else"], "else": rule["then"]}
        for key in ("if", "then", "else"):
            yield from mutations(rule[key], f"{path}/{key}")
        return
    if "readings" in rule:
        for i, reading in enumerate(rule["readings"]):
            yield path, f"keep only reading {i} ({reading['source']})", reading["rule"]
            yield from mutations(reading["rule"], f"{path}/readings/{i}/rule")
        return
    field = rule["field"]
    for op, flips in (("at_least", ("above", "at_most")), ("above", ("at_least", "below")),
                      ("at_most", ("below", "at_least")), ("below", ("at_most", "above"))):
        if op in rule:
            t = rule[op]
            for flip in flips:
                yield path, f"{field} {op} {t} -> {flip} {t}", {"field": field, flip: t}
            d = step(t)
            for moved in (t - d, t + d):
                moved = round(moved, 10)
                if moved == int(moved):
                    moved = int(moved)
                yield path, f"{field} {op} {t} -> {op} {moved}", {"field": field, op: moved}
            return
    if "is" in rule:
        value = rule["is"]
        if isinstance(value, bool):
            yield path, f"{field} is {value} -> {not value}", {"field": field, "is": not value}
        else:
            for other in enum_values(field):
                if other != value:
                    yield path, f"{field} is {value} -> {other}", {"field": field, "is": other}
        return
    if "in" in rule:
        values = rule["in"]
        for v in values:
            if len(values) > 1:
                yield path, f"{field} in: drop {v}", {"field": field, "in": [x for x in values if x != v]}
        for v in enum_values(field):
            if v not in values:
                yield path, f"{field} in: add {v}", {"field": field, "in": values + [v]}
        return
    if "not_within" in rule:
        unit, amount = next(iter(rule["not_within"].items()))
        for moved in (amount - 1, amount + 1):
            mutated = dict(rule)
            mutated["not_within"] = {unit: moved}
            yield path, f"{field} not within {amount} {unit} -> {moved}", mutated
        other = "months" if unit == "weeks" else "weeks"
        mutated = dict(rule)
        mutated["not_within"] = {other: amount}
        yield path, f"{field} not within {amount} {unit} -> {amount} {other}", mutated
        return


def enum_values(field):
    if field in fields:
        return [v["id"] for v in fields[field].get("values", [])]
    for d in original.get("derived", []):  # implied values take their field's values
        if d["id"] == field and d["function"] == "implied_value":
            return enum_values(d["args"]["field"])
    return []


def set_at(document, path, value):
    parts = [p for p in path.split("/") if p]
    target = document
    for part in parts[:-1]:
        target = target[int(part)] if isinstance(target, list) else target[part]
    last = parts[-1]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value


mutants = []
for i, criterion in enumerate(original["criteria"]):
    mutants += list(mutations(criterion["rule"], f"/criteria/{i}/rule"))
for i, d in enumerate(original.get("derived", [])):
    if d["function"] == "implied_value":
        mutants += list(mutations(d["args"]["when"], f"/derived/{i}/args/when"))
for i, c in enumerate(original.get("constraints", [])):
    mutants += list(mutations(c["forbid"], f"/constraints/{i}/forbid"))

workdir = tempfile.mkdtemp(prefix="criteria-mutants-")


def run(index):
    path, description, replacement = mutants[index]
    mutated = copy.deepcopy(original)
    set_at(mutated, path, replacement)
    file = os.path.join(workdir, f"mutant-{index}.json")
    with open(file, "w", encoding="utf-8") as out:
        json.dump(mutated, out, ensure_ascii=False)
    if subprocess.run([cli, "check-criteria", file], capture_output=True).returncode != 0:
        return index, "invalid"
    env = dict(os.environ, ELIG_CRITERIA_FILE=file)
    result = subprocess.run([case_suite, "--gtest_brief=1"], capture_output=True, env=env)
    return index, "killed" if result.returncode != 0 else "survived"


with ThreadPoolExecutor(max_workers=jobs) as pool:
    outcomes = dict(pool.map(run, range(len(mutants))))

survivors = [i for i, outcome in outcomes.items() if outcome == "survived"]
invalid = sum(1 for outcome in outcomes.values() if outcome == "invalid")
killed = sum(1 for outcome in outcomes.values() if outcome == "killed")
for i in sorted(survivors):
    path, description, _ = mutants[i]
    criterion = ""
    if path.startswith("/criteria/"):
        criterion = original["criteria"][int(path.split("/")[2])]["id"] + ": "
    print(f"SURVIVED {criterion}{description}   ({path})")
print(f"{len(mutants)} mutants: {killed} killed by the case suite, {len(survivors)} survived, {invalid} refused by the loader")
sys.exit(1 if survivors else 0)
