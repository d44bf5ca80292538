-- Completes active jobs whose deliveries the caller still owns (fencing token = the attempt it was given), and
-- in the same round trip hands the caller its next jobs. Acks are batched: one call completes every job a
-- consumer finished since its last call, with one XACK and one XDEL per band.
-- KEYS: the queue keys, then the job hashes. ARGV: now, keep count, keep age ms, default group limit, consumer,
--   jobs wanted, fair band, then per job: id, token, entry, priority, group
-- Returns {per job 1, or 0 when the job is no longer that delivery's (reclaimed, removed, finished)}, {next jobs},
--   1 when the queue is paused (the caller starts none of the jobs it fetched ahead until it resumes), else 0
local now, keep, keep_age, default_limit = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], ARGV[4]
local out = {}
local entries = {}
local finished = {}
for k = 1, #KEYS - FIXED do
  local a = 7 + (k - 1) * 5
  local job, id, token, entry, prio, group = KEYS[FIXED + k], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4], ARGV[a + 5]
  local f = redis.call('HMGET', job, 'state', 'attempts')
  if f[1] ~= 'active' or f[2] ~= token then
    out[k] = 0
  else
    entries[prio] = entries[prio] or {}
    table.insert(entries[prio], entry)
    redis.call('HSET', job, 'state', 'completed', 'finished', now)
    redis.call('PEXPIRE', job, keep_age)
    finished[#finished + 1] = now
    finished[#finished + 1] = id
    release(group, id, now, default_limit)
    out[k] = 1
  end
end
for prio, ids in pairs(entries) do
  local key = stream(prio)
  redis.call('XACK', key, CONSUMER_GROUP, unpack(ids))
  redis.call('XDEL', key, unpack(ids))
end
if #finished > 0 then
  redis.call('ZADD', COMPLETED, unpack(finished))
  redis.call('HINCRBY', META, 'active', -(#finished / 2))
  trim(COMPLETED, keep)
  count_finished('c', now, #finished / 2)
end
local paused = redis.call('EXISTS', PAUSED)
local wanted = tonumber(ARGV[6])
local next = {}
if wanted > 0 and paused == 0 then
  next = take_jobs(ARGV[5], wanted, now, tonumber(ARGV[7]))
end
return {out, next, paused}
