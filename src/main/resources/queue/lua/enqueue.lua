-- Enqueues one or more jobs atomically; an existing job id is not enqueued again.
-- KEYS: the queue keys, then the job hashes. ARGV: now, default group limit, then 7 per job:
--   id, data, priority, group, due (ms, 0 = now), max attempts, limit for the group (0 = keep)
-- Returns per job: {1 | 0 (already there), state}
local now, default_limit = tonumber(ARGV[1]), ARGV[2]
local out = {}
local waiting, delayed = 0, 0
for k = 1, #KEYS - FIXED do
  local a = 2 + (k - 1) * 7
  local job, id, data, prio, group = KEYS[FIXED + k], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4]
  local due, max, limit = tonumber(ARGV[a + 5]), ARGV[a + 6], tonumber(ARGV[a + 7])
  local existing = redis.call('HGET', job, 'state')
  if existing then
    out[k] = {0, existing}
  else
    -- the sequence orders a group's parked jobs; jobs without a group are ordered by their stream entry
    local seq = 0
    if group ~= '' then
      seq = redis.call('INCR', SEQ)
      if limit > 0 then
        redis.call('HSET', GLIMITS, group, limit)
      end
    end
    if due > now then
      redis.call('HSET', job, 'id', id, 'data', data, 'prio', prio, 'group', group, 'attempts', 0,
        'max', max, 'seq', seq, 'created', now, 'state', 'delayed', 'due', due)
      redis.call('ZADD', DELAYED, due, id)
      delayed = delayed + 1
      out[k] = {1, 'delayed'}
    elseif group == '' then
      -- the common case in one write: straight into its band
      redis.call('HSET', job, 'id', id, 'data', data, 'prio', prio, 'group', group, 'attempts', 0,
        'max', max, 'seq', seq, 'created', now, 'state', 'waiting', 'entry', xadd(id, prio, data, group, now, max))
      waiting = waiting + 1
      out[k] = {1, 'waiting'}
    else
      redis.call('HSET', job, 'id', id, 'data', data, 'prio', prio, 'group', group, 'attempts', 0,
        'max', max, 'seq', seq, 'created', now, 'state', 'waiting')
      waiting = waiting + 1
      dispatch(id, prio, group, seq, now, default_limit)
      out[k] = {1, 'waiting'}
    end
  end
end
-- the counters once per call, not once per job
if waiting > 0 then
  redis.call('HINCRBY', META, 'waiting', waiting)
end
if delayed > 0 then
  redis.call('HINCRBY', META, 'delayed', delayed)
end
return out
