-- Shared by the API bench's scripts: a fixed pause after each response, so N connections offer about the rate asked
-- for (wrk has no fixed-rate mode); `RATE` and the connection count come from the bench script.
local pause = tonumber(os.getenv("PAUSE_MS") or "0")
if pause > 0 then
  delay = function() return pause end
end

math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)

-- One line per entry of a file, e.g. the credit codes to look up.
function lines(path)
  local all = {}
  for line in io.lines(path) do all[#all + 1] = line end
  return all
end
