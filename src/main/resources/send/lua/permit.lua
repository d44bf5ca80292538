-- Per-number send rate limiter (GCRA without burst): every send reserves the next free slot, one emission interval
-- after the previous one, on Redis's clock, so all replicas share one schedule. KEYS[1]: the number's state.
-- ARGV: 'take', interval (us), max wait (us)  -> {1, wait us, now us} reserved: send after that wait (Redis's
--                                               clock read as now: the caller relates it to its own clock);
--                                               {0, wait us, now us} not reserved: ask again after that wait
--       'pause', duration (us), code          -> 0; no slot starts before now + duration (Graph said 130429 or
--                                               80007); KEYS[2], when given, remembers the code and the end (ms)
--       'peek'                                -> {us until the next free slot (0: free now), pause code, pause end ms}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local key = KEYS[1]
local tat = tonumber(redis.call('GET', key) or '0')
local function store(value)
  -- the state is worthless once it lies in the past: let it expire a second later
  redis.call('SET', key, string.format('%.0f', value), 'PX', math.floor((value - now) / 1000) + 1000)
end
if ARGV[1] == 'pause' then
  local resume = now + tonumber(ARGV[2])
  if resume > tat then
    store(resume)
  end
  if KEYS[2] then
    redis.call('SET', KEYS[2], (ARGV[3] or '') .. ':' .. string.format('%.0f', resume / 1000), 'PX', math.floor(tonumber(ARGV[2]) / 1000) + 1)
  end
  return 0
end
if ARGV[1] == 'peek' then
  local pause = KEYS[2] and redis.call('GET', KEYS[2])
  local code, till = '', '0'
  if pause then
    code, till = string.match(pause, '^(.*):(%d+)$')
  end
  return {string.format('%.0f', math.max(0, tat - now)), code, till}
end
local interval, max_wait = tonumber(ARGV[2]), tonumber(ARGV[3])
local slot = math.max(tat, now)
local wait = slot - now
if wait > max_wait then
  return {0, wait - max_wait, string.format('%.0f', now)}
end
store(slot + interval)
return {1, wait, string.format('%.0f', now)}
