-- Hands up to `count` ready jobs to a consumer, highest priority band first, in one round trip.
-- KEYS: the queue keys. ARGV: consumer, count, now, fair band (-1, or 0..10; see take_jobs)
-- Returns {'paused'}, {'jobs', {id, entry, prio, attempts, data, group, created, max}...}
-- or {'empty', last entry id per band (10..0)} for the caller's blocking wake-up read.
if redis.call('EXISTS', PAUSED) == 1 then
  return {'paused'}
end
local jobs = take_jobs(ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4]))
if #jobs > 0 then
  return {'jobs', jobs}
end
-- Nothing ready: every entry still in a band is delivered, so an XREAD after the newest one wakes the
-- caller exactly when a new job arrives (no race with enqueues that happen after this script).
local last = {}
for prio = 10, 0, -1 do
  local newest = redis.call('XREVRANGE', stream(prio), '+', '-', 'COUNT', 1)
  last[#last + 1] = (#newest > 0) and newest[1][1] or '0-0'
end
return {'empty', last}
