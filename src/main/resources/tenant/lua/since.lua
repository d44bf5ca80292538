-- What changed in the registry after a replica's version, in one round trip: the current version and, per tenant
-- changed since, its id and hash (empty when it was purged). Tenant keys are built from KEYS[1]'s prefix, so they
-- carry the same {tenants} tag and live in the same slot.
-- KEYS: 1 meta, 2 changes. ARGV: the replica's version, most tenants to return
-- Returns {version, 'same'} | {version, 'reload'} (the log no longer reaches back, or too many changed) |
--         {version, 'changes', id1, hash1, id2, hash2, ...}
local meta = redis.call('HMGET', KEYS[1], 'version', 'floor')
local version, floor = tonumber(meta[1] or '0'), tonumber(meta[2] or '0')
local since, most = tonumber(ARGV[1]), tonumber(ARGV[2])
if version == since then
  return {version, 'same'}
end
if since < floor or version < since then
  return {version, 'reload'}
end
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. since, version, 'LIMIT', 0, most + 1)
if #ids > most then
  return {version, 'reload'}
end
local base = string.sub(KEYS[1], 1, #KEYS[1] - 4) -- 'meta'
local out = {version, 'changes'}
for _, id in ipairs(ids) do
  out[#out + 1] = id
  out[#out + 1] = redis.call('HGETALL', base .. 'tenant:' .. id)
end
return out
