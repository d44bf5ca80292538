-- Shared helpers, prepended to every queue script by QueueScripts. All keys of a queue share the hash
-- tag {queue}, so each script touches one slot (Redis Cluster safe); keys are built from ARGV base.
local GROUP = 'workers'
-- priority occupies the high bits of a parked job's score, enqueue sequence the low bits (2^42 apart)
local PRIORITY_SPAN = 4398046511104

local function ensure_group(stream)
  if redis.call('EXISTS', stream) == 0 then
    redis.call('XGROUP', 'CREATE', stream, GROUP, '0', 'MKSTREAM')
  end
end

-- A stream entry carries what a consumer needs (id, payload, tenant, creation time, attempt limit), so handing
-- out a job reads no hash; the job hash stays the record of truth. Every path that removes a job that is not
-- running deletes its entry too, so an entry always belongs to a live waiting job.
local function xadd(base, id, prio, data, tenant, created, max)
  local stream = base .. 's:' .. prio
  ensure_group(stream)
  return redis.call('XADD', stream, '*', 'id', id, 'd', data, 't', tenant, 'c', created, 'm', max)
end

local function to_stream(base, id, prio)
  local job = base .. 'job:' .. id
  local f = redis.call('HMGET', job, 'data', 'tenant', 'created', 'max')
  redis.call('HSET', job, 'entry', xadd(base, id, prio, f[1], f[2] or '', f[3], f[4]))
end

-- Moves a tenant's parked jobs into the ready streams while it has free slots (highest priority, then
-- oldest first). A job holds its tenant slot from here until it completes, fails or dies.
local function fill(base, tenant, now, default_limit)
  local active = base .. 'group:' .. tenant
  local parked = base .. 'gwait:' .. tenant
  local limit = tonumber(redis.call('HGET', base .. 'glimits', tenant) or default_limit)
  while redis.call('ZCARD', active) < limit do
    local next = redis.call('ZPOPMIN', parked)
    if #next == 0 then
      redis.call('SREM', base .. 'groups', tenant)
      return
    end
    local id = next[1]
    local prio = redis.call('HGET', base .. 'job:' .. id, 'prio')
    if prio then
      redis.call('ZADD', active, now, id)
      to_stream(base, id, prio)
    end
  end
end

-- A job that may run now: straight into its priority band, or, for a tenant with a concurrency limit,
-- behind that tenant's earlier jobs (so a busy tenant never blocks the stream for others).
local function dispatch(base, id, prio, tenant, seq, now, default_limit)
  local limit = tonumber(default_limit)
  if tenant ~= '' then
    limit = tonumber(redis.call('HGET', base .. 'glimits', tenant) or default_limit)
  end
  if tenant == '' or limit <= 0 then
    to_stream(base, id, prio)
    return
  end
  redis.call('ZADD', base .. 'gwait:' .. tenant, (10 - tonumber(prio)) * PRIORITY_SPAN + tonumber(seq), id)
  redis.call('SADD', base .. 'groups', tenant)
  fill(base, tenant, now, default_limit)
end

local function release(base, tenant, id, now, default_limit)
  if tenant ~= '' and redis.call('ZREM', base .. 'group:' .. tenant, id) == 1 then
    fill(base, tenant, now, default_limit)
  end
end

-- Keeps at most `keep` members in a finished-jobs set, deleting the oldest jobs (bounded work per call).
local function trim(base, set, keep)
  local excess = redis.call('ZCARD', set) - keep
  if excess > 0 then
    local popped = redis.call('ZPOPMIN', set, math.min(excess, 100))
    local jobs = {}
    for i = 1, #popped, 2 do
      jobs[#jobs + 1] = base .. 'job:' .. popped[i]
    end
    redis.call('DEL', unpack(jobs))
  end
end

local function drop_entry(base, prio, entry)
  local stream = base .. 's:' .. prio
  redis.call('XACK', stream, GROUP, entry)
  redis.call('XDEL', stream, entry)
end

-- Hands up to `count` waiting jobs to a consumer, highest priority band first. `fair` (-1, or 0..10) first takes
-- one job from that band or the next non-empty one above it, so a sustained high-priority load never starves
-- lower bands. Returns {id, entry, prio, attempts, data, tenant, created, max} per job and moves the counters.
local function take_jobs(base, consumer, count, now, fair)
  local jobs = {}
  local function read(prio, n)
    local stream = base .. 's:' .. prio
    if redis.call('EXISTS', stream) == 0 then
      return
    end
    local res = redis.pcall('XREADGROUP', 'GROUP', GROUP, consumer, 'COUNT', n, 'STREAMS', stream, '>')
    if type(res) == 'table' and res.err then
      -- the group vanished (keys deleted by hand): recreate it and read again
      redis.call('XGROUP', 'CREATE', stream, GROUP, '0')
      res = redis.call('XREADGROUP', 'GROUP', GROUP, consumer, 'COUNT', n, 'STREAMS', stream, '>')
    end
    if not res then
      return
    end
    for _, e in ipairs(res[1][2]) do
      -- fields: id <id> d <data> t <tenant> c <created> m <max>
      local entry, f = e[1], e[2]
      local job = base .. 'job:' .. f[2]
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
    redis.call('HINCRBY', base .. 'meta', 'waiting', -#jobs)
    redis.call('HINCRBY', base .. 'meta', 'active', #jobs)
  end
  return jobs
end
