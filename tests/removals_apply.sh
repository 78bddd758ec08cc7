#!/usr/bin/env bash
# Every bench/removals/<trick>.patch still applies to the tree: the patches
# take a kept optimisation out for bench/removals.sh, and one that no longer
# applies would only be found (and skipped) at the next measurement.
set -uo pipefail
shopt -s nullglob
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root" || exit 2
failed=0
for p in bench/removals/*.patch; do
    if ! out=$(git apply --check "$p" 2>&1); then
        echo "$p no longer applies:"
        echo "$out" | sed 's/^/  /'
        failed=$((failed + 1))
    fi
done
echo "$failed patch(es) that do not apply"
[ "$failed" = 0 ]
