-- wrk script of `bench/run.sh checkin`: every request is a different trainee's
-- check-in POST, each trainee checks in once. Arguments after `--`: the data
-- file written by `bench/checkin.py prepare`, a file each thread appends a line
-- to when all its trainees have an answer (run.py then stops wrk), and the
-- number of wrk threads.
--
-- Trainees are dealt out to the threads (thread k takes k, k + threads, …);
-- one request per trainee, so run it with as many connections as trainees:
-- all of them post at once. A connection whose trainee is done waits (wrk's
-- delay) instead of sending anything else. The code is the session's current
-- one, picked from the data file by the wall clock, as a trainee reads it off
-- the screen. A check-in succeeded when the answer is the redirect back to the
-- check-in page; anything else (a form error, the log-in page, 403, 429, 5xx)
-- is counted as an error, as is a trainee left without an answer.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock, bench_timespec *now);
]]
local timespec = ffi.new("bench_timespec")

local function now()
  ffi.C.clock_gettime(0, timespec) -- CLOCK_REALTIME: the server's clock too
  return tonumber(timespec.tv_sec) + tonumber(timespec.tv_nsec) / 1e9
end

-- main state --------------------------------------------------------------

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local totals = { sent = 0, ok = 0, failed = 0 }
  local first, last = math.huge, 0
  local statuses = {}
  for _, thread in ipairs(threads) do
    for key in pairs(totals) do
      totals[key] = totals[key] + thread:get(key)
    end
    first = math.min(first, thread:get("first") or math.huge)
    last = math.max(last, thread:get("last") or 0)
    for status, n in pairs(thread:get("statuses")) do
      statuses[status] = (statuses[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(statuses) do
    table.insert(parts, string.format('"%s": %d', status, n))
  end
  io.write(string.format(
    'CHECKIN {"trainees": %d, "sent": %d, "ok": %d, "failed": %d, ' ..
    '"seconds": %.3f, "statuses": {%s}}\n',
    threads[1]:get("trainees"), totals.sent, totals.ok, totals.failed,
    last > first and last - first or 0, table.concat(parts, ", ")))
end

-- thread state ------------------------------------------------------------

local data, mine, donefile
local reserved, answered = 0, 0
sent, ok, failed = 0, 0, 0
statuses = {}

function init(args)
  data = dofile(args[1])
  donefile = args[2]
  trainees = #data.trainees
  mine = {}
  for i = id + 1, #data.trainees, tonumber(args[3]) do
    table.insert(mine, data.trainees[i])
  end
end

function delay()
  if reserved >= #mine then
    return 3600 * 1000 -- this connection's trainee is done: send nothing more
  end
  reserved = reserved + 1
  return 0
end

function request()
  if reserved == 0 then
    return wrk.format("POST", data.path) -- wrk's check of the script, not sent
  end
  sent = sent + 1
  first = first or now()
  local trainee = mine[sent]
  local code = data.codes[math.floor(now() / data.step)] or "000000"
  local body = "code=" .. code
  if trainee.qr then
    body = body .. "&session=" .. data.session
  end
  return wrk.format("POST", data.path, {
    ["Cookie"] = trainee.cookie,
    [data.csrf_header] = trainee.csrf,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end

function response(status, headers, body)
  answered = answered + 1
  statuses[tostring(status)] = (statuses[tostring(status)] or 0) + 1
  local location = headers["Location"] or headers["location"] or ""
  if status == 302 and location:sub(-#data.path) == data.path then
    ok = ok + 1
  else
    failed = failed + 1
  end
  if answered >= #mine then
    last = now()
    local file = io.open(donefile, "a")
    file:write(id, "\n")
    file:close()
    wrk.thread:stop()
  end
end
