-- Records a failed attempt of an active job the caller still owns: retry after a delay, or dead when
-- the error is permanent or the attempts are used up.
-- ARGV: base, id, token, now, error message, error class, permanent (1/0), retry delay ms,
--       keep count (dead), keep age ms (dead), default group limit
-- Returns 1 (retry scheduled), 2 (dead), 0 (not this delivery's any more)
local base, id, token, now = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local job = base .. 'job:' .. id
local f = redis.call('HMGET', job, 'state', 'attempts', 'entry', 'prio', 'tenant', 'max')
if f[1] ~= 'active' or f[2] ~= token then
  return 0
end
drop_entry(base, f[4], f[3])
redis.call('HSET', job, 'err', ARGV[5], 'errClass', ARGV[6], 'failed', now)
redis.call('HDEL', job, 'owner')
redis.call('HINCRBY', base .. 'meta', 'active', -1)
local outcome
if ARGV[7] == '1' or tonumber(f[2]) >= tonumber(f[6]) then
  redis.call('HSET', job, 'state', 'dead', 'finished', now)
  redis.call('PEXPIRE', job, ARGV[10])
  redis.call('ZADD', base .. 'dead', now, id)
  trim(base, base .. 'dead', tonumber(ARGV[9]))
  outcome = 2
else
  local due = now + tonumber(ARGV[8])
  redis.call('HSET', job, 'state', 'failed', 'due', due)
  redis.call('ZADD', base .. 'delayed', due, id)
  redis.call('HINCRBY', base .. 'meta', 'failed', 1)
  outcome = 1
end
release(base, f[5], id, now, ARGV[11])
return outcome
