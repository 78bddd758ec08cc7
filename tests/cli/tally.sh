# End-to-end: gov tally FILE — re-checking a vote from its file, without a
# database: text and JSON results, exit codes, errors naming the JSON path.
TALLY=$(cd "$(dirname "$0")/../data/tally" && pwd)  # before lib.sh moves to a scratch folder
DATA=$(cd "$(dirname "$0")/../data/proposals" && pwd)
. "$(dirname "$0")/lib.sh"

case_ "help"
gov tally --help; expect_code 0; expect_out "Example: gov tally"; expect_out "--format"
gov tally; expect_code 2

case_ "text explanation: a Civil Code major matter that fails by head only"
gov tally "$TALLY/civil-code-major.json"; expect_code 0
expect_out_file "$DATA/civil-code-major.txt"
expect_out "[NOT MET] pass: yes heads 5 of cast 8 = 5/8 (62.50%); required ≥ 3/4 (75.00%)"
expect_out "Outcome: NOT PASSED"

case_ "JSON result: exact numbers only"
gov tally "$TALLY/civil-code-major.json" --format json; expect_code 0
expect_out_file "$DATA/civil-code-major.result.json"
expect_out '"ratio": "9539/12685"'
expect_out '"weight": "1344.95"'
expect_true '! grep -qE "[0-9]\.[0-9]+[eE]|: [0-9]+\.[0-9]" "$WORK/.out"'

case_ "published examples"
gov tally "$TALLY/tennessee-irv.json"; expect_code 0; expect_out "Winner: Knoxville"
gov tally "$TALLY/tennessee-irv.json" --format json; expect_code 0
expect_out '"winners": ['; expect_out '"Knoxville"'
gov tally "$TALLY/schulze-wikipedia.json"; expect_code 0; expect_out "Winner: E"
gov tally "$TALLY/approval-property-company.json"; expect_code 0; expect_out "Outcome:"

case_ "decimals decide exactly where floating point would not"
gov tally "$DATA/exact-four-fifths.json"; expect_code 0
expect_out "[met] quorum: cast weight 0.80 of entitled 1.00 = 4/5 (80.00%); required ≥ 4/5 (80.00%)"
expect_out "Outcome: PASSED"

case_ "standard input"
gov tally - < "$DATA/exact-four-fifths.json"; expect_code 0; expect_out "Outcome: PASSED"

case_ "bad files are exit 4, naming the place"
gov tally "$DATA/bad-duplicate.json"; expect_code 4
expect_err 'bad-duplicate.json: ballots[2].voter: second ballot from voter "a" (first: ballots[0])'
printf '{"method": "yes-no", "rule": "simple-majority", "electorate": {"voters": [{"id": "a", "weight": 1.5}]}, "ballots": []}' > float.json
gov tally float.json; expect_code 4; expect_err "float.json: electorate.voters[0].weight"
printf '{"method": "yes-no",' > broken.json
gov tally broken.json; expect_code 4; expect_err "broken.json: invalid JSON"
gov tally missing.json; expect_code 4; expect_err "missing.json: cannot read the vote file"
gov tally "$DATA/exact-four-fifths.json" --format yaml; expect_code 2; expect_err "it writes: text, json"

finish
