-- GET /api/enterprises/{creditCode} through the service, over the demo city's enterprises.
dofile(os.getenv("BENCH_DIR") .. "/paced.lua")
local codes = lines(os.getenv("CODES"))
local headers = {["Authorization"] = "Bearer " .. os.getenv("TOKEN")}
request = function()
  return wrk.format("GET", "/api/enterprises/" .. codes[math.random(#codes)], headers)
end
