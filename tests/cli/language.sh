# End-to-end: which language gov speaks — GNU gettext's rules over LANGUAGE,
# LC_ALL, LC_MESSAGES and LANG, --lang anywhere on the command line — and
# that only what people read changes: machine output is the same bytes in
# both languages (docs/cli.md, "Language").
DATA=$(cd "$(dirname "$0")/../data/issues" && pwd)  # before lib.sh moves to a scratch folder
. "$(dirname "$0")/lib.sh"

# with_env ENV... -- ARGS...: gov with exactly these locale variables.
with_env() {
    local vars=()
    while [ "$1" != -- ]; do vars+=("$1"); shift; done
    shift
    env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG "${vars[@]}" "$GOV" "$@" >"$WORK/.out" 2>"$WORK/.err"
    code=$?
}
chinese() { expect_out "用法"; expect_no_out "Usage:"; }
english() { expect_out "Usage:"; expect_no_out "用法"; }

case_ "LANG chooses, as for every GNU tool"
with_env LANG=zh_CN.UTF-8 -- --help; expect_code 0; chinese; expect_out "社区居民自治"
with_env LANG=en_US.UTF-8 -- --help; expect_code 0; english
with_env -- --help; expect_code 0; english
with_env LANG=C -- --help; english
with_env LANG=zh_CN.GB18030 -- --help; chinese

case_ "LC_ALL over LC_MESSAGES over LANG"
with_env LC_ALL=en_US.UTF-8 LANG=zh_CN.UTF-8 -- --help; english
with_env LC_ALL=zh_CN.UTF-8 LANG=en_US.UTF-8 -- --help; chinese
with_env LC_MESSAGES=zh_CN.UTF-8 LANG=en_US.UTF-8 -- --help; chinese
with_env LC_MESSAGES=en_US.UTF-8 LANG=zh_CN.UTF-8 -- --help; english

case_ "LANGUAGE: the first entry gov speaks, never under the C locale"
with_env LANGUAGE=zh_CN LANG=en_US.UTF-8 -- --help; chinese
with_env LANGUAGE=fr:zh_CN:en LANG=en_US.UTF-8 -- --help; chinese
with_env LANGUAGE=en:zh_CN LANG=zh_CN.UTF-8 -- --help; english
with_env LANGUAGE=fr LANG=zh_CN.UTF-8 -- --help; chinese
with_env LANGUAGE=zh_CN LANG=C -- --help; english
with_env LANGUAGE=zh_CN -- --help; english
with_env LANGUAGE=zh_CN LC_ALL=C.UTF-8 -- --help; chinese

case_ "--lang overrides the environment, anywhere before --"
with_env LANG=zh_CN.UTF-8 -- --lang en --help; expect_code 0; english
with_env LANG=en_US.UTF-8 -- --lang zh_CN --help; expect_code 0; chinese
with_env -- --lang=zh_CN --help; chinese
with_env -- issue list --help --lang zh; expect_code 0; chinese; expect_out "gov issue list"
with_env -- --lang zh_CN --lang en --help; english
with_env -- --lang zh-CN --help; chinese
with_env -- --help --lang fr; expect_code 2; expect_err 'gov: error: unknown language "fr" for --lang'
expect_err "en (English), zh_CN"
with_env LANG=zh_CN.UTF-8 -- --help --lang fr; expect_code 2; expect_err "gov: 错误:"
with_env -- --help --lang; expect_code 2; expect_err "--lang needs a language"
# The top level's help lists --lang.
with_env -- --help; expect_out "--lang TEXT"

case_ "errors, parse errors and typos in Chinese"
gov init c1 --name 滨湖明珠社区; expect_code 0
cd c1
with_env -- issue show 99 --lang zh_CN; expect_code 5; expect_err "gov: 错误:"; expect_no_out "error"
with_env -- issue lsit --lang zh_CN; expect_code 2; expect_err "gov: 错误:"; expect_err '"list"'
with_env LANG=zh_CN.UTF-8 -- issue list --bogus; expect_code 2; expect_err "gov: 错误:"
expect_err "--bogus"
with_env LANG=zh_CN.UTF-8 -- issue add; expect_code 2; expect_err "gov: 错误:"
with_env -- issue add; expect_code 2; expect_err "gov: error: title is required"
with_env LANG=zh_CN.UTF-8 -- issue list --limit x; expect_code 2; expect_err "gov: 错误:"
# The same typos in English are still as before (tests/cli/usage.sh).
with_env -- issue lsit; expect_code 2; expect_err 'unknown command "lsit" in "gov issue"; did you mean "list"?'
with_env -- issue list --bogus; expect_code 2; expect_err "The following argument was not expected: --bogus"

case_ "machine output is the same bytes in both languages"; pinned
gov roster import "$DATA/roster.csv"; expect_code 0
gov issue add "1号楼外墙瓷砖脱落" --category 安全隐患 --building 1; expect_code 0
for args in "issue list --format json" "issue list --format csv" "issue show 1 --format json" \
            "report summary --format json" "roster export" "issue export" "meeting list --format ics"; do
    "$GOV" $args > en.out 2>&1
    LANGUAGE=zh_CN "$GOV" $args > zh.out 2>&1
    expect_true "cmp -s en.out zh.out || { echo '$args differs'; diff en.out zh.out | head; false; }"
done
"$GOV" export en-records > /dev/null 2>&1; LANGUAGE=zh_CN "$GOV" export zh-records > /dev/null 2>&1
expect_true 'diff -r en-records zh-records'
expect_true '[ -s en-records/manifest.json ]'
# …and what people read does change.
with_env LANG=zh_CN.UTF-8 -- issue list; expect_code 0; expect_no_out "Title"
with_env -- issue list; expect_code 0; expect_out "Title"
cd ..

case_ "help columns line up by display width in Chinese"
bad_lines=""
for path in "" "issue add" "meeting new" "vote import" "roster import"; do
    with_env LANG=zh_CN.UTF-8 -- $path --help
    # Each option's description starts at the same display column as the
    # first one's in its block (CLI11 pads names to 30 columns).
    python3 - "$WORK/.out" "$path" <<'PY' || bad_lines="$bad_lines [$path]"
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
wrong = []
for line in lines:
    if not line.startswith('  -') and not line.startswith('  --'):
        continue
    name_end = line.find('  ', 2)
    if name_end < 0:
        continue
    rest = line[name_end:]
    start = name_end + (len(rest) - len(rest.lstrip(' ')))
    if width(line[:start]) != 30 and width(line[:name_end]) < 30:
        wrong.append(line)
if wrong:
    print('misaligned in', sys.argv[2] or 'gov', *wrong, sep='\n  ')
    sys.exit(1)
PY
done
expect_true '[ -z "$bad_lines" ]'

case_ "without its catalogues gov speaks English"
mkdir -p elsewhere/bin
cp "$GOV" elsewhere/bin/gov
env -u LANGUAGE LANG=zh_CN.UTF-8 elsewhere/bin/gov --help > help.txt 2>&1; code=$?
expect_code 0; expect_true 'grep -q "^Usage:" help.txt'

finish
