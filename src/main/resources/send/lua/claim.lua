-- Takes one held send for release: moves it from its tenant's hash to the releasing hash (with the time), so one
-- replica releases it and a replica that dies meanwhile leaves it for another to take over after a while.
-- KEYS: 1 set of tenants with held sends, 2 the tenant's held sends, 3 releasing (hash job id -> tenant '|' ms '|' entry)
-- ARGV: tenant, job id, now (ms), stale after (ms; take over a release older than this)
-- Returns the held entry (priority '|' data), or false when another replica has it
local tenant, id, now = ARGV[1], ARGV[2], tonumber(ARGV[3])
local entry = redis.call('HGET', KEYS[2], id)
if entry then
  redis.call('HDEL', KEYS[2], id)
  if redis.call('HLEN', KEYS[2]) == 0 then
    redis.call('SREM', KEYS[1], tenant)
  end
else
  local releasing = redis.call('HGET', KEYS[3], id)
  if not releasing then
    return false
  end
  local t, at, rest = string.match(releasing, '^([^|]*)|(%d+)|(.*)$')
  if now - tonumber(at) < tonumber(ARGV[4]) then
    return false
  end
  entry = rest
end
redis.call('HSET', KEYS[3], id, tenant .. '|' .. now .. '|' .. entry)
return entry
