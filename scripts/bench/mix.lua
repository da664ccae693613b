-- The shop mix: browse (category pages) 40 %, search (q + filters) 30 %, product detail 20 %,
-- cart 10 % (create a session, put items, read the cart).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local categories = {"Audio", "Bags", "Beauty", "Books", "Cameras", "Computers", "Fitness", "Furniture", "Garden",
  "Gaming", "Groceries", "Jewelry", "Kitchen", "Lighting", "Office", "Outdoor", "Pets", "Shoes", "Toys", "Watches"}
local sorts = {"", "&sort=price", "&sort=-price", "&sort=name", "&sort=-rating"}
local words = {"wireless", "leather", "organic", "compact", "quiet", "waterproof", "vegan", "cordless", "dimmable",
  "handmade", "lamp", "chair", "camera", "laptop", "tent", "coffee", "headphones", "boots", "watch", "sofa",
  "stainless+steel", "noise+cancelling", "solid+oak", "gift+boxed"}
local json = {["Content-Type"] = "application/json"}
local sessions = {}

local function pick(list) return list[math.random(1, #list)] end

-- Mostly the first pages, as shoppers page.
local function page()
  local r = math.random()
  if r < 0.6 then return 0 elseif r < 0.85 then return 1 else return math.random(2, 9) end
end

request = function()
  local r = math.random(1, 100)
  if r <= 40 then
    return wrk.format("GET", "/api/products?category=" .. pick(categories) .. pick(sorts) .. "&page=" .. page())
  elseif r <= 70 then
    local path = "/api/products?q=" .. pick(words)
    if math.random() < 0.3 then path = path .. "&category=" .. pick(categories) end
    if math.random() < 0.2 then path = path .. "&maxPrice=" .. math.random(50, 500) end
    return wrk.format("GET", path .. pick(sorts))
  elseif r <= 90 then
    return wrk.format("GET", "/api/products/" .. math.random(1, N))
  end
  if #sessions < 20 or math.random() < 0.1 then
    return wrk.format("POST", "/api/sessions")
  end
  local sid = pick(sessions)
  if math.random() < 0.5 then
    return wrk.format("PUT", "/api/sessions/" .. sid .. "/cart/items/" .. math.random(1, N), json,
      '{"quantity":' .. math.random(1, 3) .. '}')
  end
  return wrk.format("GET", "/api/sessions/" .. sid .. "/cart")
end

response = function(status, headers, body)
  if status == 409 then
    conflicts = conflicts + 1
  elseif status == 201 then
    local sid = body:match('"sessionId":"([^"]+)"')
    if sid then
      if #sessions >= 200 then table.remove(sessions, 1) end
      table.insert(sessions, sid)
    end
  end
end
