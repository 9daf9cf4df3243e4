# Shared by the integration scripts: tools that may be missing, temp dirs, checks.
# A missing tool skips the test (exit 77, CTest's SKIP_RETURN_CODE) on a
# developer's machine and fails it under CI=true, where .ci/run installs it.

k_skip=77

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

missing_tool() {
  if [ "${CI:-}" = "true" ]; then
    fail "$1 is missing, and CI=true requires it ($2)"
  fi
  echo "SKIP: $1 is missing ($2)"
  exit "$k_skip"
}

require_command() {
  command -v "$1" >/dev/null 2>&1 || missing_tool "$1" "$2"
}

# The npm packages live in a gitignored prefix inside the repository.
npm_prefix() {
  echo "${MIGSAFE_NPM_PREFIX:-$1/.ci/npm}"
}

# Sets $work to a fresh directory removed when the script exits.
new_work_dir() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/migsafe-$1-XXXXXX")
  trap 'rm -rf "$work"' EXIT
}

expect_contains() {  # haystack needle what
  case "$1" in
    *"$2"*) ;;
    *) fail "$3: expected to find '$2' in:"$'\n'"$1" ;;
  esac
}
