-- Extends the lease of jobs a live consumer is still working on (resets their idle time so they are
-- not reclaimed). ARGV: base, consumer, then pairs of id, token.
-- Returns the ids the consumer no longer owns (reclaimed by another consumer, or removed).
local base, consumer = ARGV[1], ARGV[2]
local lost = {}
for i = 3, #ARGV, 2 do
  local id, token = ARGV[i], ARGV[i + 1]
  local f = redis.call('HMGET', base .. 'job:' .. id, 'state', 'attempts', 'entry', 'prio')
  if f[1] == 'active' and f[2] == token then
    redis.call('XCLAIM', base .. 's:' .. f[4], GROUP, consumer, 0, f[3], 'JUSTID')
  else
    lost[#lost + 1] = id
  end
end
return lost
