-- Completes active jobs whose deliveries the caller still owns (fencing token = the attempt it was given), and
-- in the same round trip hands the caller its next jobs. Acks are batched: one call completes every job a
-- worker finished since its last call, with one XACK and one XDEL per band.
-- ARGV: base, now, keep count, keep age ms, default group limit, consumer, jobs wanted, fair band,
--       then per job: id, token, entry, priority, tenant, result ('' = none)
-- Returns {per job 1, or 0 when the job is no longer that delivery's (reclaimed, removed, finished)}, {next jobs}
local base, now, keep, keep_age, default_limit = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], ARGV[5]
local out = {}
local entries = {}
local finished = {}
for i = 9, #ARGV, 6 do
  local id, token, entry, prio, tenant, result = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5]
  local job = base .. 'job:' .. id
  local f = redis.call('HMGET', job, 'state', 'attempts')
  if f[1] ~= 'active' or f[2] ~= token then
    out[#out + 1] = 0
  else
    entries[prio] = entries[prio] or {}
    table.insert(entries[prio], entry)
    if result ~= '' then
      redis.call('HSET', job, 'state', 'completed', 'finished', now, 'result', result)
    else
      redis.call('HSET', job, 'state', 'completed', 'finished', now)
    end
    redis.call('PEXPIRE', job, keep_age)
    finished[#finished + 1] = now
    finished[#finished + 1] = id
    release(base, tenant, id, now, default_limit)
    out[#out + 1] = 1
  end
end
for prio, ids in pairs(entries) do
  local stream = base .. 's:' .. prio
  redis.call('XACK', stream, GROUP, unpack(ids))
  redis.call('XDEL', stream, unpack(ids))
end
if #finished > 0 then
  redis.call('ZADD', base .. 'completed', unpack(finished))
  redis.call('HINCRBY', base .. 'meta', 'active', -(#finished / 2))
  trim(base, base .. 'completed', keep)
end
local wanted = tonumber(ARGV[7])
local next = {}
if wanted > 0 and redis.call('EXISTS', base .. 'paused') == 0 then
  next = take_jobs(base, ARGV[6], wanted, now, tonumber(ARGV[8]))
end
return {out, next}
