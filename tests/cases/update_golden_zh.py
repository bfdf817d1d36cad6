#!/usr/bin/python3
"""The Chinese text report of every case, as reviewed (tests/cases/golden-zh).

For each case of tests/cases, the output of
    eligibility evaluate --lang zh --format text RECORD
where RECORD is the case's full record (the line tests/case_records prints
for it): golden-zh/<case>.txt holds stdout when the exit status is 0, and
stderr (the input errors) otherwise; golden-zh/exit-status.tsv lists every
case with its exit status and which stream its file holds. The other stream
must be empty. See tests/cases/README.md.

  update_golden_zh.py ELIGIBILITY CASE_RECORDS CASES_DIR
      rewrites golden-zh/ — run it only after reading the changed lines
      against the English (--lang en) and updating golden-zh/REVIEW.md.
  update_golden_zh.py --check ELIGIBILITY CASE_RECORDS CASES_DIR
      regenerates into a temporary folder and compares (ctest golden_zh).
  update_golden_zh.py --lang en --out DIR ELIGIBILITY CASE_RECORDS CASES_DIR
      the same layout in another language, for reviewing side by side.
"""
import argparse
import pathlib
import shutil
import subprocess
import sys
import tempfile

INDEX = "exit-status.tsv"
NOT_GOLDEN = {"REVIEW.md"}  # the review notes live beside the goldens


def case_names(cases_dir):
    # The order of tests/cases/cases.cpp: every *.json file name, sorted.
    return sorted(p.stem for p in cases_dir.glob("*.json"))


def generate(cli, case_records, cases_dir, out_dir, lang):
    names = case_names(cases_dir)
    run = subprocess.run([str(case_records), str(cases_dir)], capture_output=True)
    if run.returncode != 0:
        sys.exit(f"{case_records} failed ({run.returncode}): {run.stderr.decode(errors='replace')}")
    records = run.stdout.decode("utf-8").splitlines()
    if len(records) != len(names):
        sys.exit(f"{case_records} printed {len(records)} records for {len(names)} case files in {cases_dir}")
    out_dir.mkdir(parents=True, exist_ok=True)
    index = [f"# case\texit status\tthe stream in <case>.txt (eligibility evaluate --lang {lang} --format text)"]
    with tempfile.TemporaryDirectory(prefix="golden-") as tmp:
        record_file = pathlib.Path(tmp) / "record.json"
        for name, record in zip(names, records):
            record_file.write_bytes(record.encode("utf-8"))
            result = subprocess.run([str(cli), "evaluate", "--lang", lang, "--format", "text", str(record_file)], capture_output=True)
            stream, text, other = ("stdout", result.stdout, result.stderr) if result.returncode == 0 else ("stderr", result.stderr, result.stdout)
            if other:
                sys.exit(f"{name}: exit {result.returncode} with output on both streams; "
                         f"stdout: {result.stdout[:200]!r} stderr: {result.stderr[:200]!r}")
            (out_dir / f"{name}.txt").write_bytes(text)
            index.append(f"{name}\t{result.returncode}\t{stream}")
    (out_dir / INDEX).write_text("\n".join(index) + "\n", encoding="utf-8")
    return len(names)


def golden_files(folder):
    return {p.name for p in folder.iterdir() if p.is_file() and p.name not in NOT_GOLDEN}


def compare(expected_dir, actual_dir, show=10):
    """Differences as readable lines: files missing or extra, then the first
    differing lines of each differing file."""
    problems = []
    expected, actual = golden_files(expected_dir), golden_files(actual_dir)
    for name in sorted(expected - actual):
        problems.append(f"{expected_dir / name}: no such case any more (remove the golden)")
    for name in sorted(actual - expected):
        problems.append(f"{expected_dir / name}: missing (a new case has no reviewed golden)")
    for name in sorted(expected & actual):
        want = (expected_dir / name).read_text(encoding="utf-8").splitlines()
        got = (actual_dir / name).read_text(encoding="utf-8").splitlines()
        if want == got and (expected_dir / name).read_bytes() == (actual_dir / name).read_bytes():
            continue
        lines = [f"{expected_dir / name}: differs"]
        shown = 0
        for n in range(max(len(want), len(got))):
            a = want[n] if n < len(want) else "<end of file>"
            b = got[n] if n < len(got) else "<end of file>"
            if a != b:
                lines.append(f"  line {n + 1}:\n    golden: {a}\n    now:    {b}")
                shown += 1
                if shown == 3:
                    break
        if shown == 0:
            lines.append("  (only line endings or the final newline differ)")
        problems.append("\n".join(lines))
    for problem in problems[:show]:
        print(problem)
    if len(problems) > show:
        print(f"... and {len(problems) - show} more")
    return len(problems)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the goldens instead of rewriting them")
    parser.add_argument("--lang", default="zh")
    parser.add_argument("--out", type=pathlib.Path, help="write here instead of CASES_DIR/golden-zh")
    parser.add_argument("cli", type=pathlib.Path)
    parser.add_argument("case_records", type=pathlib.Path)
    parser.add_argument("cases_dir", type=pathlib.Path)
    args = parser.parse_args()
    golden_dir = args.cases_dir / "golden-zh"

    if args.check:
        with tempfile.TemporaryDirectory(prefix="golden-zh-") as tmp:
            count = generate(args.cli, args.case_records, args.cases_dir, pathlib.Path(tmp), args.lang)
            differences = compare(golden_dir, pathlib.Path(tmp))
        if differences:
            print(f"\n{differences} of {count} Chinese reports differ from the reviewed goldens in {golden_dir}.\n"
                  "If the change is intended: regenerate with tests/cases/update_golden_zh.py, read every changed\n"
                  "line against the English (--lang en) and note the review in golden-zh/REVIEW.md.")
            return 1
        print(f"{count} Chinese reports identical to the reviewed goldens")
        return 0

    out = args.out or golden_dir
    # Generate everything first: a CLI that fails half-way (a wrong path, a
    # crash) must leave the reviewed goldens as they were.
    with tempfile.TemporaryDirectory(prefix="golden-zh-") as tmp:
        count = generate(args.cli, args.case_records, args.cases_dir, pathlib.Path(tmp), args.lang)
        out.mkdir(parents=True, exist_ok=True)
        for name in golden_files(out):
            (out / name).unlink()
        for name in golden_files(pathlib.Path(tmp)):
            shutil.copyfile(pathlib.Path(tmp) / name, out / name)
    print(f"wrote {count} reports and {INDEX} to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
