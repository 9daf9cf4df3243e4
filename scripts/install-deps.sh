#!/usr/bin/env bash
# Installs what migsafe needs on Debian 12: the build dependencies, and with
# --test also the real tools the test suite drives (PostgreSQL 15, pre-commit,
# Neovim, Node.js for ajv). Safe to run again.
set -euo pipefail
with_tests=false
[ "${1:-}" = "--test" ] && with_tests=true

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
export DEBIAN_FRONTEND=noninteractive

packages=(cmake g++ make libpg-query-dev nlohmann-json3-dev libcli11-dev libexpected-dev googletest libgtest-dev)
if $with_tests; then
  packages+=(postgresql-15 pre-commit neovim git python3 python3-yaml)
  command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
  # The tests start their own throw-away server; no system cluster is wanted.
  if [ ! -d /usr/lib/postgresql/15 ]; then
    "${as_root[@]}" mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" | "${as_root[@]}" tee /etc/postgresql-common/createcluster.conf >/dev/null
  fi
fi

"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null

# The SARIF schema test validates with ajv against the schema that
# @microsoft/sarif-multitool ships; they live in a gitignored prefix.
npm_prefix="$(cd "$(dirname "$0")/.." && pwd)/.ci/npm"
if $with_tests && [ ! -x "$npm_prefix/node_modules/.bin/ajv" ]; then
  npm install --silent --no-audit --no-fund --prefix "$npm_prefix" @microsoft/sarif-multitool ajv-cli ajv-formats >/dev/null
fi
