# End-to-end: gov export / gov import — records as text for version control.
# export → import → export is byte-identical; import is all or nothing, only
# into an empty database, with foreign keys and the audit chain checked.
DATA=$(cd "$(dirname "$0")/../data/summary" && pwd)  # before lib.sh moves to a scratch folder
CI_SCRIPT=$(cd "$(dirname "$0")/../../examples/ci" && pwd)/summary.sh
. "$(dirname "$0")/lib.sh"

dump() { sqlite3 gov.db .dump | md5sum; }

case_ "help"
gov export --help; expect_code 0; expect_out "Example"
gov import --help; expect_code 0; expect_out "Example"

case_ "a community with records and an audit history"
gov init c1 --name 测试社区; expect_code 0
cd c1
sqlite3 gov.db < "$DATA/community.sql"
gov issue add "电梯困人" --category 安全隐患 --building 12 --assign 物业公司; expect_code 0
gov issue resolve 12 --resolution "已维修"; expect_code 0
gov issue comment 2 "已通知电工"; expect_code 0

case_ "export writes one sorted JSON Lines file per table and a manifest"
gov export ../records; expect_code 0; expect_out "exported"; expect_out "to ../records"
expect_true '[ -f ../records/manifest.json ] && [ -f ../records/issue.jsonl ]'
expect_true '[ -f ../records/audit_event.jsonl ] && [ -f ../records/ballot.jsonl ]'
expect_true '[ "$(head -1 ../records/compound.jsonl)" = "{\"id\":1,\"name\":\"幸福里\"}" ]'
# Every table but phone_directory (derived from resident, not a record).
expect_true '[ "$(ls ../records | wc -l)" = "$(( $(sqlite3 gov.db "SELECT count(*) FROM sqlite_master WHERE type = '"'table'"' AND name NOT LIKE '"'sqlite_%'"' AND name <> '"'phone_directory'"'") + 1 ))" ]'
expect_true '[ ! -e ../records/phone_directory.jsonl ]'
expect_true '! grep -q 2026-11-27T ../records/manifest.json'
gov report summary --format json; cp "$WORK/.out" ../summary-before.json
events=$(sqlite3 gov.db "SELECT count(*) FROM audit_event")

case_ "exporting again changes nothing in the folder"
cp -r ../records ../records-first
gov export ../records; expect_code 0
expect_true 'diff -r ../records-first ../records >/dev/null'

case_ "import rebuilds the database; export again is byte-identical"
mkdir ../c2 && cp gov.toml ../c2/ && cd ../c2
gov import ../records; expect_code 0
expect_out "audit log intact: $events events"
expect_true '[ -f gov.db ]'
gov audit verify; expect_code 0
gov export ../records-again; expect_code 0
expect_true 'diff -r ../records ../records-again >/dev/null'
gov report summary --format json; expect_out_file ../summary-before.json
gov issue show 12 --format json; expect_code 0; expect_out '"status": "resolved"'

case_ "import into a database that has records: exit 6, nothing changed"
before=$(dump)
gov import ../records; expect_code 6; expect_err "the database is not empty"
expect_true '[ "$(dump)" = "$before" ]'

case_ "a broken audit chain: exit 4 and no database left behind"
cp -r ../records ../tampered
sed -i 's/"actor":"tester"/"actor":"mallory"/' ../tampered/audit_event.jsonl
mkdir ../c3 && cp gov.toml ../c3/ && cd ../c3
gov import ../tampered; expect_code 4; expect_err "the audit log does not verify at event 1"
expect_true '[ ! -e gov.db ]'

case_ "a malformed row: exit 4 naming file and line"
cp -r ../records ../broken
printf '{"id":1,"name":"幸福里"}\nnot json\n' > ../broken/compound.jsonl
gov import ../broken; expect_code 4; expect_err "compound.jsonl:2: not valid JSON"
expect_true '[ ! -e gov.db ]'
gov import ../no-such-folder; expect_code 4; expect_err "manifest.json: cannot read it"

case_ "records an older gov exported: made at their level, brought up to date"
# Levels 6 to 8 differ in indexes only, so the same rows stand for records
# exported at level 7 (the level before this gov's).
latest=$(sqlite3 ../c2/gov.db "PRAGMA user_version")
old=$((latest - 1))
cp -r ../records ../older
sed -i "s/\"schema_version\": $latest/\"schema_version\": $old/" ../older/manifest.json
expect_true 'grep -q "\"schema_version\": $old" ../older/manifest.json'
mkdir ../c4 && cp gov.toml ../c4/ && cd ../c4
gov import ../older; expect_code 0
expect_out "audit log intact: $events events"
expect_out "the records were at schema level $old; the database is now at $latest"
expect_true '[ "$(sqlite3 gov.db "PRAGMA user_version")" = "$latest" ]'
expect_true 'sqlite3 gov.db "SELECT sql FROM sqlite_master WHERE name = '"'resident_phone'"'" | grep -q birth_year'
gov export ../records-older-again; expect_code 0
expect_true 'diff -r ../records ../records-older-again >/dev/null'

case_ "restoring into a community gov init just made: the records replace its init event"
cd "$WORK" && gov init c5 --name 滨湖明珠社区 && cd c5
gov import ../records; expect_code 0
expect_out "audit log intact: $events events"
gov export ../records-c5; expect_code 0
expect_true 'diff -r ../records ../records-c5 >/dev/null'
# Older records too: the fresh database is made anew at their level.
cd "$WORK" && gov init c6 --name 滨湖明珠社区 && cd c6
gov import ../older; expect_code 0
expect_out "the records were at schema level $old; the database is now at $latest"
expect_true '[ ! -e gov.db.gov-init ]'
gov export ../records-c6; expect_code 0
expect_true 'diff -r ../records ../records-c6 >/dev/null'
# A failed import leaves the fresh community as it was.
cd "$WORK" && gov init c7 --name 滨湖明珠社区 && cd c7
before=$(dump)
gov import ../tampered; expect_code 4
expect_true '[ "$(dump)" = "$before" ]'
cp -r ../older ../older-tampered
sed -i 's/"actor":"tester"/"actor":"mallory"/' ../older-tampered/audit_event.jsonl
gov import ../older-tampered; expect_code 4
expect_true '[ "$(dump)" = "$before" ] && [ ! -e gov.db.gov-init ]'
# Once anything is recorded, the import refuses and says where records go.
gov party add 物业服务中心 --kind property_management; expect_code 0
before=$(dump)
gov import ../records; expect_code 6
expect_err "gov import fills a database that does not exist yet, or one that \`gov init\` made"
expect_true '[ "$(dump)" = "$before" ]'

case_ "export refuses a folder that holds something else"
cd ../c1
mkdir ../mine && echo keep > ../mine/notes.txt
gov export ../mine; expect_code 6; expect_err "holds no earlier export"
expect_true '[ "$(cat ../mine/notes.txt)" = keep ] && [ "$(ls ../mine)" = notes.txt ]'

case_ "examples/ci/summary.sh: rebuild from the records, summarise, gate"
mkdir ../ci && cp gov.toml ../ci/
GOV=$GOV GATES="open < 0" bash "$CI_SCRIPT" ../ci ../records >"$WORK/.out" 2>"$WORK/.err"; code=$?
expect_code 0; expect_out "| Gate"; expect_true '[ -s ../ci/summary.md ] && [ -s ../ci/summary.html ]'
GOV=$GOV GATES="open >= 0" bash "$CI_SCRIPT" ../ci ../records >"$WORK/.out" 2>"$WORK/.err"; code=$?
expect_code 1; expect_err "open >= 0"

finish
