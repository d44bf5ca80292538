-- Creates or replaces one tenant, keeping phone-number ids and API token digests unique across tenants.
-- ARGV: mode (create | update), id, expected rev (update), phone ('' = none), digests (space-separated),
--       max change-log entries, then field, value pairs of the tenant hash (rev is set here)
-- Returns {'ok', version, rev} | {'exists'} | {'missing'} | {'stale'} | {'phone_taken', owner} | {'token_taken', digest}
local mode, id, expected, phone = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local digests = words(ARGV[5])
local exists = redis.call('EXISTS', KEYS[1]) == 1
if mode == 'create' and exists then
  return {'exists'}
end
local rev = 1
if mode == 'update' then
  if not exists then
    return {'missing'}
  end
  local current = redis.call('HGET', KEYS[1], 'rev') or '0'
  if current ~= expected then
    return {'stale'}
  end
  rev = tonumber(current) + 1
end
if phone ~= '' then
  local owner = redis.call('HGET', KEYS[3], phone)
  if owner and owner ~= id then
    return {'phone_taken', owner}
  end
end
for _, d in ipairs(digests) do
  local owner = redis.call('HGET', KEYS[4], d)
  if owner and owner ~= id then
    return {'token_taken', d}
  end
end
if exists then
  release(id, phone, digests)
  redis.call('DEL', KEYS[1])
end
local fields = {}
for i = 7, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], 'rev', rev, unpack(fields))
if phone ~= '' then
  redis.call('HSET', KEYS[3], phone, id)
end
for _, d in ipairs(digests) do
  redis.call('HSET', KEYS[4], d, id)
end
redis.call('ZADD', KEYS[2], 0, id)
return {'ok', changed(id, tonumber(ARGV[6])), rev}
