-- Typst output of both renderers (Quarto and the pandoc fallback):
-- * callouts become framed typst blocks, so Quarto never imports @preview/fontawesome (which
--   typst would download) and the fallback's PDF looks the same;
-- * figures are set at FIGURE_WIDTH of the text width (centred), not the full width the
--   notebooks' figure size gives: the figures keep their proportions and stay readable in print,
--   and the PDF stays short enough for its readers (issue 12, item 4);
-- * table columns get typst's content widths, or relative widths when the table is too wide for
--   that (see relative_widths), never pandoc's widths from the pipe-table separators; long file
--   names may break after '_', '/' and a '.' between letters.
-- Quarto runs it at the entry point pre-ast, before it turns callout divs into its own nodes.
if not FORMAT:match("typst") then return {} end

local ZWSP = utf8.char(0x200B)
-- after '_' and '/', and after a '.' between letters (module names such as helpers.survey.demo)
local function breakable(text)
  return (text:gsub("([_/])", "%1" .. ZWSP):gsub("(%a%.)(%a)", "%1" .. ZWSP .. "%2"))
end

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

-- A table whose widest cells, side by side, fit on a line keeps typst's content widths. A wider
-- one (long text in some columns) gets relative widths: each column in proportion to the square
-- root of its mean cell length (at least its longest word), so the text-heavy columns get most
-- of the line and the short ones (numbers, codes) still fit their content. pandoc's widths from
-- the pipe-table separators are never used: they follow the longest cell alone.
local FITS_ON_A_LINE = 110  -- characters of the widest cells together

local function len(s) return utf8.len(s) or #s end

local function column_texts(t)
  local cols = {}
  local function add(rows)
    for _, row in ipairs(rows) do
      for j, cell in ipairs(row.cells) do
        cols[j] = cols[j] or {}
        table.insert(cols[j], pandoc.utils.stringify(cell.contents))
      end
    end
  end
  add(t.head.rows)
  for _, body in ipairs(t.bodies) do add(body.body) end
  return cols
end

local function relative_widths(t)
  local cols = column_texts(t)
  if #cols ~= #t.colspecs then return nil end
  local natural, weight, sum_natural, sum_weight = {}, {}, 0, 0
  for j, texts in ipairs(cols) do
    local widest, total, word = 0, 0, 0
    for _, s in ipairs(texts) do
      widest = math.max(widest, len(s))
      total = total + len(s)
      for w in s:gmatch("%S+") do word = math.max(word, len(w)) end
    end
    natural[j] = widest
    weight[j] = math.sqrt(math.max(total / math.max(#texts, 1), word, 1))
    sum_natural, sum_weight = sum_natural + widest, sum_weight + weight[j]
  end
  if sum_natural <= FITS_ON_A_LINE then return nil end
  local widths = {}
  for j = 1, #cols do widths[j] = weight[j] / sum_weight end
  return widths
end

function Table(t)
  local widths = relative_widths(t)
  for i, spec in ipairs(t.colspecs) do t.colspecs[i] = {spec[1], widths and widths[i] or nil} end
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
