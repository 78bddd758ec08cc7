# End-to-end: gov proposal and gov vote — a Civil Code art. 278 vote from the
# roster to the stored result: the frozen electorate, paper and single
# ballots, every refusal with nothing changed, the tally by head and by area,
# closing, and the exported file that `gov tally` re-checks to the same result.
DATA=$(cd "$(dirname "$0")/../data/proposals" && pwd)  # before lib.sh moves to a scratch folder
. "$(dirname "$0")/lib.sh"

events() { sqlite3 gov.db "SELECT count(*) FROM audit_event"; }
dump() { sqlite3 gov.db .dump | md5sum; }
# unchanged CMD...: runs gov and checks that the database is byte for byte as before
unchanged() {
    local before; before=$(dump)
    gov "$@"
    [ "$(dump)" = "$before" ] && ok || bad "the database changed"
}

case_ "help"
gov proposal --help; expect_code 0; expect_out "export-ballots"
for sub in new list show open close withdraw tally export-ballots; do
    gov proposal $sub --help; expect_code 0; expect_out "Example"
done
gov vote --help; expect_code 0; expect_out "import"
for sub in cast import; do gov vote $sub --help; expect_code 0; expect_out "Example"; done

case_ "a community with owners, one of three rooms, and the developer's unsold units"
gov init c1 --name 滨湖明珠社区; expect_code 0
cd c1
gov roster import "$DATA/roster.csv"; expect_code 0
sqlite3 gov.db "UPDATE owner SET is_developer = 1 WHERE name = '开发商'"

case_ "a draft proposal"
gov proposal new --code P2025-001 --title 更换物业公司 --electorate owners --rule civil-code-278 \
    --proposer 13800000002 --seconder 王五 --revote refuse --closes 2026-12-10T18:00
expect_code 0
expect_out "made draft proposal P2025-001 (#1): 更换物业公司; rule civil-code-278; electorate: owners (by floor area)"
gov proposal show P2025-001 --format json; expect_code 0
expect_out '"status": "draft"'; expect_out '"closes_at": "2026-12-10T10:00:00Z"'
expect_out '"proposer": "李四 (1-1-201)"'; expect_out '"seconders": "王五 (1-1-202)"'
expect_out '"revote": "refuse"'; expect_out '"voters": 0'
# People read the community's local time; JSON keeps the instant.
gov proposal show P2025-001; expect_code 0
expect_out "Closes             2026-12-10 18:00"; expect_no_out "T10:00:00Z"; expect_no_out "UTC"
gov proposal list; expect_code 0; expect_out "2026-12-10 18:00"
gov proposal new --code P2025-001 --title again --electorate owners; expect_code 6
gov proposal new --title 按面积 --electorate households --rule civil-code-278; expect_code 4
expect_err "measures floor area"
gov proposal new --title x --electorate everyone; expect_code 2; expect_err "residents, households, owners, leaders or list"
gov proposal new --title x --electorate owners --rule '{"pass": ['; expect_code 4; expect_err "rule: invalid JSON"

case_ "no ballots on a draft"
unchanged vote cast P2025-001 --voter 1-1-101 --choice 同意; expect_code 6
expect_err "proposal P2025-001 is draft: ballots are accepted only while it is open"
unchanged vote import P2025-001 "$DATA/ballots.csv"; expect_code 6

case_ "opening freezes the electorate"; pinned
gov proposal open P2025-001; expect_code 0
expect_out "opened proposal P2025-001: 8 voter(s), owners (by floor area); ballots until 2026-12-10 18:00"
gov proposal open P2025-001; expect_code 6; expect_err "cannot open proposal P2025-001: it is open"
# A later roster change (a corrected area, a new owner) does not reach the vote.
sqlite3 gov.db "UPDATE household SET area_centi = 99999 WHERE room = '101'"

case_ "paper ballots with problems: every one by line, nothing imported"
before=$(events)
unchanged vote import P2025-001 "$DATA/bad-ballots.csv"; expect_code 4
expect_err "bad-ballots.csv: 6 problem(s) in 7 row(s); nothing was imported"
expect_err "bad-ballots.csv:3: 房号: 2-1-201 is not in the electorate of proposal P2025-001"
expect_err "bad-ballots.csv:4: 房号: second ballot from 1-1-202 in this file (first: line 2)"
expect_err 'bad-ballots.csv:5: 提案编号: no proposal "P2025-002"; recent proposals: P2025-001'
expect_err 'bad-ballots.csv:6: 房号: no building "9"; buildings are: 幸福里/1, 幸福里/2'
expect_err 'bad-ballots.csv:7: 意见: "赞同" is not a choice here'
expect_err "bad-ballots.csv:8: 房号: empty"
expect_true '[ "$(events)" = "$before" ]'

case_ "paper ballots: one transaction, one audit event with the file's hash"
gov vote import P2025-001 "$DATA/ballots.csv"; expect_code 0
expect_out "P2025-001: imported 6 ballot(s) (6 new, 0 replacing earlier ones) from ballots.csv"
expect_out "file sha256 $(sha256sum "$DATA/ballots.csv" | cut -d' ' -f1)"
expect_true '[ "$(events)" = "$((before + 1))" ]'
gov audit log --limit 1 --format json; expect_code 0
expect_out '"action": "vote.import"'; expect_out '\"rows\":6'

case_ "single ballots and their refusals"
gov vote cast P2025-001 --voter 1-1-202 --choice 弃权 --channel online; expect_code 0
expect_out "recorded the ballot of 1-1-202 on P2025-001"
unchanged vote cast P2025-001 --voter 1-1-202 --choice 同意; expect_code 6
expect_err "1-1-202 has already voted on proposal P2025-001"
unchanged vote cast P2025-001 --voter 2-1-201 --choice 同意; expect_code 6
expect_err "2-1-201 is not in the electorate of proposal P2025-001"
unchanged vote cast P2025-001 --voter 1-1-999 --choice 同意; expect_code 5
unchanged vote cast P2025-001 --voter 13800000001 --choice 同意; expect_code 4
expect_err "138****0001 names 3 voters of proposal P2025-001: 1-1-101, 1-1-102, 1-1-103; name the room instead"
unchanged vote cast P2025-001 --voter 2-1-101 --choice 可以; expect_code 4
unchanged vote cast P2025-001 --voter 2-1-101 --choice 同意 --channel post; expect_code 2
unchanged vote cast P2025-001 --voter 2-1-101; expect_code 2
unchanged vote cast P2025-009 --voter 2-1-101 --choice 同意; expect_code 5

case_ "tally by head and by area: exactly half of the owners is not more than half"
gov proposal tally P2025-001; expect_code 0
expect_out_file "$DATA/tally-half.txt"
expect_out "[NOT MET] pass: yes heads 2 of cast 4 = 1/2 (50.00%); required > 1/2 (50.00%)"

case_ "the export re-tallies to the same result"
gov proposal tally P2025-001 --format json; expect_code 0; cp "$WORK/.out" live.json
gov proposal export-ballots P2025-001 -o P2025-001.json; expect_code 0
expect_true 'grep -q "\"id\": \"v1\", \"weight\": \"88.50\", \"group\": \"owner-1\"" P2025-001.json'
expect_true '! grep -q "1-1-101" P2025-001.json'
gov tally P2025-001.json --format json; expect_code 0
expect_out_file live.json
gov proposal export-ballots P2025-001 -o P2025-001.json; expect_code 6; expect_err "already exists"
before=$(events)
gov proposal export-ballots P2025-001 --reveal-pii; expect_code 0
expect_out '{"id": "1-1-101", "weight": "88.50", "group": "owner-1"}'
expect_true '[ "$(events)" = "$((before + 1))" ]'
gov audit log --limit 1; expect_code 0; expect_out "proposal.export_ballots"

case_ "one more owner: passed by head and by area"
gov vote cast P2025-001 --voter 13800000004 --choice 同意; expect_code 0
expect_out "recorded the ballot of 2-1-101 on P2025-001"
gov proposal tally P2025-001; expect_code 0
expect_out "Provisional tally of proposal P2025-001 (open; 8 of 8 voters have voted)"
expect_out "[met] pass: yes heads 3 of cast 5 = 3/5 (60.00%); required > 1/2 (50.00%)"
expect_out "Outcome: PASSED"

case_ "closing stores the result for good"; pinned
gov proposal tally P2025-001 --format json; expect_code 0; cp "$WORK/.out" before-close.json
gov proposal close P2025-001; expect_code 0
expect_out "Final result of proposal P2025-001, closed at 2026-11-27 17:00: passed"
gov proposal tally P2025-001 --format json; expect_code 0; expect_out_file before-close.json
expect_true '[ "$(sqlite3 gov.db "SELECT outcome FROM proposal WHERE code = '"'"'P2025-001'"'"'")" = passed ]'
unchanged proposal close P2025-001; expect_code 6; expect_err "cannot close proposal P2025-001: it is closed"
unchanged vote cast P2025-001 --voter 1-1-101 --choice 反对; expect_code 6
unchanged proposal withdraw P2025-001; expect_code 6; expect_err "it is closed"
gov proposal export-ballots P2025-001 -o closed.json; expect_code 0
gov tally closed.json --format json; expect_code 0; expect_out_file before-close.json

case_ "withdrawing, listing"
gov proposal new --title 选楼长代表 --method irv --option 张三,李四 --electorate leaders; expect_code 0
expect_out "made draft proposal #2: 选楼长代表; rule none; electorate: building leaders"
gov proposal withdraw 2 --reason 提案人撤回; expect_code 0; expect_out "withdrew proposal #2"
unchanged proposal open 2; expect_code 6
unchanged proposal tally 2; expect_code 6
gov proposal list --format json; expect_code 0
expect_out '"code": "P2025-001"'; expect_out '"outcome": "passed"'; expect_out '"status": "withdrawn"'
gov proposal list --status open --format json; expect_code 0; expect_out "[]"
gov proposal list; expect_code 0; expect_out "更换物业公司"
gov proposal list --status maybe; expect_code 2

case_ "import --all, and a proposal column naming another proposal"
gov proposal new --code P2025-003 --title 增设充电桩 --electorate households; expect_code 0
gov proposal open P2025-003; expect_code 0
printf '提案编号,房号,意见\nP2025-003,2-1-201,同意\n' > other.csv
gov vote import --all other.csv; expect_code 0; expect_out "P2025-003: imported 1 ballot(s)"
printf '提案编号,房号,意见\nP2025-001,1-1-201,同意\n' > wrong.csv
unchanged vote import P2025-003 wrong.csv; expect_code 4
expect_err '"P2025-001" is another proposal than P2025-003'
gov vote import P2025-003 wrong.csv other.csv; expect_code 2

case_ "vote import: phones a spreadsheet spoiled, columns gov does not read, --strict, progress"
printf '提案编号,房号,意见\nP2025-003,1.38E+10,同意\nP2025-003,138****0002,同意\n' > phones.csv
unchanged vote import P2025-003 phones.csv; expect_code 4
expect_err 'phones.csv:2: 房号: "1.38E+10": Excel turned the phone into a number in scientific notation'
expect_err 'phones.csv:3: 房号: this phone is masked (138****0002), as gov roster export writes it without --reveal-pii'
printf '房号,意见,姓名\n1-1-201,同意,李四\n' > named.csv
gov vote import P2025-003 named.csv; expect_code 0; expect_out "imported 1 ballot(s)"
expect_err 'gov: warning: named.csv:1: column 3 (C) "姓名" is not a ballot column; ignored'
unchanged vote import P2025-003 named.csv --strict; expect_code 4
expect_err "named.csv: 1 column(s) that gov does not read; nothing was imported (--strict)"
printf '房号（楼-单元-室）,意见\n1-1-201,同意\n' > note.csv
unchanged vote import P2025-003 note.csv; expect_code 4
expect_err 'note.csv:1: column 1 (A) "房号（楼-单元-室）" looks like 房号 with a note: rename the column to 房号'
# Progress never goes into a pipe or a file; on a terminal, to stderr only.
GOV_PROGRESS_AFTER=0 gov vote import P2025-003 named.csv; expect_code 0
expect_true '! grep -q "reading" "$WORK/.err"'
if script -qec true /dev/null </dev/null >/dev/null 2>&1; then  # a pty to be had (not in every chroot)
    GOV_PROGRESS_AFTER=0 script -qefc "$GOV vote import P2025-003 named.csv >pty.out" pty.log >/dev/null </dev/null
    expect_true 'grep -q "reading named.csv \[" pty.log'
    expect_true '! grep -q "reading" pty.out'
    expect_true 'grep -q "imported 1 ballot" pty.out'
else
    echo "proposal.sh: no script(1): the terminal half of the progress case is skipped"
fi

case_ "the audit log is intact"
gov audit verify; expect_code 0

finish
