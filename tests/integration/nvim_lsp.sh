#!/usr/bin/env bash
# `migsafe lsp` in a real editor: headless Neovim (0.7+, Debian's neovim) with
# its built-in LSP client; the steps and checks are in nvim_lsp.lua.
# Usage: nvim_lsp.sh MIGSAFE_BINARY SOURCE_DIR
set -euo pipefail
migsafe=$1
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

require_command nvim "Debian package neovim"
new_work_dir nvim
mkdir -p "$work/project/.git" "$work/project/db/migrations" "$work/home"
file=$work/project/db/migrations/V2__index_users.sql
printf '%s\n' "SET lock_timeout = '2s';" \
  '/* é */ CREATE INDEX users_email_idx ON users (email);' \
  'SELECT 1;' > "$file"

status=0
# A throw-away home: no user config, shada or LSP log leaks in or out.
HOME=$work/home XDG_CONFIG_HOME=$work/home XDG_DATA_HOME=$work/home XDG_STATE_HOME=$work/home \
XDG_CACHE_HOME=$work/home MIGSAFE_BINARY=$migsafe MIGSAFE_NVIM_FILE=$file MIGSAFE_NVIM_LOG=$work/log \
  timeout 120 nvim --headless --clean -u NONE -i NONE -n \
  -c "luafile $(cd "$(dirname "$0")" && pwd)/nvim_lsp.lua" </dev/null >"$work/stdout" 2>&1 || status=$?
cat "$work/log" 2>/dev/null || true
if [ "$status" -ne 0 ]; then
  cat "$work/stdout"
  fail "headless Neovim exited with $status"
fi
grep -q "server exited with 0" "$work/log" || fail "the Neovim script did not reach its end"
echo "PASS: Neovim's LSP client got diagnostics, applied the fix plan and shut migsafe down"
