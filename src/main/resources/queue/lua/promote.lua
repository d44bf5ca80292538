-- Moves delayed jobs and retries whose time has come to waiting. Safe to run on every replica.
-- ARGV: base, now, max jobs, default group limit
-- Returns {moved, next due time or -1}
local base, now, limit = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local meta = base .. 'meta'
local ids = redis.call('ZRANGEBYSCORE', base .. 'delayed', '-inf', now, 'LIMIT', 0, limit)
for _, id in ipairs(ids) do
  redis.call('ZREM', base .. 'delayed', id)
  local job = base .. 'job:' .. id
  local f = redis.call('HMGET', job, 'state', 'prio', 'tenant', 'seq')
  if f[1] == 'delayed' or f[1] == 'failed' then
    redis.call('HINCRBY', meta, f[1], -1)
    redis.call('HINCRBY', meta, 'waiting', 1)
    redis.call('HSET', job, 'state', 'waiting')
    redis.call('HDEL', job, 'due')
    dispatch(base, id, f[2], f[3], f[4], now, ARGV[4])
  end
end
local next = redis.call('ZRANGE', base .. 'delayed', 0, 0, 'WITHSCORES')
return {#ids, next[2] or '-1'}
