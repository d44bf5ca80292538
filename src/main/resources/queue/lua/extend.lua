-- Extends the lease of jobs a live consumer is still working on (resets their idle time so they are
-- not reclaimed). KEYS: the queue keys, then the job hashes. ARGV: consumer, then per job: id, token
-- Returns the ids the consumer no longer owns (reclaimed by another consumer, or removed).
local consumer = ARGV[1]
local lost = {}
for k = 1, #KEYS - FIXED do
  local id, token = ARGV[2 * k], ARGV[2 * k + 1]
  local f = redis.call('HMGET', KEYS[FIXED + k], 'state', 'attempts', 'entry', 'prio')
  if f[1] == 'active' and f[2] == token then
    redis.call('XCLAIM', stream(f[4]), CONSUMER_GROUP, consumer, 0, f[3], 'JUSTID')
  else
    lost[#lost + 1] = id
  end
end
return lost
