-- GET /api/enterprises?… through the service: by level, by district, by a word of the name, by score and name order.
dofile(os.getenv("BENCH_DIR") .. "/paced.lua")
local headers = {["Authorization"] = "Bearer " .. os.getenv("TOKEN")}
local queries = {
  "/api/enterprises?level=RED&size=20",
  "/api/enterprises?district=%E6%9D%8E%E6%B2%A7%E5%8C%BA&size=20",       -- 李沧区
  "/api/enterprises?q=%E5%BB%BA%E7%AD%91&size=20",                      -- 建筑
  "/api/enterprises?minScore=60&sort=name&size=20",
}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", queries[(n % #queries) + 1], headers)
end
