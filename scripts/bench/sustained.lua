-- Sustained writes: the whole shopper flow of shopper.lua, started on a fixed schedule instead of as fast as
-- answers come back. Each connection (one per wrk thread) starts a shopper every BENCH_CONNECTIONS / BENCH_RATE
-- seconds, on a clock of its own that does not wait for the shoppers before (LuaJIT's ffi reads the monotonic
-- clock), so BENCH_RATE shoppers a second arrive in all. A shopper started more than a second after its time counts
-- as late: the shop (or this connection) could not keep up, and the step did not hold its rate.
dofile(os.getenv("BENCH_LUA") .. "/shopper.lua")
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
local due = nil

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

local flow_request = request
request = function()
  if cart.sid == nil then -- a new shopper, on its schedule
    started = started + 1
    if now() - due > 1 then late = late + 1 end
    due = due + PERIOD
  end
  return flow_request()
end
