-- Releases a lock only for its owner: a holder whose lease ran out must not delete the lock another replica took since.
-- KEYS[1]: the lock. ARGV[1]: the owner's token. Returns 1 when released, 0 when the lock is not (or no longer) its.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
