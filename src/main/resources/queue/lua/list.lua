-- Ids of waiting or active jobs (the states kept in streams, not in sorted sets), oldest first.
-- ARGV: base, state (waiting | active), offset, limit
local base, state, offset, limit = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
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
  local stream = base .. 's:' .. prio
  if redis.call('EXISTS', stream) == 1 then
    for _, e in ipairs(redis.call('XRANGE', stream, '-', '+')) do
      local id = e[2][2]
      if redis.call('HGET', base .. 'job:' .. id, 'state') == state and take(id) then
        return ids
      end
    end
  end
end
if state == 'waiting' then
  for _, tenant in ipairs(redis.call('SMEMBERS', base .. 'groups')) do
    for _, id in ipairs(redis.call('ZRANGE', base .. 'gwait:' .. tenant, 0, -1)) do
      if take(id) then
        return ids
      end
    end
  end
end
return ids
