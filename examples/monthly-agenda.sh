#!/usr/bin/env bash
# The script a community office runs each month before the building leaders'
# meeting: import the new roster when one has arrived, then write the next
# meeting's agenda as Markdown and HTML (and a calendar file for phones).
#
#   bash examples/monthly-agenda.sh [COMMUNITY_DIR] [INBOX_DIR] [OUT_DIR]
#
# COMMUNITY_DIR holds gov.toml (default: the current folder); INBOX_DIR is
# where a new roster CSV is dropped (default: COMMUNITY_DIR/inbox); the agenda
# goes to OUT_DIR (default: COMMUNITY_DIR/agendas). GOV names the gov binary
# (default: gov on PATH). Set GOV_NOW to reproduce a month's output exactly.
set -euo pipefail
GOV=${GOV:-gov}
COMMUNITY=$(cd "${1:-.}" && pwd)
INBOX=${2:-$COMMUNITY/inbox}
OUT=${3:-$COMMUNITY/agendas}
TYPE=${MEETING_TYPE:-leaders}
cd "$COMMUNITY"
mkdir -p "$OUT"

# 1. A roster that arrived since last month: check it, import it, file it.
#    A file that does not pass the check stops the script (exit 4) untouched.
shopt -s nullglob
for roster in "$INBOX"/*.csv; do
    echo "roster: $roster"
    "$GOV" roster import "$roster" --dry-run >/dev/null
    "$GOV" roster import "$roster"
    mkdir -p "$INBOX/imported"
    mv "$roster" "$INBOX/imported/"
done

# 2. The next meeting of the type; plan one on the first Saturday (this
#    month's, or next month's when that has passed) if none is planned.
#    `gov meeting schedule --rule "first saturday 19:00"` plans a year at once.
next_id() {
    "$GOV" meeting show next --type "$TYPE" --format json 2>/dev/null |
        sed -n 's/^ *"id": \([0-9]*\),*$/\1/p'
}
first_saturday() { # YYYY-MM
    for d in 1 2 3 4 5 6 7; do
        day="$1-0$d"
        [ "$(date -u -d "$day" +%u)" = 6 ] && { echo "$day"; return; }
    done
}
# Today in the community's local time ([community] utc_offset, as a POSIX
# TZ: +08:00 is UTC-08:00), from GOV_NOW when set, as gov reads it.
local_tz() {
    local offset
    offset=$("$GOV" config show | sed -n "s/^utc_offset = '\(.*\)'$/\1/p")
    case "$offset" in
        +*) echo "UTC-${offset#+}" ;;
        -*) echo "UTC+${offset#-}" ;;
        *) echo UTC ;;
    esac
}
id=$(next_id || true)
if [ -z "$id" ]; then
    today=$(TZ=$(local_tz) date -d "${GOV_NOW:-now}" +%Y-%m-%d)
    day=$(first_saturday "${today:0:7}")
    [[ "$day" < "$today" ]] && day=$(first_saturday "$(date -u -d "${today:0:7}-01 +1 month" +%Y-%m)")
    "$GOV" meeting new --type "$TYPE" --date "$day" >/dev/null
    id=$(next_id)
fi

# 3. The agenda, from the records: Markdown for the group chat, HTML to print,
#    ICS for calendars.
"$GOV" meeting agenda "$id" --format markdown >"$OUT/agenda-$id.md"
"$GOV" meeting agenda "$id" --format html >"$OUT/agenda-$id.html"
"$GOV" meeting agenda "$id" --format ics >"$OUT/agenda-$id.ics"
echo "agenda of meeting #$id: $OUT/agenda-$id.md, $OUT/agenda-$id.html, $OUT/agenda-$id.ics"
