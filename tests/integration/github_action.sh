#!/usr/bin/env bash
# action.yml, executed step by step as the runner would (run_action.py): a real
# build of migsafe from the action's source, annotations and SARIF for a
# migration directory, the job summary, fail-on, the version input, and inputs
# that try to run shell code.
# Usage: github_action.sh MIGSAFE_BINARY SOURCE_DIR
set -euo pipefail
migsafe=$1
source_dir=$2
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
runner=$(cd "$(dirname "$0")" && pwd)/run_action.py

python3 -c 'import yaml' 2>/dev/null || missing_tool "python3 yaml" "Debian package python3-yaml"
require_command cmake "Debian package cmake"
require_command dpkg-query "a Debian system"

new_work_dir action
workspace=$work/workspace
mkdir -p "$workspace/db/migrations"
cp "$source_dir"/examples/migrations/*.sql "$workspace/db/migrations/"
export RUNNER_TEMP=$work/runner-temp
mkdir -p "$RUNNER_TEMP"

run_action() {  # log-name inputs...
  local log=$work/$1.log
  shift
  local status=0
  GITHUB_STEP_SUMMARY=$work/summary.md python3 "$runner" "$source_dir/action.yml" "$workspace" "$@" >"$log" 2>&1 ||
    status=$?
  echo "$status"
}

# 1. A fresh build from the action's source (version empty), findings fail the step.
: > "$work/summary.md"
status=$(run_action build paths=db/migrations sarif-file=results/migsafe.sarif pg-version=15)
log=$(cat "$work/build.log")
[ "$status" -eq 1 ] || fail "expected the action to fail with 1 on findings, got $status:"$'\n'"$log"
expect_contains "$log" "Building migsafe from $source_dir" "fresh build"
[ -x "$RUNNER_TEMP/migsafe-build/migsafe" ] || fail "the build step left no binary in RUNNER_TEMP:"$'\n'"$log"
expect_contains "$log" "::error file=db/migrations/V2__index_user_email.sql,line=2,col=1," "annotations"
expect_contains "$log" "title=migsafe%3A require-concurrent-index-creation::" "annotations"
expect_contains "$log" '"exit-code": "1"' "action outputs"
expect_contains "$log" '"sarif-file": "results/migsafe.sarif"' "action outputs"
python3 - "$workspace/results/migsafe.sarif" <<'PY' || fail "the SARIF file is not what upload-sarif needs"
import json, sys
log = json.load(open(sys.argv[1]))
run = log["runs"][0]
assert log["version"] == "2.1.0"
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
assert "db/migrations/V2__index_user_email.sql" in uris, uris
assert run["properties"]["pgVersion"] == 15, run["properties"]
PY
expect_contains "$(cat "$work/summary.md")" "## migsafe: " "job summary"
echo "ok: built from source, annotated, wrote SARIF and the job summary"

# 2. A migsafe of the requested version on PATH is used as it is; fail-on never passes.
version=$("$migsafe" --version | sed 's/^migsafe //')
status=$(PATH="$(dirname "$migsafe"):$PATH" run_action reuse "version=$version" fail-on=never \
  "paths=db/migrations/V2__index_user_email.sql
db/migrations/V3__users_id_to_varchar.sql")
log=$(cat "$work/reuse.log")
[ "$status" -eq 0 ] || fail "fail-on never should pass, got $status:"$'\n'"$log"
expect_contains "$log" "Using $(dirname "$migsafe")/migsafe" "version input"
expect_contains "$log" '"exit-code": "1"' "fail-on never still reports the exit code"
expect_contains "$log" "::error file=db/migrations/V3__users_id_to_varchar.sql,line=2," "newline-separated paths"
[ -f "$workspace/migsafe.sarif" ] || fail "no SARIF at the default sarif-file"
echo "ok: reused the migsafe on PATH, fail-on never, paths one per line"

# 3. A version the source does not build is refused.
status=$(PATH="$(dirname "$migsafe"):$PATH" run_action mismatch version=99.0.0 paths=db/migrations)
log=$(cat "$work/mismatch.log")
[ "$status" -ne 0 ] || fail "a version mismatch must fail:"$'\n'"$log"
expect_contains "$log" "not the version the workflow asks for" "version mismatch"
echo "ok: version mismatch refused"

# 4. Inputs are data: shell syntax in them is never run.
status=$(PATH="$(dirname "$migsafe"):$PATH" run_action inject "version=$version" \
  "paths=db/migrations \$(touch $work/pwned1) \`touch $work/pwned2\`" \
  "framework=plain; touch $work/pwned3" "sarif-file=x.sarif\"; touch $work/pwned4; \"")
log=$(cat "$work/inject.log")
for n in 1 2 3 4; do
  [ ! -e "$work/pwned$n" ] || fail "an input ran shell code (pwned$n):"$'\n'"$log"
done
[ "$status" -ne 0 ] || fail "nonsense inputs should fail the step:"$'\n'"$log"
echo "ok: shell code in inputs stayed data"
echo "PASS: action.yml run steps"
