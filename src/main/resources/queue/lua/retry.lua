-- Gives dead jobs a new set of attempts. Attempt numbers keep counting (they are fencing tokens, so they must
-- never repeat); the job's limit moves up instead. KEYS: the queue keys, then the hashes of the jobs named
-- (none = up to 1000 dead jobs). ARGV: now, default group limit, attempts to add, then the ids named.
-- Returns how many were requeued.
local now = tonumber(ARGV[1])
local ids = {}
for i = 4, #ARGV do ids[#ids + 1] = ARGV[i] end
if #ids == 0 then
  ids = redis.call('ZRANGE', DEAD, 0, 999)
end
local moved = 0
for _, id in ipairs(ids) do
  local job = job_key(id)
  local f = redis.call('HMGET', job, 'state', 'prio', 'group', 'seq', 'attempts')
  if f[1] == 'dead' then
    redis.call('ZREM', DEAD, id)
    redis.call('PERSIST', job)
    redis.call('HSET', job, 'state', 'waiting', 'max', tonumber(f[5]) + tonumber(ARGV[3]))
    redis.call('HDEL', job, 'finished')
    redis.call('HINCRBY', META, 'waiting', 1)
    dispatch(id, f[2], f[3] or '', f[4], now, ARGV[2])
    moved = moved + 1
  end
end
return moved
