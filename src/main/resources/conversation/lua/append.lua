-- Stores one inbound message unless it was seen before: dedupe, history, state, in one atomic step.
-- KEYS[1]: dedupe marker of the message, KEYS[2]: history list (newest first), KEYS[3]: state hash.
-- All three share the conversation's hash tag, so this runs on Redis Cluster too.
-- ARGV: dedupe ttl s, history entry (JSON), history size, history ttl s, state ttl s, message time ms,
--       received time ms, type, preview, wamid, profile name ('' = unknown), counts as unread (1/0), user
-- Returns 1 when stored, 0 for a redelivery.
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  return 0
end
redis.call('LPUSH', KEYS[2], ARGV[2])
redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[3]) - 1)
redis.call('EXPIRE', KEYS[2], ARGV[4])
local state = KEYS[3]
-- Meta does not keep order: an older message arriving late counts, but does not replace the latest one
local last = tonumber(redis.call('HGET', state, 'lastInboundAt') or '0')
if tonumber(ARGV[6]) >= last then
  redis.call('HSET', state, 'lastInboundAt', ARGV[6], 'lastMessageType', ARGV[8], 'lastMessagePreview', ARGV[9], 'lastWamid', ARGV[10])
end
if ARGV[11] ~= '' then
  redis.call('HSET', state, 'profileName', ARGV[11])
end
redis.call('HSET', state, 'user', ARGV[13], 'updatedAt', ARGV[7])
redis.call('HINCRBY', state, 'messages', 1)
if ARGV[12] == '1' then
  redis.call('HINCRBY', state, 'unread', 1)
end
redis.call('EXPIRE', state, ARGV[5])
return 1
