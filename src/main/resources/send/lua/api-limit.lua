-- Send API requests of one tenant per 1-second window, shared by all replicas. KEYS[1]: the tenant's counter.
-- ARGV: limit, window (ms). Returns 0 when admitted, else the milliseconds until the window ends.
local n = redis.call('INCR', KEYS[1])
if n == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
if n > tonumber(ARGV[1]) then
  local left = redis.call('PTTL', KEYS[1])
  if left < 0 then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    left = tonumber(ARGV[2])
  end
  return math.max(left, 1)
end
return 0
