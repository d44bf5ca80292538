-- Adds to a counter entry; a new counter gets the TTL, and a delete's tombstone counts as no counter.
-- KEYS[1]: the counter. ARGV: delta, PX for a new counter (0: none). Returns the new value.
local current = redis.call('GET', KEYS[1])
local fresh = not current
if current and string.sub(current, 1, 1) == '~' then
  redis.call('DEL', KEYS[1])
  fresh = true
end
local n = redis.call('INCRBY', KEYS[1], ARGV[1])
if fresh and tonumber(ARGV[2]) > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return n
