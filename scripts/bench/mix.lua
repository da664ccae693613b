-- The shop mix: browse (category pages) 40 %, search 30 %, product detail 20 %, cart 10 % (create a session, put
-- items, read the cart).
-- Searches are what shoppers type: 1-3 words (55 / 30 / 15 %) drawn with a Zipf distribution (s = 1) from the
-- generated catalog's own words ranked by how many products contain them (BENCH_VOCABULARY, written by
-- Vocabulary.java), 5 % of words misspelled (two letters swapped) or absent from the catalog; a brand filter 15 %
-- of the time, a price range 20 %, a category 20 %; any sort; pages 0-5 with a weight halving from page to page.
-- Category pages page the same way. Everything is drawn from BENCH_SEED, so a run can be repeated.
--
-- Search features (issue 31), off unless asked for (without them the mix draws exactly what it always drew):
--   BENCH_SEARCH=1   searches as shoppers type them with a search-as-you-type box and typo tolerance: no sort 80 % of
--                    the time (relevance, the default with q; else one of price, -price, name, -rating); each word
--                    misspelled 10 % of the time by one edit (two neighbours swapped, a letter left out or replaced;
--                    words of 3 letters or more), absent from the catalog 2 %; the last word cut to its first 3 or
--                    more letters (a prefix, at most the word less one letter) in 25 % of searches; a brand filter
--                    15 %, a third of those with a second brand (repeated brand= is OR).
--   BENCH_FACETS=1   facets=category,brand,price,rating on every search and every category page;
--   BENCH_FACETS=search  on every search only (category pages without).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
dofile(os.getenv("BENCH_VOCABULARY"))
local SEARCH = os.getenv("BENCH_SEARCH") == "1"
local FACETS = (os.getenv("BENCH_FACETS") == "1" or os.getenv("BENCH_FACETS") == "search")
  and "&facets=category,brand,price,rating" or ""
local PAGE_FACETS = os.getenv("BENCH_FACETS") == "1" and FACETS or "" -- on category pages too

local categories = {"Audio", "Bags", "Beauty", "Books", "Cameras", "Computers", "Fitness", "Furniture", "Garden",
  "Gaming", "Groceries", "Jewelry", "Kitchen", "Lighting", "Office", "Outdoor", "Pets", "Shoes", "Toys", "Watches"}
local sorts = {"", "&sort=price", "&sort=-price", "&sort=name", "&sort=-rating"}
local prices = {5, 10, 20, 50, 100, 200, 500, 1000}
local json = {["Content-Type"] = "application/json"}
local sessions = {}

local function pick(list) return list[math.random(1, #list)] end

local zipf_word = zipf_sampler(vocabulary)

local letters = "abcdefghijklmnopqrstuvwxyz"

local function typed_word()
  local w = zipf_word()
  if math.random() >= 0.05 then return w end
  if #w >= 4 and math.random() < 0.5 then   -- two neighbouring letters swapped
    local i = math.random(1, #w - 1)
    return w:sub(1, i - 1) .. w:sub(i + 1, i + 1) .. w:sub(i, i) .. w:sub(i + 2)
  end
  local absent = "q"                           -- a word no product has
  for _ = 1, math.random(4, 8) do
    local i = math.random(1, #letters)
    absent = absent .. letters:sub(i, i)
  end
  return absent
end

-- BENCH_SEARCH: a word as typed with typo tolerance in mind: 10 % one edit, 2 % absent
local function misspelled_word()
  local w = zipf_word()
  local r = math.random()
  if r < 0.10 and #w >= 3 then
    local i, kind = math.random(1, #w - 1), math.random(1, 3)
    if kind == 1 then                          -- two neighbouring letters swapped
      return w:sub(1, i - 1) .. w:sub(i + 1, i + 1) .. w:sub(i, i) .. w:sub(i + 2)
    elseif kind == 2 then                      -- a letter left out
      return w:sub(1, i - 1) .. w:sub(i + 1)
    end
    local j = math.random(1, #letters)         -- a letter replaced
    return w:sub(1, i - 1) .. letters:sub(j, j) .. w:sub(i + 1)
  elseif r < 0.12 then
    local absent = "q"
    for _ = 1, math.random(4, 8) do
      local j = math.random(1, #letters)
      absent = absent .. letters:sub(j, j)
    end
    return absent
  end
  return w
end

-- pages 0-5, each half as likely as the one before
local function page()
  local r, p, weight = math.random() * (63 / 32), 0, 1
  while r > weight and p < 5 do
    r = r - weight; p = p + 1; weight = weight / 2
  end
  return p
end

local sorted = {"&sort=price", "&sort=-price", "&sort=name", "&sort=-rating"}

-- BENCH_SEARCH: relevance (no sort) 80 %, typos, a prefix for the last word 25 %, facets if BENCH_FACETS
local function typed_search()
  local n = math.random()
  n = n < 0.55 and 1 or (n < 0.85 and 2 or 3)
  local words = {}
  for i = 1, n do words[i] = misspelled_word() end
  if math.random() < 0.25 and #words[n] >= 4 then
    words[n] = words[n]:sub(1, math.random(3, #words[n] - 1))
  end
  local path = "/api/products?q=" .. encode(table.concat(words, " "))
  if math.random() < 0.15 then
    path = path .. "&brand=" .. encode(pick(brands))
    if math.random() < 1 / 3 then path = path .. "&brand=" .. encode(pick(brands)) end
  end
  if math.random() < 0.2 then
    local low = math.random(1, #prices - 1)
    path = path .. "&minPrice=" .. prices[low] .. "&maxPrice=" .. prices[math.random(low + 1, #prices)]
  end
  if math.random() < 0.2 then path = path .. "&category=" .. pick(categories) end
  if math.random() >= 0.8 then path = path .. pick(sorted) end
  return path .. FACETS .. "&page=" .. page()
end

local function search()
  if SEARCH then return typed_search() end
  local n = math.random()
  n = n < 0.55 and 1 or (n < 0.85 and 2 or 3)
  local words = {}
  for i = 1, n do words[i] = typed_word() end
  local path = "/api/products?q=" .. table.concat(words, "+")
  if math.random() < 0.15 then path = path .. "&brand=" .. encode(pick(brands)) end
  if math.random() < 0.2 then
    local low = math.random(1, #prices - 1)
    path = path .. "&minPrice=" .. prices[low] .. "&maxPrice=" .. prices[math.random(low + 1, #prices)]
  end
  if math.random() < 0.2 then path = path .. "&category=" .. pick(categories) end
  return path .. pick(sorts) .. FACETS .. "&page=" .. page()
end

request = function()
  local r = math.random(1, 100)
  if r <= 40 then
    return wrk.format("GET", "/api/products?category=" .. pick(categories) .. pick(sorts) .. PAGE_FACETS .. "&page=" .. page())
  elseif r <= 70 then
    return wrk.format("GET", search())
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
  count(status)
  if status == 201 then
    local sid = body:match('"sessionId":"([^"]+)"')
    if sid then
      if #sessions >= 200 then table.remove(sessions, 1) end
      table.insert(sessions, sid)
    end
  end
end
