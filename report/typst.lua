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
-- root of its mean cell length, and never narrower than its longest unbreakable piece (a number,
-- a hash, a word), so the text-heavy columns get most of the line and the short ones fit.
-- pandoc's widths from the pipe-table separators are never used: they follow the longest cell.
local FITS_ON_A_LINE = 110  -- characters of the widest cells together
local LINE = 90             -- characters of body text on one line of the text area
local CODE = 1.3            -- a monospace character in text characters

local function len(s) return utf8.len(s) or #s end

-- the longest piece of a text that cannot break: between spaces and the break points of breakable()
local function unbreakable(text, factor)
  local longest = 0
  for piece in breakable(text):gsub(ZWSP, " "):gmatch("%S+") do
    longest = math.max(longest, math.ceil(len(piece) * factor))
  end
  return longest
end

local function measure(cell)
  local word = 0
  pandoc.Div(cell.contents):walk({
    Str = function(s) word = math.max(word, unbreakable(s.text, 1)) end,
    Code = function(c) word = math.max(word, unbreakable(c.text, CODE)) end,
  })
  return len(pandoc.utils.stringify(cell.contents)), word
end

local function columns(t)
  local cols = {}
  local function add(rows)
    for _, row in ipairs(rows) do
      for j, cell in ipairs(row.cells) do
        local n, word = measure(cell)
        local c = cols[j] or {widest = 0, total = 0, cells = 0, word = 0}
        c.widest, c.total, c.cells = math.max(c.widest, n), c.total + n, c.cells + 1
        c.word = math.max(c.word, word)
        c.weight = math.sqrt(math.max(c.total / c.cells, c.word, 1))
        cols[j] = c
      end
    end
  end
  add(t.head.rows)
  for _, body in ipairs(t.bodies) do add(body.body) end
  return cols
end

-- each column in proportion to its weight, but never narrower than its longest unbreakable piece
local function relative_widths(t)
  local cols = columns(t)
  if #cols ~= #t.colspecs then return nil end
  local sum_natural = 0
  for _, c in ipairs(cols) do sum_natural = sum_natural + c.widest end
  if sum_natural <= FITS_ON_A_LINE then return nil end
  local widths, fixed = {}, {}
  for _ = 1, #cols do  -- at most one round per column: each round fixes at least one more
    local free_weight, free_share = 0, 1
    for j, c in ipairs(cols) do
      if fixed[j] then free_share = free_share - widths[j] else free_weight = free_weight + c.weight end
    end
    local changed = false
    for j, c in ipairs(cols) do
      if not fixed[j] then
        widths[j] = free_share * c.weight / free_weight
        local floor = (c.word + 1) / LINE
        if widths[j] < floor then widths[j], fixed[j], changed = floor, true, true end
      end
    end
    if not changed then break end
  end
  local sum = 0
  for j = 1, #cols do sum = sum + widths[j] end
  if sum > 1 then return nil end  -- the unbreakable pieces alone fill the line: typst's content widths
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
