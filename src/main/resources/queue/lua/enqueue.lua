-- Enqueues one or more jobs atomically; an existing job id is not enqueued again.
-- KEYS: the job hashes. ARGV: base, now, default group limit, then 7 per job:
--   id, data, priority, tenant, due (ms, 0 = now), max attempts, group limit for the tenant (0 = keep)
-- Returns per job: {1 | 0 (already there), state}
local base, now, default_limit = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local meta = base .. 'meta'
local out = {}
for k = 1, #KEYS do
  local a = 3 + (k - 1) * 7
  local job, id, data, prio, tenant = KEYS[k], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4]
  local due, max, limit = tonumber(ARGV[a + 5]), ARGV[a + 6], tonumber(ARGV[a + 7])
  local existing = redis.call('HGET', job, 'state')
  if existing then
    out[k] = {0, existing}
  else
    -- the sequence orders a tenant's parked jobs; jobs without a tenant are ordered by their stream entry
    local seq = 0
    if tenant ~= '' then
      seq = redis.call('INCR', base .. 'seq')
      if limit > 0 then
        redis.call('HSET', base .. 'glimits', tenant, limit)
      end
    end
    if due > now then
      redis.call('HSET', job, 'id', id, 'data', data, 'prio', prio, 'tenant', tenant, 'attempts', 0,
        'max', max, 'seq', seq, 'created', now, 'state', 'delayed', 'due', due)
      redis.call('ZADD', base .. 'delayed', due, id)
      redis.call('HINCRBY', meta, 'delayed', 1)
      out[k] = {1, 'delayed'}
    elseif tenant == '' then
      -- the common case in one write: straight into its band
      redis.call('HSET', job, 'id', id, 'data', data, 'prio', prio, 'tenant', tenant, 'attempts', 0,
        'max', max, 'seq', seq, 'created', now, 'state', 'waiting', 'entry', xadd(base, id, prio, data, tenant, now, max))
      redis.call('HINCRBY', meta, 'waiting', 1)
      out[k] = {1, 'waiting'}
    else
      redis.call('HSET', job, 'id', id, 'data', data, 'prio', prio, 'tenant', tenant, 'attempts', 0,
        'max', max, 'seq', seq, 'created', now, 'state', 'waiting')
      redis.call('HINCRBY', meta, 'waiting', 1)
      dispatch(base, id, prio, tenant, seq, now, default_limit)
      out[k] = {1, 'waiting'}
    end
  end
end
return out
