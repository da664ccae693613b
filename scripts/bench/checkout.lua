-- Checkout, timed alone: each connection (one per wrk thread) checks out, with an Idempotency-Key, the sessions
-- that carts.lua prepared for its thread (1-5 items each), one after another. Should a thread run out of
-- sessions, it asks /health/liveness instead and counts those requests as "idle": orders/s is then a lower bound.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local sessions, next_session = {}, 1

local base_init = init
init = function(args)
  base_init(args)
  local f = io.open(os.getenv("BENCH_SESSIONS") .. "/thread-" .. thread_no .. ".txt", "r")
  if f then
    for line in f:lines() do table.insert(sessions, line) end
    f:close()
  end
end

request = function()
  local sid = sessions[next_session]
  if sid == nil then
    idle = idle + 1
    return wrk.format("GET", "/health/liveness")
  end
  return wrk.format("POST", "/api/sessions/" .. sid .. "/checkout", {["Idempotency-Key"] = "bench-" .. next_session})
end

response = function(status, headers, body)
  if sessions[next_session] == nil then return end
  next_session = next_session + 1
  count(status)
  if status == 201 then orders = orders + 1 end
end
