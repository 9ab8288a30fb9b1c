-- wrk script for loadtest.sh: every request POSTs the same body, the file BODY names, with Content-Type CONTENT_TYPE
-- (default application/json). The body file is read once per wrk thread. At the end it prints how many answers had
-- each status, so that a 503 (decoding busy) is told from a 400 or a 500.
local file = assert(io.open(os.getenv("BODY"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
wrk.headers["Content-Type"] = os.getenv("CONTENT_TYPE") or "application/json"
file:close()

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end

  local parts = {}
  for status, count in pairs(total) do
    table.insert(parts, status .. "=" .. count)
  end
  table.sort(parts)
  io.write("Statuses: " .. table.concat(parts, " ") .. "\n")
  io.write(string.format("Timeouts: %d\n", summary.errors.timeout))
end
