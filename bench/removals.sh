#!/usr/bin/env bash
# Each kept optimisation measured against its removal, in the same run.
#
#   bench/removals.sh [-n PAIRS] [--data DIR | --generate N] [--no-check]
#                     [--check-only] [TRICK[@SCENARIO] ...]
#
# For every patch bench/removals/<trick>.patch (or the tricks named), a
# temporary git worktree of HEAD gets the patch (`git apply`; a patch that
# no longer applies is reported and skipped), gov_cli is built there (ccache
# when installed), and bench/pairs.sh times the unpatched build (A, with the
# trick) against the patched one (B, without it) in the trick's scenario.
# The table at the end gives the median of the pairs' A / B ratios: below
# 1.000 the trick pays. Before timing, each patched build runs its scenario
# once on a small generated community and must leave the same records
# (`gov export`, GOV_NOW fixed) as the unpatched build.
#
# DIR holds roster.csv, issues.csv and ballots.csv (gen.py's or the shared
# generator's). Without --data, bench/gen.py writes 1M residents, seed 1,
# into $WORK/data-1000000 (or N with --generate N).
#
# Environment: WORK (scratch, default /tmp/gov-removals), WT (where the
# worktrees go, default $WORK/wt; put it under CCACHE_BASEDIR for ccache
# hits across worktrees), JOBS (build jobs, default 2), PAIRS (default 5).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(git -C "$HERE" rev-parse --show-toplevel)
WORK=${WORK:-/tmp/gov-removals}
WT=${WT:-$WORK/wt}
JOBS=${JOBS:-2}
PAIRS=${PAIRS:-5}
DATA= GENERATE=1000000 CHECK=1 MEASURE=1
export GOV_ACTOR=bench

# trick  scenario (what the patch takes out: see its first lines)
SPECS=(
    "bypass_log_roster roster_first"
    "bypass_log_issue issue_first"
    "unchecked_foreign_keys roster_first"
    "memory_statement_journals_roster roster_second"
    "memory_statement_journals_vote vote"
    "deferred_indexes_roster roster_first"
    "deferred_indexes_issue issue_first"
    "row_pipeline roster_first"
    "batched_insert roster_first"
    "new_unit_rooms roster_first"
    "huge_pages roster_first"
    "big_cache_with_log issue_again"
    "stored_phone_directory issue_first"
    "short_key_map issue_first"
)

usage() { sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
named=()
while [[ $# -gt 0 ]]; do
    case $1 in
        -n) PAIRS=$2; shift 2 ;;
        --data) DATA=$(cd "$2" && pwd); shift 2 ;;
        --generate) GENERATE=$2; shift 2 ;;
        --no-check) CHECK=0; shift ;;
        --check-only) MEASURE=0; shift ;;
        -h | --help) usage ;;
        -*) usage ;;
        *) named+=("$1"); shift ;;
    esac
done
[[ $PAIRS =~ ^[1-9][0-9]*$ ]] || usage

# The tricks to run, as "trick scenario".
todo=()
if [[ ${#named[@]} -eq 0 ]]; then
    todo=("${SPECS[@]}")
else
    for n in "${named[@]}"; do
        t=${n%@*} s=
        [[ $n == *@* ]] && s=${n#*@}
        for spec in "${SPECS[@]}"; do
            [[ ${spec%% *} == "$t" ]] && s=${s:-${spec#* }}
        done
        [[ -f $HERE/removals/$t.patch ]] || { echo "removals.sh: no bench/removals/$t.patch" >&2; exit 2; }
        [[ -n $s ]] || { echo "removals.sh: $t has no scenario; name one: $t@SCENARIO" >&2; exit 2; }
        todo+=("$t $s")
    done
fi

mkdir -p "$WORK/bin" "$WORK/results" "$WT"
COMMIT=$(git -C "$REPO" rev-parse --short HEAD)
LAUNCHER=()
command -v ccache >/dev/null && LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

# build NAME [PATCH]: gov from a worktree of HEAD (with PATCH applied) into
# $WORK/bin/gov-NAME; returns 1 when the patch no longer applies.
build() {
    local name=$1 patch=${2:-} tree=$WT/$1 stamp
    # A binary built from the same commit and patch is kept.
    stamp="$(git -C "$REPO" rev-parse HEAD:libgov HEAD:cli HEAD:CMakeLists.txt HEAD:cmake | tr '\n' ' ')"
    stamp+=$(if [[ -n $patch ]]; then sha256sum <"$patch"; fi)
    if [[ -x $WORK/bin/gov-$name && $(cat "$WORK/bin/gov-$name.stamp" 2>/dev/null) == "$stamp" ]]; then
        echo "== $name: built already" >&2
        return 0
    fi
    git -C "$REPO" worktree remove --force "$tree" 2>/dev/null || rm -rf "$tree"
    git -C "$REPO" worktree add --detach "$tree" HEAD >/dev/null 2>&1 ||
        { echo "removals.sh: cannot make the worktree $tree" >&2; exit 1; }
    if [[ -n $patch ]] && ! git -C "$tree" apply --check "$patch" 2>/dev/null; then
        echo "== $name: bench/removals/$name.patch no longer applies to $COMMIT: skipped" >&2
        git -C "$REPO" worktree remove --force "$tree"
        return 1
    fi
    if [[ -n $patch ]]; then git -C "$tree" apply "$patch"; fi
    echo "== building $name" >&2
    cmake -S "$tree" -B "$tree/build" -DCMAKE_BUILD_TYPE=Release "${LAUNCHER[@]}" >/dev/null ||
        { echo "removals.sh: cmake failed for $name" >&2; exit 1; }
    cmake --build "$tree/build" -j"$JOBS" --target gov_cli >"$WORK/results/build-$name.log" 2>&1 ||
        { echo "removals.sh: the build of $name failed ($WORK/results/build-$name.log)" >&2; exit 1; }
    cp "$tree/build/cli/gov" "$WORK/bin/gov-$name"
    echo "$stamp" >"$WORK/bin/gov-$name.stamp"
    git -C "$REPO" worktree remove --force "$tree"
}

# fixtures DATA DIR: what the scenarios start from, made once by the
# unpatched build: T the community holding the roster, L the same with the
# issues imported, V with an owners' proposal open per code in ballots.csv;
# R2 the roster with every tenth resident's remark changed, I2 the first
# half of the issues, B the ballots of rooms with an owner.
fixtures() {
    local data=$1 fx=$2 G=$WORK/bin/gov-base p
    [[ -f $fx/done && $(cat "$fx/done") == "$COMMIT $data" ]] && return 0
    echo "== fixtures of $data in $fx" >&2
    rm -rf "$fx" && mkdir -p "$fx"
    export GOV_NOW=2026-12-07T09:00:00Z
    "$G" init "$fx/T" --name 基准社区 >/dev/null
    "$G" --config "$fx/T/gov.toml" roster import "$data/roster.csv" --skip-invalid >/dev/null
    cp -r "$fx/T" "$fx/L"
    "$G" --config "$fx/L/gov.toml" issue import "$data/issues.csv" >/dev/null
    python3 - "$data/roster.csv" "$data/ballots.csv" "$fx" <<'PY'
import csv, sys
roster, ballots, fx = sys.argv[1:4]
owned = set()
with open(roster, encoding="utf-8-sig", newline="") as f, \
        open(fx + "/R2.csv", "w", encoding="utf-8", newline="") as o:
    w = csv.writer(o, lineterminator="\r\n")
    rows = csv.reader(f)
    head = next(rows)
    w.writerow(head)
    note = head.index("备注")
    for i, r in enumerate(rows):
        if r[8] == "业主":
            owned.add("%s-%s-%s" % (r[4], r[5], r[6]))
        if i % 10 == 0:
            r[note] = "已复核"
        w.writerow(r)
with open(ballots, encoding="utf-8-sig", newline="") as f, \
        open(fx + "/B.csv", "w", encoding="utf-8", newline="") as o:
    w = csv.writer(o, lineterminator="\r\n")
    rows = csv.reader(f)
    w.writerow(next(rows))
    for r in rows:
        if r[1] in owned:
            w.writerow(r)
PY
    local n
    n=$(($(wc -l <"$data/issues.csv") / 2))
    head -n "$n" "$data/issues.csv" >"$fx/I2.csv"
    cp -r "$fx/T" "$fx/V"
    for p in $(tail -n +2 "$fx/B.csv" | cut -d, -f1 | sort -u); do
        "$G" --config "$fx/V/gov.toml" proposal new --code "$p" --title "基准表决 $p" \
            --electorate owners --rule civil-code-278 >/dev/null
        "$G" --config "$fx/V/gov.toml" proposal open "$p" >/dev/null
    done
    unset GOV_NOW
    sync
    echo "$COMMIT $data" >"$fx/done"
}

# scenario NAME G DATA FX DIR: sets PREP and CMD, the untimed preparation
# and the timed command of binary G in community folder DIR.
scenario() {
    local name=$1 G=$2 data=$3 fx=$4 d=$5
    case $name in
        roster_first) # the first import of the roster, into a new community
            PREP="rm -rf $d && $WORK/bin/gov-base init $d --name 基准社区 >/dev/null && sync"
            CMD="$G --config $d/gov.toml roster import $data/roster.csv --skip-invalid" ;;
        roster_second) # the roster again, a tenth of its residents changed
            PREP="rm -rf $d && cp -r $fx/T $d && sync"
            CMD="$G --config $d/gov.toml roster import $fx/R2.csv --skip-invalid" ;;
        issue_first) # the issues into the community holding the roster (a bulk import)
            PREP="rm -rf $d && cp -r $fx/T $d && sync"
            CMD="$G --config $d/gov.toml issue import $data/issues.csv" ;;
        issue_again) # half the issues again into a community holding them all (through the log)
            PREP="rm -rf $d && cp -r $fx/L $d && sync"
            CMD="$G --config $d/gov.toml issue import $fx/I2.csv" ;;
        vote) # every owners' ballot into the open proposals
            PREP="rm -rf $d && cp -r $fx/V $d && sync"
            CMD="$G --config $d/gov.toml vote import --all $fx/B.csv" ;;
        *) echo "removals.sh: no scenario $name" >&2; exit 2 ;;
    esac
}

# The unpatched build, then every patched one (before any timing, so that
# no build of ours runs meanwhile).
build base
ok=()
for spec in "${todo[@]}"; do
    t=${spec%% *}
    build "$t" "$HERE/removals/$t.patch" && ok+=("$spec")
done

# Spot check: the scenario once on a small community; the same records.
if [[ $CHECK == 1 ]]; then
    small=$WORK/data-check
    [[ -f $small/roster.csv ]] ||
        python3 "$HERE/gen.py" -q --residents 30000 --issues 30000 --seed 3 --out "$small"
    fixtures "$small" "$WORK/fixtures-check"
    checked=()
    for spec in "${ok[@]}"; do
        t=${spec%% *} s=${spec#* } sums=()
        for b in base "$t"; do
            scenario "$s" "$WORK/bin/gov-$b" "$small" "$WORK/fixtures-check" "$WORK/check"
            GOV_NOW=2026-12-07T10:00:00Z bash -c "$PREP" >/dev/null
            if ! GOV_NOW=2026-12-07T10:00:00Z bash -c "$CMD" >"$WORK/results/check-$t-$b.log" 2>&1; then
                sums+=("failed: $(tail -n 1 "$WORK/results/check-$t-$b.log")")
                continue
            fi
            rm -rf "$WORK/check-export"
            "$WORK/bin/gov-base" --config "$WORK/check/gov.toml" export "$WORK/check-export" >/dev/null
            sums+=("$(cat "$WORK/check-export"/* | sha256sum | cut -c1-16)")
        done
        if [[ ${sums[0]} == "${sums[1]}" ]]; then
            echo "== check $t ($s): the same records (${sums[0]})" >&2
            checked+=("$spec")
        else
            echo "== check $t ($s): DIFFERENT records (${sums[0]} vs ${sums[1]}): not timed" >&2
        fi
    done
    ok=("${checked[@]}")
fi
[[ $MEASURE == 1 ]] || exit 0

if [[ -z $DATA ]]; then
    DATA=$WORK/data-$GENERATE
    [[ -f $DATA/roster.csv ]] ||
        python3 "$HERE/gen.py" -q --residents "$GENERATE" --seed 1 --out "$DATA"
fi
FX=$WORK/fixtures-$(basename "$DATA")
fixtures "$DATA" "$FX"

table=$WORK/results/table.md
{
    echo "removals at $COMMIT, data $DATA, $(date -u +%Y-%m-%dT%H:%MZ)"
    echo
    echo "| trick | scenario | with/without median ratio | pairs (min–max) |"
    echo "|---|---|---|---|"
} >"$table"
for spec in "${ok[@]}"; do
    t=${spec%% *} s=${spec#* }
    echo "== $t ($s): $PAIRS pairs, A with, B without" >&2
    scenario "$s" "$WORK/bin/gov-base" "$DATA" "$FX" "$WORK/run-a"
    PA=$PREP CA=$CMD
    scenario "$s" "$WORK/bin/gov-$t" "$DATA" "$FX" "$WORK/run-b"
    "$HERE/pairs.sh" "$PAIRS" "$PA" "$CA" "$PREP" "$CMD" | tee "$WORK/results/$t@$s.txt" >&2
    last=$(tail -n 1 "$WORK/results/$t@$s.txt")
    # median A/B of 5 pairs: 0.912 (min 0.890, max 0.950)
    read -r n m lo hi < <(echo "$last" | sed -E 's/.* of ([0-9]+) pairs: ([0-9.]+) \(min ([0-9.]+), max ([0-9.]+)\)/\1 \2 \3 \4/')
    echo "| $t | $s | $m | $n ($lo–$hi) |" >>"$table"
done
rm -rf "$WORK/run-a" "$WORK/run-b"
echo
cat "$table"
