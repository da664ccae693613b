-- Prepares the sessions that checkout.lua checks out: each connection (one per wrk thread) creates a session,
-- puts 1-5 random products in its cart, and appends the session id to $BENCH_SESSIONS/thread-N.txt; then the
-- next. Run with the same thread count as checkout.lua, so thread N's sessions are checked out by thread N.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local sid, wanted, added, tries, file = nil, 0, 0, 0, nil

request = function()
  if sid == nil then
    return new_session()
  end
  tries = tries + 1
  return put_random_item(sid)
end

response = function(status, headers, body)
  if status == 409 then conflicts = conflicts + 1 end
  if sid == nil then
    sid = body:match('"sessionId":"([^"]+)"')
    wanted, added, tries = math.random(1, 5), 0, 0
    return
  end
  if status == 200 then added = added + 1 end
  if added == wanted or (tries >= wanted + 5 and added > 0) then
    file = file or io.open(os.getenv("BENCH_SESSIONS") .. "/thread-" .. thread_no .. ".txt", "a")
    file:write(sid, "\n")
    file:flush()
    orders = orders + 1   -- here: sessions prepared
    sid = nil
  elseif tries >= wanted + 5 then
    sid = nil             -- nothing in stock among its tries: start over
  end
end
