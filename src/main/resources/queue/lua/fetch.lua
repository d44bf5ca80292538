-- Hands up to `count` ready jobs to a consumer, highest priority band first, in one round trip.
-- ARGV: base, consumer, count, now, fair band (-1, or 0..10: first one job from that band or the next
--       non-empty one above it, so that a sustained high-priority load never starves lower bands)
-- Returns {'paused'}, {'jobs', {id, entry, prio, attempts, data, tenant, created, max}...}
-- or {'empty', last entry id per band (10..0)} for the caller's blocking wake-up read.
local base, consumer, count, now = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
if redis.call('EXISTS', base .. 'paused') == 1 then
  return {'paused'}
end
local jobs = {}

local function read(prio, n)
  local stream = base .. 's:' .. prio
  if redis.call('EXISTS', stream) == 1 then
    local res = redis.pcall('XREADGROUP', 'GROUP', GROUP, consumer, 'COUNT', n, 'STREAMS', stream, '>')
    if type(res) == 'table' and res.err then
      -- the group vanished (keys deleted by hand): recreate it and read again
      redis.call('XGROUP', 'CREATE', stream, GROUP, '0')
      res = redis.call('XREADGROUP', 'GROUP', GROUP, consumer, 'COUNT', n, 'STREAMS', stream, '>')
    end
    if res then
      for _, e in ipairs(res[1][2]) do
        local entry, id = e[1], e[2][2]
        local job = base .. 'job:' .. id
        local f = redis.call('HMGET', job, 'state', 'data', 'tenant', 'created', 'max')
        if f[1] ~= 'waiting' then
          drop_entry(base, prio, entry) -- removed meanwhile
        else
          local attempts = redis.call('HINCRBY', job, 'attempts', 1)
          redis.call('HSET', job, 'state', 'active', 'started', now, 'owner', consumer, 'entry', entry)
          jobs[#jobs + 1] = {id, entry, prio, attempts, f[2], f[3], f[4], f[5]}
          count = count - 1
        end
      end
    end
  end
end

local fair = tonumber(ARGV[5])
if fair >= 0 then
  for prio = fair, 10 do
    read(prio, 1)
    if #jobs > 0 then break end
  end
end
for prio = 10, 0, -1 do
  if count <= 0 then break end
  read(prio, count)
end
if #jobs > 0 then
  redis.call('HINCRBY', base .. 'meta', 'waiting', -#jobs)
  redis.call('HINCRBY', base .. 'meta', 'active', #jobs)
  return {'jobs', jobs}
end
-- Nothing ready: every entry still in a band is delivered, so an XREAD after the newest one wakes the
-- caller exactly when a new job arrives (no race with enqueues that happen after this script).
local last = {}
for prio = 10, 0, -1 do
  local newest = redis.call('XREVRANGE', base .. 's:' .. prio, '+', '-', 'COUNT', 1)
  last[#last + 1] = (#newest > 0) and newest[1][1] or '0-0'
end
return {'empty', last}
