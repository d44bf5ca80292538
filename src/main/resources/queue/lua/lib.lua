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

local function to_stream(base, id, prio)
  local stream = base .. 's:' .. prio
  ensure_group(stream)
  local entry = redis.call('XADD', stream, '*', 'id', id)
  redis.call('HSET', base .. 'job:' .. id, 'entry', entry)
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
    for i = 1, #popped, 2 do
      redis.call('DEL', base .. 'job:' .. popped[i])
    end
  end
end

local function drop_entry(base, prio, entry)
  local stream = base .. 's:' .. prio
  redis.call('XACK', stream, GROUP, entry)
  redis.call('XDEL', stream, entry)
end
