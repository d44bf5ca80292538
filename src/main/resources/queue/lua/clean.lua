-- Deletes finished jobs older than a grace period. KEYS: the queue keys. ARGV: set (completed | dead), cutoff ms, limit
-- Returns how many were deleted.
local set = (ARGV[1] == 'dead') and DEAD or COMPLETED
local ids = redis.call('ZRANGEBYSCORE', set, '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(ids) do
  redis.call('DEL', job_key(id))
  redis.call('ZREM', set, id)
end
return #ids
