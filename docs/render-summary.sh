#!/usr/bin/env bash
# Renders the HTML status summary of a community to a PNG with headless
# Chromium, to look at it (CJK text, charts, print layout) and to keep the
# screenshot in docs/summary.png. Needs Debian's chromium and fonts-noto-cjk
# (not build dependencies: `apt-get install chromium fonts-noto-cjk`).
#
#   docs/render-summary.sh [OUT.png]
#
# Without a community at hand it builds the small test community of
# tests/data/summary/community.sql with GOV_NOW fixed, so the picture is
# reproducible. GOV names the gov binary (default: build/cli/gov).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:-$here/docs/summary.png}")
gov=$(realpath "${GOV:-$here/build/cli/gov}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export GOV_NOW=${GOV_NOW:-2026-11-27T09:00:00Z} GOV_ACTOR=${GOV_ACTOR:-docs}
cd "$work"
"$gov" init c --name 滨湖明珠社区 >/dev/null
cd c
sqlite3 gov.db <"$here/tests/data/summary/community.sql"
"$gov" report summary --format html -o "$work/summary.html" || true
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --screenshot="$out" --window-size=1100,1600 "file://$work/summary.html" 2>/dev/null
echo "wrote $out"
