-- Schedules a booking reminder as the one pending reminder of its tenant, booking and type.
-- KEYS[1]: the reminder hash. ARGV: now (ms), sendAt (ms), digest of the content, expire at (ms), then the content's
-- field/value pairs.
-- A pending reminder with the same send time keeps its version (content updated if it differs); any other send time
-- gives a new version, so the delayed job of the old one finds itself stale. Versions never repeat, even after the
-- hash expired: at least the current time in ms.
-- Returns {outcome, version, previous version or ''}; outcome: created | rescheduled | updated | unchanged.
local key = KEYS[1]
local now, send_at, digest, expire_at = tonumber(ARGV[1]), ARGV[2], ARGV[3], ARGV[4]
local cur = redis.call('HMGET', key, 'state', 'version', 'sendAt', 'digest')
local state, version = cur[1], cur[2]
local outcome, previous
if state == 'pending' and cur[3] == send_at then
  if cur[4] == digest then
    return {'unchanged', version, ''}
  end
  outcome, previous = 'updated', ''
else
  if state == 'pending' then
    outcome, previous = 'rescheduled', version
  else
    outcome, previous = 'created', ''
    redis.call('HDEL', key, 'sendJobId', 'sentAt', 'cancelledAt', 'failedAt', 'error')
  end
  version = tostring(math.max((tonumber(version) or 0) + 1, now))
  redis.call('HSET', key, 'version', version, 'state', 'pending', 'scheduledAt', now)
end
redis.call('HSET', key, 'sendAt', send_at, 'digest', digest, 'updatedAt', now, unpack(ARGV, 5))
redis.call('PEXPIREAT', key, expire_at)
return {outcome, version, previous}
