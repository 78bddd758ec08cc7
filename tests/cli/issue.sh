# End-to-end: gov issue — add, list filters, show, update, assign, comment,
# the workflow, import (CSV, JSON Lines, errors by line, dry run) and export.
DATA=$(cd "$(dirname "$0")/../data/issues" && pwd)  # before lib.sh moves to a scratch folder
. "$(dirname "$0")/lib.sh"

events() { sqlite3 gov.db "SELECT count(*) FROM audit_event"; }
issues() { sqlite3 gov.db "SELECT count(*) FROM issue"; }
dump() { sqlite3 gov.db .dump | md5sum; }
# unchanged CMD...: runs gov and checks that the database is byte for byte as before
unchanged() {
    local before; before=$(dump)
    gov "$@"
    [ "$(dump)" = "$before" ] && ok || bad "the database changed"
}

case_ "help"
gov issue --help; expect_code 0; expect_out "add"; expect_out "import"
for sub in add list show update assign comment resolve close reopen reject import export; do
    gov issue $sub --help; expect_code 0; expect_out "Example"
done

case_ "a community with a roster and parties"
gov init c1 --name 滨湖明珠社区; expect_code 0
cd c1
gov roster import "$DATA/roster.csv"; expect_code 0
gov party add 物业公司 --kind property_management; expect_code 0
gov party add 业委会 --kind owners_committee; expect_code 0

case_ "add prints the new number; the due date follows the category"; pinned
gov issue add "1号楼外墙瓷砖脱落" --category 安全隐患 --building 1 --raised-by 13800000002 \
    --assign 物业公司 --severity 大事 --priority 紧急 --tag 痛点 --tag 难点
expect_code 0; expect_true '[ "$(out)" = 1 ]'
gov issue add "楼道堆放杂物" --category 环境卫生 --room 12-3-1502 --format json
expect_code 0; expect_true '[ "$(out)" = "{\"id\":2}" ]'
gov issue add "广场舞音响过大" --category 噪音 --room 中心广场 --due 2026-12-31 --assign 李四
expect_code 0; expect_true '[ "$(out)" = 3 ]'
gov issue show 1 --format json; expect_code 0
expect_out '"due": "2026-11-30"'; expect_out '"status": "open"'; expect_out '"building": "幸福里/1"'
expect_out '"raised_by_phone": "138****0002"'; expect_out '"assignee_kind": "party"'
gov issue show 2 --format json
expect_out '"due": "2026-12-04"'; expect_out '"unit": "3"'; expect_out '"room": "1502"'
gov issue show 3 --format json
expect_out '"due": "2026-12-31"'; expect_out '"due_explicit": true'; expect_out '"assignee": "李四"'
expect_true '[ "$(sqlite3 gov.db "SELECT count(*) FROM audit_event WHERE action = '"'issue.add'"'")" = 3 ]'

case_ "unknown names and references: exit 4, listing the choices, nothing changed"
unchanged issue add x --category 水电; expect_code 4
expect_err 'category: "水电" is not one of: 安全隐患, 环境卫生, 设施维修, 噪音, 停车管理, 邻里纠纷, 绿化, 其他'
unchanged issue add x --category 噪音 --severity 中事; expect_code 4; expect_err "小事, 大事, 难事"
unchanged issue add x --category 噪音 --priority 特急; expect_code 4; expect_err "紧急, 高, 中, 低"
unchanged issue add x --category 噪音 --building 99; expect_code 4
expect_err 'building: no building "99"; buildings are: 幸福里/1, 幸福里/12, 阳光苑/7'
unchanged issue add x --category 噪音 --raised-by 13900000000; expect_code 4; expect_err "no active resident"
unchanged issue add x --category 噪音 --raised-by 13800000001; expect_code 4; expect_err "names 2 active residents"
unchanged issue add x --category 噪音 --assign 街道办; expect_code 4
expect_err 'assignee: "街道办" is neither a party nor a resident'
expect_err 'as a party: no party "街道办"; parties are: 业委会, 物业公司'
expect_err "as a resident: no active resident 街道办"
unchanged issue add x --category 噪音 --due tomorrow; expect_code 2; expect_err "--due"
unchanged issue add "" --category 噪音; expect_code 4; expect_err "title"
unchanged issue show 99; expect_code 5; expect_err "no issue #99"
unchanged issue update 99 --priority 高; expect_code 5
unchanged issue show abc; expect_code 2
unchanged issue list --status opened; expect_code 4
expect_err 'status: "opened" is not one of: closed, in_progress, open, rejected, resolved'
unchanged issue list --older-than soon; expect_code 2; expect_err "30d"
unchanged issue list --sort title; expect_code 2; expect_err "id, created, due, priority, status, updated"

case_ "update, assign and comment: one audit event each, history per field"
n=$(events)
gov issue update 2 --priority 高 --tag 堵点 --description "三楼到五楼"; expect_code 0
expect_out "issue #2: description: (none) → 三楼到五楼"; expect_out "issue #2: priority: 中 → 高"
expect_out "issue #2: tags: (none) → 堵点"
gov issue assign 2 业委会; expect_code 0; expect_out "issue #2: assignee: (none) → 业委会"
gov issue comment 2 "已通知业主清理"; expect_code 0; expect_out "issue #2: comment 1 added"
gov issue update 2 --priority 高; expect_code 0; expect_out "issue #2: nothing changed"
expect_true '[ "$(events)" = $((n + 3)) ]'
expect_true '[ "$(sqlite3 gov.db "SELECT group_concat(action) FROM (SELECT action FROM audit_event ORDER BY seq DESC LIMIT 3)")" = "issue.comment,issue.assign,issue.update" ]'
gov issue assign 2 "" --format json; expect_code 0
expect_out '"field": "assignee"'; expect_out '"from": "业委会"'; expect_out '"to": null'

case_ "the workflow: refused moves name the allowed ones; resolving needs a resolution"; pinned
unchanged issue close 1; expect_code 6
expect_err "issue #1 is open: it cannot become closed; from open it may become: in_progress, resolved, rejected"
unchanged issue reopen 1; expect_code 6
unchanged issue resolve 1; expect_code 4; expect_err "without a resolution"
unchanged issue update 1 --status done; expect_code 4; expect_err 'status: "done" is not one of'
GOV_NOW=2026-11-28T01:00:00Z gov issue update 1 --status in_progress; expect_code 0
expect_out "issue #1: status: open → in_progress"
GOV_NOW=2026-11-29T01:00:00Z gov issue resolve 1 --resolution "已加固外墙"; expect_code 0
expect_out "issue #1: resolved_at: (none) → 2026-11-29 09:00"
GOV_NOW=2026-11-30T01:00:00Z gov issue close 1; expect_code 0
expect_out "issue #1: closed_at: (none) → 2026-11-30 09:00"
GOV_NOW=2026-12-01T01:00:00Z gov issue reopen 1; expect_code 0
expect_out "issue #1: resolved_at: 2026-11-29 09:00 → (none)"
expect_out "issue #1: resolution: 已加固外墙 → (none)"
GOV_NOW=2026-12-01T02:00:00Z gov issue reject 1 --resolution "不属于社区职责"; expect_code 0
GOV_NOW=2026-12-01T03:00:00Z gov issue comment 1 "已转交街道城管科"; expect_code 0
gov issue show 1; expect_code 0
expect_out_file "$DATA/show-1.txt"

case_ "a workflow without closed refuses gov issue close (exit 6)"
cp gov.toml gov.toml.orig
sed -i 's/^resolved = \["closed", "open"\]$/resolved = ["open"]/; /^closed = \["open"\]$/d; s/^done = \["resolved", "closed", "rejected"\]$/done = ["resolved", "rejected"]/' gov.toml
gov config check; expect_code 0
gov issue resolve 2 --resolution "已清理"; expect_code 0
unchanged issue close 2; expect_code 6; expect_err '`issue close` moves an issue to "closed", which this workflow does not have'
cp gov.toml.orig gov.toml

case_ "import: CSV with the bench columns, dry run first, all or nothing"; pinned
n=$(issues)
unchanged issue import "$DATA/issues.csv" --dry-run; expect_code 0
expect_out "issues.csv: 4 rows, all valid (csv utf-8); dry run: nothing was written"
gov issue import "$DATA/issues.csv"; expect_code 0
expect_out "issues.csv: 4 rows: imported issues #4 to #7 (csv utf-8)"
expect_true '[ "$(issues)" = $((n + 4)) ]'
expect_true '[ "$(sqlite3 gov.db "SELECT action || record_kind || record_id FROM audit_event ORDER BY seq DESC LIMIT 1")" = "issue.importissue_import4..7" ]'
unchanged issue import "$DATA/issues.csv"; expect_code 6; expect_err "was imported already"
unchanged issue import "$DATA/bad.csv"; expect_code 4
expect_err "bad.csv: 3 of 4 rows are invalid; nothing was imported"
expect_err 'bad.csv:3: 类别: "水电" is not one of: 安全隐患'
expect_err "bad.csv:4: 标题: an issue needs a title"
expect_err 'bad.csv:4: 楼栋: no building "99"'
expect_err "bad.csv:4: 提出人电话: no active resident has the phone 138****0009"
expect_err 'bad.csv:4: 创建日期: "2026-13-01" is not a date like 2026-11-27'
expect_err "bad.csv:5: 解决日期: given for an issue that is open, not done"
unchanged issue import "$DATA/bad.csv" --dry-run --report json; expect_code 4
expect_out '"invalid": 3'; expect_out '"column": "优先级"'
gov issue import "$DATA/issues.jsonl"; expect_code 0; expect_out "imported issues #8 to #9 (jsonl utf-8)"
gov issue show 8 --format json
expect_out '"household_id": 2'; expect_out '"assignee": "物业公司"'; expect_out '"severity": "大事"'
unchanged issue import nothing.csv; expect_code 4; expect_err "cannot read"

case_ "import: what spreadsheets do to dates, phones and headers"
# In a community of its own: the cases after count c1's issues.
cd "$WORK" && gov init sheets --name 表格社区 && cd sheets || exit 1
gov roster import "$DATA/roster.csv"; expect_code 0
printf '标题,类别,楼栋,提出人电话,状态,优先级,创建日期,解决日期\n日期一,设施维修,12,13800000002,open,中,2026年10月6日,\n日期二,设施维修,12,,open,中,2026/10/6,\n日期三,设施维修,12,,resolved,中,２０２６．１０．６,2026年10月8号\n' > dates.csv
gov issue import dates.csv; expect_code 0; expect_out "dates.csv: 3 rows: imported issues"
expect_true '[ "$(sqlite3 gov.db "SELECT count(*) FROM issue WHERE title LIKE '"'"'日期%'"'"' AND created_at = '"'"'2026-10-05T16:00:00Z'"'"'")" = 3 ]'
expect_true '[ "$(sqlite3 gov.db "SELECT resolved_at FROM issue WHERE title = '"'"'日期三'"'"'")" = 2026-10-07T16:00:00Z ]'
gov issue add 日期选项 --category 设施维修 --due 2027年1月30日; expect_code 0
expect_true '[ "$(sqlite3 gov.db "SELECT due FROM issue WHERE title = '"'"'日期选项'"'"'")" = 2027-01-30 ]'
gov issue list --due-before ２０２７／２／１ --format json; expect_code 0; expect_out "日期选项"
printf '标题,类别,楼栋,提出人电话\n科学,设施维修,12,1.38E+10\n掩码,设施维修,12,138****0002\n小数,设施维修,12,13800000002.0\n' > phones.csv
unchanged issue import phones.csv; expect_code 4
expect_err 'phones.csv:2: 提出人电话: "1.38E+10": Excel turned the phone into a number in scientific notation, which loses its last digits: format the column as Text and export again'
expect_err 'phones.csv:3: 提出人电话: this phone is masked (138****0002), as gov issue export writes it without --reveal-pii: import an export made with --reveal-pii, or the original file'
expect_err 'phones.csv:4: 提出人电话: "13800000002.0": a spreadsheet turned the phone into a number: format the column as Text and export again'
printf '标题,类别,创建日期(年月日)\n灯,设施维修,2026-10-06\n' > note.csv
unchanged issue import note.csv; expect_code 4
expect_err 'note.csv:1: column 3 (C) "创建日期(年月日)" looks like 创建日期 with a note: rename the column to 创建日期'
printf '标题,类别,电话,备注\n灯,设施维修,13800000002,x\n' > extra.csv
unchanged issue import extra.csv --dry-run; expect_code 0
expect_err 'gov: warning: extra.csv:1: column 3 (C) "电话" is not an issue column; ignored (did you mean 提出人电话?)'
expect_err 'gov: warning: extra.csv:1: column 4 (D) "备注" is not an issue column; ignored'
unchanged issue import extra.csv --dry-run --report json; expect_code 0
expect_out '"warnings": ['; expect_out '"ignored_columns": ['
unchanged issue import extra.csv --strict; expect_code 4
expect_err "extra.csv: 2 column(s) that gov does not read; nothing was imported (--strict)"
expect_err 'extra.csv:1: column 3 (C) "电话" is not an issue column (did you mean 提出人电话?)'
unchanged issue import extra.csv --strict --dry-run; expect_code 4
cd "$WORK/c1" || exit 1

case_ "list: filters combine"; pinned
list_ids() { gov issue list --format csv "$@"; out | tail -n +2 | cut -d, -f1 | tr -d '\r' | paste -sd' '; }
expect_true '[ "$(list_ids)" = "1 2 3 4 5 6 7 8 9" ]'
expect_true '[ "$(list_ids --status open)" = "3 6 8 9" ]'
expect_true '[ "$(list_ids --status open --status in_progress)" = "3 6 7 8 9" ]'
expect_true '[ "$(list_ids --building 12)" = "2 4 7 8" ]'
expect_true '[ "$(list_ids --status open --building 7)" = "6" ]'
expect_true '[ "$(list_ids --category 安全隐患)" = "1 5" ]'
expect_true '[ "$(list_ids --overdue)" = "6 7" ]'
expect_true '[ "$(list_ids --overdue --category 噪音)" = "6" ]'
expect_true '[ "$(GOV_NOW=2027-01-01T00:00:00Z list_ids --overdue)" = "3 6 7 8 9" ]'
expect_true '[ "$(list_ids --tag 痛点)" = "1 8" ]'
expect_true '[ "$(list_ids --tag 痛点 --tag 堵点)" = "" ]'
expect_true '[ "$(list_ids --assignee 物业公司)" = "1 8" ]'
expect_true '[ "$(list_ids --assignee 李四)" = "3" ]'
expect_true '[ "$(list_ids --raised-by 李四)" = "1 4 8" ]'
expect_true '[ "$(list_ids --severity 大事)" = "1 8" ]'
expect_true '[ "$(list_ids --search 渗水)" = "8" ]'
expect_true '[ "$(list_ids --search 街道)" = "1" ]'
expect_true '[ "$(list_ids --since 2026-11-01)" = "1 2 3 6 7 8 9" ]'
expect_true '[ "$(list_ids --until 2026-10-31)" = "4 5" ]'
expect_true '[ "$(list_ids --older-than 30d)" = "4 5" ]'
expect_true '[ "$(list_ids --older-than 2m)" = "5" ]'
expect_true '[ "$(list_ids --due-before 2026-11-30)" = "4 5 6 7" ]'
expect_true '[ "$(list_ids --sort priority --limit 3)" = "1 7 2" ]'
expect_true '[ "$(list_ids --sort due --reverse --limit 2)" = "9 3" ]'
gov issue list --status open --building 7 --format json; expect_code 0
expect_out '"title": "7号楼旁商铺夜间经营噪音"'; expect_out '"overdue": true'; expect_out '"raised_by": "王五"'
# The terminal table leaves out the optional columns no listed issue fills;
# json keeps every key.
expect_out '"severity": null'; expect_out '"assignee": null'
gov issue list --status open --building 7; expect_code 0
expect_out "No.  Status  Priority  Category  Title"; expect_out "Due         Overdue"
expect_no_out "Severity"; expect_no_out "Assignee"; expect_no_out "Tags"
gov issue list --status open --building 7 --format markdown; expect_code 0; expect_out "| Severity |"
gov issue list --status open; expect_code 0
expect_out_file "$DATA/list-open.txt"

case_ "export, then import into another community: the same issues"
gov issue export; expect_code 0; expect_out "138****0002"; expect_no_out "13800000002"
n=$(events)
gov issue export --reveal-pii; expect_code 0; cp "$WORK/.out" ../export.csv
expect_true '[ "$(events)" = $((n + 1)) ]'
expect_true '[ "$(sqlite3 gov.db "SELECT action FROM audit_event ORDER BY seq DESC LIMIT 1")" = pii.reveal ]'
gov issue export --reveal-pii --format jsonl; expect_code 0; cp "$WORK/.out" ../export.jsonl
gov issue export --format xlsx; expect_code 2
# A CSV for a spreadsheet: a byte order mark first, unless --no-bom.
expect_true '[ "$(head -c 3 ../export.csv | od -An -tx1 | tr -d " ")" = efbbbf ]'
gov issue export --reveal-pii --no-bom; expect_code 0
expect_true '[ "$(head -c 6 "$WORK/.out")" = 标题 ]'
# -o writes a new private file, as roster export and export-ballots do.
n=$(events)
gov issue export -o ../issues-out.csv; expect_code 0; expect_out "exported "; expect_out " issues to ../issues-out.csv"
expect_true '[ "$(stat -c %a ../issues-out.csv)" = 600 ]'
gov issue export; expect_true 'cmp -s "$WORK/.out" ../issues-out.csv'
gov issue export --reveal-pii --output ../issues-out.csv; expect_code 6; expect_err "refusing to overwrite"
expect_true '[ "$(events)" = "$n" ]'
gov issue export -o ../no-such-dir/x.csv; expect_code 7
expect_true '[ ! -e ../no-such-dir ]'
# The masked export does not import again, and says why.
gov init ../masked --name 掩码; expect_code 0
gov --config ../masked/gov.toml roster import "$DATA/roster.csv"; expect_code 0
gov --config ../masked/gov.toml issue import ../issues-out.csv; expect_code 4
expect_err "this phone is masked (138****0002), as gov issue export writes it without --reveal-pii"
cd ..
for f in csv jsonl; do
    gov init "copy-$f" --name 副本; expect_code 0
    cd "copy-$f"
    gov roster import "$DATA/roster.csv"; expect_code 0
    gov party add 物业公司 --kind property_management; expect_code 0
    gov party add 业委会 --kind owners_committee; expect_code 0
    gov issue import "../export.$f"; expect_code 0; expect_out "imported issues #1 to #9"
    gov issue export --reveal-pii --format "$f"; expect_code 0
    expect_out_file "../export.$f"
    cd ..
done

case_ "other commands wait while a bulk issue import is written, and the import is not disturbed"
# More issues than are stored: the import goes through a rollback journal
# (docs/reliability.md). Readers run all along; none may fail.
cd "$WORK" && "$GOV" init bulk --name 大社区 >/dev/null && cd bulk || exit 1
gov roster import "$DATA/roster.csv"; expect_code 0
building=$(sqlite3 gov.db "SELECT c.name || '/' || b.name FROM building b JOIN compound c ON c.id = b.compound_id LIMIT 1")
awk -v b="$building" 'BEGIN { print "标题,类别,楼栋,状态,优先级,创建日期,描述"; for (i = 0; i < 25000; i++)
    printf "第%d件,设施维修,%s,open,中,2026-11-01,%0100d\n", i, b, i }' > bulk.csv
"$GOV" issue import bulk.csv >import.out 2>&1 &
importer=$!
reader_failures=0
while kill -0 "$importer" 2>/dev/null; do
    "$GOV" issue list --limit 1 >/dev/null 2>reader.err || { reader_failures=$((reader_failures + 1)); cat reader.err; }
done
wait "$importer"; code=$?
expect_code 0
expect_true '[ "$reader_failures" = 0 ]'
expect_true '[ "$(issues)" = 25000 ]'
expect_true '[ "$(sqlite3 gov.db "pragma journal_mode")" = wal ]'
expect_true '[ "$(sqlite3 gov.db "pragma integrity_check")" = ok ]'

finish
