#!/usr/bin/env bash
# migsafe's SARIF validates against the official SARIF 2.1.0 JSON schema (the
# copy @microsoft/sarif-multitool ships), checked with ajv-cli and ajv-formats.
# Usage: sarif_schema.sh MIGSAFE_BINARY SOURCE_DIR
set -euo pipefail
migsafe=$1
source_dir=$2
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

prefix=$(npm_prefix "$source_dir")
ajv=$prefix/node_modules/.bin/ajv
formats=$prefix/node_modules/ajv-formats
schema=$(find "$prefix/node_modules/@microsoft" -name sarif-2.1.0.json -print -quit 2>/dev/null || true)
how="npm install --prefix $prefix @microsoft/sarif-multitool ajv-cli ajv-formats"
require_command node "Debian package nodejs"
[ -x "$ajv" ] || missing_tool "ajv-cli" "$how"
[ -d "$formats" ] || missing_tool "ajv-formats" "$how"
[ -n "$schema" ] || missing_tool "sarif-2.1.0.json from @microsoft/sarif-multitool" "$how"

new_work_dir sarif
validate() {  # file.json
  "$ajv" validate --spec=draft2020 -c "$formats" -s "$schema" -d "$1" --errors=text
}

cd "$source_dir"
# A realistic directory (findings, fix plans), plus broken input (parse errors
# and unreadable files are results too), a clean file (an empty run), and runs
# that stop early (no .sql files, a missing path: an empty run that failed).
status=0
"$migsafe" check --format sarif --output "$work/examples.json" examples/migrations || status=$?
[ "$status" -eq 1 ] || fail "examples/migrations: expected exit 1 (findings), got $status"
status=0
"$migsafe" check --format sarif --output "$work/reports.json" testdata/reports testdata/input || status=$?
[ "$status" -eq 2 ] || fail "testdata: expected exit 2 (files that do not parse), got $status"
"$migsafe" check --format sarif --output "$work/clean.json" testdata/input/safe.sql \
  || fail "testdata/input/safe.sql: expected exit 0"
mkdir "$work/no-sql"
for stopped in no-sql missing; do
  status=0
  "$migsafe" check --format sarif --output "$work/$stopped.json" "$work/$stopped" 2>/dev/null || status=$?
  [ "$status" -eq 2 ] || fail "$stopped: expected exit 2 (nothing to check), got $status"
done

for file in examples reports clean no-sql missing; do
  validate "$work/$file.json" || fail "$file.json does not validate against $schema"
done
python3 - "$work" <<'PY' || fail "SARIF content checks"
import json, sys
work = sys.argv[1]
examples = json.load(open(f"{work}/examples.json"))
run = examples["runs"][0]
assert len(examples["runs"]) == 1
assert run["results"], "examples/migrations should have results"
reports = json.load(open(f"{work}/reports.json"))["runs"][0]
rules = {r["ruleId"] for r in reports["results"]}
assert "syntax-error" in rules and "input-error" in rules, rules
clean = json.load(open(f"{work}/clean.json"))["runs"][0]
assert clean["results"] == [], clean["results"]
for stopped, error in (("no-sql", "contains no .sql files"), ("missing", "no such file or directory")):
    run = json.load(open(f"{work}/{stopped}.json"))["runs"][0]
    assert run["results"] == [], run["results"]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False, invocation
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error" and error in notification["message"]["text"], notification
PY

# The validator must be able to say no: an invalid level is rejected.
python3 - "$work/examples.json" "$work/broken.json" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
log["runs"][0]["results"][0]["level"] = "fatal"
json.dump(log, open(sys.argv[2], "w"))
PY
if validate "$work/broken.json" >/dev/null 2>&1; then
  fail "ajv accepted a result with level 'fatal': the schema check is not working"
fi
echo "PASS: SARIF from examples/migrations, testdata, a clean file and runs that stopped early validates against $(basename "$schema")"
