#!/usr/bin/env bash
# gov's benchmarks: whole `gov` processes timed side by side with baselines
# in the same hyperfine run, plus peak memory.
#
#   bench/run.sh DATA_DIR [RUNS]        data written by bench/gen.py (any folder
#                                       with roster.csv; issues.csv and
#                                       ballots.csv are measured when present)
#   bench/run.sh --generate N [RUNS]    first generate N residents (seed 1)
#                                       into $WORK/data-N with bench/gen.py
#
# RUNS is the number of timed runs per command (default 5), after one
# warm-up run; the page cache is warm. Environment:
#   GOV   the gov binary (default: build-bench/cli/gov in this repository;
#         this script builds nothing — build a Release first)
#   WORK  scratch folder (default /tmp/gov-bench-work). Results go to
#         $WORK/results-<name of DATA_DIR>: one hyperfine JSON per group,
#         peak RSS figures, gov's own import reports and summary.md.
#
# A group is one hyperfine run: gov's command first, then its baselines; the
# summary gives gov's median over each baseline's median. To benchmark a new
# command, write a bench_<name> function in the style of the ones below (a
# guard with has_gov_command, fixtures made once, then one `group` call)
# and add it to the list at the end.
set -euo pipefail

usage() { # usage EXIT_CODE: the comment above, on stderr unless asked for
    if [[ $1 -eq 0 ]]; then
        sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
    else
        sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
    fi
    exit "$1"
}

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
GOV=${GOV:-$REPO/build-bench/cli/gov}
WORK=${WORK:-/tmp/gov-bench-work}

[[ $# -ge 1 ]] || usage 2
case $1 in -h | --help) usage 0 ;; esac

# --- tools ------------------------------------------------------------------

need_tools() {
    local missing=() pkgs=()
    command -v hyperfine >/dev/null || { missing+=(hyperfine); pkgs+=(hyperfine); }
    command -v sqlite3 >/dev/null || { missing+=(sqlite3); pkgs+=(sqlite3); }
    command -v python3 >/dev/null || { missing+=(python3); pkgs+=(python3); }
    command -v g++ >/dev/null || { missing+=(g++); pkgs+=(g++); }
    [[ -x /usr/bin/time ]] || { missing+=(/usr/bin/time); pkgs+=(time); }
    [[ ${#missing[@]} -eq 0 ]] && return 0
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "run.sh: installing ${pkgs[*]}" >&2
        apt-get install -y "${pkgs[@]}" >&2
    else
        echo "run.sh: missing ${missing[*]}; install them with: sudo apt-get install -y ${pkgs[*]}" >&2
        exit 1
    fi
}
need_tools
# The interpreter itself, not a wrapper such as a pyenv shim, whose own
# start-up would be timed with the Python baseline.
PYTHON=$(python3 -c 'import sys; print(sys.executable)')

if [[ ! -x $GOV ]]; then
    echo "run.sh: no gov binary at $GOV; build one first:" >&2
    echo "  cmake -S $REPO -B $REPO/build-bench -DCMAKE_BUILD_TYPE=Release && cmake --build $REPO/build-bench -j2" >&2
    echo "or point GOV at one." >&2
    exit 1
fi
GOV=$(cd "$(dirname "$GOV")" && pwd)/$(basename "$GOV")

# --- data -------------------------------------------------------------------

mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
if [[ $1 == --generate ]]; then
    [[ $# -ge 2 && $2 =~ ^[1-9][0-9]*$ ]] || usage 2
    DATA=$WORK/data-$2
    "$PYTHON" "$HERE/gen.py" --residents "$2" --seed 1 --out "$DATA"
    shift 2
else
    [[ -d $1 ]] || { echo "run.sh: $1 is not a folder" >&2; exit 2; }
    DATA=$(cd "$1" && pwd)
    shift
fi
RUNS=${1:-5}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || usage 2
ROSTER=$DATA/roster.csv
ISSUES=$DATA/issues.csv
[[ -f $ROSTER ]] || { echo "run.sh: no roster.csv in $DATA" >&2; exit 2; }

OUT=$WORK/results-$(basename "$DATA")
S=$WORK/scratch-$(basename "$DATA")  # databases and gov folders
rm -rf "$OUT" "$S"
mkdir -p "$OUT" "$S"
echo "run.sh: $DATA, $RUNS runs, gov = $GOV; results in $OUT" >&2
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# --- helpers ----------------------------------------------------------------

# group NAME then hyperfine arguments (-n NAME, --prepare CMD, CMD…), gov first.
group() {
    local name=$1
    shift
    echo "== $name" >&2
    hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json "$OUT/$name.json" "$@" >&2
}

# True when `gov WORDS… --help` succeeds, i.e. the command exists in this build.
has_gov_command() {
    "$GOV" "$@" --help >/dev/null 2>&1
}

# peak_rss NAME PREPARE COMMAND: three runs of COMMAND under /usr/bin/time -v,
# each after PREPARE; "maximum resident set size" in KiB, one a line.
peak_rss() {
    local name=$1 prepare=$2 command=$3
    for _ in 1 2 3; do
        bash -c "$prepare"
        /usr/bin/time -v bash -c "exec $command" 2>"$S/time.txt" >/dev/null || {
            echo "run.sh: failed under /usr/bin/time: $command" >&2
            cat "$S/time.txt" >&2
            exit 1
        }
        awk -F': ' '/Maximum resident set size/ {print $2}' "$S/time.txt" >>"$OUT/rss-$name.txt"
    done
}

# Every --prepare ends with sync: the files the previous run wrote (and a
# template just copied) are then on disk, not written back by the kernel
# while the next command is being timed — which made gov's runs after a
# 150 MB copy up to half again as slow, and all of them noisy.
rm_db() { # the shell command removing a database file and its companions
    echo "rm -f $1 $1-journal $1-wal $1-shm && sync"
}

# The baselines' roster table: the roster's columns, typed, in a plain table.
ROSTER_TABLE='CREATE TABLE roster(姓名 TEXT, 性别 TEXT, 出生年份 INTEGER, 小区 TEXT, 楼栋 INTEGER, 单元 INTEGER, 房号 INTEGER, 电话 TEXT, 身份 TEXT, 建筑面积 REAL, 是否党员 TEXT, 是否楼长 TEXT, 入住日期 TEXT, 备注 TEXT)'
ROSTER_INDEX='CREATE INDEX roster_room ON roster(楼栋, 单元, 房号)'
WAL="'PRAGMA journal_mode=WAL' 'PRAGMA synchronous=NORMAL'"
SQLITE_IMPORT_WAL="sqlite3 $S/wal.db $WAL '$ROSTER_TABLE' '.import --csv --skip 1 $ROSTER roster' '$ROSTER_INDEX'"
SQLITE_IMPORT_DEFAULT="sqlite3 $S/default.db '$ROSTER_TABLE' '.import --csv --skip 1 $ROSTER roster' '$ROSTER_INDEX'"
PYTHON_IMPORT="$PYTHON $HERE/baseline_import.py --wal $ROSTER $S/python.db"

# A gov community with the roster imported, made once and copied by the
# groups that need one (cp is not timed: it runs in --prepare).
TEMPLATE=$S/template
make_template() {
    [[ -d $TEMPLATE ]] && return 0
    "$GOV" init "$TEMPLATE" --name 基准社区 >/dev/null
    "$GOV" --config "$TEMPLATE/gov.toml" roster import "$ROSTER" --skip-invalid --format json \
        >"$OUT/report-roster-import.json"
}
copy_template() { # the shell command making DIR a fresh copy of the template
    echo "rm -rf $1 && cp -r $TEMPLATE $1 && sync"
}

# --- benchmarks ---------------------------------------------------------------

bench_startup() {
    printf '#include <cstdio>\nint main() { std::puts("hello"); }\n' >"$S/hello.cpp"
    g++ -O2 -o "$S/hello" "$S/hello.cpp"
    group startup \
        -n "gov --version ×1000" "for i in \$(seq 1000); do $GOV --version >/dev/null; done" \
        -n "C++ hello world ×1000" "for i in \$(seq 1000); do $S/hello >/dev/null; done" \
        -n "sqlite3 :memory: .quit ×1000" "for i in \$(seq 1000); do sqlite3 :memory: .quit; done"
}

bench_roster_import() {
    make_template # also records what gov reports about the file (skipped rows)
    group roster_import \
        -n "gov roster import (fresh database)" \
        --prepare "rm -rf $S/fresh && $GOV init $S/fresh --name 基准社区 >/dev/null && sync" \
        "$GOV --config $S/fresh/gov.toml roster import $ROSTER --skip-invalid" \
        -n "sqlite3 .import + index (WAL, synchronous=NORMAL)" --prepare "$(rm_db "$S/wal.db")" \
        "$SQLITE_IMPORT_WAL" \
        -n "sqlite3 .import + index (default journal)" --prepare "$(rm_db "$S/default.db")" \
        "$SQLITE_IMPORT_DEFAULT" \
        -n "python csv + sqlite3 executemany + index (WAL)" --prepare "$(rm_db "$S/python.db")" \
        "$PYTHON_IMPORT"
}

bench_roster_reimport() {
    make_template
    "$GOV" --config "$TEMPLATE/gov.toml" roster import "$ROSTER" --skip-invalid --format json \
        >"$OUT/report-roster-reimport.json" # the second import of a file: all unchanged
    group roster_reimport \
        -n "gov roster import (unchanged file again)" --prepare "$(copy_template "$S/again")" \
        "$GOV --config $S/again/gov.toml roster import $ROSTER --skip-invalid" \
        -n "sqlite3 .import + index (WAL, synchronous=NORMAL)" --prepare "$(rm_db "$S/wal.db")" \
        "$SQLITE_IMPORT_WAL"
}

bench_roster_rss() {
    make_template
    echo "== peak RSS" >&2
    peak_rss gov_roster_import "rm -rf $S/fresh && $GOV init $S/fresh --name 基准社区 >/dev/null" \
        "$GOV --config $S/fresh/gov.toml roster import $ROSTER --skip-invalid"
    peak_rss gov_roster_reimport "$(copy_template "$S/again")" \
        "$GOV --config $S/again/gov.toml roster import $ROSTER --skip-invalid"
    peak_rss sqlite3_import_index "$(rm_db "$S/wal.db")" "$SQLITE_IMPORT_WAL"
    peak_rss python_import "$(rm_db "$S/python.db")" "$PYTHON_IMPORT"
}

BALLOT_TABLE='CREATE TABLE ballots(提案编号 TEXT, 房号 TEXT, 意见 TEXT)'
BALLOT_INDEX='CREATE UNIQUE INDEX ballot_voter ON ballots(提案编号, 房号)'

# The issues as the baselines see them: issues.csv in a plain typed table.
ISSUE_TABLE='CREATE TABLE issues(标题 TEXT, 类别 TEXT, 楼栋 INTEGER, 提出人电话 TEXT, 状态 TEXT, 优先级 TEXT, 创建日期 TEXT, 解决日期 TEXT)'
SQLITE_ISSUES="sqlite3 $S/issues.db $WAL '$ISSUE_TABLE' '.import --csv --skip 1 $ISSUES issues'"

bench_issue_import() {
    has_gov_command issue import || { echo "== issue_import: no 'gov issue import' yet, skipped" >&2; return 0; }
    [[ -f $ISSUES ]] || { echo "== issue_import: no issues.csv, skipped" >&2; return 0; }
    make_template
    group issue_import \
        -n "gov issue import" --prepare "$(copy_template "$S/issues")" \
        "$GOV --config $S/issues/gov.toml issue import $ISSUES" \
        -n "sqlite3 .import (WAL, synchronous=NORMAL)" --prepare "$(rm_db "$S/issues.db")" \
        "$SQLITE_ISSUES"
    peak_rss gov_issue_import "$(copy_template "$S/issues")" \
        "$GOV --config $S/issues/gov.toml issue import $ISSUES"
}

# The second baseline of the listings: gov's own database through the sqlite3
# CLI, selecting what gov's terminal table shows (number, status, priority,
# category, severity, title, compound/building, assignee, due, tags) with the
# joins that takes. The WHERE clauses follow gov's plan: the unary + keeps
# SQLite off the (category, due) index, which is slower here than the scan.
GOV_LISTING="SELECT i.id, i.status, i.priority, i.category, i.severity, i.title, c.name || '/' || b.name, coalesce(p.name, ar.name), i.due, (SELECT group_concat(t.tag, ',') FROM issue_tag t WHERE t.issue_id = i.id) FROM issue i LEFT JOIN building b ON b.id = i.building_id LEFT JOIN compound c ON c.id = b.compound_id LEFT JOIN party p ON p.id = i.assignee_party_id LEFT JOIN resident ar ON ar.id = i.assignee_resident_id"

bench_issue_list() {
    has_gov_command issue list || { echo "== issue_list: no 'gov issue list' yet, skipped" >&2; return 0; }
    has_gov_command issue import || { echo "== issue_list: no 'gov issue import' to fill it, skipped" >&2; return 0; }
    [[ -f $ISSUES ]] || return 0
    make_template
    # One community holding the roster and the issues, and the plain table.
    local L=$S/listing
    if [[ ! -d $L ]]; then
        bash -c "$(copy_template "$L")"
        "$GOV" --config "$L/gov.toml" issue import "$ISSUES" >/dev/null
        bash -c "$(rm_db "$S/issues.db")"
        bash -c "$SQLITE_ISSUES" >/dev/null
    fi
    # The building with the most open issues, so the listing is not trivial.
    local b
    b=$(sqlite3 "$S/issues.db" "SELECT 楼栋 FROM issues WHERE 状态 = 'open' GROUP BY 楼栋 ORDER BY count(*) DESC, 楼栋 LIMIT 1")
    echo "issue list: building $b, the one with the most open issues ($(sqlite3 "$S/issues.db" \
        "SELECT count(*) FROM issues WHERE 状态 = 'open' AND 楼栋 = $b"))" >>"$OUT/notes.txt"
    local bid
    bid=$(sqlite3 "$L/gov.db" "SELECT id FROM building WHERE name = '$b'")
    group issue_list_status_building \
        -n "gov issue list --status open --building $b" \
        "$GOV --config $L/gov.toml issue list --status open --building $b" \
        -n "sqlite3 SELECT … WHERE 状态 = 'open' AND 楼栋 = $b" \
        "sqlite3 $S/issues.db \"SELECT rowid, * FROM issues WHERE 状态 = 'open' AND 楼栋 = $b ORDER BY rowid\"" \
        -n "sqlite3 on gov's database: the table's columns, status open, building $b" \
        "sqlite3 $L/gov.db \"$GOV_LISTING WHERE i.status = 'open' AND i.building_id = $bid ORDER BY i.id\""
    # Overdue: not done and past the category's deadline (设施维修: 7 days by
    # gov's default configuration), today by the real clock in both.
    group issue_list_overdue_category \
        -n "gov issue list --overdue --category 设施维修" \
        "$GOV --config $L/gov.toml issue list --overdue --category 设施维修" \
        -n "sqlite3 SELECT … overdue 设施维修" \
        "sqlite3 $S/issues.db \"SELECT rowid, * FROM issues WHERE 类别 = '设施维修' AND 状态 IN ('open', 'in_progress') AND date(创建日期, '+7 days') < date('now') ORDER BY rowid\"" \
        -n "sqlite3 on gov's database: the table's columns, overdue 设施维修" \
        "sqlite3 $L/gov.db \"$GOV_LISTING WHERE +i.category = '设施维修' AND +i.due < date('now', '+8 hours') AND i.status NOT IN ('resolved', 'closed', 'rejected') ORDER BY i.id\""
}

# Votes: an owners' vote (civil-code-278) per proposal code in ballots.csv.
# Only rooms with an owner in the roster may vote in it; ballots of other
# rooms (gen.py writes none) are left out of the file gov imports, and the
# notes say how many.
BALLOTS=$DATA/ballots.csv
bench_votes() {
    if ! has_gov_command vote import || ! has_gov_command proposal tally; then
        echo "== votes: no 'gov vote import' / 'gov proposal tally' yet, skipped" >&2
        return 0
    fi
    [[ -f $BALLOTS ]] || { echo "== votes: no ballots.csv, skipped" >&2; return 0; }
    make_template
    local V=$S/vote-template Voted=$S/voted B=$S/ballots-owners.csv codes p
    "$PYTHON" - "$ROSTER" "$BALLOTS" "$B" "$OUT/notes.txt" <<'PY'
import csv, sys
roster, ballots, out, notes = sys.argv[1:5]
with open(roster, encoding="utf-8-sig", newline="") as f:
    owned = {"%s-%s-%s" % (r[4], r[5], r[6]) for r in csv.reader(f) if r[8] == "业主"}
kept = dropped = 0
with open(ballots, encoding="utf-8-sig", newline="") as f, open(out, "w", encoding="utf-8", newline="") as o:
    w = csv.writer(o, lineterminator="\r\n")
    rows = csv.reader(f)
    w.writerow(next(rows))
    for r in rows:
        if r[1] in owned:
            w.writerow(r)
            kept += 1
        else:
            dropped += 1
with open(notes, "a") as n:
    n.write("votes: %d ballots of rooms with an owner imported; %d of rooms without one left out\n" % (kept, dropped))
PY
    # The plain tables of the baselines: ballots, and each owned room's area.
    bash -c "$(rm_db "$S/votes.db")"
    sqlite3 "$S/votes.db" 'PRAGMA journal_mode=WAL' >/dev/null
    sqlite3 "$S/votes.db" "$ROSTER_TABLE" ".import --csv --skip 1 $ROSTER roster" \
        'CREATE TABLE rooms(room TEXT PRIMARY KEY, area REAL)' \
        "INSERT INTO rooms SELECT 楼栋 || '-' || 单元 || '-' || 房号, max(建筑面积) FROM roster WHERE 身份 = '业主' GROUP BY 1" \
        "$BALLOT_TABLE" ".import --csv --skip 1 $B ballots" "$BALLOT_INDEX"
    codes=$(sqlite3 "$S/votes.db" 'SELECT DISTINCT 提案编号 FROM ballots ORDER BY 1')
    # gov: the community with the roster and the proposals open for ballots.
    bash -c "$(copy_template "$V")"
    for p in $codes; do
        "$GOV" --config "$V/gov.toml" proposal new --code "$p" --title "基准表决 $p" \
            --electorate owners --rule civil-code-278 >/dev/null
        "$GOV" --config "$V/gov.toml" proposal open "$p" >/dev/null
    done
    rm -rf "$Voted" && cp -r "$V" "$Voted"
    "$GOV" --config "$Voted/gov.toml" vote import --all "$B" >/dev/null
    p=${codes%%$'\n'*}
    echo "proposal tally: $p, $(sqlite3 "$S/votes.db" "SELECT count(*) FROM ballots WHERE 提案编号 = '$p'") ballots" \
        >>"$OUT/notes.txt"

    group vote_import \
        -n "gov vote import --all" --prepare "rm -rf $S/v && cp -r $V $S/v && sync" \
        "$GOV --config $S/v/gov.toml vote import --all $B" \
        -n "sqlite3 .import (WAL, synchronous=NORMAL)" --prepare "$(rm_db "$S/b.db")" \
        "sqlite3 $S/b.db $WAL '$BALLOT_TABLE' '.import --csv --skip 1 $B ballots'" \
        -n "sqlite3 .import + unique index (WAL, synchronous=NORMAL)" --prepare "$(rm_db "$S/b.db")" \
        "sqlite3 $S/b.db $WAL '$BALLOT_TABLE' '.import --csv --skip 1 $B ballots' '$BALLOT_INDEX'"
    peak_rss gov_vote_import "rm -rf $S/v && cp -r $V $S/v" "$GOV --config $S/v/gov.toml vote import --all $B"

    # The tally of one proposal from the database against counting its
    # ballots by choice, with heads and floor area, in SQL.
    group proposal_tally \
        -n "gov proposal tally $p" "$GOV --config $Voted/gov.toml proposal tally $p" \
        -n "sqlite3 count and area by choice" \
        "sqlite3 $S/votes.db \"SELECT 意见, count(*), sum(area) FROM ballots JOIN rooms ON room = 房号 WHERE 提案编号 = '$p' GROUP BY 意见\" 'SELECT count(*), sum(area) FROM rooms'"
    peak_rss gov_proposal_tally true "$GOV --config $Voted/gov.toml proposal tally $p"

    # `gov tally` of the exported vote file against only parsing that JSON.
    "$GOV" --config "$Voted/gov.toml" proposal export-ballots "$p" -o "$S/$p.json" >/dev/null
    group tally_file \
        -n "gov tally $p.json" "$GOV tally $S/$p.json" \
        -n "python3 json.load of the same file" \
        "$PYTHON -c 'import json, sys; json.load(open(sys.argv[1]))' $S/$p.json"
}

# The status summary (issue 8): every section of `gov report summary` as one
# process, over the community bench_issue_list filled, against the single
# GROUP BY of issues by status and category through the sqlite3 CLI on the
# same database file.
bench_summary() {
    has_gov_command report summary || { echo "== summary: no 'gov report summary' yet, skipped" >&2; return 0; }
    local L=$S/listing
    [[ -f $L/gov.db ]] || { echo "== summary: no community with issues (needs issues.csv), skipped" >&2; return 0; }
    group summary \
        -n "gov report summary --format json" \
        "$GOV --config $L/gov.toml report summary --format json" \
        -n "sqlite3 SELECT status, category, count(*) … GROUP BY status, category" \
        "sqlite3 $L/gov.db 'SELECT status, category, count(*) FROM issue GROUP BY status, category'"
    peak_rss gov_report_summary true "$GOV --config $L/gov.toml report summary --format json"
}

# --- summary ------------------------------------------------------------------

write_summary() {
    local commit dirty=""
    commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
    if [[ -n $(git -C "$REPO" status --porcelain -- libgov cli 2>/dev/null) ]]; then
        dirty=" with uncommitted changes"
    fi
    "$PYTHON" - "$OUT" "$DATA" "$RUNS" "$("$GOV" --version)" "$commit$dirty" "$(sqlite3 --version | cut -d' ' -f1)" \
        "$LOAD_START" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)" <<'EOF'
import json, os, statistics, sys

out, data, runs, gov_version, commit, sqlite_version, load_start, load_end, cpus = sys.argv[1:10]
lines = [
    "# gov benchmark: %s" % os.path.basename(data), "",
    "- data: `%s` (roster.csv %.1f MB)" % (data, os.path.getsize(os.path.join(data, "roster.csv")) / 1e6),
    "- gov: %s, commit %s" % (gov_version, commit),
    "- sqlite3 %s; %s timed runs per command after one warm-up; warm page cache" % (sqlite_version, runs),
    "- CPU s: mean user + system time of a run (less disturbed than wall time by other load)",
    "- load average (1, 5, 15 min) on %s CPUs: %s at the start, %s at the end" % (cpus, load_start, load_end),
    "",
    "| group | command | min s | median s | CPU s | gov / this (median) |",
    "|---|---|---:|---:|---:|---:|",
]
groups = sorted(f[:-5] for f in os.listdir(out) if f.endswith(".json") and not f.startswith("report-"))
order = ["startup", "roster_import", "roster_reimport", "issue_import", "issue_list_status_building",
         "issue_list_overdue_category", "vote_import", "proposal_tally", "tally_file", "summary"]
groups.sort(key=lambda g: (order.index(g) if g in order else len(order), g))
for g in groups:
    results = json.load(open(os.path.join(out, g + ".json")))["results"]
    gov = results[0]["median"]
    for r in results:
        ratio = "" if r is results[0] else "%.2f" % (gov / r["median"])
        lines.append("| %s | %s | %.3f | %.3f | %.3f | %s |"
                     % (g, r["command"], r["min"], r["median"], r["user"] + r["system"], ratio))
lines += ["", "| peak RSS (3 runs) | min MiB | median MiB | max MiB |", "|---|---:|---:|---:|"]
for f in sorted(os.listdir(out)):
    if f.startswith("rss-") and f.endswith(".txt"):
        kib = [int(x) for x in open(os.path.join(out, f)).read().split()]
        lines.append("| %s | %.1f | %.1f | %.1f |" % (f[4:-4], min(kib) / 1024, statistics.median(kib) / 1024,
                                                     max(kib) / 1024))
for name, title in (("report-roster-import.json", "first import"), ("report-roster-reimport.json", "second import")):
    p = os.path.join(out, name)
    if os.path.exists(p):
        r = json.load(open(p))
        lines += ["", "gov's report of the %s: %d rows: %d new, %d updated, %d unchanged, %d invalid (%s)"
                  % (title, r["rows"], r["added"], r["updated"], r["unchanged"], r["invalid"], r["encoding"])]
        for pr in r["problems"][:10]:
            lines.append("- line %d: %s%s" % (pr["line"], pr["column"] + ": " if pr["column"] else "", pr["reason"]))
p = os.path.join(out, "notes.txt")
if os.path.exists(p):
    lines += [""] + ["- " + l for l in open(p).read().splitlines()]
open(os.path.join(out, "summary.md"), "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
EOF
}

# --- run --------------------------------------------------------------------------

bench_startup
bench_roster_import
bench_roster_reimport
bench_roster_rss
bench_issue_import
bench_issue_list
bench_votes
bench_summary
write_summary
rm -rf "$S"
