# End-to-end: what gov says when a command line is not one it can run —
# gov help, bare groups, typos, CLI11's parse errors — and the one --format
# vocabulary (docs/cli.md, "Getting help" and "Output formats").
. "$(dirname "$0")/lib.sh"

# The command paths `gov --help` leads to ("", "issue", "issue add", …).
commands() {
    local path=$1
    echo "$path"
    "$GOV" $path --help | awk '/^Subcommands:/ { f = 1; next } f && /^  [a-z]/ { print $1 } /^$/ { f = 0 }' |
        while read -r sub; do
            [ -z "$path" ] && [ "$sub" = help ] && continue
            commands "${path:+$path }$sub"
        done
}
commands "" > paths
expect_true '[ "$(wc -l < paths)" -gt 80 ]'
expect_true 'grep -qx "meeting item add" paths'

case_ "gov help is --help"
gov help; expect_code 0; cp "$WORK/.out" help.txt
gov --help; expect_code 0; expect_out_file help.txt
expect_out "help"; expect_out "Exit codes: 0 ok"; expect_out "meeting"
gov help meeting item add; expect_code 0; cp "$WORK/.out" help.txt
gov meeting item add --help; expect_out_file help.txt
# Every command, at every depth: the same bytes on stdout, exit 0.
differ=""
while read -r path; do
    "$GOV" $path --help > a.txt 2>&1 || differ="$differ [$path: --help failed]"
    "$GOV" help $path > b.txt 2>&1 || differ="$differ [$path: help failed]"
    cmp -s a.txt b.txt || differ="$differ [$path]"
done < paths
expect_true '[ -z "$differ" ] || { echo "differ:$differ"; false; }'
gov help nosuch; expect_code 2; expect_err 'gov: error: unknown command "nosuch"'; expect_err "commands: init,"
gov help isue; expect_code 2; expect_err 'unknown command "isue"; did you mean "issue"?'
gov help issue lsit; expect_code 2
expect_err 'unknown command "lsit" in "gov issue"; did you mean "list"?'
gov help --help; expect_code 0; expect_out "gov help"

case_ "a bare group prints its help on stderr, exit 2"
gov issue; expect_code 2; expect_true '[ ! -s "$WORK/.out" ]'
"$GOV" issue --help > help.txt; expect_true 'cmp -s help.txt "$WORK/.err"'
expect_err "Subcommands:"; expect_err "list"; expect_err "Example: gov issue add"
gov meeting item; expect_code 2
"$GOV" meeting item --help > help.txt; expect_true 'cmp -s help.txt "$WORK/.err"'
expect_err "remove"
gov; expect_code 2
"$GOV" --help > help.txt; expect_true 'cmp -s help.txt "$WORK/.err"'
gov --as 王 ; expect_code 2; expect_err "Subcommands:"
# Every group: its help on stderr, nothing on stdout, exit 2.
wrong=""
while read -r path; do
    "$GOV" $path --help > help.txt
    grep -q '^Subcommands:' help.txt || continue
    "$GOV" $path > a.txt 2> b.txt; rc=$?
    { [ "$rc" = 2 ] && [ ! -s a.txt ] && cmp -s help.txt b.txt; } || wrong="$wrong [$path]"
done < paths
expect_true '[ -z "$wrong" ] || { echo "wrong:$wrong"; false; }'

case_ "a group's --help lists its commands and the footer"
gov issue --help; expect_code 0; expect_out "add"; expect_out "export"; expect_out "Example: gov issue add"
gov config --help; expect_code 0; expect_out "check"; expect_out "Exit codes: 0 ok"
gov meeting item --help; expect_code 0; expect_out "move"; expect_out "Example: gov meeting item add"

case_ "typos below the top level"
gov issue lsit; expect_code 2
expect_err 'gov: error: unknown command "lsit" in "gov issue"; did you mean "list"?'
expect_err "commands: add, list, show,"
gov meeting item ad 3 --text x; expect_code 2
expect_err 'unknown command "ad" in "gov meeting item"; did you mean "add"?'
gov issue re 4; expect_code 2; expect_err 'did you mean "resolve", "reopen" or "reject"?'
gov project milestone dnoe 1 2; expect_code 2; expect_err 'in "gov project milestone"; did you mean "done"?'
gov issue frobnicate; expect_code 2; expect_err 'unknown command "frobnicate" in "gov issue"'
expect_no_out "did you mean"; expect_true '! grep -q "did you mean" "$WORK/.err"'
gov isue list; expect_code 2; expect_err 'gov: error: unknown command "isue"; did you mean "issue"?'
gov --as 王 meetnig list; expect_code 2; expect_err 'did you mean "meeting"?'
gov imprt x; expect_code 2; expect_err 'did you mean "import"?'

case_ "CLI11's parse errors: gov: error: and a hint, exit 2"
gov issue add; expect_code 2
expect_err 'gov: error: title is required'; expect_err 'run "gov issue add --help" for usage'
gov issue add 漏水 --bogus; expect_code 2
expect_err 'gov: error: The following argument was not expected: --bogus'
expect_err 'run "gov issue add --help" for usage'
gov issue list --limit soon; expect_code 2; expect_err 'gov: error: '; expect_err '--limit'
expect_err 'run "gov issue list --help" for usage'
gov issue show 1 2 3; expect_code 2
expect_err 'gov: error: The following arguments were not expected: 2 3'
gov meeting new --date 2026-12-01; expect_code 2; expect_err 'gov: error: --type is required'
expect_err 'run "gov meeting new --help" for usage'
gov issue list --format; expect_code 2; expect_err 'gov: error: --format'
gov --config; expect_code 2; expect_err 'gov: error: --config'; expect_err 'run "gov --help" for usage'
gov issue --bogus; expect_code 2
expect_err 'gov: error: The following argument was not expected: --bogus'
expect_err 'run "gov issue --help" for usage'
gov meeting item add 3 --issue 1 --text x; expect_code 2; expect_err 'gov: error: --issue excludes --text'
expect_true '! grep -q "Run with --help" "$WORK/.err"'
gov --version; expect_code 0; expect_out "gov 0."; expect_true '[ ! -s "$WORK/.err" ]'
gov issue add --help; expect_code 0; expect_out "Usage: gov issue add"; expect_true '[ ! -s "$WORK/.err" ]'
if script -qec true /dev/null </dev/null >/dev/null 2>&1; then  # a pty to be had (not in every chroot)
    # Red only on a terminal, and never with NO_COLOR.
    env -u NO_COLOR script -qec "$GOV issue add" /dev/null > tty.txt
    expect_true 'grep -q "$(printf "\033")\[31mgov: error:" tty.txt'
    NO_COLOR=1 script -qec "$GOV issue add" /dev/null > tty.txt
    expect_true 'grep -q "^gov: error: title is required" tty.txt'
fi
env -u NO_COLOR "$GOV" issue add 2> plain.txt
expect_true 'grep -q "^gov: error: title is required" plain.txt'

case_ "one --format vocabulary: a word a command cannot write is exit 2, listing what it can"
# Refused before any configuration is looked for (no gov.toml here).
gov issue list --format pdf; expect_code 2
expect_err 'gov: error: --format: "pdf" is not one this command writes; it writes: table, text, json, csv, markdown'
expect_err 'run "gov issue list --help" for usage'
gov audit log --format yaml; expect_code 2; expect_err 'it writes: table, text, json, csv, markdown'
gov issue show 1 --format csv; expect_code 2
expect_err '--format: "csv" is not one this command writes; it writes: text, json'
gov issue add x --format table; expect_code 2; expect_err 'it writes: text, json'
gov project new x --format markdown; expect_code 2; expect_err 'it writes: text, json'
gov roster show 1 --format csv; expect_code 2; expect_err 'it writes: text, json'
gov proposal tally P1 --format csv; expect_code 2; expect_err 'it writes: text, json'
gov tally x.json --format html; expect_code 2; expect_err 'it writes: text, json'
gov meeting list --format html; expect_code 2; expect_err 'it writes: table, text, json, csv, markdown, ics'
gov meeting show 1 --format html; expect_code 2; expect_err 'it writes: table, text, json, csv, markdown, ics'
gov meeting agenda 1 --format pdf; expect_code 2; expect_err 'it writes: text, json, markdown, html, ics'
gov report summary --format table2; expect_code 2; expect_err 'it writes: text, json, csv, markdown, html'
gov issue export --format json; expect_code 2; expect_err 'it writes: csv, jsonl'
gov issue import x.csv --format xlsx; expect_code 2
expect_err '--format: "xlsx" is not one this command reads; it reads: csv, jsonl'
gov issue import x.csv --report csv; expect_code 2
expect_err '--report: "csv" is not one this command writes; it writes: text, json'
gov meeting minutes 1 --format json; expect_code 2
expect_err '--format: "json" is not one this command writes without --item; it writes: markdown, html'
gov meeting minutes 1 --item 1 --note x --format html; expect_code 2
expect_err 'with --item; it writes: text, json'

case_ "every word still works, and text on a listing is the table"
gov init c --name 滨湖; expect_code 0
cd c
gov issue add 三号楼电梯故障 --category 设施维修 --format json; expect_code 0; expect_out '{"id":1}'
gov issue add 楼道堆物 --category 环境卫生 --format text; expect_code 0; expect_out "2"
gov issue list --format table; expect_code 0; cp "$WORK/.out" ../table.txt
gov issue list --format text; expect_code 0; expect_out_file ../table.txt
gov issue list; expect_out_file ../table.txt
for f in json csv markdown; do gov issue list --format $f; expect_code 0; done
gov audit log --format text; expect_code 0; expect_out "community.init"
gov meeting new --type leaders --date 2026-12-05; expect_code 0
gov meeting show 1 --format text; expect_code 0; cp "$WORK/.out" ../show.txt
gov meeting show 1; expect_out_file ../show.txt
gov meeting show 1 --format ics; expect_code 0; expect_out "BEGIN:VCALENDAR"
for f in text json markdown html ics; do gov meeting agenda 1 --format $f; expect_code 0; done
gov meeting minutes 1; expect_code 0
gov meeting minutes 1 --format html; expect_code 0; expect_out "<html"
for f in text json csv markdown html; do gov report summary --format $f; expect_code 0; done
gov issue export --format jsonl; expect_code 0; expect_out '"三号楼电梯故障"'
cd ..

case_ "roster import and export refuse a --format word as every command does"
gov roster export --format pdf; expect_code 2
expect_err '--format: "pdf" is not one this command writes; it writes: json, csv'
gov roster import x.csv --format yaml; expect_code 2
expect_err '--format: "yaml" is not one this command writes; it writes: text, json'

finish
