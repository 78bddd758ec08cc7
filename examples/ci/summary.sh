#!/usr/bin/env bash
# Rebuild a community's database from its records kept in git (written by
# `gov export records`), print the Markdown status summary, and fail when a
# gate trips. Plain shell, for any CI system or a cron job:
#
#   examples/ci/summary.sh [COMMUNITY_DIR] [RECORDS_DIR]
#
# COMMUNITY_DIR holds gov.toml (default: .); RECORDS_DIR the exported
# records (default: COMMUNITY_DIR/records). GOV names the gov binary (default:
# gov on PATH). GATES holds the gates, one per line (defaults below). When
# GITHUB_STEP_SUMMARY is set, the summary is appended to it as well.
# Exit status: gov's — 0 all well, 1 a gate tripped, anything else an error.
set -euo pipefail

community=${1:-.}
records=${2:-$community/records}
records=$(cd "$records" && pwd)
gov=${GOV:-gov}
gates=${GATES:-"overdue[安全隐患] > 0
open_over_90_days > 0
median_days_to_resolve > 14"}

cd "$community"
# The database is derived from the records: rebuild it from scratch.
db=$(sed -n 's/^path *= *"\(.*\)"/\1/p' gov.toml | head -1)
rm -f "${db:-gov.db}" "${db:-gov.db}-wal" "${db:-gov.db}-shm"
"$gov" import "$records" >&2

args=()
while IFS= read -r gate; do
    [ -n "$gate" ] && args+=(--fail-on "$gate")
done <<<"$gates"

status=0
"$gov" report summary --format markdown "${args[@]}" >summary.md || status=$?
cat summary.md
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat summary.md >>"$GITHUB_STEP_SUMMARY"; fi
"$gov" report summary --format html -o summary.html >/dev/null 2>&1 || true
exit "$status"
