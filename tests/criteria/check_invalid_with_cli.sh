#!/usr/bin/env bash
# Every invalid criteria example is refused by `eligibility check-criteria`
# with exit status 2 and exactly the errors of its golden file
# (<name>.errors: the full output, every problem with its JSON pointer).
# To review a change of wording: ELIG_UPDATE_GOLDEN=1 rewrites them; read
# the diff before committing it.
set -u
cli=$1 dir=$2
fail=0 count=0
cd "$dir" || exit 2
while IFS=$'\t' read -r name _; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  count=$((count + 1))
  golden="${name%.json}.errors"
  err=$("$cli" check-criteria "$name" 2>&1 >/dev/null); status=$?
  if [[ $status -ne 2 ]]; then echo "FAIL $name: exit $status, expected 2"; fail=1; continue; fi
  if [[ -n "${ELIG_UPDATE_GOLDEN:-}" ]]; then printf '%s\n' "$err" > "$golden"; fi
  if [[ ! -f "$golden" ]]; then echo "FAIL $name: no golden file $golden"; fail=1; continue; fi
  if ! diff -u "$golden" <(printf '%s\n' "$err"); then echo "FAIL $name: the errors differ from $golden (above)"; fail=1; fi
  # ...and never half-loads: evaluating with it gives no verdict.
  out=$(echo '{}' | "$cli" evaluate --criteria "$name" - 2>/dev/null); status=$?
  if [[ $status -ne 2 || -n "$out" ]]; then echo "FAIL $name: evaluate printed a verdict or exit $status"; fail=1; fi
done < expected.tsv
for golden in *.errors; do
  grep -q "^${golden%.errors}.json	" expected.tsv || { echo "FAIL $golden: its example is not listed in expected.tsv"; fail=1; }
done
[[ $fail -eq 0 ]] && echo "$count invalid criteria files refused, each with exactly its golden errors"
exit $fail
