-- Takes over jobs whose consumer stopped acknowledging them (idle in the consumer group longer than the
-- visibility timeout): each reclaimed delivery is a new attempt; one that stalled on its last
-- attempt goes dead instead of looping.
-- KEYS: the queue keys. ARGV: consumer, min idle ms, count, now, keep count (dead), keep age ms (dead),
--   default group limit
-- Returns {{id, entry, prio, attempts, data, group, created, max, returned}...}; returned is 1 for a job its
-- consumer gave back unstarted (hand-back.lua), which is no stall
local consumer, min_idle, count, now = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local jobs = {}
if redis.call('EXISTS', PAUSED) == 1 then
  return jobs -- a paused queue starts nothing, reclaimed jobs included
end
for prio = 10, 0, -1 do
  if count <= 0 then break end
  local key = stream(prio)
  if redis.call('EXISTS', key) == 1 then
    local res = redis.call('XAUTOCLAIM', key, CONSUMER_GROUP, consumer, min_idle, '0-0', 'COUNT', count)
    for _, e in ipairs(res[2]) do
      local entry, id = e[1], e[2][2]
      local job = job_key(id)
      local f = redis.call('HMGET', job, 'state', 'attempts', 'max', 'data', 'group', 'created')
      if f[1] ~= 'active' then
        drop_entry(prio, entry)
      elseif tonumber(f[2]) >= tonumber(f[3]) then
        drop_entry(prio, entry)
        redis.call('HSET', job, 'state', 'dead', 'finished', now, 'failed', now, 'errClass', 'stalled',
          'err', 'stalled on its last attempt: its consumer stopped without finishing it')
        redis.call('HDEL', job, 'owner')
        redis.call('PEXPIRE', job, ARGV[6])
        redis.call('ZADD', DEAD, now, id)
        redis.call('HINCRBY', META, 'active', -1)
        redis.call('HINCRBY', META, 'stalled', 1)
        trim(DEAD, tonumber(ARGV[5]))
        release(f[5] or '', id, now, ARGV[7])
      else
        local attempts = redis.call('HINCRBY', job, 'attempts', 1)
        redis.call('HSET', job, 'owner', consumer, 'started', now)
        local returned = redis.call('HDEL', job, 'returned')
        if returned == 0 then
          redis.call('HINCRBY', META, 'stalled', 1)
        end
        jobs[#jobs + 1] = {id, entry, prio, attempts, f[4], f[5], f[6], f[3], returned}
        count = count - 1
      end
    end
  end
end
return jobs
