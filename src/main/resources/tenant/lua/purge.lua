-- Removes a deleted tenant's tombstone once its time has come, with its index entries.
-- ARGV: id, now (ms), max change-log entries. Returns {'ok', version} | {'kept'} (not deleted, or not yet due)
local id, now = ARGV[1], tonumber(ARGV[2])
local f = redis.call('HMGET', KEYS[1], 'state', 'purge')
if f[1] ~= 'deleted' or tonumber(f[2] or '0') > now then
  return {'kept'}
end
release(id, '', {})
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], id)
return {'ok', changed(id, tonumber(ARGV[3]))}
