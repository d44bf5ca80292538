-- Completes an active job if the caller still owns it (fencing token = the attempt it was given).
-- ARGV: base, id, token, now, result, keep count, keep age ms, default group limit
-- Returns 1, or 0 when the job is no longer this delivery's (reclaimed, removed, already finished).
local base, id, token, now = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local job = base .. 'job:' .. id
local f = redis.call('HMGET', job, 'state', 'attempts', 'entry', 'prio', 'tenant')
if f[1] ~= 'active' or f[2] ~= token then
  return 0
end
drop_entry(base, f[4], f[3])
redis.call('HSET', job, 'state', 'completed', 'finished', now)
if ARGV[5] ~= '' then
  redis.call('HSET', job, 'result', ARGV[5])
end
redis.call('HDEL', job, 'owner')
redis.call('PEXPIRE', job, ARGV[7])
redis.call('ZADD', base .. 'completed', now, id)
redis.call('HINCRBY', base .. 'meta', 'active', -1)
trim(base, base .. 'completed', tonumber(ARGV[6]))
release(base, f[5], id, now, ARGV[8])
return 1
