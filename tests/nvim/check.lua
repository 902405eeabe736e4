-- Run by tests/nvim.rs after init.lua: waits for factlint's diagnostics on
-- the draft, applies its quick fixes as a user would, and writes what it
-- saw to $FACTLINT_NVIM_OUT.
local out = {}
local function diagnostics()
  local found = vim.diagnostic.get(0)
  table.sort(found, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
  end)
  return found
end
local function dump(label)
  for _, d in ipairs(diagnostics()) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(out, string.format("%s %d:%d-%d:%d %s %s %s", label, d.lnum, d.col,
      d.end_lnum, d.end_col, d.source, code, d.message))
  end
end
local function finish(code)
  vim.fn.writefile(out, os.getenv("FACTLINT_NVIM_OUT"))
  vim.cmd(code == 0 and "qa!" or "cquit! " .. code)
end

if not vim.wait(20000, function() return #diagnostics() > 0 end, 50) then
  table.insert(out, "timeout waiting for diagnostics")
  finish(1)
end
dump("open")

-- Every quick fix in the draft, applied the way the editor applies them.
local params = {
  textDocument = vim.lsp.util.make_text_document_params(0),
  range = {
    start = { line = 0, character = 0 },
    ["end"] = { line = vim.api.nvim_buf_line_count(0), character = 0 },
  },
  context = { diagnostics = {} },
}
local responses = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 10000) or {}
for _, response in pairs(responses) do
  for _, action in ipairs(response.result or {}) do
    table.insert(out, "action " .. action.title)
    vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
  end
end
for _, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
  table.insert(out, "line " .. line)
end

if not vim.wait(20000, function() return #diagnostics() == 0 end, 50) then
  table.insert(out, "timeout waiting for the fix to clear the finding")
  finish(1)
end
table.insert(out, "fixed")
finish(0)
