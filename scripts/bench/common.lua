-- Shared by the wrk scenarios: the catalog size, a per-thread random seed (from BENCH_SEED, so a run can be
-- repeated), answers counted by status, and the one-line summary (BENCH {...}) that scripts/bench collects.
-- Latencies are in microseconds, as wrk measures them.
N = tonumber(os.getenv("BENCH_PRODUCTS") or "1000000")
SEED = tonumber(os.getenv("BENCH_SEED") or "20261202")
-- Answers by status; every scenario's response() calls count(status). 409 is out of stock (5 % of demo products
-- have none), a correct answer; the others but 2xx are errors the report must explain.
s2xx, s400, s404, s409, s503, s5xx, sother = 0, 0, 0, 0, 0, 0, 0
orders = 0      -- 201 answers to a checkout (carts.lua: sessions prepared)
idle = 0        -- checkout.lua: requests sent after its prepared sessions ran out
started, late = 0, 0 -- sustained.lua: shoppers started, and those started over a second after their time

local threads = {}

-- A function that draws a word from WORDS (ranked, most frequent first) with a Zipf distribution (s = 1): the
-- cumulative weights are built once per thread, each draw is a binary search over them.
function zipf_sampler(words)
  local cumulative, total = {}, 0
  for rank = 1, #words do
    total = total + 1 / rank
    cumulative[rank] = total
  end
  return function()
    local u, lo, hi = math.random() * total, 1, #cumulative
    while lo < hi do
      local mid = math.floor((lo + hi) / 2)
      if cumulative[mid] < u then lo = mid + 1 else hi = mid end
    end
    return words[lo]
  end
end

-- A query parameter's value, percent-encoded (everything but letters and digits).
function encode(s)
  return (s:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

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
  math.randomseed(SEED * 97 + thread_no * 7919)
end

function count(status)
  if status >= 200 and status < 300 then s2xx = s2xx + 1
  elseif status == 400 then s400 = s400 + 1
  elseif status == 404 then s404 = s404 + 1
  elseif status == 409 then s409 = s409 + 1
  elseif status == 503 then s503 = s503 + 1
  elseif status >= 500 then s5xx = s5xx + 1
  else sother = sother + 1 end
end

local function sum(name)
  local n = 0
  for _, t in ipairs(threads) do n = n + (t:get(name) or 0) end
  return n
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCH {"requests":%d,"duration_us":%d,"socket_errors":%d,"s2xx":%d,"s400":%d,"s404":%d,'
    .. '"s409":%d,"s503":%d,"s5xx":%d,"sother":%d,"orders":%d,"idle":%d,"started":%d,"late":%d,"seed":%d,'
    .. '"p50_us":%d,"p95_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, sum("s2xx"), sum("s400"),
    sum("s404"), sum("s409"), sum("s503"), sum("s5xx"), sum("sother"), sum("orders"), sum("idle"), sum("started"),
    sum("late"), SEED,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, latency.mean))
end
