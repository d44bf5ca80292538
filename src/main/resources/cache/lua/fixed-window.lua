-- A fixed-window counter shared by all replicas: the window starts with its first call and lasts ARGV[2] ms.
-- KEYS[1]: the window's counter. ARGV: window (ms). Returns {calls in the window including this one, ms left}.
-- Every call counts, admitted or not (a client that keeps calling keeps being refused).
local current = redis.call('GET', KEYS[1])
if current and string.sub(current, 1, 1) == '~' then
  redis.call('DEL', KEYS[1])
end
local n = redis.call('INCR', KEYS[1])
local left = redis.call('PTTL', KEYS[1])
if n == 1 or left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
return { n, left }
