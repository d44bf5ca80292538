-- Shared helpers, prepended to every queue script by QueueScripts.
-- KEYS of every queue script: the queue's fixed keys (QueueKeys.scriptKeys) in this order, then the job hashes
-- the caller names. They all carry the hash tag {queue}, so a script touches one slot and a cluster client sends
-- it to the node that owns it. Keys named after a job or a group that only the script learns (from a stream
-- entry, a sorted set) are built from the prefix of KEYS[1] and carry the same tag.
local META, PAUSED, DELAYED, COMPLETED, DEAD, GROUPS, GLIMITS, SEQ =
  KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8]
local FIXED = 19 -- the 8 keys above and the streams of bands 10..0
if #KEYS < FIXED or string.sub(META, -5) ~= ':meta' then
  return redis.error_reply('ERR queue script called without the queue keys (KEYS[1] must be <prefix>:{<queue>}:meta)')
end
local BASE = string.sub(META, 1, -5)
local CONSUMER_GROUP = 'workers'
-- priority occupies the high bits of a parked job's score, the group's sequence the low bits (2^42 apart)
local PRIORITY_SPAN = 4398046511104

local function stream(prio)
  return KEYS[19 - tonumber(prio)]
end

local function job_key(id)
  return BASE .. 'job:' .. id
end

local function active_key(group)
  return BASE .. 'group:' .. group
end

local function parked_key(group)
  return BASE .. 'gwait:' .. group
end

-- The consumer group's last-delivered entry of a band: entries up to it were handed out (active until acked and
-- deleted), later ones wait. O(consumer groups of the stream), which is one.
local function last_delivered(key)
  for _, g in ipairs(redis.call('XINFO', 'GROUPS', key)) do
    local name, last
    for i = 1, #g, 2 do
      if g[i] == 'name' then name = g[i + 1] elseif g[i] == 'last-delivered-id' then last = g[i + 1] end
    end
    if name == CONSUMER_GROUP then
      return last
    end
  end
  return '0-0'
end

-- The per-second throughput counters: one small hash per minute, kept for 15 minutes.
local function count_finished(kind, now, n)
  local sec = math.floor(tonumber(now) / 1000)
  local key = BASE .. 'tp:' .. math.floor(sec / 60)
  redis.call('HINCRBY', key, kind .. sec, n)
  redis.call('EXPIRE', key, 900)
end

-- streams this call already knows to have the consumer group: one check per band and call, not per job
local grouped = {}

local function ensure_consumer_group(key)
  if grouped[key] then
    return
  end
  if redis.call('EXISTS', key) == 0 then
    redis.call('XGROUP', 'CREATE', key, CONSUMER_GROUP, '0', 'MKSTREAM')
  end
  grouped[key] = true
end

-- A stream entry carries what a consumer needs (id, payload, group, creation time, attempt limit), so handing
-- out a job reads no hash; the job hash stays the record of truth. Every path that removes a job that is not
-- running deletes its entry too, so an entry always belongs to a live waiting job.
local function xadd(id, prio, data, group, created, max)
  local key = stream(prio)
  ensure_consumer_group(key)
  return redis.call('XADD', key, '*', 'id', id, 'd', data, 'g', group, 'c', created, 'm', max)
end

local function to_stream(id, prio)
  local job = job_key(id)
  local f = redis.call('HMGET', job, 'data', 'group', 'created', 'max')
  redis.call('HSET', job, 'entry', xadd(id, prio, f[1], f[2] or '', f[3], f[4]))
end

-- Moves a group's parked jobs into the ready streams while it has free slots (highest priority, then
-- oldest first). A job holds its group slot from here until it completes, fails or dies.
local function fill(group, now, default_limit)
  local active = active_key(group)
  local parked = parked_key(group)
  local limit = tonumber(redis.call('HGET', GLIMITS, group) or default_limit)
  while redis.call('ZCARD', active) < limit do
    local next = redis.call('ZPOPMIN', parked)
    if #next == 0 then
      redis.call('SREM', GROUPS, group)
      return
    end
    local id = next[1]
    local prio = redis.call('HGET', job_key(id), 'prio')
    if prio then
      redis.call('ZADD', active, now, id)
      to_stream(id, prio)
    end
  end
end

-- A job that may run now: straight into its priority band, or, for a group with a concurrency limit,
-- behind that group's earlier jobs (so a busy group never blocks the stream for others).
local function dispatch(id, prio, group, seq, now, default_limit)
  local limit = tonumber(default_limit)
  if group ~= '' then
    limit = tonumber(redis.call('HGET', GLIMITS, group) or default_limit)
  end
  if group == '' or limit <= 0 then
    to_stream(id, prio)
    return
  end
  redis.call('ZADD', parked_key(group), (10 - tonumber(prio)) * PRIORITY_SPAN + tonumber(seq), id)
  redis.call('SADD', GROUPS, group)
  fill(group, now, default_limit)
end

local function release(group, id, now, default_limit)
  if group ~= '' and redis.call('ZREM', active_key(group), id) == 1 then
    fill(group, now, default_limit)
  end
end

-- Keeps at most `keep` members in a finished-jobs set, deleting the oldest jobs (bounded work per call).
local function trim(set, keep)
  local excess = redis.call('ZCARD', set) - keep
  if excess > 0 then
    local popped = redis.call('ZPOPMIN', set, math.min(excess, 100))
    local jobs = {}
    for i = 1, #popped, 2 do
      jobs[#jobs + 1] = job_key(popped[i])
    end
    redis.call('DEL', unpack(jobs))
  end
end

local function drop_entry(prio, entry)
  local key = stream(prio)
  redis.call('XACK', key, CONSUMER_GROUP, entry)
  redis.call('XDEL', key, entry)
end

-- Hands up to `count` waiting jobs to a consumer, highest priority band first. `fair` (-1, or 0..10) first takes
-- one job from that band or the next non-empty one above it, so a sustained high-priority load never starves
-- lower bands. Returns {id, entry, prio, attempts, data, group, created, max} per job and moves the counters.
local function take_jobs(consumer, count, now, fair)
  local jobs = {}
  local function read(prio, n)
    local key = stream(prio)
    if redis.call('EXISTS', key) == 0 then
      return
    end
    local res = redis.pcall('XREADGROUP', 'GROUP', CONSUMER_GROUP, consumer, 'COUNT', n, 'STREAMS', key, '>')
    if type(res) == 'table' and res.err then
      -- the consumer group vanished (keys deleted by hand): recreate it and read again
      redis.call('XGROUP', 'CREATE', key, CONSUMER_GROUP, '0')
      res = redis.call('XREADGROUP', 'GROUP', CONSUMER_GROUP, consumer, 'COUNT', n, 'STREAMS', key, '>')
    end
    if not res then
      return
    end
    for _, e in ipairs(res[1][2]) do
      -- fields: id <id> d <data> g <group> c <created> m <max>
      local entry, f = e[1], e[2]
      local job = job_key(f[2])
      local attempts = redis.call('HINCRBY', job, 'attempts', 1)
      redis.call('HSET', job, 'state', 'active', 'started', now, 'owner', consumer)
      jobs[#jobs + 1] = {f[2], entry, prio, attempts, f[4], f[6], f[8], f[10]}
      count = count - 1
    end
  end
  if count > 0 and fair >= 0 then
    for prio = fair, 10 do
      read(prio, 1)
      if #jobs > 0 then break end
    end
  end
  for prio = 10, 0, -1 do
    if count <= 0 then break end
    read(prio, count)
  end
  if #jobs > 0 then
    redis.call('HINCRBY', META, 'waiting', -#jobs)
    redis.call('HINCRBY', META, 'active', #jobs)
  end
  return jobs
end
