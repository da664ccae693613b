-- Shared by the wrk scenarios: the catalog size, a per-thread random seed, status counting, and the one-line
-- summary (BENCH {...}) that scripts/bench collects. Latencies are in microseconds, as wrk measures them.
N = tonumber(os.getenv("BENCH_PRODUCTS") or "1000000")
conflicts = 0   -- 409: out of stock (5 % of demo products have none); a correct answer, counted apart
orders = 0      -- 201 answers to a checkout (carts.lua: sessions prepared)
idle = 0        -- checkout.lua: requests sent after its prepared sessions ran out

local threads = {}

-- A shopper filling a cart, one request at a time: a new session, then 1-5 random products, with up to 5 more
-- tries for products out of stock. cart.filled() is true once that is done; cart.reset() starts the next one.
cart = {sid = nil, wanted = 0, added = 0, tries = 0}

function cart.request()
  if cart.sid == nil then
    return wrk.format("POST", "/api/sessions")
  end
  cart.tries = cart.tries + 1
  return wrk.format("PUT", "/api/sessions/" .. cart.sid .. "/cart/items/" .. math.random(1, N),
    {["Content-Type"] = "application/json"}, '{"quantity":1}')
end

function cart.response(status, body)
  if cart.sid == nil then
    cart.sid = body:match('"sessionId":"([^"]+)"')
    cart.wanted, cart.added, cart.tries = math.random(1, 5), 0, 0
  elseif status == 200 then
    cart.added = cart.added + 1
  end
end

function cart.filled()
  return cart.sid ~= nil and (cart.added >= cart.wanted or cart.tries >= cart.wanted + 5)
end

function cart.reset()
  cart.sid = nil
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
