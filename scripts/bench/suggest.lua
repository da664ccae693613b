-- Search-as-you-type suggestions alone (issue 31): GET /api/suggest?q=<prefix>&size=8, the prefix being the first
-- 2-5 letters (at most the whole word) of a word drawn with a Zipf distribution (s = 1) from the generated catalog's
-- own words ranked by how many products contain them (BENCH_VOCABULARY, written by Vocabulary.java), as mix.lua
-- draws its searches. 20 % of the queries are two words: a whole word first (drawn the same way), then the prefix
-- of another (a shopper typing the second word of "noise canc…"). Drawn from BENCH_SEED, so a run can be repeated.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
dofile(os.getenv("BENCH_VOCABULARY"))

local zipf_word = zipf_sampler(vocabulary)

local function prefix()
  local w = zipf_word()
  return w:sub(1, math.min(#w, math.random(2, 5)))
end

request = function()
  local q = prefix()
  if math.random() < 0.2 then q = zipf_word() .. " " .. q end
  return wrk.format("GET", "/api/suggest?q=" .. encode(q) .. "&size=8")
end

response = function(status, headers, body)
  count(status)
end
