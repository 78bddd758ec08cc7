# End-to-end: gov meeting — plan, schedule, list, agenda (every format, golden
# files), items, attendance with quorum, minutes with action items carried to
# the next meeting, close (twice is exit 6), ICS.
DATA=$(cd "$(dirname "$0")/../data" && pwd)  # before lib.sh moves to a scratch folder
GOLDEN="$DATA/meetings"
. "$(dirname "$0")/lib.sh"

events() { sqlite3 gov.db "SELECT count(*) FROM audit_event"; }
dump() { sqlite3 gov.db .dump | md5sum; }
unchanged() {
    local before; before=$(dump)
    gov "$@"
    [ "$(dump)" = "$before" ] && ok || bad "the database changed"
}

case_ "help"
gov meeting --help; expect_code 0; expect_out "agenda"; expect_out "minutes"
for sub in new schedule list show attend cancel close agenda minutes "item add" "item move" "item remove"; do
    gov meeting $sub --help; expect_code 0; expect_out "Example"
done

case_ "a community with a roster, leaders and the four parties"
gov init c1 --name 滨湖明珠社区; expect_code 0
cd c1
gov roster import "$DATA/issues/roster.csv"; expect_code 0
gov party add 社区居委会 --kind community; expect_code 0
gov party add 物业公司 --kind property_management; expect_code 0
gov party add 业委会 --kind owners_committee; expect_code 0
gov building leader 1 张三; expect_code 0
gov building leader 7 王五; expect_code 0

case_ "new takes the type's defaults; an unknown type lists the types"; pinned
gov meeting new --type leaders --date 2026-11-07 --chair 李书记; expect_code 0
expect_true '[ "$(out)" = 1 ]'
gov meeting new --type weekly --date 2026-12-05; expect_code 4
expect_err 'type: "weekly" is not one of: adhoc, assembly, joint, leaders'
gov meeting new --type leaders --date 2026-12-5x; expect_code 2
gov meeting new --type leaders --date 2026-12-05 --time 25:00; expect_code 4

case_ "schedule a monthly series"; pinned
gov meeting schedule --type leaders --from 2026-12 --count 3 --rule "first saturday 19:00" --format json
expect_code 0
expect_out '"starts_at": "2026-12-05T11:00:00Z"'; expect_out '"starts_at": "2027-01-02T11:00:00Z"'
expect_out '"starts_at": "2027-02-06T11:00:00Z"'; expect_out '"title": "2027年1月楼长见面会"'
gov meeting schedule --type leaders --from 2027-13 --rule "first saturday"; expect_code 2
unchanged meeting schedule --type leaders --from 2027-03 --rule "every saturday"; expect_code 4
expect_err 'rule: "every saturday" is not a monthly rule'

case_ "list and show"; pinned
gov meeting list; expect_code 0
expect_out "2026年12月楼长见面会"; expect_out "2026-12-05 19:00"
gov meeting list --format csv; expect_code 0
expect_out "id,type,title,starts,ends,place,chair,status,present,actions,starts_at"
gov meeting show next --format json; expect_code 0
expect_out '"id": 2'; expect_out '"quorum_met": false'
gov meeting show 99; expect_code 5; expect_err "meeting #99 does not exist"

case_ "attendance: unknown people refused, nothing changed"; pinned
unchanged meeting attend 1 --present 张三,王二麻子; expect_code 4
expect_err "--present"; expect_err "王二麻子"
unchanged meeting attend 1 --party 不存在=某人; expect_code 4
unchanged meeting attend 1 --party 物业公司; expect_code 2

case_ "attendance: the leaders' quorum is a strict majority"; pinned
gov meeting attend 1 --present 张三 --absent 王五; expect_code 0
expect_out "quorum NOT met: 1 of 3 building leaders present (more than half needed)"
gov meeting attend 1 --proxy 王五=李四 --party 物业公司=王经理 --format json; expect_code 0
expect_out '"met": true'; expect_out '"proxy": "李四"'; expect_out '"representative": "王经理"'

case_ "issues for the agendas"; pinned
gov issue add "1号楼外墙瓷砖脱落" --category 安全隐患 --building 1 --assign 物业公司 --due 2026-11-01; expect_code 0
gov issue add "12号楼楼道堆物" --category 环境卫生 --building 12; expect_code 0
gov issue add "7号楼车棚漏雨" --category 设施维修 --building 阳光苑/7; expect_code 0

case_ "minutes: notes, decisions and an action item that becomes an issue"; pinned
gov meeting item add 1 --text "冬季消防安全宣传" --minutes 10 --presenter 李书记; expect_code 0
expect_true '[ "$(out)" = 2 ]'
gov meeting agenda 1 --format text; expect_code 0
expect_out "2. 冬季消防安全宣传"
gov meeting minutes 1 --item 2 --note "物业介绍了灭火器检查" --decision "12月前完成全部楼栋检查" \
    --action "检查全部楼栋灭火器" --assign 物业公司 --due 2026-11-30
expect_code 0; expect_out "action item is issue #4"
gov issue show 4 --format json; expect_code 0
expect_out '"raised_at_meeting": 1'; expect_out '"assignee": "物业公司"'; expect_out '"category": "其他"'
unchanged meeting minutes 1 --item 9 --note x; expect_code 4
expect_err "item: 9 is not on the agenda of meeting #1 (items 1 to 2)"
unchanged meeting minutes 1 --item 2 --action "x" --assign 没有这个单位; expect_code 4

case_ "close freezes the minutes; closing twice is exit 6"; pinned
gov meeting close 1; expect_code 0; expect_out "meeting #1: held; minutes closed"
unchanged meeting close 1; expect_code 6; expect_err "meeting #1 is held"
unchanged meeting attend 1 --present 张三; expect_code 6
unchanged meeting minutes 1 --item 1 --note x; expect_code 6
gov meeting minutes 1 --format markdown; expect_code 0
expect_out "# Minutes: 2026年11月楼长见面会"; expect_out "王五 7-2-201 · building leader — present, by proxy 李四"
expect_out "**Decision:** 12月前完成全部楼栋检查"; expect_out "**Action item:** issue #4"
sqlite3 gov.db "SELECT action FROM audit_event WHERE action LIKE 'meeting.%' ORDER BY seq" > actions.txt
expect_true '[ "$(tr "\n" " " < actions.txt)" = "meeting.add meeting.schedule meeting.attend meeting.attend meeting.item.add meeting.minutes meeting.close " ]'

case_ "the next agenda: every section, golden files"; pinned
gov proposal new --title "1号楼加装电梯" --electorate households --buildings 1 --meeting 2; expect_code 0
GOV_NOW=2026-10-01T02:00:00Z gov issue add "3号楼路灯不亮" --category 设施维修 --building 1 --due 2026-10-15
expect_code 0; expect_true '[ "$(out)" = 5 ]'
gov meeting item add 2 --text "垃圾分类宣传; 志愿者招募" --minutes 10 --presenter 张三; expect_code 0
gov issue update 2 --for-meeting 2; expect_code 0; expect_out "on the agenda of meeting #2"
unchanged issue update 2 --for-meeting 99; expect_code 5
gov meeting agenda next; expect_code 0; expect_out_file "$GOLDEN/agenda-next.md"
gov meeting agenda 2 --format html; expect_code 0; expect_out_file "$GOLDEN/agenda-next.html"
gov meeting agenda 2 --format json; expect_code 0; expect_out_file "$GOLDEN/agenda-next.json"
gov meeting agenda 2 --format ics; expect_code 0; expect_out_file "$GOLDEN/agenda-next.ics"
gov meeting agenda 2 --format text; expect_code 0; expect_out_file "$GOLDEN/agenda-next.txt"
gov meeting agenda 2 --format pdf; expect_code 2

case_ "the same records and GOV_NOW give the same bytes"; pinned
gov meeting agenda 2 --format html; cp "$WORK/.out" a1.html
gov meeting agenda 2 --format html; expect_true 'cmp -s a1.html "$WORK/.out"'

case_ "HTML escapes what the records hold"; pinned
gov issue add "<script>alert(1)</script> & 楼道" --category 其他 --building 12; expect_code 0
gov meeting agenda 2 --format html; expect_code 0
expect_out "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 楼道"; expect_no_out "<script>"
expect_out '<html lang="zh-CN">'

case_ "items: move fixes the agenda, remove takes one off"
gov meeting item move 2 3 --to 1; expect_code 0
gov meeting agenda 2 --format json; expect_code 0; expect_out '"fixed": true'
gov meeting item remove 2 1; expect_code 0
unchanged meeting item remove 2 42; expect_code 4

case_ "the follow-up carries an unfinished action item; done, it drops"
gov meeting agenda 2 --format text; expect_out "检查全部楼栋灭火器"
gov meeting agenda 3 --format text; expect_out "检查全部楼栋灭火器"
gov issue resolve 4 --resolution "已检查"; expect_code 0
gov meeting agenda 3 --format text; expect_no_out "检查全部楼栋灭火器"

case_ "the joint meeting needs all four parties"
gov meeting new --type joint --date 2026-12-10; expect_code 0; jid=$(out)
gov meeting attend "$jid" --party 社区居委会=李书记 --party 物业公司=王经理 --present 张三; expect_code 0
expect_out "quorum NOT met: not present: owners_committee"
gov meeting attend "$jid" --party 业委会=陈主任; expect_code 0
expect_out "quorum met: all 4 required parties present"

case_ "cancel; ics of a list"
gov meeting cancel 4 --reason 台风; expect_code 0
unchanged meeting cancel 4; expect_code 6
gov meeting list --type leaders --format ics; expect_code 0
expect_out "UID:meeting-4@"; expect_out "STATUS:CANCELLED"
expect_true '[ "$(grep -c "BEGIN:VEVENT" "$WORK/.out")" = 4 ]'
expect_true '[ "$(wc -l < "$WORK/.out")" = "$(grep -c $'"'"'\r$'"'"' "$WORK/.out")" ]'
expect_true '[ "$(LC_ALL=C awk "{ if (length(\$0) > 76) print }" "$WORK/.out" | wc -l)" = 0 ]'

case_ "a month and a day as people type them: 2027年3月, 2027/3/6"
gov meeting schedule --type joint --from 2027年3月 --count 1 --rule "第一个星期六 09:00" --format json
expect_code 0; expect_out '"starts": "2027-03-06 09:00"'
gov meeting list --from 2027/3/1 --to 2027年3月31日 --format csv; expect_code 0; expect_out "2027-03-06 09:00"
gov meeting list --from 2027-02-30; expect_code 2
expect_err '--from: "2027-02-30" is not a date like 2027-01-30 (also 2027/1/30, 2027.1.30 or 2027年1月30日)'

finish
