# End-to-end: gov roster import — merging, idempotence, --sync, --dry-run,
# --skip-invalid, --errors, encodings, and every kind of bad input refused with
# exit 4, a message naming the line, and an unchanged database.
DATA=$(cd "$(dirname "$0")/../data/roster" && pwd)
. "$(dirname "$0")/lib.sh"
HEADER='姓名,性别,出生年份,小区,楼栋,单元,房号,电话,身份,建筑面积,是否党员,是否楼长,入住日期,备注'

"$GOV" init c --name 测试社区 >/dev/null && cd c || exit 1
db_state() { sqlite3 gov.db .dump | sha256sum; }
count() { sqlite3 gov.db "$1"; }
# refused FILE MESSAGE…: exit 4, each message on stderr, database unchanged.
refused() {
    local file=$1; shift
    local before; before=$(db_state)
    gov roster import "$file"; expect_code 4
    for m in "$@"; do expect_err "$m"; done
    expect_true '[ "$(db_state)" = "$before" ]'
}

case_ "a first import adds everyone"
gov roster import "$DATA/good.csv"; expect_code 0
expect_out "6 rows: 6 new, 0 updated, 0 unchanged, 0 moved out, 0 invalid (utf-8)"
expect_true '[ "$(count "select count(*) from resident")" = 6 ]'
expect_true '[ "$(count "select count(*) from household")" = 4 ]'
expect_true '[ "$(count "select count(*) from building")" = 2 ]'
expect_true '[ "$(count "select area_centi from household where room = '\''101'\''")" = 8850 ]'
expect_true '[ "$(count "select remark from resident where name = '\''王浩'\''")" = "$(printf "多行备注:\n1. 在校学生")" ]'
# One owner of two rooms is one owner record.
expect_true '[ "$(count "select count(*) from owner")" = 1 ]'
expect_true '[ "$(count "select count(distinct owner_id) from resident where name = '\''王建国'\''")" = 1 ]'
expect_true '[ "$(count "select r.name from building b join resident r on r.id = b.leader_id where b.name = '\''1'\''")" = 王建国 ]'
gov audit log --format json; expect_out '"action": "roster.import"'
expect_true '[ "$(count "select count(*) from audit_event where action = '\''roster.import'\''")" = 1 ]'
expect_true "grep -q \"$(sha256sum "$DATA/good.csv" | cut -c1-64)\" \"$WORK/.out\""

case_ "importing the same file again changes nothing"
before=$(db_state)
gov roster import "$DATA/good.csv"; expect_code 0
expect_out "0 new, 0 updated, 6 unchanged"; expect_out "nothing to change"
expect_true '[ "$(db_state)" = "$before" ]'

case_ "changed rows update; --dry-run writes nothing and shows examples"
sed 's/陈明,男,1980,幸福里,1,2,201,13900000003,租户,64.00/陈明,男,1980,幸福里,1,2,201,13900000003,租户,66.00/' "$DATA/good.csv" > changed.csv
before=$(db_state)
gov roster import changed.csv --dry-run; expect_code 0
expect_out "dry run: nothing was written"; expect_out "1 updated"; expect_out "建筑面积 64.00→66.00"
expect_true '[ "$(db_state)" = "$before" ]'
gov roster import changed.csv --format json; expect_code 0
expect_out '"updated": 1'; expect_out '"committed": true'
expect_true '[ "$(count "select area_centi from household where room = '\''201'\''")" = 6600 ]'

case_ "--sync moves out who is missing from the covered buildings, deleting nobody"
grep -v 陈明 changed.csv > fewer.csv
gov roster import fewer.csv --sync --moved-out-on 2026-11-20; expect_code 0
expect_out "1 moved out"
expect_true '[ "$(count "select active || moved_out from resident where name = '\''陈明'\''")" = 02026-11-20 ]'
expect_true '[ "$(count "select count(*) from resident")" = 6 ]'
gov roster import changed.csv; expect_code 0; expect_out "1 updated"
expect_true '[ "$(count "select active from resident where name = '\''陈明'\''")" = 1 ]'

case_ "encodings: GB18030 with 4-byte characters, a UTF-8 BOM, --encoding"
printf '%s\r\n𪚥䶮,女,1988,幸福里,9,1,101,13600000009,租户,50.00,否,否,2020-01-01,\r\n' "$HEADER" | iconv -f UTF-8 -t GB18030 > gb.csv
gov roster import gb.csv; expect_code 0; expect_out "(gb18030)"
expect_true '[ "$(count "select count(*) from resident where name = '\''𪚥䶮'\''")" = 1 ]'
printf '\xEF\xBB\xBF%s\r\n钱多,男,1970,幸福里,9,1,102,13600000010,业主,51.00,否,否,2020-01-01,\r\n' "$HEADER" > bom.csv
gov roster import bom.csv; expect_code 0; expect_out "(utf-8-bom)"
gov roster import gb.csv --encoding utf-8; expect_code 4; expect_err "gb.csv:1: invalid UTF-8"
gov roster import gb.csv --encoding latin1; expect_code 2

case_ "English headers and configured header names"
printf 'name,compound,building,unit,room,role,phone\n孙英,幸福里,9,1,103,租户,13600000011\n' > english.csv
gov roster import english.csv; expect_code 0; expect_out "1 new"

case_ "bad input is refused with the line and nothing changes"
: > empty.csv
refused empty.csv "empty.csv: the file is empty"
printf '%s\r\n' "$HEADER" > header-only.csv
refused header-only.csv "header-only.csv: the file has a header but no rows"
printf '姓名,性别,小区,楼栋,单元,电话\r\n张三,男,幸福里,1,1,13800000000\r\n' > missing.csv
refused missing.csv "missing.csv:1:" "房号" "姓名, 性别, 小区, 楼栋, 单元, 电话"
printf '%s,电话\r\n' "$HEADER" > dupcol.csv
refused dupcol.csv "dupcol.csv:1:" "电话"
printf '%s\r\n周一,男,1980,幸福里,1,1,102,13800000020,租户,50.00,否,否,2020-01-01\r\n' "$HEADER" > ragged.csv
refused ragged.csv "ragged.csv:2: has 13 fields, the header has 14"
printf '%s\r\n周二,男,1980,幸福里,1,1,102,13800000021,租户,50.00,否,否,2020-01-01,"no end\r\n' "$HEADER" > quote.csv
refused quote.csv "quote.csv:2:" "unterminated"
printf '%s\r\n周\xff三,男,1980,幸福里,1,1,102,13800000022,租户,50.00,否,否,2020-01-01,\r\n' "$HEADER" > badutf8.csv
refused badutf8.csv "badutf8.csv:2:"
{ printf '%s\r\n周四,男,1980,幸福里,1,1,102,13800000023,租户,50.00,否,否,2020-01-01,"' "$HEADER"; head -c 1048576 /dev/zero | tr '\0' 'x'; printf '"\r\n'; } > big.csv
refused big.csv "big.csv:2:"
printf '%s\r\n周五,男,1980,幸福里,1,1,102,13800000024,租户,50.00,否,否,2020-01-01,a\0b\r\n' "$HEADER" > nul.csv
refused nul.csv "nul.csv:2:" "NUL"
printf '%s\r\n周六,男,1980,幸福里,1,1,102,13800000025,租户,50.00,否,否,2020-01-01,\r\n周六,男,1980,幸福里,1,1,102,13800000025,租户,50.00,否,否,2020-01-01,\r\n' "$HEADER" > dup.csv
refused dup.csv "dup.csv:3: the same resident as line 2 (周六 in 幸福里/1-1-102)"
printf '%s\r\n甲,男,1980,幸福里,5,1,101,13800000031,业主,50.00,否,是,2020-01-01,\r\n乙,男,1980,幸福里,5,1,102,13800000032,业主,50.00,否,是,2020-01-01,\r\n' "$HEADER" > leaders.csv
refused leaders.csv "leaders.csv:3: 是否楼长: building 5 already has its leader on line 2"
printf '%s\r\n丙,男,1980,幸福里,5,1,103,13800000033,业主,abc,否,否,2020-01-01,\r\n丁,男,1980,幸福里,5,1,104,13800000034,业主,-5,否,否,2020-01-01,\r\n戊,男,1980,幸福里,5,1,105,13800000035,业主,50.123,否,否,2020-01-01,\r\n' "$HEADER" > area.csv
refused area.csv "area.csv:2: 建筑面积: \"abc\" is not an area" "area.csv:3: 建筑面积: \"-5\"" "area.csv:4: 建筑面积: \"50.123\""
printf '%s\r\n己,男,1980,幸福里,5,1,106,13800000036,业主,50.00,否,否,2023-02-30,\r\n' "$HEADER" > date.csv
refused date.csv "date.csv:2: 入住日期: \"2023-02-30\" is not a real date"
printf '%s\r\n,男,19x0,幸福里,5,1,107,1380000,房东,50.00,也许,否,2020-01-01,\r\n' "$HEADER" > many.csv
refused many.csv "many.csv:2: 姓名: required" "many.csv:2: 出生年份" "many.csv:2: 电话" "many.csv:2: 身份: \"房东\" is not a role" "many.csv:2: 是否党员"

case_ "--skip-invalid imports the valid rows; --errors writes a CSV for the clerk"
printf '%s\r\n庚,男,1980,幸福里,6,1,101,13800000041,业主,50.00,否,否,2020-01-01,\r\n辛,男,1980,幸福里,6,1,102,bad,业主,50.00,否,否,2020-01-01,\r\n' "$HEADER" > mixed.csv
gov roster import mixed.csv --errors errors.csv; expect_code 4
expect_true '[ -f errors.csv ] && grep -q "bad" errors.csv'
expect_true '[ "$(count "select count(*) from resident where name = '\''庚'\''")" = 0 ]'
gov roster import mixed.csv --skip-invalid; expect_code 0
expect_out "1 new"; expect_err "mixed.csv:3: 电话"
expect_true '[ "$(count "select count(*) from resident where name = '\''庚'\''")" = 1 ]'

case_ "the phone directory issue imports use is stored; a change of a resident's phone drops it"
expect_true '[ "$(count "select count(*) from phone_directory")" = 1 ]'
id=$(count "select id from resident where name = '陈明'")
gov resident update "$id" --phone 13900000099; expect_code 0
expect_true '[ "$(count "select count(*) from phone_directory")" = 0 ]'
# The next roster import that changes residents stores it again (陈明's
# old phone now finds no one by name and phone: a new resident).
gov roster import changed.csv; expect_code 0; expect_out "1 new"
expect_true '[ "$(count "select count(*) from phone_directory")" = 1 ]'
gov export ../records-dir >/dev/null; expect_code 0
expect_true '[ ! -e ../records-dir/phone_directory.jsonl ]'

case_ "dates as spreadsheets and people write them are read in cells and options"
printf '%s\r\n赵日,男,1970,幸福里,20,2,101,13600000020,业主,51.00,否,否,2020年1月30日,\r\n钱月,女,1971,幸福里,20,2,102,13600000021,业主,51.00,否,否,2020/1/30,\r\n孙号,女,1972,幸福里,20,2,103,13600000022,业主,51.00,否,否,２０２０年１月３０号,\r\n李点,男,1973,幸福里,20,2,104,13600000023,业主,51.00,否,否,2020.1.30,\r\n' "$HEADER" > dates.csv
gov roster import dates.csv; expect_code 0; expect_out "4 rows: 4 new"
expect_true '[ "$(count "select count(*) from resident where moved_in = '\''2020-01-30'\''")" = 4 ]'
head -2 dates.csv > sync.csv
gov roster import sync.csv --sync --moved-out-on 2026年11月20日; expect_code 0; expect_out "3 moved out"
expect_true '[ "$(count "select moved_out from resident where name = '\''钱月'\''")" = 2026-11-20 ]'
gov roster import dates.csv; expect_code 0; expect_out "3 updated"

case_ "phones a spreadsheet or a masked export spoiled: what happened and how to fix it"
printf '%s\r\n李科,男,1970,幸福里,9,3,101,1.38E+10,业主,51.00,否,否,,\r\n李浮,男,1970,幸福里,9,3,102,13800138000.0,业主,51.00,否,否,,\r\n李掩,男,1970,幸福里,9,3,103,137****6768,业主,51.00,否,否,,\r\n李长,男,1970,幸福里,9,3,104,1.38001E+10,业主,51.00,否,否,,\r\n' "$HEADER" > phones.csv
refused phones.csv \
    'phones.csv:2: 电话: "1.38E+10": Excel turned the phone into a number in scientific notation, which loses its last digits: format the column as Text and export again' \
    'phones.csv:3: 电话: "13800138000.0": a spreadsheet turned the phone into a number: format the column as Text and export again' \
    'phones.csv:4: 电话: this phone is masked (137****6768), as gov roster export writes it without --reveal-pii: import an export made with --reveal-pii, or the original file' \
    'phones.csv:5: 电话: "1.38001E+10": Excel turned the phone into a number'
# The real way to get masked phones: an export without --reveal-pii.
gov roster export -o masked.csv; expect_code 0
refused masked.csv "masked.csv:2: 电话: this phone is masked (138****" "as gov roster export writes it without --reveal-pii"

case_ "a known column with a unit in its name is an error that names it; unknown columns are reported"
for h in '建筑面积(㎡)' '面积（平方米）' '面积 m2' '建筑面积 ㎡' 'Area (m2)'; do
    sed "1s/建筑面积/$h/" "$DATA/good.csv" > unit.csv
    refused unit.csv "unit.csv:1: column 10 (J) \"$h\" looks like" "with a unit: rename the column to"
done
sed '1s/建筑面积/建筑面积(㎡)/' "$DATA/good.csv" > unit.csv
refused unit.csv 'unit.csv:1: column 10 (J) "建筑面积(㎡)" looks like 建筑面积 with a unit: rename the column to 建筑面积'
sed '1s/房号/房号（室）/' "$DATA/good.csv" > note.csv
refused note.csv 'note.csv:1: column 7 (G) "房号（室）" looks like 房号 with a note: rename the column to 房号' "missing required column(s): room"
sed '1s/出生年份/出生 年份/' "$DATA/good.csv" > spaced.csv
refused spaced.csv 'spaced.csv:1: column 3 (C) "出生 年份" looks like 出生年份: rename the column to 出生年份'
# A column gov does not read: a warning naming it (and what it may be), or
# with --strict an error before anything is written.
awk '{ sub(/\r$/, "") } NR == 1 { print $0 ",楼层,联系电话"; next } /^王浩/ { print; next } /^1\./ { print $0 ",3,"; next } { print $0 ",3," }' "$DATA/good.csv" > extra.csv
before=$(db_state)
gov roster import extra.csv --dry-run; expect_code 0
expect_err 'gov: warning: extra.csv:1: column 15 (O) "楼层" is not a roster column; ignored'
expect_err 'gov: warning: extra.csv:1: column 16 (P) "联系电话" is not a roster column; ignored'
expect_true '[ "$(db_state)" = "$before" ]'
gov roster import extra.csv --dry-run --format json; expect_code 0
expect_out '"warnings": ['; expect_out 'column 15 (O) \"楼层\" is not a roster column; ignored'
gov roster import extra.csv --strict; expect_code 4
expect_err "extra.csv: 2 column(s) that gov does not read; nothing was imported (--strict)"
expect_err 'extra.csv:1: column 15 (O) "楼层" is not a roster column'
expect_true '[ "$(db_state)" = "$before" ]'
gov roster import extra.csv --strict --dry-run; expect_code 4
gov roster import "$DATA/good.csv" --strict; expect_code 0
# Without the phone column, 联系电话 looks like it.
printf '姓名,小区,楼栋,单元,房号,身份,联系电话\r\n周一,幸福里,21,1,101,业主,13600000030\r\n' > nophone.csv
gov roster import nophone.csv --dry-run; expect_code 0
expect_err 'nophone.csv:1: column 7 (G) "联系电话" is not a roster column; ignored (did you mean 电话?)'
# Columns without a header are named too.
printf '姓名,小区,楼栋,单元,房号,身份,,\r\n周一,幸福里,21,1,101,业主,,\r\n' > blank.csv
gov roster import blank.csv --dry-run; expect_code 0
expect_err 'blank.csv:1: columns 7 (G), 8 (H) have no header; ignored'

case_ "--errors is a CSV for a spreadsheet: a byte order mark unless --no-bom"
gov roster import phones.csv --errors errors.csv; expect_code 4
expect_true '[ "$(head -c 3 errors.csv | od -An -tx1 | tr -d " ")" = efbbbf ]'
gov roster import phones.csv --errors errors2.csv --no-bom; expect_code 4
expect_true '[ "$(head -c 4 errors2.csv)" = file ]'

case_ "the audit chain stays intact"
gov audit verify; expect_code 0

case_ "the database itself is not a file to import: exit 4, nothing read"
before=$(sqlite3 gov.db "SELECT count(*) FROM audit_event")
gov roster import gov.db; expect_code 4; expect_err "that is the database itself"
gov issue import gov.db-wal; expect_code 4; expect_err "that is the database itself"
expect_true '[ "$(sqlite3 gov.db "SELECT count(*) FROM audit_event")" = "$before" ]'

case_ "other commands wait while a first roster is written, and the import is not disturbed"
# A first roster goes through a rollback journal (docs/reliability.md).
# 60,000 residents take a few tenths of a second, far under the busy
# timeout, and readers run all along: none may fail, and none may take the
# import's journal for a crashed one's (which happened when a raw
# descriptor of the database was closed during the import: that drops the
# import's locks; the import then failed with "database disk image is
# malformed" in three runs out of three).
cd "$WORK" && "$GOV" init big --name 大社区 >/dev/null && cd big || exit 1
awk -v h="$HEADER" 'BEGIN { print h; for (i = 0; i < 60000; i++)
    printf "居民%d,男,1980,幸福里,%d,%d,%d,138%08d,业主,50.00,否,否,2020-01-01,\n",
        i, int(i / 600) + 1, int(i / 100) % 6 + 1, 101 + i % 100, i }' > big.csv
"$GOV" roster import big.csv >import.out 2>&1 &
importer=$!
reader_failures=0
while kill -0 "$importer" 2>/dev/null; do
    "$GOV" roster stats >/dev/null 2>reader.err || { reader_failures=$((reader_failures + 1)); cat reader.err; }
done
wait "$importer"; code=$?
expect_code 0
expect_true '[ "$reader_failures" = 0 ]'
expect_true '[ "$(count "select count(*) from resident")" = 60000 ]'
expect_true '[ "$(count "pragma journal_mode")" = wal ]'
expect_true '[ "$(count "pragma integrity_check")" = ok ]'
expect_true '[ ! -e gov.db-journal ]'

case_ "progress: on a terminal's stderr only, never in a pipe or file"
GOV_PROGRESS_AFTER=0 gov roster export --reveal-pii -o big-export.csv; expect_code 0
expect_true '! grep -q "writing" "$WORK/.err"'
GOV_PROGRESS_AFTER=0 gov roster import big.csv --dry-run; expect_code 0
expect_true '! grep -q "reading" "$WORK/.err"'
if script -qec true /dev/null </dev/null >/dev/null 2>&1; then  # a pty to be had (not in every chroot)
    # A pseudo-terminal for stderr; stdout to a file.
    GOV_PROGRESS_AFTER=0 script -qefc "$GOV roster import big.csv --dry-run >pty.out" pty.log >/dev/null </dev/null
    expect_true 'grep -q "reading big.csv \[" pty.log'
    expect_true 'grep -q "100%" pty.log'
    expect_true '! grep -q "reading" pty.out'
    expect_true 'grep -q "60000 rows" pty.out'
    GOV_PROGRESS_AFTER=0 script -qefc "$GOV roster export >pty.out" pty.log >/dev/null </dev/null
    expect_true 'grep -q "writing the roster \[" pty.log'
    expect_true '! grep -q "writing" pty.out'
    # Work done before GOV_PROGRESS_AFTER (default 1 s) shows nothing, even on a terminal.
    GOV_PROGRESS_AFTER=3600 script -qefc "$GOV roster export >pty.out" pty.log >/dev/null </dev/null
    expect_true '! grep -q "writing" pty.log'
    # The records as text, and back: gov export and gov import.
    GOV_PROGRESS_AFTER=0 script -qefc "$GOV export ../big-records >pty.out" pty.log >/dev/null </dev/null
    expect_true 'grep -q "writing ../big-records \[" pty.log'
    expect_true 'grep -q "exported" pty.out && ! grep -q "writing" pty.out'
    mkdir ../big2 && cp gov.toml ../big2/ && cd ../big2 || exit 1
    GOV_PROGRESS_AFTER=0 script -qefc "$GOV import ../big-records >pty.out" pty.log >/dev/null </dev/null
    expect_true 'grep -q "reading ../big-records \[" pty.log'
    expect_true 'grep -q "imported" pty.out && ! grep -q "reading" pty.out'
    expect_true '[ "$(count "select count(*) from resident")" = 60000 ]'
    cd ../big || exit 1
else
    echo "roster_import.sh: no script(1): the terminal half of the progress case is skipped"
fi
GOV_PROGRESS_AFTER=0 gov export ../big-records-2; expect_code 0
expect_true '! grep -q "writing" "$WORK/.err"'

finish
