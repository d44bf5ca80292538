-- Gives an entry a new TTL: the logical expiry in its header ('<epoch ms>|<json>') and its Redis expiry (TTL +
-- grace). KEYS[1]: the entry. ARGV: new logical expiry (epoch ms, 0: none), PX (0: none).
-- Returns 1, or 0 when there is no entry (or only a delete's tombstone).
local current = redis.call('GET', KEYS[1])
if not current or string.sub(current, 1, 1) == '~' then
  return 0
end
local bar = string.find(current, '|', 1, true)
if bar and string.match(string.sub(current, 1, bar - 1), '^%d+$') then
  local value = ARGV[1] .. string.sub(current, bar)
  if tonumber(ARGV[2]) > 0 then
    redis.call('SET', KEYS[1], value, 'PX', ARGV[2])
  else
    redis.call('SET', KEYS[1], value)
  end
elseif tonumber(ARGV[2]) > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
else
  redis.call('PERSIST', KEYS[1])
end
return 1
