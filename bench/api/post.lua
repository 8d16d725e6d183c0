-- wrk script: POSTs the JSON body in $TC_BODY to /v1/executions and counts responses whose
-- execution status is not "ok" (an HTTP 200 with a failed execution is a failure too).
-- done() prints one machine-readable line: RESULT requests seconds rps p50_ms p99_ms bad.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local f = assert(io.open(os.getenv("TC_BODY"), "r"))
  wrk.method = "POST"
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
  bad = 0
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"status":"ok"', 1, true) then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local total_bad = 0
  for _, t in ipairs(threads) do total_bad = total_bad + t:get("bad") end
  local e = summary.errors
  total_bad = total_bad + e.connect + e.read + e.write + e.timeout
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT %d %.2f %.1f %.1f %.1f %d\n", summary.requests, secs,
    summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000, total_bad))
end
