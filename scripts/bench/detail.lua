-- Product detail by random id (1..BENCH_PRODUCTS).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

request = function()
  return wrk.format("GET", "/api/products/" .. math.random(1, N))
end

response = function(status, headers, body)
  count(status)
end
