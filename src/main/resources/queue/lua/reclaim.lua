-- Takes over jobs whose consumer stopped acknowledging them (idle in the group longer than the
-- visibility timeout): each reclaimed delivery is a new attempt; one that stalled on its last
-- attempt goes dead instead of looping.
-- ARGV: base, consumer, min idle ms, count, now, keep count (dead), keep age ms (dead), default group limit
-- Returns {{id, entry, prio, attempts, data, tenant, created, max}...}
local base, consumer, min_idle, count, now = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
local jobs = {}
if redis.call('EXISTS', base .. 'paused') == 1 then
  return jobs -- a paused queue starts nothing, reclaimed jobs included
end
for prio = 10, 0, -1 do
  if count <= 0 then break end
  local stream = base .. 's:' .. prio
  if redis.call('EXISTS', stream) == 1 then
    local res = redis.call('XAUTOCLAIM', stream, GROUP, consumer, min_idle, '0-0', 'COUNT', count)
    for _, e in ipairs(res[2]) do
      local entry, id = e[1], e[2][2]
      local job = base .. 'job:' .. id
      local f = redis.call('HMGET', job, 'state', 'attempts', 'max', 'data', 'tenant', 'created')
      if f[1] ~= 'active' then
        drop_entry(base, prio, entry)
      elseif tonumber(f[2]) >= tonumber(f[3]) then
        drop_entry(base, prio, entry)
        redis.call('HSET', job, 'state', 'dead', 'finished', now, 'failed', now, 'errClass', 'stalled',
          'err', 'stalled on its last attempt: its consumer stopped without finishing it')
        redis.call('HDEL', job, 'owner')
        redis.call('PEXPIRE', job, ARGV[7])
        redis.call('ZADD', base .. 'dead', now, id)
        redis.call('HINCRBY', base .. 'meta', 'active', -1)
        redis.call('HINCRBY', base .. 'meta', 'stalled', 1)
        trim(base, base .. 'dead', tonumber(ARGV[6]))
        release(base, f[5] or '', id, now, ARGV[8])
      else
        local attempts = redis.call('HINCRBY', job, 'attempts', 1)
        redis.call('HSET', job, 'owner', consumer, 'started', now)
        redis.call('HINCRBY', base .. 'meta', 'stalled', 1)
        jobs[#jobs + 1] = {id, entry, prio, attempts, f[4], f[5], f[6], f[3]}
        count = count - 1
      end
    end
  end
end
return jobs
