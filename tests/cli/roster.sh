# End-to-end: residents, the roster listings and statistics, buildings and
# their leaders, partner parties, the party organisation, the export, and the
# masking of phone numbers. The community is seeded with `gov resident add`.
DATA=$(cd "$(dirname "$0")/../data/roster" && pwd)
. "$(dirname "$0")/lib.sh"

dump() { sqlite3 gov.db .dump; }
events() { sqlite3 gov.db "SELECT count(*) FROM audit_event"; }

case_ "help"
gov roster --help; expect_code 0; expect_out "list"; expect_out "show"; expect_out "stats"; expect_out "export"
gov roster; expect_code 2
for cmd in "roster list" "roster show" "roster stats" "roster export" "resident add" "resident update" \
    "resident move-out" "building list" "building leader" "party add" "party list" "org add" \
    "org list" "org assign"; do
    gov $cmd --help; expect_code 0; expect_out "Example: gov $cmd"
done

gov init c --name 测试社区 >/dev/null
cd c

case_ "resident add creates the places it needs"
gov resident add --name 张三 --room 12-3-1502 --compound 幸福里 --role 业主 --phone 13812345678 \
    --area 88.5 --party-member 是 --birth-year 1970 --gender 男
expect_code 0
expect_out "created compound 幸福里"; expect_out "created building 幸福里/12"
expect_out "created room 幸福里/12-3-1502"; expect_out "added resident #1 张三 in 幸福里/12-3-1502 (owner #1)"
gov resident add --name 李四 --room 12-3-1502 --role 家属 --phone 13900001111 --remark "退休教师, 热心"
expect_code 0; expect_out "added resident #2 李四 in 幸福里/12-3-1502"; expect_no_out "created"
gov resident add --name 王五 --room 12-1-201 --role 租户 --area 60 --remark '=SUM(A1:A9)' --moved-in 2026/9/1
expect_code 0
gov resident add --name 张三 --room 14-1-101 --compound 幸福里 --role 业主 --phone 13812345678 --area 120
expect_code 0; expect_out "(owner #1)"
gov resident add --name 赵六 --room 阳光城/2-1-101 --role 陪读家庭 --phone 0551-62345678 --volunteer 是
expect_code 0; expect_out "created compound 阳光城"
gov resident add --name 周八 --room 12-1-202 --role 租户
expect_code 0
expect_true '[ "$(sqlite3 gov.db "SELECT count(*) FROM owner")" = 1 ]'

case_ "resident add refuses bad input and changes nothing"
before=$(dump)
gov resident add --name 钱九 --room 99-1-101 --role 业主
expect_code 5; expect_err 'no building "99"'; expect_err "give its compound (--compound)"
gov resident add --name 钱九 --room 12-1 --role 老板 --phone 123 --area 88.505 --party-member maybe
expect_code 4; expect_err "5 problems with the resident"
expect_err '  room: "12-1" is not a room'
expect_err '  role: "老板" is not one of 业主, 家属, 租户, 陪读家庭 (roster.roles)'
expect_err '  phone: "123" is not an 11-digit mobile or a landline number'
expect_err '  area: "88.505" is not a floor area in m² above 0 with at most 2 decimals'
expect_err '  party_member: "maybe" is not yes or no'
gov resident add --name 张三 --room 12-3-1502 --role 家属 --phone 13812345678 --birth-year 1970
expect_code 6; expect_err "张三 already lives in 幸福里/12-3-1502 (resident #1, same phone and birth year)"
gov resident add --room 12-3-1502 --role 家属; expect_code 2
expect_true '[ "$(dump)" = "$before" ]'

case_ "roster list masks phones and aligns CJK"
gov roster list; expect_code 0
expect_out_file "$DATA/list.txt"
expect_no_out "13812345678"
gov roster list --format json --limit 1; expect_code 0
expect_out '"name": "王五"'; expect_out '"phone": null'; expect_out '"area": "60.00"'; expect_out '"moved_in": "2026-09-01"'
gov roster list --format csv; expect_code 0
expect_out "id,name,gender,birth_year,phone,compound,building,unit,room,area,role,party_member"
expect_out "'=SUM(A1:A9)"

case_ "roster list filters"
gov roster list --building 12 --role 业主 --format csv; expect_code 0
expect_true '[ "$(out | wc -l)" = 2 ]'; expect_out "张三"
gov roster list --search "139 0000" --format csv; expect_code 0
expect_true '[ "$(out | wc -l)" = 2 ]'; expect_out "李四"
gov roster list --search 热心 --format csv; expect_code 0; expect_out "李四"
gov roster list --compound 阳光城 --format csv; expect_code 0
expect_true '[ "$(out | wc -l)" = 2 ]'; expect_out "赵六"
gov roster list --party-member --format csv; expect_code 0
expect_true '[ "$(out | wc -l)" = 2 ]'
gov roster list --unit 1 --building 12 --format csv; expect_code 0
expect_true '[ "$(out | wc -l)" = 3 ]'
gov roster list --active --moved-out; expect_code 2; expect_err "exclude each other"
gov roster list --role 老板; expect_code 2; expect_err '--role: "老板" is not one of'
gov roster list --compound 明珠苑; expect_code 5; expect_err "compounds are: 幸福里, 阳光城"
gov roster list --format yaml; expect_code 2

case_ "a reveal of phone numbers is audited"
n=$(events)
gov roster list --search 1381234 --reveal-pii --format csv; expect_code 0
expect_out "13812345678"
expect_true '[ "$(events)" = $((n + 1)) ]'
gov audit log --limit 1 --format json; expect_out '"action": "pii.reveal"'
expect_out '"payload": "{\"command\":\"roster list\",\"records\":2}"'
n=$(events)
gov roster list --search 1381234 --reveal-pii; expect_code 0
expect_out "13812345678"
expect_true '[ "$(events)" = $((n + 1)) ]'
gov audit log --limit 1 --format json
expect_out '"payload": "{\"command\":\"roster list\",\"records\":2}"'
gov roster list --search 1381234; expect_code 0
expect_out "138****5678"
expect_true '[ "$(events)" = $((n + 1)) ]'

case_ "resident update records from → to"
gov resident update 2 --phone 13900002222 --party-member yes; expect_code 0
expect_out "updated resident #2: phone, party_member"
gov audit log --limit 1 --format json
expect_out '\"phone\":{\"from\":\"139****1111\",\"to\":\"139****2222\"}'
expect_no_out "13900002222"
n=$(events)
gov resident update 2 --phone 13900002222; expect_code 0; expect_out "nothing to change"
expect_true '[ "$(events)" = "$n" ]'
before=$(dump)
gov resident update 2 --birth-year 2100; expect_code 4; expect_err "birth_year"
gov resident update 99 --remark x; expect_code 5
gov resident update 张三 --remark x; expect_code 4; expect_err '"张三" names 2 active residents'
expect_true '[ "$(dump)" = "$before" ]'

case_ "buildings and their leaders"
gov building leader 12 王五; expect_code 0; expect_out "幸福里/12: leader #3 王五 (was (none))"
gov building leader 12 李四; expect_code 0; expect_out "幸福里/12: leader #2 李四 (was #3 王五)"
gov building leader 12 李四; expect_code 0; expect_out "already"
before=$(dump)
gov building leader 12 赵六; expect_code 4; expect_err "a building leader must live in the building"
gov building leader 99 李四; expect_code 5
gov building leader 12; expect_code 2
expect_true '[ "$(dump)" = "$before" ]'
gov building list; expect_code 0
expect_out_file "$DATA/buildings.txt"
gov building list --format json; expect_code 0; expect_out '"leader_id": 2'

case_ "move-out keeps the resident and ends a leader's term"; pinned
gov resident move-out 周八 --date 2026-10-01; expect_code 0
expect_out "resident #6 moved out on 2026-10-01"
gov resident move-out 6; expect_code 6; expect_err "already moved out (2026-10-01)"
gov resident move-out 李四 --date 2026-12-01; expect_code 4; expect_err "in the future"
gov roster list --moved-out --format csv; expect_code 0; expect_out "周八"
gov roster list --active --format csv; expect_code 0; expect_no_out "周八"
expect_true '[ "$(sqlite3 gov.db "SELECT count(*) FROM resident")" = 6 ]'

case_ "roster show"; pinned
gov roster show 1; expect_code 0
expect_out_file "$DATA/show.txt"
gov roster show 13900002222 --format json; expect_code 0
expect_out '"household": "幸福里/12-3-1502"'; expect_out '"building_leader": true'
expect_out '"phone": "139****2222"'; expect_out '"owner": null'
gov roster show 1 --format json --reveal-pii; expect_code 0; expect_out '"phone": "13812345678"'
gov audit log --limit 1 --format csv; expect_out "pii.reveal,resident,1,"
gov roster show 张三; expect_code 4
gov roster show '#99'; expect_code 5
gov roster show 1 --format csv; expect_code 2

case_ "roster stats"; pinned
gov roster stats; expect_code 0
expect_out_file "$DATA/stats.txt"
gov roster stats --format json --compound 阳光城; expect_code 0
expect_out '"compound": null'; expect_out '"陪读家庭": 1'; expect_out '"empty_households": 0'
gov roster stats --building 99; expect_code 5

case_ "partner parties"
gov party add 幸福里业委会 --kind owners_committee --contact 王主任; expect_code 0
expect_out "added party #1 幸福里业委会 (owners_committee)"
gov party add 安居物业 --kind property_management; expect_code 0
gov party add 安居物业 --kind other; expect_code 6; expect_err 'party "安居物业" already exists (#2)'
gov party add 某银行 --kind bank; expect_code 4; expect_err "is not one of community, owners_committee"
gov party list --format csv; expect_code 0
expect_out "1,幸福里业委会,owners_committee,王主任,true"
gov party list --kind bank; expect_code 2

case_ "the party organisation"
gov org add 滨湖社区党委 --kind party_committee; expect_code 0; expect_out "added party_committee #1"
gov org add 幸福里党支部 --kind compound_branch --parent 1 --compound 幸福里; expect_code 0
gov org add 12栋党小组 --kind building_group --parent 2 --building 12; expect_code 0
gov org add 张三家 --kind party_household --parent 3 --household 12-3-1502; expect_code 0
gov org add 阳光城党支部 --kind compound_branch --parent 1 --compound 阳光城; expect_code 0
gov org add 错位 --kind building_group --parent 2 --building 阳光城/2; expect_code 4
expect_err 'the parent #2 is for compound "幸福里"'
gov org assign 4 12-1-201 12-1-202; expect_code 0
expect_out "#4 now looks after 幸福里/12-1-201, 幸福里/12-1-202"
gov org assign 3 14-1-101; expect_code 4; expect_err "only a party_household"
gov org assign x 14-1-101; expect_code 2
gov org list; expect_code 0
expect_out_file "$DATA/org.txt"
gov org list --format json; expect_code 0
expect_out '"name": "张三家"'; expect_out '"depth": 3'; expect_out '"looks_after_count": 2'

case_ "roster export"; pinned
# A CSV for a spreadsheet: UTF-8 with a byte order mark, as issue export and
# --errors files write it, unless --no-bom.
gov roster export; expect_code 0
expect_out_file "$DATA/export.csv"
expect_true '[ "$(head -c 3 "$WORK/.out" | od -An -tx1 | tr -d " ")" = efbbbf ]'
gov roster export --no-bom; expect_code 0
tail -c +4 "$DATA/export.csv" > export-no-bom.csv
expect_out_file export-no-bom.csv
gov roster export --format json --no-bom; expect_code 0; expect_true '[ "$(head -c 1 "$WORK/.out")" = "[" ]'
n=$(events)
gov roster export --format json --all; expect_code 0
expect_out '"moved_out":"2026-10-01"'; expect_out '"phone":"138****5678"'
expect_true '[ "$(events)" = "$n" ]'
gov roster export --format xml; expect_code 2
gov roster export --reveal-pii --output roster.csv; expect_code 0
expect_out "exported 5 residents to roster.csv"
expect_true '[ "$(stat -c %a roster.csv)" = 600 ]'
expect_true 'grep -q 13812345678 roster.csv'
expect_true 'grep -q "'"'"'=SUM(A1:A9)" roster.csv'
expect_true '[ "$(events)" = $((n + 1)) ]'
gov roster export --output roster.csv; expect_code 6; expect_err "refusing to overwrite"
expect_true '[ "$(events)" = $((n + 1)) ]'
gov roster export --reveal-pii -o roster.csv; expect_code 6; expect_err "refusing to overwrite"
expect_true '[ "$(events)" = $((n + 1)) ]'
gov roster export -o short.csv; expect_code 0; expect_out "exported 5 residents to short.csv"
expect_true 'cmp -s short.csv "$DATA/export.csv"'
gov roster export -o no-such-dir/x.csv; expect_code 7

case_ "export → import round-trips"
before=$(dump)
gov roster import roster.csv; expect_code 0
expect_true '[ "$(dump)" = "$before" ]'
gov init ../fresh --name 新社区; expect_code 0
gov --config ../fresh/gov.toml roster import roster.csv; expect_code 0
gov --config ../fresh/gov.toml roster export --reveal-pii; expect_code 0
expect_out_file roster.csv
gov --config ../fresh/gov.toml roster list --search SUM --format csv; expect_code 0
expect_out "'=SUM(A1:A9)"

finish
