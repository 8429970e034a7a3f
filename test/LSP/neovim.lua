-- neovim.lua — drives `cfc lsp` from Neovim's built-in LSP client, headless.
-- Used by neovim.test:
--
--   env CFC_NVIM_DIR=<dir> nvim --headless -u NONE -i NONE -n -c "luafile neovim.lua"
--
-- Writes <dir>/main.cfn, opens it, starts `cfc lsp` (the `cfc` on PATH) as a
-- client of that buffer, waits for the server to initialize and for the first
-- diagnostics, then asks for completion inside `resource queue
-- aws.sqs.Queue { }` and prints one `label: <label>` line per item to stdout;
-- then hover (the declaration's signature), inlay hints, a code action
-- (extract `60` to a let, applied) and a rename (`stage` to `env`, applied),
-- printing the buffer; then writes names.cfn next to it, which declares the
-- name main.cfn lacks, tells the server (workspace/didChangeWatchedFiles)
-- and prints whether the error is gone.
-- Any failure prints `error: ...` and exits with status 1.
--
-- Works with Neovim 0.7 (vim.lsp.start_client + vim.lsp.buf_attach_client,
-- what Debian 12 ships) and later versions, which also have them.

local function out(line)
  io.stdout:write(line, "\n")
  io.stdout:flush()
end

local function fail(msg)
  out("error: " .. msg)
  vim.cmd("cquit! 1")
end

local ok, err = pcall(function()
  local dir = os.getenv("CFC_NVIM_DIR")
  if not dir or dir == "" then
    error("CFC_NVIM_DIR is not set")
  end
  local cfc = vim.fn.exepath("cfc")
  if cfc == "" then
    error("no cfc on PATH")
  end
  -- The client logs the server's stderr at ERROR level (neovim.test points
  -- XDG_CACHE_HOME, where lsp.log lives, at a temporary folder too).
  vim.lsp.set_log_level(vim.log.levels.OFF or vim.log.levels.ERROR)
  out("nvim: " .. tostring(vim.version().major) .. "." .. tostring(vim.version().minor))

  vim.fn.mkdir(dir, "p")
  local path = dir .. "/main.cfn"
  local lines = {
    "param stage: \"dev\" | \"prod\" = \"dev\"",
    "",
    "resource queue aws.sqs.Queue {",
    "  ",
    "}",
    "",
    "output url = queue.QueueUrl",
    "output broken = undefinedName",
    "",
    "resource jobs aws.sqs.Queue {",
    "  VisibilityTimeout: 60",
    "}",
  }
  local f = assert(io.open(path, "w"))
  f:write(table.concat(lines, "\n"), "\n")
  f:close()

  vim.cmd("edit " .. vim.fn.fnameescape(path))
  vim.bo.filetype = "cfc"
  local bufnr = vim.api.nvim_get_current_buf()

  local initialized = false
  local diagnostics = nil
  local client_id = vim.lsp.start_client({
    name = "cfc",
    cmd = { cfc, "lsp" },
    root_dir = dir,
    on_init = function()
      initialized = true
    end,
    handlers = {
      ["textDocument/publishDiagnostics"] = function(_, result)
        if result and result.uri == vim.uri_from_fname(path) then
          diagnostics = result.diagnostics
        end
      end,
    },
  })
  if not client_id then
    error("vim.lsp.start_client failed")
  end
  if not vim.lsp.buf_attach_client(bufnr, client_id) then
    error("vim.lsp.buf_attach_client failed")
  end
  if not vim.wait(5000, function() return initialized end, 10) then
    error("the server did not initialize within 5 s")
  end
  local client = vim.lsp.get_client_by_id(client_id)
  local caps = client.server_capabilities or client.resolved_capabilities or {}
  out("initialized: " .. client.name
    .. (caps.completionProvider and " (completion)" or "")
    .. (caps.hoverProvider and " (hover)" or ""))

  -- The server publishes diagnostics 300 ms after a change (didOpen included).
  if not vim.wait(5000, function() return diagnostics ~= nil end, 10) then
    error("no diagnostics within 5 s")
  end
  for _, d in ipairs(diagnostics) do
    out(string.format("diagnostic: %d:%d %s %s", d.range.start.line + 1,
      d.range.start.character + 1, tostring(d.code), (d.message:gsub("\n.*", ""))))
  end

  -- Completion on the empty line inside the queue's body (0-based line 3).
  local results, reason = vim.lsp.buf_request_sync(bufnr, "textDocument/completion", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = 3, character = 2 },
  }, 5000)
  if not results then
    error("completion: " .. tostring(reason))
  end
  local response = results[client_id]
  if not response then
    error("completion: no answer from the cfc client")
  end
  if response.error then
    error("completion: " .. vim.inspect(response.error))
  end
  local items = response.result or {}
  if items.items then
    items = items.items
  end
  out("completion items: " .. #items)
  for _, item in ipairs(items) do
    out("label: " .. item.label)
  end

  -- One request, answered by the cfc client: its result (an error fails).
  local function request(method, params)
    local answers, why = vim.lsp.buf_request_sync(bufnr, method, params, 5000)
    if not answers then
      error(method .. ": " .. tostring(why))
    end
    local answer = answers[client_id]
    if not answer then
      error(method .. ": no answer from the cfc client")
    end
    if answer.error then
      error(method .. ": " .. vim.inspect(answer.error))
    end
    return answer.result
  end
  local uri = vim.uri_from_bufnr(bufnr)
  local encoding = client.offset_encoding or "utf-16"

  -- Hover on `queue` in `output url = queue.QueueUrl` (0-based line 6).
  local hover = request("textDocument/hover", {
    textDocument = { uri = uri }, position = { line = 6, character = 14 } })
  local contents = hover and hover.contents or {}
  out("hover body: " .. (((contents.value or ""):match("```cfc\n([^\n]*)")) or ""))

  -- Inlay hints over the whole file.
  local hints = request("textDocument/inlayHint", {
    textDocument = { uri = uri },
    range = { start = { line = 0, character = 0 }, ["end"] = { line = #lines, character = 0 } } }) or {}
  for _, h in ipairs(hints) do
    out(string.format("hint: %d:%d %s", h.position.line + 1, h.position.character + 1, h.label))
  end

  -- A refactoring on `60`: extract it to a let, applied to the buffer.
  local actions = request("textDocument/codeAction", {
    textDocument = { uri = uri },
    range = { start = { line = 10, character = 21 }, ["end"] = { line = 10, character = 23 } },
    context = { diagnostics = {}, only = { "refactor.extract" } } }) or {}
  for _, a in ipairs(actions) do
    out("code action: " .. a.kind .. " " .. a.title)
  end
  if not actions[1] then
    error("no code action on 60")
  end
  vim.lsp.util.apply_workspace_edit(actions[1].edit, encoding)

  -- Rename `stage` (line 1) to `env`, applied to the buffer.
  local edit = request("textDocument/rename", {
    textDocument = { uri = uri }, position = { line = 0, character = 7 }, newName = "env" })
  if not edit then
    error("rename: no edit")
  end
  vim.lsp.util.apply_workspace_edit(edit, encoding)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    out(string.format("buffer %d: %s", i, line))
  end

  -- A file of the stack changed on disk (a checkout, a generator): names.cfn
  -- now declares the name main.cfn lacks. Neovim 0.10 can watch files for
  -- servers that register a watcher (cfc does, when the client says it
  -- can); 0.7 cannot, so the test sends what the watcher would.
  local names = dir .. "/names.cfn"
  local g = assert(io.open(names, "w"))
  g:write("let undefinedName = \"declared on disk\"\n")
  g:close()
  diagnostics = nil
  client.notify("workspace/didChangeWatchedFiles", {
    changes = { { uri = vim.uri_from_fname(names), type = 1 } },
  })
  if not vim.wait(5000, function() return diagnostics ~= nil end, 10) then
    error("no diagnostics within 5 s of the change on disk")
  end
  local still = false
  for _, d in ipairs(diagnostics) do
    if d.code == "CFC2001" then
      still = true
    end
  end
  out("after the change on disk: " .. (still and "CFC2001 still there" or "CFC2001 gone"))

  -- Shut the server down (shutdown, then exit) before leaving.
  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 10)
end)

if not ok then
  fail(tostring(err))
else
  out("done")
  vim.cmd("qall!")
end
