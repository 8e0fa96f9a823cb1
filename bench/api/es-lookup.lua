-- The same lookup sent to Elasticsearch directly: the service's own _msearch (risk, alerts, recent signals).
dofile(os.getenv("BENCH_DIR") .. "/paced.lua")
local codes = lines(os.getenv("CODES"))
local headers = {["Content-Type"] = "application/x-ndjson"}
local options = '"ignore_unavailable":true,"allow_no_indices":true'
request = function()
  local code = codes[math.random(#codes)]
  local body = '{"index":"lw-risk",' .. options .. '}\n'
      .. '{"size":1,"query":{"ids":{"values":["' .. code .. '"]}}}\n'
      .. '{"index":"lw-alerts",' .. options .. '}\n'
      .. '{"size":500,"query":{"term":{"enterpriseId":{"value":"' .. code .. '"}}},'
      .. '"sort":[{"raisedAt":{"order":"asc"}},{"id":{"order":"asc"}}]}\n'
      .. '{"index":"lw-signals",' .. options .. '}\n'
      .. '{"size":20,"query":{"term":{"enterpriseId":{"value":"' .. code .. '"}}},'
      .. '"sort":[{"occurredAt":{"order":"desc"}},{"id":{"order":"asc"}}]}\n'
  return wrk.format("POST", "/_msearch", headers, body)
end
