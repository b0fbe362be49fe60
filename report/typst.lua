-- Typst output of both renderers (Quarto and the pandoc fallback):
-- * callouts become framed typst blocks, so Quarto never imports @preview/fontawesome (which
--   typst would download) and the fallback's PDF looks the same;
-- * figures are set at FIGURE_WIDTH of the text width (centred), not the full width the
--   notebooks' figure size gives: the figures keep their proportions and stay readable in print,
--   and the PDF stays short enough for its readers (issue 12, item 4);
-- * table columns get no relative widths (typst sizes them from their content; pandoc's
--   widths come from the length of the pipe-table separators) and long file names may break
--   after '_' and '/'.
-- Quarto runs it at the entry point pre-ast, before it turns callout divs into its own nodes.
if not FORMAT:match("typst") then return {} end

local ZWSP = utf8.char(0x200B)
local function breakable(text) return (text:gsub("([_/])", "%1" .. ZWSP)) end

local COLOURS = {
  note = {"#0d6efd", "#f3f7ff"}, tip = {"#198754", "#f2fbf5"},
  warning = {"#c0392b", "#fff4f2"}, important = {"#c0392b", "#fff4f2"}, caution = {"#c0392b", "#fff4f2"},
}

local function callout_kind(div)
  for _, c in ipairs(div.classes) do
    local kind = c:match("^callout%-(%a+)$")
    if kind and COLOURS[kind] then return kind end
  end
  return nil
end

local FIGURE_WIDTH = "78%"

function Image(img)
  local w = img.attributes["width"]
  if w == nil or w == "" or w == "100%" then img.attributes["width"] = FIGURE_WIDTH end
  return img
end

function Table(t)
  for i, spec in ipairs(t.colspecs) do t.colspecs[i] = {spec[1], nil} end
  return t:walk({
    Str = function(s) return pandoc.Str(breakable(s.text)) end,
    Code = function(c) return pandoc.Code(breakable(c.text), c.attr) end,
  })
end

function Div(div)
  local kind = callout_kind(div)
  if kind == nil then return nil end
  local stroke, fill = COLOURS[kind][1], COLOURS[kind][2]
  local out = pandoc.Blocks({pandoc.RawBlock("typst",
    '#block(width: 100%, inset: 8pt, radius: 3pt, stroke: (left: 3pt + rgb("' .. stroke .. '")), '
    .. 'fill: rgb("' .. fill .. '"))[')})
  local title = div.attributes["title"]
  if title ~= nil and title ~= "" then
    out:insert(pandoc.Para({pandoc.Strong(pandoc.Inlines(title))}))
  end
  out:extend(div.content)
  out:insert(pandoc.RawBlock("typst", "]"))
  return out
end
