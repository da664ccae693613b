-- The whole shopper flow: each connection (one per wrk thread, so its requests are strictly in turn) plays
-- shoppers one after another: create a session, put 1-5 random products in the cart, check out with an
-- Idempotency-Key. Orders/s here counts all of that; checkout.lua times the checkout alone.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local sid, wanted, added, tries, key = nil, 0, 0, 0, 0

request = function()
  if sid == nil then
    return new_session()
  end
  if added < wanted and tries < wanted + 5 then
    tries = tries + 1
    return put_random_item(sid)
  end
  key = key + 1
  return wrk.format("POST", "/api/sessions/" .. sid .. "/checkout", {["Idempotency-Key"] = "bench-" .. key})
end

response = function(status, headers, body)
  if status == 409 then conflicts = conflicts + 1 end
  if sid == nil then
    sid = body:match('"sessionId":"([^"]+)"')
    wanted, added, tries = math.random(1, 5), 0, 0
  elseif added < wanted and tries <= wanted + 5 and not body:match('"orderId"') then
    if status == 200 then added = added + 1 end
  else
    if status == 201 then orders = orders + 1 end
    sid = nil
  end
end
