# End-to-end: gov report summary — every format against golden files, periods
# and places, gates true and false, malformed gates, and that a summary
# changes nothing. The community is tests/data/summary/community.sql.
DATA=$(cd "$(dirname "$0")/../data/summary" && pwd)  # before lib.sh moves to a scratch folder
. "$(dirname "$0")/lib.sh"

dump() { sqlite3 gov.db .dump | md5sum; }

case_ "help"
gov report --help; expect_code 0; expect_out "summary"
gov report summary --help; expect_code 0; expect_out "Example"; expect_out "--fail-on"
expect_out "median_days_to_resolve"

case_ "a small community"
gov init c1 --name 测试社区; expect_code 0
cd c1
sqlite3 gov.db < "$DATA/community.sql"; expect_true '[ $? = 0 ]'
before=$(dump)

case_ "every format matches its golden file"; pinned
for f in text markdown json csv html; do
    ext=$f; [ $f = text ] && ext=txt; [ $f = markdown ] && ext=md
    gov report summary --format $f; expect_code 0; expect_out_file "$DATA/summary.$ext"
done
gov report summary; expect_code 0; expect_out_file "$DATA/summary.txt"

case_ "hand-computed figures in the JSON"; pinned
gov report summary --format json
expect_out '"open": 4,'; expect_out '"overdue": 3,'; expect_out '"opened": 6,'
expect_out '"resolved": 5,'; expect_out '"median_days_to_resolve": 3,'
expect_out '"p90_days_to_resolve": 25,'; expect_out '"open_over_90_days": 1,'
expect_out '"days_overdue": 115'

case_ "projects and meetings"; pinned
gov report summary --format json
expect_out '"projects_overdue": 2,'; expect_out '"projects_funding_gap": 1'
expect_out '"gap_fen": 2400000,'; expect_out '"with_overdue_milestones": 1,'
expect_out '"present": 3'; expect_out '"date": "2026-12-05"'; expect_no_out '屋顶花园'
gov report summary --format csv; expect_out $'projects,1,gap,24000.00\r'
expect_out $'project_totals,with_funding_gap,value,1\r'
gov report summary --fail-on 'projects_overdue > 1' --fail-on 'projects_funding_gap >= 1'
expect_code 1; expect_err "2 of 2 gates tripped"
expect_err "projects_overdue > 1: value 2, 1 past the threshold 1"
gov report summary --fail-on 'projects_overdue > 2' --fail-on 'projects_funding_gap != 1'
expect_code 0

case_ "a period and a place"
gov report summary --since 2026-10-01 --until 2026-10-31 --format json; expect_code 0
expect_out '"opened": 3,'; expect_out '"resolved": 1,'; expect_out '"median_days_to_resolve": 44,'
expect_out '"code": "P2026-002"'; expect_out '"month": "2026-10"'
gov report summary --building 12 --format json; expect_code 0
expect_out '"scope": "幸福里/12"'; expect_out '"issues": 3,'; expect_out '"households": 1,'
gov report summary --compound 阳光苑 --format csv; expect_code 0
expect_out $'overview,issues,value,3\r'
gov report summary --top 1 --format text; expect_code 0
expect_out "Most overdue issues (1 of 3)"; expect_no_out "广场舞音响过大"

case_ "bad options: exit 2 or 5, nothing changed"
gov report summary --since 2026-11-31; expect_code 2; expect_err '--since: "2026-11-31" is not a date'
gov report summary --since 2026-11-20 --until 2026-11-10; expect_code 2
expect_err "--since 2026-11-20 is after --until 2026-11-10"
gov report summary --format pdf; expect_code 2; expect_err "it writes: text, json, csv, markdown, html"
gov report summary --top -1; expect_code 2
gov report summary --building 99; expect_code 5
gov report summary --compound 无此小区; expect_code 5

case_ "gates that hold exit 1, naming the gate and by how much"; pinned
gov report summary --format markdown --fail-on 'overdue[安全隐患] > 0' --fail-on 'open > 10'
expect_code 1
expect_out "| overdue[安全隐患] > 0 |"; expect_out "FAIL"
expect_err "gov: error: 1 of 2 gates tripped"
expect_err "overdue[安全隐患] > 0: value 2, 2 past the threshold 0"
gov report summary --fail-on 'median_days_to_resolve > 2' --fail-on 'p90_days_to_resolve >= 25' \
    --fail-on 'open[severity=难事] == 1' --fail-on 'resolved[category=设施维修] != 0'
expect_code 1; expect_err "4 of 4 gates tripped"
expect_err "median_days_to_resolve > 2: value 3, 1 past the threshold 2"
expect_err "p90_days_to_resolve >= 25: value 25, 0 past the threshold 25"
expect_err "open[severity=难事] == 1: value 1"
gov report summary --fail-on 'opened < 7'; expect_code 1
expect_err "opened < 7: value 6, 1 past the threshold 7"
gov report summary --fail-on 'decisions[outcome=passed] <= 1'; expect_code 1

case_ "gates that do not hold exit 0"
gov report summary --format json --fail-on 'overdue[环境卫生] > 0' --fail-on 'open <= 3' \
    --fail-on 'median_days_to_resolve > 14' --fail-on 'proposals_open != 1' \
    --fail-on 'opened >= 7' --fail-on 'resolved == 4' --fail-on 'open_over_90_days > 1'
expect_code 0
expect_out '"gate": "overdue[环境卫生] > 0"'; expect_out '"tripped": false'
expect_no_out '"tripped": true'
gov report summary --since 2026-01-01 --until 2026-01-31 --fail-on 'median_days_to_resolve > 0'
expect_code 0

case_ "malformed gates: exit 2 listing the metrics, before any work"
gov report summary --fail-on 'late > 0'; expect_code 2
expect_err '"late" is not a metric'; expect_err "metrics:"
expect_err "open[category, severity, priority, status]"; expect_err "proposals_open"
expect_true '[ ! -s "$WORK/.out" ]'
gov report summary --fail-on 'overdue[水电] > 0'; expect_code 2; expect_err "安全隐患, 环境卫生"
gov report summary --fail-on 'overdue > many'; expect_code 2; expect_err "is not a whole number"
gov report summary --fail-on 'overdue'; expect_code 2

case_ "an HTML file"; pinned
gov report summary --format html -o summary.html; expect_code 0
expect_true '[ ! -s "$WORK/.out" ]'
expect_true 'cmp -s summary.html "$DATA/summary.html"'

case_ "a summary changes nothing"
expect_true '[ "$(dump)" = "$before" ]'

finish
