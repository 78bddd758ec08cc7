#!/usr/bin/env bash
# A tour of gov on a fresh community, in a new temporary folder:
#   bash examples/demo.sh [PATH/TO/gov] [FOLDER]
# It grows with every capability gov gains.
set -euo pipefail
GOV=$(realpath "${1:-build/cli/gov}")
EXAMPLES=$(cd "$(dirname "$0")" && pwd)
DIR=${2:-$(mktemp -d "${TMPDIR:-/tmp}/gov-demo.XXXXXX")}
export GOV_ACTOR=${GOV_ACTOR:-社区工作人员}

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold="" plain=""; fi
step() { printf '\n%s== %s%s\n' "$bold" "$*" "$plain"; }
run() { printf '$ gov %s\n' "$*"; "$GOV" "$@"; }

# Every date the demo types is counted from today in the community's local
# time (UTC+8, the default of gov init), so it works on any day: "today" is
# GOV_NOW when set (without an offset it is local time, as gov reads it),
# else the clock. TZ=UTC-8 is POSIX for UTC+8 and needs no time zone files.
day() { TZ=UTC-8 date -d "$1" +%Y-%m-%d; }
today=$(day "${GOV_NOW:-now}")
year=${today:0:4}
next_month=$(TZ=UTC-8 date -d "${today:0:7}-01 +1 month" +%Y-%m)
due_action=$(day "$today +60 days")   # after next month's meeting, whatever today is
due_project=$(day "$today +90 days")
proposal=P$year-001
if [ -n "${GOV_NOW:-}" ]; then
    printf 'Today is %s (GOV_NOW=%s).\n' "$today" "$GOV_NOW"
else
    printf 'Today is %s (the clock; set GOV_NOW to replay another day).\n' "$today"
fi

step "1. Create a community: gov.toml and its SQLite database in $DIR"
run init "$DIR" --name 滨湖明珠社区
cd "$DIR"

step "2. Check the configuration (every key validated) and show its effective values"
run config check
run config show

step "3. Every change is in the hash-chained audit log"
run audit log --format markdown
run audit verify

step "4. The termly roster arrives: check it first (--dry-run writes nothing), then import it"
run roster import "$EXAMPLES/data/roster-2026-autumn.csv" --dry-run --examples 3
run roster import "$EXAMPLES/data/roster-2026-autumn.csv"
run roster import "$EXAMPLES/data/roster-2026-autumn.csv"
run audit log --limit 1 --format json

step "5. The partners who act on what residents raise"
run party add 物业服务中心 --kind property_management
run party add 业主委员会 --kind owners_committee

step "6. Residents raise problems; each gets a deadline from its category"
run issue add "1号楼电梯经常停运" --category 设施维修 --severity 大事 --building 1 --raised-by 13755100004 --assign 物业服务中心 --tag 痛点
run issue add "2号楼楼道堆放杂物，存在消防隐患" --category 安全隐患 --building 2 --raised-by 赵丽 --assign 物业服务中心 --priority 紧急
run issue add "学府雅苑夜间广场舞噪音" --category 噪音 --building 3 --raised-by 吴婷 --tag 难点
run issue update 2 --status in_progress
run issue resolve 2 --resolution "物业已清理楼道并张贴提示"
run issue comment 1 "已联系电梯维保单位，周五前检修"
run issue list
run issue show 1

step "7. The owners vote on replacing the lifts: Civil Code art. 278, by head and by floor area"
run proposal new --code $proposal --title "使用专项维修资金更换1号楼电梯" --electorate owners --rule civil-code-278-major --issue 1
run proposal open $proposal
run vote cast $proposal --voter 1-1-101 --choice 同意
run vote cast $proposal --voter 1-2-201 --choice 同意
run vote cast $proposal --voter 2-1-301 --choice 同意
run vote cast $proposal --voter 2-1-302 --choice 反对
run vote cast $proposal --voter 3-1-101 --choice 同意
run vote cast $proposal --voter 3-1-201 --choice 同意
run proposal tally $proposal
run proposal close $proposal

step "8. The monthly building leaders' meeting: its agenda is written from the records"
run meeting schedule --type leaders --from "$next_month" --count 3 --rule "first saturday 19:00"
run meeting agenda next
run meeting agenda next --format html -o agenda.html
run meeting attend 1 --present 王建国,赵丽,吴婷 --party 物业服务中心=张经理
run meeting minutes 1 --item 1 --decision "物业两周内修复电梯" --action "修复1号楼电梯" --assign 物业服务中心 --due "$due_action"
run meeting close 1
run meeting agenda 2 --format text

step "9. A practical project for residents: funding, deliveries, progress"
run party add 共建单位A --kind co_building_unit
run project new "更新小区健身器材" --lead 物业服务中心 --partner 业主委员会 --budget 36000 --due "$due_project" --target 健身器材=6 --issue 3
run project status 1 active
run project fund 1 --from 共建单位A --amount 12000.00
run project deliver 1 --item 健身器材 --count 4
run project list --format markdown

step "10. Where things stand: the status summary, with a gate for CI"
run report summary
run report summary --format html -o summary.html
if "$GOV" report summary --format markdown --fail-on 'overdue > 0' --fail-on 'open[severity=大事] > 0' >/dev/null; then
    echo "(no gate tripped)"
else
    echo "(a gate tripped: exit $?)"
fi

step "11. The records as text, for version control: export, rebuild, export again"
run export records
mkdir rebuilt && cp gov.toml rebuilt/
(cd rebuilt && run import ../records && run export ../records-again)
diff -r records records-again && echo "identical"

step "12. Look after the file: integrity check, and an online backup"
run db check
run db backup backup.db

printf '\nThe community lives in %s; cd there and try `gov --help`.\n' "$DIR"
