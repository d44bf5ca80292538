-- Removes up to `batch` jobs that have not started yet: waiting ones (in the bands after the consumer group's
-- last-delivered entry, or parked behind a group) and, when asked, delayed and retrying ones. Active jobs are left
-- to finish. Each call does work in proportion to the batch, so the caller loops (one short script per batch)
-- instead of one script blocking Redis for the whole backlog.
-- KEYS: the queue keys. ARGV: include delayed (1/0), batch
-- Returns {removed, 1 when more may be left | 0}
local batch = tonumber(ARGV[2])
local removed = 0

-- parked jobs first: once a group has none left, removing its admitted ones below cannot strand any
for _, group in ipairs(redis.call('SRANDMEMBER', GROUPS, batch)) do
  if removed >= batch then break end
  local parked = parked_key(group)
  local popped = redis.call('ZPOPMIN', parked, batch - removed)
  for i = 1, #popped, 2 do
    redis.call('DEL', job_key(popped[i]))
    redis.call('HINCRBY', META, 'waiting', -1)
    removed = removed + 1
  end
  if redis.call('EXISTS', parked) == 0 then
    redis.call('SREM', GROUPS, group)
  end
end
for prio = 10, 0, -1 do
  local key = stream(prio)
  if removed < batch and redis.call('EXISTS', key) == 1 then
    local entries = redis.call('XRANGE', key, '(' .. last_delivered(key), '+', 'COUNT', batch - removed)
    for _, e in ipairs(entries) do
      local id = e[2][2]
      local job = job_key(id)
      local f = redis.call('HMGET', job, 'state', 'group')
      redis.call('XDEL', key, e[1])
      if f[1] == 'waiting' then
        if f[2] and f[2] ~= '' then
          redis.call('ZREM', active_key(f[2]), id)
        end
        redis.call('DEL', job)
        redis.call('HINCRBY', META, 'waiting', -1)
      end
      removed = removed + 1
    end
  end
end
if ARGV[1] == '1' and removed < batch then
  local popped = redis.call('ZPOPMIN', DELAYED, batch - removed)
  for i = 1, #popped, 2 do
    local job = job_key(popped[i])
    local state = redis.call('HGET', job, 'state')
    if state == 'delayed' or state == 'failed' then
      redis.call('HINCRBY', META, state, -1)
    end
    redis.call('DEL', job)
    removed = removed + 1
  end
end
return {removed, removed >= batch and 1 or 0}
