-- Moves delayed jobs and retries whose time has come to waiting. Safe to run on every replica.
-- KEYS: the queue keys. ARGV: now, max jobs, default group limit
-- Returns {moved, next due time or -1}
local now, limit = tonumber(ARGV[1]), tonumber(ARGV[2])
local ids = redis.call('ZRANGEBYSCORE', DELAYED, '-inf', now, 'LIMIT', 0, limit)
for _, id in ipairs(ids) do
  redis.call('ZREM', DELAYED, id)
  local job = job_key(id)
  local f = redis.call('HMGET', job, 'state', 'prio', 'group', 'seq')
  if f[1] == 'delayed' or f[1] == 'failed' then
    redis.call('HINCRBY', META, f[1], -1)
    redis.call('HINCRBY', META, 'waiting', 1)
    redis.call('HSET', job, 'state', 'waiting')
    redis.call('HDEL', job, 'due')
    dispatch(id, f[2], f[3] or '', f[4], now, ARGV[3])
  end
end
local next = redis.call('ZRANGE', DELAYED, 0, 0, 'WITHSCORES')
return {#ids, next[2] or '-1'}
