-- Records a failed attempt of an active job the caller still owns: retry after a delay, or dead when
-- the error is permanent or the attempts are used up.
-- KEYS: the queue keys, then the job hash. ARGV: id, token, now, error message, error class, permanent (1/0),
--   retry delay ms, keep count (dead), keep age ms (dead), default group limit
-- Returns 1 (retry scheduled), 2 (dead), 0 (not this delivery's any more)
local job, id, token, now = KEYS[FIXED + 1], ARGV[1], ARGV[2], tonumber(ARGV[3])
local f = redis.call('HMGET', job, 'state', 'attempts', 'entry', 'prio', 'group', 'max')
if f[1] ~= 'active' or f[2] ~= token then
  return 0
end
drop_entry(f[4], f[3])
redis.call('HSET', job, 'err', ARGV[4], 'errClass', ARGV[5], 'failed', now)
redis.call('HDEL', job, 'owner')
redis.call('HINCRBY', META, 'active', -1)
local outcome
if ARGV[6] == '1' or tonumber(f[2]) >= tonumber(f[6]) then
  redis.call('HSET', job, 'state', 'dead', 'finished', now)
  redis.call('PEXPIRE', job, ARGV[9])
  redis.call('ZADD', DEAD, now, id)
  trim(DEAD, tonumber(ARGV[8]))
  outcome = 2
else
  local due = now + tonumber(ARGV[7])
  redis.call('HSET', job, 'state', 'failed', 'due', due)
  redis.call('ZADD', DELAYED, due, id)
  redis.call('HINCRBY', META, 'failed', 1)
  outcome = 1
end
release(f[5] or '', id, now, ARGV[10])
return outcome
