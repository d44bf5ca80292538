-- Gives dead jobs a new set of attempts. Attempt numbers keep counting (they are fencing tokens, so they must
-- never repeat); the job's limit moves up instead. ARGV: base, now, default group limit, attempts to add,
-- ids... (none = up to 1000 dead jobs). Returns how many were requeued.
local base, now = ARGV[1], tonumber(ARGV[2])
local ids = {}
for i = 5, #ARGV do ids[#ids + 1] = ARGV[i] end
if #ids == 0 then
  ids = redis.call('ZRANGE', base .. 'dead', 0, 999)
end
local moved = 0
for _, id in ipairs(ids) do
  local job = base .. 'job:' .. id
  local f = redis.call('HMGET', job, 'state', 'prio', 'tenant', 'seq', 'attempts')
  if f[1] == 'dead' then
    redis.call('ZREM', base .. 'dead', id)
    redis.call('PERSIST', job)
    redis.call('HSET', job, 'state', 'waiting', 'max', tonumber(f[5]) + tonumber(ARGV[4]))
    redis.call('HDEL', job, 'finished')
    redis.call('HINCRBY', base .. 'meta', 'waiting', 1)
    dispatch(base, id, f[2], f[3], f[4], now, ARGV[3])
    moved = moved + 1
  end
end
return moved
