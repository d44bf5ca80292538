-- Shared by the tenant registry's scripts. Every key of the registry carries the hash tag {tenants}: a write checks
-- and updates the uniqueness indexes and the tenant's hash in one atomic step, which on Redis Cluster needs one slot.
-- KEYS: 1 tenant hash, 2 index (zset of ids, score 0, for paging by id), 3 phones (hash number -> id),
--       4 tokens (hash token digest -> id), 5 meta (hash: version, floor), 6 changes (zset id -> version)

local function words(text)
  local out = {}
  for w in string.gmatch(text or '', '%S+') do out[#out + 1] = w end
  return out
end

-- Releases what the stored tenant holds in the indexes and is not in the new phone / digests.
local function release(id, phone, digests)
  local old_phone = redis.call('HGET', KEYS[1], 'phone')
  if old_phone and old_phone ~= '' and old_phone ~= phone and redis.call('HGET', KEYS[3], old_phone) == id then
    redis.call('HDEL', KEYS[3], old_phone)
  end
  local keep = {}
  for _, d in ipairs(digests) do keep[d] = true end
  for _, d in ipairs(words(redis.call('HGET', KEYS[1], 'digests'))) do
    if not keep[d] and redis.call('HGET', KEYS[4], d) == id then
      redis.call('HDEL', KEYS[4], d)
    end
  end
end

-- Bumps the registry version and records which tenant changed with it; keeps the change log bounded, remembering
-- the highest version dropped (a replica behind it reloads everything).
local function changed(id, max_changes)
  local version = redis.call('HINCRBY', KEYS[5], 'version', 1)
  redis.call('ZADD', KEYS[6], version, id)
  local excess = redis.call('ZCARD', KEYS[6]) - max_changes
  if excess > 0 then
    local dropped = redis.call('ZRANGE', KEYS[6], 0, excess - 1, 'WITHSCORES')
    redis.call('ZREMRANGEBYRANK', KEYS[6], 0, excess - 1)
    redis.call('HSET', KEYS[5], 'floor', dropped[#dropped])
  end
  return version
end
