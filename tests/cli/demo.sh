# End-to-end: the README's demo runs to the end on a fresh folder.
EXAMPLES=$(cd "$(dirname "$0")/../../examples" && pwd)
DEMO=$EXAMPLES/demo.sh
. "$(dirname "$0")/lib.sh"

case_ "demo"
bash "$DEMO" "$GOV" "$WORK/demo" >"$WORK/.out" 2>"$WORK/.err"; code=$?
expect_code 0
expect_out "audit log intact"
expect_out "14 rows: 14 new"
expect_out "nothing to change"
expect_out "issue #2: status: in_progress → resolved"
expect_out "opened proposal P2026-001: 7 voter(s)"
expect_out "[met] pass: yes weight 510.35 of cast 620.35 = 10207/12407 (82.27%); required ≥ 3/4 (75.00%)"
expect_out "Final result of proposal P2026-001"
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

finish
