-- Sustained writes: the whole shopper flow (shopper.lua's) started on a fixed schedule instead of as fast as
-- answers come back. Each connection (one per wrk thread) starts a shopper every BENCH_CONNECTIONS / BENCH_RATE
-- seconds, on a clock of its own that does not wait for the shoppers before (LuaJIT's ffi reads the monotonic
-- clock), so BENCH_RATE shoppers a second arrive in all. A shopper started more than a second after its time counts
-- as late: the shop (or this connection) could not keep up, and the step did not hold its rate.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } gridshop_timespec;
int clock_gettime(int clock, gridshop_timespec *ts);
]]
local ts = ffi.new("gridshop_timespec")
local function now()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
end

local RATE = tonumber(os.getenv("BENCH_RATE"))
local PERIOD = tonumber(os.getenv("BENCH_CONNECTIONS")) / RATE -- seconds between one connection's shoppers
local due, key = nil, 0

local base_init = init
init = function(args)
  base_init(args)
  due = now() + (thread_no - 1) / RATE -- the connections' schedules interleave
end

delay = function()
  if cart.sid ~= nil then return 0 end -- within a shopper's flow, no pause
  local wait = due - now()
  return wait > 0 and wait * 1000 or 0
end

request = function()
  if cart.sid == nil then
    started = started + 1
    if now() - due > 1 then late = late + 1 end
    due = due + PERIOD
    return cart.request()
  end
  if not cart.filled() then
    return cart.request()
  end
  key = key + 1
  return wrk.format("POST", "/api/sessions/" .. cart.sid .. "/checkout",
    {["Idempotency-Key"] = "sustained-" .. RATE .. "-" .. thread_no .. "-" .. key})
end

response = function(status, headers, body)
  count(status)
  if cart.filled() then -- the answer to the checkout
    if status == 201 then orders = orders + 1 end
    cart.reset()
  else
    cart.response(status, body)
  end
end
