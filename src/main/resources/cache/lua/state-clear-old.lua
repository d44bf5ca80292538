-- Deletes a user state last updated before the cutoff. KEYS[1]: the state entry ('<expiry>|<json>' with an
-- updatedAt field, epoch ms). ARGV[1]: the cutoff (epoch ms).
-- Returns -1 when it was deleted, -2 when there is no state, else its last update (newer than the cutoff: kept).
local current = redis.call('GET', KEYS[1])
if not current or string.sub(current, 1, 1) == '~' then
  return -2
end
local bar = string.find(current, '|', 1, true)
local updated = tonumber(cjson.decode(string.sub(current, bar + 1))['updatedAt'])
if updated < tonumber(ARGV[1]) then
  redis.call('UNLINK', KEYS[1])
  return -1
end
return updated
