-- A message accepted for sending: its record, status queued, with its TTL, in one call. KEYS[1]: the message hash.
-- ARGV: tenant, to, created at (ms), ttl seconds
local msg = KEYS[1]
redis.call('HSET', msg, 'tenant', ARGV[1], 'to', ARGV[2], 'status', 'queued', 'createdAt', ARGV[3])
redis.call('EXPIRE', msg, ARGV[4])
return 1
