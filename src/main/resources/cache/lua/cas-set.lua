-- Writes a loaded value unless the entry changed since the loader read it (a delete's tombstone or another write
-- came in between), so a slow load never puts back what a delete removed. KEYS[1]: the entry.
-- ARGV: SHA-1 of the payload read before loading ('' when there was none), the new payload, PX (0: no expiry).
-- Returns 1 when written, 0 when the entry had changed.
local current = redis.call('GET', KEYS[1])
local seen = ''
if current then
  seen = redis.sha1hex(current)
end
if seen ~= ARGV[1] then
  return 0
end
if tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
else
  redis.call('SET', KEYS[1], ARGV[2])
end
return 1
