#!/usr/bin/env bash
# A tour of gov on a fresh community, in a new temporary folder:
#   bash examples/demo.sh [PATH/TO/gov] [FOLDER]
# It grows with every capability gov gains.
set -euo pipefail
GOV=$(realpath "${1:-build/cli/gov}")
EXAMPLES=$(cd "$(dirname "$0")" && pwd)
DIR=${2:-$(mktemp -d "${TMPDIR:-/tmp}/gov-demo.XXXXXX")}
export GOV_ACTOR=${GOV_ACTOR:-社区工作人员}

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold="" plain=""; fi
step() { printf '\n%s== %s%s\n' "$bold" "$*" "$plain"; }
run() { printf '$ gov %s\n' "$*"; "$GOV" "$@"; }

step "1. Create a community: gov.toml and its SQLite database in $DIR"
run init "$DIR" --name 滨湖明珠社区
cd "$DIR"

step "2. Check the configuration (every key validated) and show its effective values"
run config check
run config show

step "3. Every change is in the hash-chained audit log"
run audit log --format markdown
run audit verify

step "4. The termly roster arrives: check it first (--dry-run writes nothing), then import it"
run roster import "$EXAMPLES/data/roster-2026-autumn.csv" --dry-run --examples 3
run roster import "$EXAMPLES/data/roster-2026-autumn.csv"
run roster import "$EXAMPLES/data/roster-2026-autumn.csv"
run audit log --limit 1 --format json

step "5. Look after the file: integrity check, and an online backup"
run db check
run db backup backup.db

printf '\nThe community lives in %s; cd there and try `gov --help`.\n' "$DIR"
