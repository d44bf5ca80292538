-- Records a failed attempt of an active job the caller still owns: retry after a delay, or dead when
-- the error is permanent or the attempts are used up.
-- KEYS: the queue keys, then the job hash. ARGV: id, token, now, error message, error class, permanent (1/0),
--   retry delay ms, keep count (dead), keep age ms (dead), default group limit, stack trace
-- Each failed attempt is appended to the job's 'hist' (JSON, the last 10 attempts: attempt, at, error, class, stack).
-- Returns 1 (retry scheduled), 2 (dead), 0 (not this delivery's any more)
local job, id, token, now = KEYS[FIXED + 1], ARGV[1], ARGV[2], tonumber(ARGV[3])
local f = redis.call('HMGET', job, 'state', 'attempts', 'entry', 'prio', 'group', 'max')
if f[1] ~= 'active' or f[2] ~= token then
  return 0
end
drop_entry(f[4], f[3])
local hist = {}
local previous = redis.call('HGET', job, 'hist')
if previous then hist = cjson.decode(previous) end
hist[#hist + 1] = {attempt = tonumber(f[2]), at = now, error = ARGV[4], class = ARGV[5], stack = ARGV[11] or ''}
while #hist > 10 do table.remove(hist, 1) end
redis.call('HSET', job, 'err', ARGV[4], 'errClass', ARGV[5], 'failed', now, 'hist', cjson.encode(hist))
count_finished('f', now, 1)
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
