# End-to-end: the README's demo runs to the end on a fresh folder.
DEMO=$(cd "$(dirname "$0")/../../examples" && pwd)/demo.sh
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

finish
