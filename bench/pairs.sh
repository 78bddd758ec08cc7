#!/usr/bin/env bash
# Times two commands alternately, A then B, RUNS times (after one untimed
# warm-up of each), and prints every pair and the median of the A / B
# ratios of the pairs.
#
#   pairs.sh RUNS  PREPARE_A COMMAND_A  PREPARE_B COMMAND_B
#
# Why, beside run.sh's hyperfine groups: on a shared virtual machine the
# speed of the CPU drifts for minutes at a time (the same import measured
# 4.0 s and 5.8 s a minute apart, with no other load inside the machine).
# hyperfine times all runs of one command, then all of the next, so a drift
# can land on one side only; a pair run back to back shares it, and the
# median of the pairs' ratios is what is left of gov's own cost.
#
# PREPARE runs before each timed run, untimed (like hyperfine's --prepare),
# and should end with `sync` when it writes files. A command runs from this
# shell (eval: no extra shell is started and timed with it, which would
# flatter the slower side of a ratio of short commands); its output is
# discarded. Times are wall-clock seconds.
set -euo pipefail

[[ $# -eq 5 && $1 =~ ^[1-9][0-9]*$ ]] || {
    sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
RUNS=$1 PREP_A=$2 CMD_A=$3 PREP_B=$4 CMD_B=$5

timed() { # PREPARE COMMAND: prints the command's wall time in seconds
    bash -c "$1" >/dev/null 2>&1
    local start=$EPOCHREALTIME
    eval "$2" >/dev/null 2>&1 || { echo "pairs.sh: failed: $2" >&2; exit 1; }
    local end=$EPOCHREALTIME
    echo "$start $end" | awk '{ printf "%.4f", $2 - $1 }'
}

timed "$PREP_A" "$CMD_A" >/dev/null # warm-ups
timed "$PREP_B" "$CMD_B" >/dev/null
ratios=()
echo "pair  A s  B s  A/B"
for ((i = 1; i <= RUNS; i++)); do
    a=$(timed "$PREP_A" "$CMD_A")
    b=$(timed "$PREP_B" "$CMD_B")
    r=$(echo "$a $b" | awk '{ printf "%.3f", $1 / $2 }')
    ratios+=("$r")
    echo "$i  $a  $b  $r"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 }
    END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf "median A/B of %d pairs: %.3f (min %.3f, max %.3f)\n", NR, m, v[1], v[NR] }'
