-- The wamid index: which send job a Graph message id belongs to. Meta's status webhooks can arrive before the
-- sender has recorded the id, so a status for an unknown id is parked here (the furthest one wins) and handed
-- over when the id is linked. KEYS[1]: the wamid hash; the message record lives in another slot, so the caller
-- applies a parked status in a second step. A link keeps the parked status and hands it over again each time: a
-- sender that died between the two steps links again on its next attempt, and the status is applied then (applying
-- it twice changes nothing, statuses only move forward). Once linked, nothing is parked any more.
-- ARGV: 'link', job id, ttl seconds                        -> {parked status, at, code, title} or {}
--       'status', status, at, code, title, ttl seconds    -> job id, or '' (parked)
local rank = {sent = 1, delivered = 2, read = 3, failed = 4}
local key = KEYS[1]
if ARGV[1] == 'link' then
  redis.call('HSET', key, 'job', ARGV[2])
  redis.call('EXPIRE', key, ARGV[3])
  local parked = redis.call('HMGET', key, 'status', 'at', 'code', 'title')
  if parked[1] then
    return parked
  end
  return {}
end
local job = redis.call('HGET', key, 'job')
if job then
  return job
end
if not rank[ARGV[2]] then
  return '' -- a status this model does not know: nothing to park
end
local current = redis.call('HGET', key, 'status')
if not current or (rank[ARGV[2]] > rank[current] and current ~= 'failed') then
  redis.call('HSET', key, 'status', ARGV[2], 'at', ARGV[3], 'code', ARGV[4], 'title', ARGV[5])
end
redis.call('EXPIRE', key, ARGV[6])
return ''
