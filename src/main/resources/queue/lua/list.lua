-- Ids of waiting or active jobs (the states kept in streams, not in sorted sets), oldest first.
-- KEYS: the queue keys. ARGV: state (waiting | active), offset, limit
local state, offset, limit = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local ids = {}
local skipped = 0
local function take(id)
  if skipped < offset then
    skipped = skipped + 1
  else
    ids[#ids + 1] = id
  end
  return #ids >= limit
end
for prio = 10, 0, -1 do
  local key = stream(prio)
  if redis.call('EXISTS', key) == 1 then
    for _, e in ipairs(redis.call('XRANGE', key, '-', '+')) do
      local id = e[2][2]
      if redis.call('HGET', job_key(id), 'state') == state and take(id) then
        return ids
      end
    end
  end
end
if state == 'waiting' then
  for _, group in ipairs(redis.call('SMEMBERS', GROUPS)) do
    for _, id in ipairs(redis.call('ZRANGE', parked_key(group), 0, -1)) do
      if take(id) then
        return ids
      end
    end
  end
end
return ids
