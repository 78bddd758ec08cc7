#!/usr/bin/env bash
# The rules of docs/architecture.md that the tree itself can be checked for:
#  1. a package reaches into another only through <package>/interface.hpp
#     (every other header in libgov/src/<package>/ is its own);
#  2. the arrows point one way: values <- text <- store <- bulk <- the record
#     packages (roster, issues, voting, meetings, projects) <- reports, and a
#     record package may use another record package's headers;
#  3. no SQLiteCpp, toml++ or nlohmann type in a public header;
#  4. no SQL, no private libgov header and no JSON written by hand in the
#     tool (cli/): the library renders every JSON document;
#  5. the library does not print, exit, read the environment or tune the
#     allocator.
# Prints every breach as FILE:LINE: what, and fails when there is one.
set -uo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root" || exit 2

layer() {
    case $1 in
    values) echo 0 ;; text) echo 1 ;; store) echo 2 ;; bulk) echo 3 ;;
    roster | issues | voting | meetings | projects) echo 4 ;;
    reports) echo 5 ;;
    *) echo "" ;;
    esac
}

breaches=0
breach() {
    echo "$1"
    breaches=$((breaches + 1))
}

# Rules 1 and 2: every quoted include of a libgov file, from libgov itself.
while IFS= read -r hit; do
    file=${hit%%:*}
    rest=${hit#*:}
    line=${rest%%:*}
    inc=$(sed -E 's/^[0-9]+:#include "([^"]+)".*/\1/' <<<"$rest")
    from=$(cut -d/ -f3 <<<"$file")
    [ "$(cut -d/ -f2 <<<"$file")" = include ] && from=$(cut -d/ -f4 <<<"$file")
    if [[ $inc == gov/* ]]; then
        to=$(cut -d/ -f2 <<<"$inc")
    else
        to=${inc%%/*}
        if [ "$to" != "$from" ] && [ "$(basename "$inc")" != interface.hpp ]; then
            breach "$file:$line: includes $inc, private to package $to (use $to/interface.hpp)"
        fi
    fi
    lf=$(layer "$from") lt=$(layer "$to")
    [ -z "$lt" ] && continue # a generated header, not a package
    if [ -z "$lf" ]; then
        breach "$file:$line: $from is not a package of docs/architecture.md"
    elif [ "$lt" -gt "$lf" ] || { [ "$lt" -eq "$lf" ] && [ "$lf" -ne 4 ] && [ "$to" != "$from" ]; }; then
        breach "$file:$line: $from includes $inc: the arrow points the other way ($to is above $from)"
    fi
done < <(grep -rnE '^#include "[a-z_]+/' libgov/src libgov/include | grep -v '/migrations/m0')

# Rule 3.
while IFS= read -r hit; do
    breach "$hit: a public header names a storage, TOML or JSON library type"
done < <(grep -rnE '#include <(SQLiteCpp|sqlite3|toml|nlohmann)' libgov/include)

# Rule 4.
while IFS= read -r hit; do
    breach "$hit: the tool includes a private libgov header or the database library"
done < <(grep -rnE '#include ("(store|roster|issues|voting|meetings|projects|reports|bulk|text|values)/|<(SQLiteCpp|sqlite3))' cli)
while IFS= read -r hit; do
    breach "$hit: SQL in the tool"
done < <(grep -rnE '"(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA) ' cli)
while IFS= read -r hit; do
    breach "$hit: the tool writes JSON itself (the library has render_json)"
done < <(grep -rnE '#include <nlohmann|nlohmann::' cli)

# Rule 5 (std::getenv, printing and exiting, allocator tuning).
while IFS= read -r hit; do
    breach "$hit: the library prints, exits, reads the environment or tunes the allocator"
done < <(grep -rnE '\b(std::cout|std::cerr|printf\(|fmt::print\(|std::exit|exit\(|abort\(|getenv|malloc_trim|mallopt)\b' libgov/src libgov/include |
    grep -vE '^\S+:[0-9]+:\s*//')

if [ "$breaches" -gt 0 ]; then
    echo "architecture: $breaches breach(es) of docs/architecture.md"
    exit 1
fi
echo "architecture: every package keeps its rules"
