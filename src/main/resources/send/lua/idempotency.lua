-- Idempotency-Key records of the send API. KEYS[1]: the record (hash: body, job, state), one per tenant and key.
-- ARGV: 'claim', body hash, new job id, ttl (ms) -> {'new', job} | {'same', job, state} | {'conflict', job}
--       'enqueued'                              -> 1 (the job is in the queue: replays must not enqueue again)
--       'release', job id                       -> 1 (the claim of that job failed: the key is free again)
local key = KEYS[1]
if ARGV[1] == 'release' then
  if redis.call('HGET', key, 'job') == ARGV[2] then
    redis.call('DEL', key)
  end
  return 1
end
if ARGV[1] == 'enqueued' then
  if redis.call('EXISTS', key) == 1 then
    redis.call('HSET', key, 'state', 'enqueued')
  end
  return 1
end
local stored = redis.call('HMGET', key, 'body', 'job', 'state')
if stored[2] then
  if stored[1] == ARGV[2] then
    return {'same', stored[2], stored[3]}
  end
  return {'conflict', stored[2]}
end
redis.call('HSET', key, 'body', ARGV[2], 'job', ARGV[3], 'state', 'pending')
redis.call('PEXPIRE', key, ARGV[4])
return {'new', ARGV[3]}
