-- factlint as a language server for drafts (Neovim 0.7 or later).
local factlint
vim.api.nvim_create_autocmd("FileType", {
  pattern = { "markdown", "html", "text" },
  callback = function(args)
    if not (factlint and vim.lsp.get_client_by_id(factlint)) then
      factlint = vim.lsp.start_client({
        name = "factlint",
        cmd = { "factlint", "lsp" },
        root_dir = vim.fn.getcwd(),
      })
    end
    if factlint then
      vim.lsp.buf_attach_client(args.buf, factlint)
    end
  end,
})
