# End-to-end: gov project — new, list (flags, markdown progress bars), show,
# update (manual progress), status (workflow, --resolve-origin), milestones,
# deliveries, funding (exact money), notes, links and updates since a date.
DATA=$(cd "$(dirname "$0")/../data/projects" && pwd)  # before lib.sh moves to a scratch folder
. "$(dirname "$0")/lib.sh"

events() { sqlite3 gov.db "SELECT count(*) FROM audit_event"; }
dump() { sqlite3 gov.db .dump | md5sum; }
# unchanged CMD...: runs gov and checks that the database is byte for byte as before
unchanged() {
    local before; before=$(dump)
    gov "$@"
    [ "$(dump)" = "$before" ] && ok || bad "the database changed"
}
json_field() { python3 -c "import json,sys; d=json.load(open('$WORK/.out')); print(json.dumps(eval(sys.argv[1]), ensure_ascii=False))" "$1"; }

case_ "help"
gov project --help; expect_code 0; expect_out "deliver"; expect_out "milestone"
for sub in new list show update status deliver fund note link updates; do
    gov project $sub --help; expect_code 0; expect_out "Example"
done
for sub in add done; do gov project milestone $sub --help; expect_code 0; expect_out "Example"; done

case_ "a community with a roster, parties and an issue"
gov init c1 --name 滨湖明珠社区; expect_code 0
cd c1
gov roster import "$DATA/roster.csv"; expect_code 0
gov party add 社区居委会 --kind community; expect_code 0
gov party add 物业公司 --kind property_management; expect_code 0
gov party add 共建单位A --kind co_building_unit; expect_code 0
gov issue add "健身器材老化" --category 设施维修 --building 1; expect_code 0
gov issue add "缺少休息长椅" --category 设施维修 --building 1; expect_code 0

case_ "new prints the number; the project starts planned"
gov project new "更新小区健身器材" --lead 社区居委会 --partner 物业公司 --budget 36000 \
    --start 2026-10-01 --due 2026-12-31 --target 健身器材=6 --issue 1 --issue 2
expect_code 0; expect_true '[ "$(out)" = 1 ]'
gov project new "楼道灯改造" --lead 李四 --budget 0.30 --due 2026-11-20 --active --format json
expect_code 0; expect_true '[ "$(out)" = "{\"id\":2}" ]'
gov project show 1 --format json; expect_code 0
expect_out '"status": "planned"'; expect_out '"lead": "社区居委会"'; expect_out '"budget": "36000.00"'
expect_out '"funded": "0.00"'; expect_out '"gap": "36000.00"'; expect_out '"funding_gap": true'
expect_out '"progress": 0'; expect_out '"progress_source": "deliverables"'
expect_true '[ "$(json_field "[l[\"id\"] for l in d[\"links\"] if l[\"origin\"]]")" = "[1, 2]" ]'
gov project show 2 --format json
expect_out '"lead_kind": "resident"'; expect_out '"lead_phone": "138****0002"'
expect_true '[ "$(sqlite3 gov.db "SELECT count(*) FROM audit_event WHERE action = '"'project.add'"'")" = 2 ]'

case_ "bad values: exit 2 for options, 4 for data, 5 for references; nothing changed"; pinned
unchanged project new x --budget 1e5; expect_code 4; expect_err '"1e5" is not a valid amount'
expect_err "like 12000.00"
unchanged project new x --budget 12,000.00; expect_code 4
unchanged project new x --budget -5; expect_code 4; expect_err "negative"
unchanged project new x --budget 0.123; expect_code 4; expect_err "2 decimal"
unchanged project new x --due 2026-13-01; expect_code 2; expect_err "--due"
unchanged project new x --target 健身器材; expect_code 2; expect_err "ITEM=N"
unchanged project new x --start 2026-12-01 --due 2026-11-01; expect_code 4
expect_err "due: 2026-11-01 is before the start (2026-12-01)"
unchanged project new x --lead 街道办; expect_code 5
expect_err 'lead: "街道办" is neither a party nor a resident'
unchanged project new x --issue 99; expect_code 5; expect_err "no issue #99"
unchanged project new x --meeting 7; expect_code 5; expect_err "no meeting #7"
unchanged project new "" ; expect_code 4; expect_err "title"
unchanged project show 9; expect_code 5; expect_err "no project #9"
unchanged project show abc; expect_code 2
unchanged project fund 1 --from 共建单位B --amount 100; expect_code 5; expect_err 'from: no party "共建单位B"'
unchanged project fund 1 --from 共建单位A --amount 0; expect_code 4; expect_err "amount"
unchanged project fund 1 --from 共建单位A --amount 1 --date 2026-11-28; expect_code 4
expect_err "date: 2026-11-28 is after today (2026-11-27)"
unchanged project list --status finished; expect_code 4
expect_err 'status: "finished" is not one of: planned, active, blocked, done, cancelled'
unchanged project list --format html; expect_code 2
unchanged project link 1; expect_code 2; expect_err "exactly one of"
unchanged project link 1 --issue 1 --origin; expect_code 2; expect_err "--origin goes with --meeting"

case_ "funding adds up exactly: 0.10 + 0.20 = 0.30"; pinned
gov project fund 2 --from 共建单位A --amount 0.10; expect_code 0
expect_out "project #2: 0.10 received, 0.10 funded in all"
gov project show 2 --format json; expect_out '"funding_gap": true'; expect_out '"gap": "0.20"'
gov project fund 2 --from 物业公司 --amount 0.20 --date 2026-11-01 --note 首期 --format json
expect_code 0; expect_true '[ "$(out)" = "{\"id\":2,\"amount\":\"0.20\",\"funded\":\"0.30\"}" ]'
gov project show 2 --format json
expect_out '"funded": "0.30"'; expect_out '"gap": "0.00"'; expect_out '"funding_gap": false'
gov project fund 1 --from 共建单位A --amount 12000.00; expect_code 0
expect_out "12000.00 received, 12000.00 funded in all"
gov project list --funding-gap --format json; expect_code 0
expect_true '[ "$(json_field "[(p[\"id\"], p[\"gap\"]) for p in d]")" = "[[1, \"24000.00\"]]" ]'

case_ "milestones: overdue against GOV_NOW; done once"; pinned
gov project milestone add 2 "方案确定" --due 2026-11-10; expect_code 0; expect_true '[ "$(out)" = 1 ]'
gov project milestone add 2 "采购灯具" --due 2026-11-27; expect_code 0; expect_true '[ "$(out)" = 2 ]'
gov project milestone add 2 "安装" --due 2026-11-26; expect_code 0; expect_true '[ "$(out)" = 3 ]'
gov project milestone done 2 1 --date 2026-11-09; expect_code 0; expect_out "milestone 1 done"
gov project show 2 --format json
expect_true '[ "$(json_field "[m[\"number\"] for m in d[\"overdue_milestones\"]]")" = "[3]" ]'
expect_out '"overdue": true'
GOV_NOW=2026-11-27T16:00:00Z gov project show 2 --format json  # 00:00 on 11-28 locally
expect_true '[ "$(json_field "[m[\"number\"] for m in d[\"overdue_milestones\"]]")" = "[2, 3]" ]'
unchanged project milestone done 2 方案确定; expect_code 6
expect_err "milestone 1 of project #2 (方案确定) was already done on 2026-11-09"
unchanged project milestone done 2 9; expect_code 5; expect_err "1 方案确定, 2 采购灯具, 3 安装"
gov project list --overdue --format json
expect_true '[ "$(json_field "[(p[\"id\"], p[\"overdue\"], p[\"overdue_milestones\"]) for p in d]")" = "[[2, true, 1]]" ]'

case_ "deliveries and progress from deliverables (the default rule)"
gov project deliver 1 --item 健身器材 --count 4; expect_code 0; expect_out "健身器材: 4 delivered"
unchanged project deliver 1 --item 长椅 --count 1; expect_code 4
expect_err 'item: "长椅" is not one of: 健身器材 (a new deliverable needs --target N)'
unchanged project deliver 1 --item 健身器材 --count 0; expect_code 4
gov project show 1 --format json; expect_out '"progress": 66'; expect_out '"progress_source": "deliverables"'
gov project deliver 1 --item 长椅 --count 1 --target 4; expect_code 0
gov project show 1 --format json; expect_out '"progress": 50'  # 4 + 1 of 10

case_ "progress set by hand needs a reason, shows as manual, and goes back to the rule"
unchanged project update 1 --progress 40; expect_code 4; expect_err "needs a reason"
unchanged project update 1 --progress 140 --reason x; expect_code 4; expect_err "0 to 100"
unchanged project update 1 --progress lots --reason x; expect_code 2
gov project update 1 --progress 40 --reason "施工队估计"; expect_code 0
expect_out "project #1: progress: derived → 40% (manual: 施工队估计)"
gov project show 1 --format json
expect_out '"progress": 40'; expect_out '"progress_source": "manual"'; expect_out '"derived_progress": 50'
gov project show 1; expect_code 0
expect_out "▓▓▓▓░░░░░░ 40% — set by hand: 施工队估计 (deliverables would give 50%)"
gov project update 1 --progress 40 --reason "施工队估计"; expect_out "project #1: nothing changed"
gov project update 1 --progress auto; expect_code 0
gov project show 1 --format json; expect_out '"progress": 50'; expect_out '"progress_source": "deliverables"'

case_ "the status workflow: refused moves exit 6 naming the allowed ones"; pinned
unchanged project status 1 done; expect_code 6
expect_err "project #1 is planned; it cannot become done (it may become: active, blocked, cancelled)"
unchanged project status 1 blocked; expect_code 4; expect_err "reason"
unchanged project status 1 finished; expect_code 4; expect_err "planned, active, blocked, done, cancelled"
unchanged project status 1 active --resolve-origin; expect_code 2
gov project status 1 active; expect_code 0; expect_out "project #1: status: planned → active"
gov project status 1 blocked --reason "等待资金到位"; expect_code 0
gov project status 1 active; expect_code 0
gov issue resolve 2 --resolution "已另行处理"; expect_code 0
n=$(events)
gov project status 1 done --resolve-origin; expect_code 0
expect_out "project #1: status: active → done"; expect_out "issue #1: resolved"
expect_out "issue #2: already done, left as it is"
expect_true '[ "$(events)" = $((n + 2)) ]'
gov issue show 1 --format json; expect_out '"status": "resolved"'
expect_out '"resolution": "completed by project #1 更新小区健身器材"'
gov issue show 2 --format json; expect_out '"resolution": "已另行处理"'
unchanged project status 1 active; expect_code 6; expect_err "project #1 is done, which is final"
gov project show 1 --format json; expect_out '"completed_on": "2026-11-27"'; expect_out '"funding_gap": true'

case_ "notes, links and updates since a date"; pinned
gov project note 2 "已联系供电所" --date 2026-11-05; expect_code 0; expect_out "update"
unchanged project note 2 "未来的事" --date 2026-12-01; expect_code 4
gov project link 2 --issue 1; expect_code 0; expect_out "project #2: linked to issue #1"
n=$(events)
gov project link 2 --issue 1; expect_code 0; expect_out "already linked"
expect_true '[ "$(events)" = $n ]'
unchanged project link 2 --proposal 5; expect_code 5; expect_err "no proposal #5"
gov project updates --since 2026-11-01 --project 2 --format json; expect_code 0
expect_true '[ "$(json_field "[u[\"date\"] for u in d][:2]")" = "[\"2026-11-01\", \"2026-11-05\"]" ]'
gov project updates --since 2026-11-06 --project 2 --format json
expect_no_out '"2026-11-05"'

case_ "list: table, markdown progress bars, json and csv"; pinned
gov project new "小区绿化补种" --budget 5000 --target 树苗=20; expect_code 0
gov project list; expect_code 0
expect_out "No."; expect_out "更新小区健身器材"; expect_out "funding gap 24000.00"
gov project list --format markdown; expect_code 0
expect_out_file "$DATA/list.md"
gov project list --format csv; expect_code 0
expect_out "id,status,title,lead,progress,progress_source,budget,funded,gap,funding_gap"
gov project list --status done --format json
expect_true '[ "$(json_field "[p[\"id\"] for p in d]")" = "[1]" ]'
gov project list --open --format json
expect_true '[ "$(json_field "[p[\"id\"] for p in d]")" = "[2, 3]" ]'
gov project list --issue 1 --format json
expect_true '[ "$(json_field "[p[\"id\"] for p in d]")" = "[1, 2]" ]'

case_ "reveal-pii is audited"
n=$(events)
gov project show 2 --reveal-pii --format json; expect_code 0; expect_out '"lead_phone": "13800000002"'
expect_true '[ "$(events)" = $((n + 1)) ]'
expect_true '[ "$(sqlite3 gov.db "SELECT action FROM audit_event ORDER BY seq DESC LIMIT 1")" = pii.reveal ]'

case_ "progress from milestones when gov.toml says so"
sed -i 's/^progress = "deliverables"/progress = "milestones"/' gov.toml
gov config check; expect_code 0
gov project show 2 --format json; expect_out '"progress": 33'; expect_out '"progress_source": "milestones"'
sed -i 's/^progress = "milestones"/progress = "weekly"/' gov.toml
gov project list; expect_code 3; expect_err '"weekly" is not one of: milestones, deliverables'
sed -i 's/^progress = "weekly"/progress = "deliverables"/' gov.toml

case_ "the audit chain is intact"
gov audit verify; expect_code 0

finish
