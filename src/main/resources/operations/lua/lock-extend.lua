-- Extends a lock's lease, only for its owner.
-- KEYS[1]: the lock. ARGV[1]: the owner's token, ARGV[2]: the new lease in ms. Returns 1 when extended, 0 when lost.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
