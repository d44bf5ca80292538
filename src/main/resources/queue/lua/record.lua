-- Stores a running job's result (e.g. the provider's message id) if the caller still owns the delivery, so a
-- reclaimed job can see that its effect already happened. ARGV: base, id, token, result
-- Returns 1 stored, 0 refused
local job = ARGV[1] .. 'job:' .. ARGV[2]
local f = redis.call('HMGET', job, 'state', 'attempts')
if f[1] ~= 'active' or f[2] ~= ARGV[3] then
  return 0
end
redis.call('HSET', job, 'result', ARGV[4])
return 1
