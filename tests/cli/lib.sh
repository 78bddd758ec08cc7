# Shared helpers for the end-to-end suites: each suite runs the built gov in a
# fresh temporary folder and checks its output and exit codes.
#   GOV      the gov binary under test (set by ctest)
# Every suite ends with `finish`, which prints "N passed, M failed".
set -u
: "${GOV:?GOV must name the gov binary}"
#   GOV_UPDATE_GOLDEN  1 rewrites the golden files a suite compares with
#   GOV_E2E_CLOCK  "real" runs the suite on the system clock (ctest runs
#                  every suite both ways); else "now" is fixed at FIXED_NOW
export NO_COLOR=1 GOV_ACTOR=tester
FIXED_NOW=2026-11-27T09:00:00Z
suite_clock() {
    if [ "${GOV_E2E_CLOCK:-fixed}" = real ]; then unset GOV_NOW; else export GOV_NOW=$FIXED_NOW; fi
}
suite_clock
unset GOV_CONFIG COLUMNS
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gov-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
passed=0 failed=0 rewritten=0 current=""

# gov ARGS...: runs gov, keeping stdout in $WORK/.out, stderr in $WORK/.err, the code in $code.
gov() {
    "$GOV" "$@" >"$WORK/.out" 2>"$WORK/.err"
    code=$?
}
out() { cat "$WORK/.out"; }
err() { cat "$WORK/.err"; }

# case_ NAME: a new case, on the suite's clock (fixed, or real under
# GOV_E2E_CLOCK=real).
case_() {
    current=$1
    suite_clock
}
# pinned: this case compares with golden files or with dates worked out by
# hand from FIXED_NOW, so it runs at FIXED_NOW on either clock.
pinned() { export GOV_NOW=$FIXED_NOW; }
ok() { passed=$((passed + 1)); }
bad() {
    failed=$((failed + 1))
    printf 'FAIL [%s] %s\n' "$current" "$1"
    printf '  stdout: %s\n' "$(head -c 600 "$WORK/.out")"
    printf '  stderr: %s\n' "$(head -c 600 "$WORK/.err")"
}
expect_code() { [ "$code" = "$1" ] && ok || bad "exit code $code, expected $1"; }
expect_out() { grep -qF -- "$1" "$WORK/.out" && ok || bad "stdout lacks: $1"; }
expect_err() { grep -qF -- "$1" "$WORK/.err" && ok || bad "stderr lacks: $1"; }
expect_no_out() { grep -qF -- "$1" "$WORK/.out" && bad "stdout has: $1" || ok; }
expect_out_file() { # expected file: stdout must equal it byte for byte
    # GOV_UPDATE_GOLDEN=1 rewrites the golden file instead (then read git
    # diff); a suite that rewrote one does not pass (finish), so that a run
    # with it set is never taken for a green one.
    if [ "${GOV_UPDATE_GOLDEN:-}" = 1 ] && ! cmp -s "$1" "$WORK/.out"; then
        cp "$WORK/.out" "$1"
        rewritten=$((rewritten + 1))
        printf 'REWROTE [%s] %s\n' "$current" "$1"
    fi
    if cmp -s "$1" "$WORK/.out"; then ok; else
        bad "stdout differs from $1"; diff "$1" "$WORK/.out" | head -20; fi
}
expect_true() { if eval "$1"; then ok; else bad "not true: $1"; fi; }

finish() {
    echo "$passed passed, $failed failed"
    if [ "${rewritten:-0}" != 0 ]; then
        echo "$rewritten golden file(s) rewritten (GOV_UPDATE_GOLDEN=1): read git diff, then run again without it"
        return 1
    fi
    [ "$failed" = 0 ]
}
