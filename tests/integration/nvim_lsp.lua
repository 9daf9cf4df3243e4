-- Driven by nvim_lsp.sh in `nvim --headless`: Neovim's own LSP client starts
-- `migsafe lsp`, opens a migration, receives the diagnostics, applies the fix
-- plan offered as a code action, saves, and shuts the server down. Exits 0 on
-- success; otherwise writes what went wrong to $MIGSAFE_NVIM_LOG and exits 1.
local migsafe = os.getenv('MIGSAFE_BINARY')
local file = os.getenv('MIGSAFE_NVIM_FILE')
local log_path = os.getenv('MIGSAFE_NVIM_LOG')
local log = io.open(log_path, 'w')

local function say(text)
  log:write(text .. '\n')
  log:flush()
end

local function finish(ok, why)
  if not ok then
    say('FAIL: ' .. why)
  end
  log:close()
  vim.cmd(ok and 'qall!' or 'cquit 1')
end

local function check(condition, why)
  if not condition then
    finish(false, why)
    error(why)
  end
end

local code = 'require-concurrent-index-creation'
local exit_code = nil
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'migsafe',
  cmd = { migsafe, 'lsp' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  on_exit = function(status) exit_code = status end,
})
check(client_id ~= nil, 'vim.lsp.start_client returned nil')
vim.lsp.buf_attach_client(bufnr, client_id)

local function ours()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or d
    if lsp.code == code then
      table.insert(found, { d = d, lsp = lsp })
    end
  end
  return found
end

-- 1. Diagnostics arrive for the opened file.
check(vim.wait(10000, function() return #ours() == 1 end, 20), 'no ' .. code .. ' diagnostic arrived')
local first = ours()[1]
say('diagnostic: ' .. first.d.message:gsub('\n', ' | '))
check(first.d.severity == vim.diagnostic.severity.ERROR, 'severity is not ERROR: ' .. tostring(first.d.severity))
check(first.d.lnum == 1, 'diagnostic line ' .. first.d.lnum .. ', expected 1 (0-based)')
-- `/* é */ CREATE INDEX`: UTF-16 character 8 from the server is byte column 9 here.
check(first.d.col == 9, 'diagnostic column ' .. first.d.col .. ', expected byte 9 (UTF-16 8)')
local href = first.lsp.codeDescription and first.lsp.codeDescription.href or ''
check(href:sub(-#code - 3) == code .. '.md', 'codeDescription.href does not link the rule page: ' .. href)
check(first.d.source == 'migsafe', 'source is ' .. tostring(first.d.source))

-- 2. The code action replaces the statement with the fix plan.
local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = { start = { line = 1, character = 8 }, ['end'] = { line = 1, character = 8 } },
  context = { diagnostics = { {
    range = { start = { line = 1, character = 8 }, ['end'] = { line = 1, character = 53 } },
    severity = first.d.severity, code = code, source = 'migsafe', message = first.d.message,
  } } },
}
local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000)
check(responses and responses[client_id] and responses[client_id].result, 'no codeAction response')
local action = nil
for _, candidate in ipairs(responses[client_id].result) do
  if candidate.kind == 'quickfix' and candidate.diagnostics and candidate.diagnostics[1].code == code then
    action = candidate
  end
end
check(action ~= nil, 'no quickfix for ' .. code)
say('code action: ' .. action.title)
local client = vim.lsp.get_client_by_id(client_id)
vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
check(text:find('CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users %(email%);'),
      'the fix plan was not applied:\n' .. text)
check(text:find('SET lock_timeout', 1, true) and text:find('SELECT 1;', 1, true),
      'the edit touched more than the statement:\n' .. text)

-- 3. Saving re-lints; the fixed statement has no finding any more.
vim.cmd('write')
check(vim.wait(10000, function() return #ours() == 0 end, 20), 'the finding is still reported after the fix')
say('after fix and save: no ' .. code)

-- 4. shutdown + exit; the server ends with status 0.
vim.lsp.stop_client(client_id)
check(vim.wait(10000, function() return exit_code ~= nil end, 20), 'the server did not exit after shutdown')
check(exit_code == 0, 'the server exited with ' .. tostring(exit_code))
say('server exited with 0')
finish(true)
