-- Removes every job that has not started yet: waiting (in the bands or parked behind a tenant) and,
-- when asked, delayed and retrying ones. Active jobs are left to finish.
-- ARGV: base, include delayed (1/0)
-- Returns how many were removed.
local base = ARGV[1]
local meta = base .. 'meta'
local removed = 0
for prio = 10, 0, -1 do
  local stream = base .. 's:' .. prio
  if redis.call('EXISTS', stream) == 1 then
    for _, e in ipairs(redis.call('XRANGE', stream, '-', '+')) do
      local id = e[2][2]
      local job = base .. 'job:' .. id
      local f = redis.call('HMGET', job, 'state', 'tenant')
      if f[1] == 'waiting' then
        redis.call('XDEL', stream, e[1])
        if f[2] and f[2] ~= '' then
          redis.call('ZREM', base .. 'group:' .. f[2], id)
        end
        redis.call('DEL', job)
        removed = removed + 1
      end
    end
  end
end
for _, tenant in ipairs(redis.call('SMEMBERS', base .. 'groups')) do
  local parked = base .. 'gwait:' .. tenant
  for _, id in ipairs(redis.call('ZRANGE', parked, 0, -1)) do
    redis.call('DEL', base .. 'job:' .. id)
    removed = removed + 1
  end
  redis.call('DEL', parked)
end
redis.call('DEL', base .. 'groups')
redis.call('HSET', meta, 'waiting', 0)
if ARGV[2] == '1' then
  for _, id in ipairs(redis.call('ZRANGE', base .. 'delayed', 0, -1)) do
    redis.call('DEL', base .. 'job:' .. id)
    removed = removed + 1
  end
  redis.call('DEL', base .. 'delayed')
  redis.call('HSET', meta, 'delayed', 0, 'failed', 0)
end
return removed
