-- The same four searches sent to Elasticsearch directly, as the service builds them.
dofile(os.getenv("BENCH_DIR") .. "/paced.lua")
local headers = {["Content-Type"] = "application/json"}
local by_score = '"sort":[{"score":{"order":"desc"}},{"enterpriseId":{"order":"asc"}}]'
local by_name = '"sort":[{"enterpriseName.raw":{"order":"asc"}},{"enterpriseId":{"order":"asc"}}]'
local page = '"from":0,"size":20,"track_total_hits":true,'
local bodies = {
  '{' .. page .. '"query":{"bool":{"filter":[{"term":{"level":{"value":"RED"}}}]}},' .. by_score .. '}',
  '{' .. page .. '"query":{"bool":{"filter":[{"term":{"district":{"value":"李沧区"}}}]}},' .. by_score .. '}',
  '{' .. page .. '"query":{"bool":{"must":[{"match_phrase":{"enterpriseName":{"query":"建筑"}}}]}},' .. by_score .. '}',
  '{' .. page .. '"query":{"bool":{"filter":[{"range":{"score":{"gte":60.0}}}]}},' .. by_name .. '}',
}
local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", "/lw-risk/_search?ignore_unavailable=true&allow_no_indices=true", headers,
      bodies[(n % #bodies) + 1])
end
