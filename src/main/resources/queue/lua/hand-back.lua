-- Gives back jobs a consumer took but never started (fetched ahead, then it stopped):
-- the attempt it was counted is taken back and the entry made idle as if its lease had long run out, so the next
-- reclaim of any consumer takes it over at once, keeping its place in its band (and its group's slot).
-- KEYS: the queue keys, then the job hashes. ARGV: consumer, then per job: token (the attempt it was given), entry, priority
-- Returns how many were given back (a job removed or taken over meanwhile is left alone).
local consumer = ARGV[1]
local IDLE = 864000000 -- ten days: beyond any visibility timeout
local given = 0
for k = 1, #KEYS - FIXED do
  local a = 2 + (k - 1) * 3
  local job, token, entry, prio = KEYS[FIXED + k], ARGV[a], ARGV[a + 1], ARGV[a + 2]
  local f = redis.call('HMGET', job, 'state', 'attempts', 'owner')
  if f[1] == 'active' and f[2] == token and f[3] == consumer then
    redis.call('HINCRBY', job, 'attempts', -1)
    redis.call('HSET', job, 'returned', 1)
    redis.call('XCLAIM', stream(prio), CONSUMER_GROUP, consumer, 0, entry, 'IDLE', IDLE, 'JUSTID')
    given = given + 1
  end
end
return given
