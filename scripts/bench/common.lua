-- Shared by the wrk scenarios: the catalog size, a per-thread random seed, status counting, and the one-line
-- summary (BENCH {...}) that scripts/bench collects. Latencies are in microseconds, as wrk measures them.
N = tonumber(os.getenv("BENCH_PRODUCTS") or "1000000")
conflicts = 0   -- 409: out of stock (5 % of demo products have none); a correct answer, counted apart
orders = 0      -- 201 answers to a checkout (carts.lua: sessions prepared)
idle = 0        -- checkout.lua: requests sent after its prepared sessions ran out

local threads = {}

-- The requests that fill a cart: a new session, then one unit of a random product.
function new_session()
  return wrk.format("POST", "/api/sessions")
end

function put_random_item(sid)
  return wrk.format("PUT", "/api/sessions/" .. sid .. "/cart/items/" .. math.random(1, N),
    {["Content-Type"] = "application/json"}, '{"quantity":1}')
end

function setup(thread)
  thread:set("thread_no", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 97 + thread_no * 7919)
end

local function sum(name)
  local n = 0
  for _, t in ipairs(threads) do n = n + (t:get(name) or 0) end
  return n
end

function done(summary, latency, requests)
  local e = summary.errors
  local c = sum("conflicts")
  io.write(string.format('BENCH {"requests":%d,"duration_us":%d,"errors":%d,"socket_errors":%d,"conflicts":%d,'
    .. '"orders":%d,"idle":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, e.status - c, e.connect + e.read + e.write + e.timeout, c, sum("orders"), sum("idle"),
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, latency.mean))
end
