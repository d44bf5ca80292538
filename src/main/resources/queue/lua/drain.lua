-- Removes every job that has not started yet: waiting (in the bands or parked behind a group) and,
-- when asked, delayed and retrying ones. Active jobs are left to finish.
-- KEYS: the queue keys. ARGV: include delayed (1/0)
-- Returns how many were removed.
local removed = 0
for prio = 10, 0, -1 do
  local key = stream(prio)
  if redis.call('EXISTS', key) == 1 then
    for _, e in ipairs(redis.call('XRANGE', key, '-', '+')) do
      local id = e[2][2]
      local job = job_key(id)
      local f = redis.call('HMGET', job, 'state', 'group')
      if f[1] == 'waiting' then
        redis.call('XDEL', key, e[1])
        if f[2] and f[2] ~= '' then
          redis.call('ZREM', active_key(f[2]), id)
        end
        redis.call('DEL', job)
        removed = removed + 1
      end
    end
  end
end
for _, group in ipairs(redis.call('SMEMBERS', GROUPS)) do
  local parked = parked_key(group)
  for _, id in ipairs(redis.call('ZRANGE', parked, 0, -1)) do
    redis.call('DEL', job_key(id))
    removed = removed + 1
  end
  redis.call('DEL', parked)
end
redis.call('DEL', GROUPS)
redis.call('HSET', META, 'waiting', 0)
if ARGV[1] == '1' then
  for _, id in ipairs(redis.call('ZRANGE', DELAYED, 0, -1)) do
    redis.call('DEL', job_key(id))
    removed = removed + 1
  end
  redis.call('DEL', DELAYED)
  redis.call('HSET', META, 'delayed', 0, 'failed', 0)
end
return removed
