#!/usr/bin/env bash
# Every invalid criteria example is refused by `eligibility check-criteria`
# with exit status 2 and an error naming where the problem is.
set -u
cli=$1 dir=$2
fail=0 count=0
while IFS=$'\t' read -r name _ expected; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  count=$((count + 1))
  err=$("$cli" check-criteria "$dir/$name" 2>&1 >/dev/null); status=$?
  if [[ $status -ne 2 ]]; then echo "FAIL $name: exit $status, expected 2"; fail=1; continue; fi
  if [[ "$err" != *"$expected"* ]]; then echo "FAIL $name: message lacks '$expected':"; echo "$err"; fail=1; fi
  # ...and never half-loads: evaluating with it gives no verdict.
  out=$(echo '{}' | "$cli" evaluate --criteria "$dir/$name" - 2>/dev/null); status=$?
  if [[ $status -ne 2 || -n "$out" ]]; then echo "FAIL $name: evaluate printed a verdict or exit $status"; fail=1; fi
done < "$dir/expected.tsv"
[[ $fail -eq 0 ]] && echo "$count invalid criteria files refused with their JSON paths"
exit $fail
