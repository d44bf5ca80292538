-- Stores a running job's result (e.g. the provider's message id) if the caller still owns the delivery, so a
-- reclaimed job can see that its effect already happened. KEYS: the queue keys, then the job hash.
-- ARGV: token, result. Returns 1 stored, 0 refused
local job = KEYS[FIXED + 1]
local f = redis.call('HMGET', job, 'state', 'attempts')
if f[1] ~= 'active' or f[2] ~= ARGV[1] then
  return 0
end
redis.call('HSET', job, 'result', ARGV[2])
return 1
