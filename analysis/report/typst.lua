-- Tables of the PDF (pandoc -> Typst). The pipe tables' dashes size columns for the HTML page;
-- here a wide table's columns get shares of the line from their content: at least the longest
-- word of the column, more for columns of long text (capped, so a column of sentences does not
-- starve the others). A narrow table's columns are sized by Typst. Identifiers in cells can
-- break after "_", "." and "/".
local BREAK = "\u{200B}"
local CAP, SHARE, PAD, WIDE = 48, 0.6, 2, 90
-- any 3-byte UTF-8 character (CJK, most punctuation): about two Latin letters wide
local WIDE_CHAR = "[\xE0-\xEF][\x80-\xBF][\x80-\xBF]"

local function breakable(code)
  return pandoc.Code((code.text:gsub("([_./])", "%1" .. BREAK)), code.attr)
end

local function weight(tbl, column)
  local word, cell = 0, 0
  local function measure(rows)
    for _, row in ipairs(rows) do
      if row.cells[column] then
        local text = pandoc.utils.stringify(row.cells[column].contents):gsub(BREAK, " ")
        text = text:gsub(WIDE_CHAR, " xx ")
        cell = math.max(cell, #text:gsub(" xx ", "xx"))
        for token in text:gmatch("%S+") do
          word = math.max(word, #token)
        end
      end
    end
  end
  measure(tbl.head.rows)
  for _, body in ipairs(tbl.bodies) do measure(body.body) end
  return math.max(word + PAD, math.min(cell, CAP) * SHARE), cell
end

function Table(tbl)
  tbl = tbl:walk({ Code = breakable })
  local weights, total, length = {}, 0, 0
  for i = 1, #tbl.colspecs do
    local cell
    weights[i], cell = weight(tbl, i)
    total = total + weights[i]
    length = length + cell
  end
  for i, spec in ipairs(tbl.colspecs) do
    tbl.colspecs[i] = { spec[1], length > WIDE and weights[i] / total or nil }
  end
  return tbl
end
