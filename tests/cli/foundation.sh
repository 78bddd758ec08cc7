# End-to-end: init, configuration, audit log, database care, errors and output.
. "$(dirname "$0")/lib.sh"

case_ "version and usage"
gov --version; expect_code 0; expect_out "gov 0."
gov; expect_code 2
gov frobnicate; expect_code 2
gov --help; expect_code 0; expect_out "Exit codes"
# Only the named command's group is built; --help without one lists them all.
expect_out "roster"; expect_out "proposal"; expect_out "audit"
gov frobnicate; expect_code 2; expect_err "frobnicate"
gov roster --help; expect_code 0; expect_out "import"
gov init --help; expect_code 0; expect_out "Example: gov init"

case_ "init"; pinned
gov init c1; expect_code 2; expect_err "--name"
gov init c1 --name 滨湖明珠社区; expect_code 0; expect_out "created"
expect_true '[ -f c1/gov.toml ] && [ -f c1/gov.db ]'
expect_true '[ "$(stat -c %a c1/gov.db)" = 600 ]'
gov init c1 --name again; expect_code 6; expect_err "already exists"
expect_true 'grep -q 滨湖明珠社区 c1/gov.toml'

case_ "finding the configuration"
mkdir -p c1/sub/deeper
(cd c1/sub/deeper && "$GOV" config check >"$WORK/.out" 2>"$WORK/.err"); code=$?
expect_code 0; expect_out "c1/gov.toml: ok"
gov config check; expect_code 3; expect_err "no gov.toml"
gov --config c1/gov.toml config check; expect_code 0
gov --as 审计员 --config c1/gov.toml audit log --limit 1; expect_code 0
gov --config=c1/gov.toml config check; expect_code 0
GOV_CONFIG=c1/gov.toml gov config check; expect_code 0
GOV_CONFIG=nope.toml gov config check; expect_code 3; expect_err "nope.toml: no such configuration file (from GOV_CONFIG)"

case_ "config check and show"
cp c1/gov.toml bad.toml
printf '[database]\nbusy_timeout_ms = "soon"\n' > bad.toml
printf '[community]\nname = "x"\ncolor = 1\n' >> bad.toml
gov --config bad.toml config check; expect_code 3
expect_err "bad.toml:2:19: database.busy_timeout_ms: expected integer, found string"
expect_err "bad.toml:5:1: community.color: unknown key"
gov --config c1/gov.toml config show; expect_code 0
expect_out "busy_timeout_ms = 5000"; expect_out "utc_offset = '+08:00'"; expect_out "path = 'gov.db'"

case_ "audit log and actor"; pinned
cd c1
gov audit log --format json; expect_code 0
expect_out '"actor": "tester"'; expect_out '"at": "2026-11-27T09:00:00Z"'; expect_out '"action": "community.init"'
gov audit log --format csv; expect_code 0; expect_out "seq,at,actor,action,record_kind,record_id,payload,prev_hash,hash"
gov audit log --format markdown; expect_code 0; expect_out "Seq |"
gov audit log --format yaml; expect_code 2; expect_err "yaml"
gov audit log --record community:1; expect_code 0; expect_out "community.init"
gov audit log --since 2027-01-01 --format json; expect_code 0; expect_out "[]"
gov audit log --since soon; expect_code 2
gov audit log; expect_code 0; expect_no_out $'\x1b['
GOV_NOW=yesterday gov audit log; expect_code 2; expect_err "GOV_NOW"
gov db backup ../copy.db; expect_code 0
gov --as 王楼长 db backup ../copy.db; expect_code 6

case_ "audit verify and db check"
gov audit verify; expect_code 0; expect_out "intact: 1 events"
gov db check; expect_code 0; expect_out "ok (schema level"
sqlite3 gov.db "DROP TRIGGER audit_event_no_update; UPDATE audit_event SET actor='mallory' WHERE seq=1"
gov audit verify; expect_code 1; expect_err "audit log broken at event 1"
gov db check; expect_code 1; expect_err "audit log broken at event 1"
cd ..

case_ "storage refusals leave files untouched"
cp copy.db newer.db
sqlite3 newer.db "PRAGMA journal_mode=DELETE; PRAGMA user_version = 999" >/dev/null
sum=$(sha256sum newer.db)
printf '[community]\nname = "n"\n[database]\npath = "newer.db"\n' > newer.toml
gov --config newer.toml audit verify; expect_code 7; expect_err "schema level 999"
expect_true '[ "$(sha256sum newer.db)" = "$sum" ]'
echo "not a database" > plain.db
printf '[community]\nname = "n"\n[database]\npath = "plain.db"\n' > plain.toml
gov --config plain.toml db check; expect_code 7; expect_err "not a gov database"
printf '[community]\nname = "n"\n[database]\npath = "copy.db"\n' > copy.toml
gov --config copy.toml audit verify; expect_code 0

finish
