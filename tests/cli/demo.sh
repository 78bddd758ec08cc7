# End-to-end: the README's demo runs to the end on a fresh folder.
DEMO=$(cd "$(dirname "$0")/../../examples" && pwd)/demo.sh
. "$(dirname "$0")/lib.sh"

case_ "demo"
bash "$DEMO" "$GOV" "$WORK/demo" >"$WORK/.out" 2>"$WORK/.err"; code=$?
expect_code 0
expect_out "audit log intact"
expect_out "14 rows: 14 new"
expect_out "nothing to change"
expect_out "The community lives in"
expect_no_out $'\x1b['
expect_true '[ -f "$WORK/demo/backup.db" ]'

finish
