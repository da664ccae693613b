-- The whole shopper flow: each connection (one per wrk thread, so its requests are strictly in turn) plays
-- shoppers one after another: create a session, put 1-5 random products in the cart, check out with an
-- Idempotency-Key. Orders/s here counts all of that; checkout.lua times the checkout alone.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local key = 0

request = function()
  if not cart.filled() then
    return cart.request()
  end
  key = key + 1
  return wrk.format("POST", "/api/sessions/" .. cart.sid .. "/checkout", {["Idempotency-Key"] = "bench-" .. key})
end

response = function(status, headers, body)
  count(status)
  if cart.filled() then      -- the answer to the checkout
    if status == 201 then orders = orders + 1 end
    cart.reset()
  else
    cart.response(status, body)
  end
end
