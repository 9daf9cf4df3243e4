#!/usr/bin/env bash
# The pre-commit hook with the real pre-commit: a dangerous staged migration
# fails `pre-commit run --all-files` and the commit itself, with the finding
# printed; the safe form passes. The hook is taken from .pre-commit-hooks.yaml,
# both as a `repo: local` copy of the working tree's definition and, when that
# file is committed, from this repository at HEAD as users reference it. Both
# use the files pattern and args of examples/pre-commit-config.yaml, and the
# repository form is pinned with `pre-commit autoupdate` as the README says.
# Usage: pre_commit.sh MIGSAFE_BINARY SOURCE_DIR
set -euo pipefail
migsafe=$1
source_dir=$2
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

require_command pre-commit "Debian package pre-commit"
require_command git "Debian package git"
python3 -c 'import yaml' 2>/dev/null || missing_tool "python3 yaml" "Debian package python3-yaml"

example=$source_dir/examples/pre-commit-config.yaml
pre-commit validate-config "$example" || fail "$example does not validate"
echo "ok: pre-commit validate-config examples/pre-commit-config.yaml"

new_work_dir pre-commit
export PRE_COMMIT_HOME=$work/cache
export PATH="$(dirname "$migsafe"):$PATH"
command -v migsafe >/dev/null || fail "migsafe is not on PATH"

repo=$work/repo
mkdir -p "$repo/db/migrations"
cd "$repo"
git init -q .
git config user.email test@example.invalid
git config user.name "migsafe test"
git config commit.gpgsign false

# `repo: local` with the hook as .pre-commit-hooks.yaml defines it, plus the
# example's `files` and `args` (its pattern fits this repository's db/migrations).
python3 - "$source_dir/.pre-commit-hooks.yaml" "$example" > .pre-commit-config.yaml <<'PY'
import json, sys, yaml
hooks = yaml.safe_load(open(sys.argv[1]))
assert [h["id"] for h in hooks] == ["migsafe"], hooks
hook = hooks[0]
assert hook["language"] == "system" and hook["types"] == ["sql"] and hook["pass_filenames"] is True, hook
example = yaml.safe_load(open(sys.argv[2]))
[example_hook] = [h for repo in example["repos"] for h in repo["hooks"]]
assert example_hook["id"] == "migsafe", example_hook
assert example_hook["files"] == "^db/migrations/", example_hook
assert "--fail-on=error" in example_hook["args"], example_hook
hook.update(files=example_hook["files"], args=example_hook["args"])
print(json.dumps({"repos": [{"repo": "local", "hooks": [hook]}]}, indent=2))
PY
git add .pre-commit-config.yaml
git commit -q -m "pre-commit config"

dangerous='CREATE INDEX users_email_idx ON users (email);'
safe='CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);'

expect_run() {  # expected-status label
  local status=0 output
  output=$(pre-commit run --all-files --color never 2>&1) || status=$?
  if [ "$1" = fail ]; then
    [ "$status" -ne 0 ] || fail "$2: pre-commit run passed on a dangerous migration:"$'\n'"$output"
    expect_contains "$output" "require-concurrent-index-creation" "$2"
    expect_contains "$output" "db/migrations/V2__index.sql:1:1: error" "$2"
    expect_contains "$output" "Failed" "$2"
  else
    [ "$status" -eq 0 ] || fail "$2: pre-commit run failed on a safe migration:"$'\n'"$output"
    expect_contains "$output" "Passed" "$2"
  fi
  echo "ok: $2"
}

echo "$dangerous" > db/migrations/V2__index.sql
git add db/migrations/V2__index.sql
expect_run fail "local hook, dangerous migration"
echo "$safe" > db/migrations/V2__index.sql
git add db/migrations/V2__index.sql
expect_run pass "local hook, safe migration"
# The example's args: warnings print but only errors fail (--fail-on=error).
echo 'ALTER TABLE users DROP COLUMN legacy;' > db/migrations/V4__drop.sql
git add db/migrations/V4__drop.sql
expect_run pass "local hook, migration with only warnings"
# The example's files pattern: SQL outside db/migrations is not a migration.
mkdir -p seeds
echo "$dangerous" > seeds/index.sql
git add seeds/index.sql
expect_run pass "local hook, dangerous SQL outside db/migrations"

# The commit itself, through the installed git hook.
pre-commit install >/dev/null
echo "$dangerous" > db/migrations/V3__index.sql
git add db/migrations/V3__index.sql
status=0
output=$(git commit -m "dangerous" 2>&1) || status=$?
[ "$status" -ne 0 ] || fail "git commit succeeded with a dangerous migration staged:"$'\n'"$output"
expect_contains "$output" "db/migrations/V3__index.sql:1:1: error" "git commit with a dangerous migration"
echo "ok: git commit refused"
echo "$safe" | sed 's/users_email_idx/users_email2_idx/' > db/migrations/V3__index.sql
git add db/migrations/V3__index.sql
git commit -q -m "safe" >/dev/null 2>&1 || fail "git commit failed with only safe migrations staged"
echo "ok: git commit of a safe migration"

# As users write it: the example config with `repo:` this repository, pinned by
# `pre-commit autoupdate` to HEAD (no tags) or its latest tag.
if git -C "$source_dir" rev-parse --verify -q HEAD >/dev/null &&
   git -C "$source_dir" show HEAD:.pre-commit-hooks.yaml 2>/dev/null | cmp -s - "$source_dir/.pre-commit-hooks.yaml"; then
  repo_line='  - repo: https://github.com/migsafe/migsafe'
  grep -qxF "$repo_line" "$example" || fail "$example no longer has the line '$repo_line'"
  sed "s|^$repo_line\$|  - repo: $source_dir|" "$example" > .pre-commit-config.yaml
  pre-commit autoupdate >/dev/null || fail "pre-commit autoupdate failed on the example config"
  rev=$(python3 -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["repos"][0]["rev"])' .pre-commit-config.yaml)
  [ "$rev" != main ] && git -C "$source_dir" rev-parse --verify -q "$rev^{commit}" >/dev/null ||
    fail "pre-commit autoupdate did not pin rev to a commit of $source_dir: '$rev'"
  echo "ok: pre-commit autoupdate pinned the example's rev to $rev"
  git add .pre-commit-config.yaml
  echo "$dangerous" > db/migrations/V2__index.sql
  git add db/migrations/V2__index.sql
  expect_run fail "repository hook at HEAD, dangerous migration"
  echo "$safe" > db/migrations/V2__index.sql
  git add db/migrations/V2__index.sql
  expect_run pass "repository hook at HEAD, safe migration"
else
  echo "note: .pre-commit-hooks.yaml at HEAD differs from the working tree; the repository form was not run"
fi
echo "PASS: pre-commit hook"
