-- Moves an outbound message's delivery status forward only: sent < delivered < read; failed is terminal
-- (and does not undo a read). KEYS[1]: the message hash.
-- ARGV: status, at (ms), error code, error title, wamid ('' = keep), ttl seconds
-- Returns the status the message has afterwards ('' when it has no record).
local rank = {queued = 0, sent = 1, delivered = 2, read = 3, failed = 4}
local msg, status = KEYS[1], ARGV[1]
if redis.call('EXISTS', msg) == 0 then
  return ''
end
if not rank[status] then
  -- a status this model does not know (Meta adds some now and then): change nothing, never fail the job
  return redis.call('HGET', msg, 'status') or 'queued'
end
local current = redis.call('HGET', msg, 'status') or 'queued'
local forward = rank[status] > (rank[current] or 0) and current ~= 'failed'
  and not (status == 'failed' and current == 'read')
if forward then
  redis.call('HSET', msg, 'status', status, status .. 'At', ARGV[2], 'updatedAt', ARGV[2])
  if status == 'failed' then
    redis.call('HSET', msg, 'errorCode', ARGV[3], 'errorTitle', ARGV[4])
  end
  current = status
end
if ARGV[5] ~= '' then
  redis.call('HSET', msg, 'wamid', ARGV[5])
end
redis.call('EXPIRE', msg, ARGV[6])
return current
