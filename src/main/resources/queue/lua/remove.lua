-- Removes a job that is not running. ARGV: base, id, now, default group limit
-- Returns 1 removed, 0 no such job, -1 active (refused: fail or wait for it instead)
local base, id = ARGV[1], ARGV[2]
local job = base .. 'job:' .. id
local f = redis.call('HMGET', job, 'state', 'entry', 'prio', 'tenant')
local state = f[1]
if not state then
  return 0
end
if state == 'active' then
  return -1
end
local meta = base .. 'meta'
if state == 'waiting' then
  redis.call('HINCRBY', meta, 'waiting', -1)
  local tenant = f[4] or ''
  if tenant ~= '' and redis.call('ZREM', base .. 'gwait:' .. tenant, id) == 1 then
    -- parked behind its tenant: nothing in a stream yet
  else
    if f[2] then
      drop_entry(base, f[3], f[2])
    end
    release(base, tenant, id, tonumber(ARGV[3]), ARGV[4])
  end
elseif state == 'delayed' or state == 'failed' then
  redis.call('ZREM', base .. 'delayed', id)
  redis.call('HINCRBY', meta, state, -1)
elseif state == 'completed' then
  redis.call('ZREM', base .. 'completed', id)
elseif state == 'dead' then
  redis.call('ZREM', base .. 'dead', id)
end
redis.call('DEL', job)
return 1
