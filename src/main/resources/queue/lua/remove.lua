-- Removes a job that is not running. KEYS: the queue keys, then the job hash. ARGV: id, now, default group limit
-- Returns 1 removed, 0 no such job, -1 active (refused: fail or wait for it instead)
local job, id = KEYS[FIXED + 1], ARGV[1]
local f = redis.call('HMGET', job, 'state', 'entry', 'prio', 'group')
local state = f[1]
if not state then
  return 0
end
if state == 'active' then
  return -1
end
if state == 'waiting' then
  redis.call('HINCRBY', META, 'waiting', -1)
  local group = f[4] or ''
  if group ~= '' and redis.call('ZREM', parked_key(group), id) == 1 then
    -- parked behind its group: nothing in a stream yet
  else
    if f[2] then
      drop_entry(f[3], f[2])
    end
    release(group, id, tonumber(ARGV[2]), ARGV[3])
  end
elseif state == 'delayed' or state == 'failed' then
  redis.call('ZREM', DELAYED, id)
  redis.call('HINCRBY', META, state, -1)
elseif state == 'completed' then
  redis.call('ZREM', COMPLETED, id)
elseif state == 'dead' then
  redis.call('ZREM', DEAD, id)
end
redis.call('DEL', job)
return 1
