# End-to-end: the README's demo runs to the end on a fresh folder.
EXAMPLES=$(cd "$(dirname "$0")/../../examples" && pwd)
DEMO=$EXAMPLES/demo.sh
. "$(dirname "$0")/lib.sh"

# demo_on WHEN FOLDER: the demo with GOV_NOW=WHEN ("" for the real clock).
demo_on() {
    if [ -n "$1" ]; then
        GOV_NOW=$1 bash "$DEMO" "$GOV" "$2" >"$WORK/.out" 2>"$WORK/.err"
    else
        env -u GOV_NOW bash "$DEMO" "$GOV" "$2" >"$WORK/.out" 2>"$WORK/.err"
    fi
    code=$?
}

# The demo counts its dates from today, so it must pass on any day: on the
# real clock, and on days that have tripped date code before — the day after
# a scheduled meeting (the first Saturday of 2026-12 was the 5th; the demo
# once scheduled from a fixed month and failed from the 6th on), the end of
# February in a common and in a leap year, the last minute of a year in local
# time (15:59 UTC), and a Sunday.
for when in "" 2026-12-06T10:00:00+08:00 2027-02-28T09:00 2028-02-29T12:00 \
    2027-12-31T23:59:00+08:00 2027-01-03T15:00; do
    case_ "demo on ${when:-the real clock}"
    dir=$WORK/demo-${when:-now}
    demo_on "$when" "$dir"
    expect_code 0
    if [ -n "$when" ]; then
        today=$(TZ=UTC-8 date -d "$when" +%Y-%m-%d)
        expect_out "Today is $today (GOV_NOW=$when)"
    else
        expect_out "Today is $(TZ=UTC-8 date +%Y-%m-%d) (the clock"
    fi
    year=$(sed -n 's/^Today is \([0-9]*\)-.*/\1/p' "$WORK/.out")
    expect_out "Final result of proposal P$year-001"
    # Meeting 1 is the first of next month's, and the agenda of "next" is its.
    expect_out "quorum met: 3 of 3 building leaders present"
    expect_out "action item is issue #4"
    expect_out "identical"
    # What people read is in local time: no UTC instant outside JSON.
    expect_true '! grep -v "^ *\"" "$WORK/.out" | grep -qE "[0-9]T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"'
done

case_ "demo"; pinned
bash "$DEMO" "$GOV" "$WORK/demo" >"$WORK/.out" 2>"$WORK/.err"; code=$?
expect_code 0
expect_out "audit log intact"
expect_out "14 rows: 14 new"
expect_out "nothing to change"
expect_out "issue #2: status: in_progress → resolved"
expect_out "opened proposal P2026-001: 7 voter(s)"
expect_out "[met] pass: yes weight 510.35 of cast 620.35 = 10207/12407 (82.27%); required ≥ 3/4 (75.00%)"
expect_out "Final result of proposal P2026-001"  # GOV_NOW is FIXED_NOW here
expect_out "quorum met: 3 of 3 building leaders present"
expect_out "action item is issue #4"
expect_out "Issue #4 修复1号楼电梯"
expect_out "▓▓▓▓▓▓░░░░ 66%"
expect_out "(a gate tripped: exit 1)"
expect_out "identical"
expect_true 'grep -q "<html" "$WORK/demo/agenda.html" && grep -q "<svg" "$WORK/demo/summary.html"'
expect_out "The community lives in"
expect_no_out $'\x1b['
expect_true '[ -f "$WORK/demo/backup.db" ]'

case_ "examples/monthly-agenda.sh: import the roster in the inbox, write the next agenda"
gov init office --name 滨湖明珠社区; expect_code 0
mkdir office/inbox && cp "$EXAMPLES/data/roster-2026-autumn.csv" office/inbox/
GOV=$GOV bash "$EXAMPLES/monthly-agenda.sh" office >"$WORK/.out" 2>"$WORK/.err"; code=$?
expect_code 0
expect_out "roster: "; expect_out "agenda of meeting #1"
expect_true '[ -f office/inbox/imported/roster-2026-autumn.csv ] && [ ! -f office/inbox/roster-2026-autumn.csv ]'
expect_true 'grep -q "楼长见面会" office/agendas/agenda-1.md && grep -q "BEGIN:VCALENDAR" office/agendas/agenda-1.ics'
# A month later nothing new has arrived: the same meeting, the same agenda.
GOV=$GOV bash "$EXAMPLES/monthly-agenda.sh" office >"$WORK/.out" 2>"$WORK/.err"; code=$?
expect_code 0; expect_out "agenda of meeting #1"; expect_no_out "roster: "

case_ "examples/monthly-agenda.sh: today is local time, and tonight's meeting is the next one"
# 23:59 on 31 December in Shanghai is 15:59 UTC: the next first Saturday is
# 1 January 2028, not one of December's.
gov init newyear --name 滨湖明珠社区; expect_code 0
GOV_NOW=2027-12-31T23:59 GOV=$GOV bash "$EXAMPLES/monthly-agenda.sh" newyear >"$WORK/.out" 2>"$WORK/.err"; code=$?
expect_code 0; expect_true 'grep -q "2028-01-01 19:00" newyear/agendas/agenda-1.md'
expect_true 'grep -q "^DTSTART:20280101T110000Z" newyear/agendas/agenda-1.ics'
# At 20:00 on the day of a 19:00 meeting, "next" is still that meeting.
gov init tonight --name 滨湖明珠社区; expect_code 0
(cd tonight && GOV_NOW=2026-12-01T09:00 "$GOV" meeting new --type leaders --date 2026-12-05 >/dev/null)
GOV_NOW=2026-12-05T20:00 GOV=$GOV bash "$EXAMPLES/monthly-agenda.sh" tonight >"$WORK/.out" 2>"$WORK/.err"; code=$?
expect_code 0; expect_out "agenda of meeting #1"
(cd tonight && GOV_NOW=2026-12-06T09:00 "$GOV" meeting show next) >"$WORK/.out" 2>"$WORK/.err"; code=$?
expect_code 5; expect_err "no planned meeting from today on"

finish
