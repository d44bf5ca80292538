-- Moves a reminder to another state if it is in one of the given states and, when a version is given, still that
-- version: the one check-and-set every change of a reminder's state goes through (claim, sent, cancel, failed).
-- KEYS[1]: the reminder hash. ARGV: version ('' = any), allowed states (comma-separated), new state, then field/value
-- pairs to set with it.
-- Returns {1 | 0 (not moved), state before ('' = no reminder), version}.
local key = KEYS[1]
local cur = redis.call('HMGET', key, 'state', 'version')
local state, version = cur[1], cur[2]
if not state then
  return {0, '', ''}
end
if (ARGV[1] == '' or ARGV[1] == version) and string.find(',' .. ARGV[2] .. ',', ',' .. state .. ',', 1, true) then
  redis.call('HSET', key, 'state', ARGV[3], unpack(ARGV, 4))
  return {1, state, version}
end
return {0, state, version}
