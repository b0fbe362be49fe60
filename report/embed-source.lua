-- Quarto: after every embedded notebook cell, a line naming the cell it came from, so the reading
-- guide's promise ("every figure and table points to the cell that made it") holds. Quarto 1.7
-- writes such links only for Word/LaTeX with a manuscript-url; its embeds arrive here as divs
-- `.quarto-embed-nb-cell` with the attributes notebook (absolute path) and notebook-cellId.
-- The site links to the cell in the notebook view; the single file and the PDF name the notebook
-- and cell in plain text (links would break when the file is mailed or printed). Metadata
-- `embed-source: text` forces plain text (the single profile sets it). Same text as the fallback.

local function label_of(div)
  local found = nil
  div:walk({
    Div = function(d)
      if found == nil and (d.identifier:match("^fig%-") or d.identifier:match("^tbl%-")) then
        found = d.identifier
      end
    end,
  })
  return found
end

function Pandoc(doc)
  local word = pandoc.utils.stringify(doc.meta["source-word"] or "Kilde")
  local cell_word = pandoc.utils.stringify(doc.meta["cell-word"] or "celle")
  local as_text = pandoc.utils.stringify(doc.meta["embed-source"] or "link") == "text"
    or not quarto.doc.is_format("html")
  local root = quarto.project.directory or "."
  doc.blocks = doc.blocks:walk({
    Div = function(div)
      if not div.classes:includes("quarto-embed-nb-cell") then return nil end
      local nb = div.attributes["notebook"]
      if nb == nil then return nil end
      local rel = pandoc.path.make_relative(nb, root)
      -- the cell's label: the figure/table id inside, else the cell id (Quarto prefixes "cell-");
      -- Quarto's notebook view gives each labelled cell that id
      local label = label_of(div) or (div.attributes["notebook-cellId"] or ""):gsub("^cell%-", "")
      local line
      if as_text then
        line = pandoc.Inlines({pandoc.Str(word .. ":"), pandoc.Space(), pandoc.Code(rel) , pandoc.Str(","),
          pandoc.Space(), pandoc.Str(cell_word), pandoc.Space(), pandoc.Code(label)})
      else
        local preview = rel:gsub("%.ipynb$", "") .. "-preview.html#" .. label
        line = pandoc.Inlines({pandoc.Str(word .. ":"), pandoc.Space(),
          pandoc.Link(pandoc.path.filename(rel), preview)})
      end
      div.content:insert(pandoc.Para({pandoc.Span(line, pandoc.Attr("", {"embed-source"}))}))
      return div
    end,
  })
  return doc
end
