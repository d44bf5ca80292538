-- Moves one delayed job (or a failed one waiting for its retry) to waiting now, ahead of its due time.
-- KEYS: the queue keys, then the job hash. ARGV: id, now, default group limit
-- Returns 1 promoted, 0 no such job, -1 not delayed (its state is left as it is)
local job, id = KEYS[FIXED + 1], ARGV[1]
local f = redis.call('HMGET', job, 'state', 'prio', 'group', 'seq')
if not f[1] then
  return 0
end
if f[1] ~= 'delayed' and f[1] ~= 'failed' then
  return -1
end
redis.call('ZREM', DELAYED, id)
redis.call('HINCRBY', META, f[1], -1)
redis.call('HINCRBY', META, 'waiting', 1)
redis.call('HSET', job, 'state', 'waiting')
redis.call('HDEL', job, 'due')
dispatch(id, f[2], f[3] or '', f[4], tonumber(ARGV[2]), ARGV[3])
return 1
