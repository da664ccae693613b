-- Prepares the sessions that checkout.lua checks out: each connection (one per wrk thread) creates a session,
-- puts 1-5 random products in its cart, and appends the session id to $BENCH_SESSIONS/thread-N.txt; then the
-- next. Run with the same thread count as checkout.lua, so thread N's sessions are checked out by thread N.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local file = nil

request = cart.request

response = function(status, headers, body)
  count(status)
  cart.response(status, body)
  if cart.filled() then
    if cart.added > 0 then   -- a cart with nothing in stock among its tries is dropped
      file = file or io.open(os.getenv("BENCH_SESSIONS") .. "/thread-" .. thread_no .. ".txt", "a")
      file:write(cart.sid, "\n")
      file:flush()
      orders = orders + 1    -- here: sessions prepared
    end
    cart.reset()
  end
end
