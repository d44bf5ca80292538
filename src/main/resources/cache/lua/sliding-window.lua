-- A sliding-window log shared by all replicas, on Redis's clock (TIME), the same for every replica.
-- KEYS[1]: sorted set of the admitted calls (score: time in ms). ARGV: limit, window (ms), a unique member.
-- Returns {1 admitted or 0 refused, admitted calls in the last window ms, ms until the oldest of them leaves it}.
if redis.call('TYPE', KEYS[1]).ok == 'string' then
  redis.call('DEL', KEYS[1])
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
local admitted = 0
if count < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  count = count + 1
  admitted = 1
end
redis.call('PEXPIRE', KEYS[1], window)
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local reset = window
if oldest[2] then
  reset = tonumber(oldest[2]) + window - now
end
return { admitted, count, reset }
