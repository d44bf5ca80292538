-- Releases a load lock only while this caller still holds it (its lease may have run out and another replica taken
-- it). KEYS[1]: the lock. ARGV[1]: the holder's token. Returns 1 when released.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
