-- Deletes finished jobs older than a grace period. ARGV: base, set (completed | dead), cutoff ms, limit
-- Returns how many were deleted.
local base = ARGV[1]
local set = base .. ARGV[2]
local ids = redis.call('ZRANGEBYSCORE', set, '-inf', ARGV[3], 'LIMIT', 0, tonumber(ARGV[4]))
for _, id in ipairs(ids) do
  redis.call('DEL', base .. 'job:' .. id)
  redis.call('ZREM', set, id)
end
return #ids
