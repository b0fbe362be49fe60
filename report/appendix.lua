-- Lettered appendices in every format: a level-1 heading with the class `appendix` becomes
-- "Vedlegg A: Title" (unnumbered), and a cross-reference @sec-id to it becomes "vedlegg A".
-- Quarto letters appendices only in books; this filter runs before Quarto's own filters
-- (entry point pre-ast), so its crossref filter never sees these references.
-- The words come from the document metadata (appendix-word, appendix-ref-word). The class
-- `appendix` is replaced by `vedlegg`, so Quarto keeps the appendices in the TOC.

local letters = {}

local function meta_text(meta, key, default)
  local v = meta[key]
  if v == nil then return default end
  return pandoc.utils.stringify(v)
end

local function collect(doc)
  local word = meta_text(doc.meta, "appendix-word", "Appendix")
  local n = 0
  doc.blocks = doc.blocks:walk({
    Header = function(h)
      if h.level ~= 1 or not h.classes:includes("appendix") then return nil end
      n = n + 1
      local letter = string.char(64 + n)
      if h.identifier ~= "" then letters[h.identifier] = letter end
      if not h.classes:includes("unnumbered") then h.classes:insert("unnumbered") end
      -- Quarto's HTML moves sections of class `appendix` into its end-of-page appendix block,
      -- outside the table of contents; as plain unnumbered sections the lettered appendices stay
      -- in the text and in the TOC, as in the fallback (class `vedlegg` keeps a styling hook)
      h.classes = h.classes:filter(function(c) return c ~= "appendix" end)
      h.classes:insert("vedlegg")
      local prefix = pandoc.Inlines({pandoc.Str(word), pandoc.Space(), pandoc.Str(letter .. ":"), pandoc.Space()})
      h.content = prefix .. h.content
      if FORMAT:match("typst") then
        -- Quarto's typst writer drops the label of an unnumbered heading; write it ourselves
        local title = pandoc.utils.stringify(h.content):gsub("([#%[%]*_<>@$`\\])", "\\%1")
        local label = h.identifier ~= "" and (" <" .. h.identifier .. ">") or ""
        return pandoc.RawBlock("typst", "#heading(level: 1, numbering: none)[" .. title .. "]" .. label)
      end
      return h
    end,
  })
  return doc
end

local function references(doc)
  local word = meta_text(doc.meta, "appendix-ref-word", "appendix")
  doc.blocks = doc.blocks:walk({
    Cite = function(c)
      if #c.citations ~= 1 or letters[c.citations[1].id] == nil then return nil end
      local id = c.citations[1].id
      return pandoc.Link(pandoc.Inlines({pandoc.Str(word), pandoc.Space(), pandoc.Str(letters[id])}), "#" .. id)
    end,
  })
  return doc
end

return {
  { Pandoc = collect },
  { Pandoc = references },
}
