-- One page of a state's jobs, from a cursor: Redis work in proportion to the page (and the scan budget), never
-- to the backlog. waiting and active are read from the priority bands (10 first): entries up to the consumer
-- group's last-delivered id are the ones handed out (active), later ones are waiting; then the jobs parked behind
-- a group limit (groups in name order). delayed and failed share the delayed set (ascending due time);
-- completed and dead are newest first.
-- KEYS: the queue keys. ARGV: state, cursor ('' = start), limit, scan budget, query ('' = none)
-- Returns {next cursor ('' = no more), scanned, {id...}}
-- Cursors: 's:<band>:<entry id>' | 'p:<score>:<group>' | 'z:<score>:<skip>' (skip = members at that score
-- already passed). A query keeps ids whose id, group, data or result contains it; the budget bounds how many
-- jobs one call looks at, matched or not.
local state, cursor, limit, budget, query = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
local ids = {}
local scanned = 0

local function room()
  return #ids < limit and scanned < budget
end

local function wanted(id)
  if query == '' then
    return redis.call('HGET', job_key(id), 'state') == state
  end
  local f = redis.call('HMGET', job_key(id), 'state', 'group', 'data', 'result')
  if f[1] ~= state then
    return false
  end
  if string.find(id, query, 1, true) then
    return true
  end
  for i = 2, 4 do
    if f[i] and string.find(f[i], query, 1, true) then
      return true
    end
  end
  return false
end

local function consider(id)
  scanned = scanned + 1
  if wanted(id) then
    ids[#ids + 1] = id
  end
end

local function entry_less(a, b)
  local am, as = string.match(a, '^(%d+)-(%d+)$')
  local bm, bs = string.match(b, '^(%d+)-(%d+)$')
  am, bm = tonumber(am), tonumber(bm)
  return am < bm or (am == bm and tonumber(as) < tonumber(bs))
end

-- the bands: returns a cursor to continue from, or nil when every band is read
local function bands(band, after)
  for prio = band, 0, -1 do
    local key = stream(prio)
    if redis.call('EXISTS', key) == 1 then
      local delivered = last_delivered(key)
      local from, to = after, '+'
      if state == 'active' then
        to = delivered
        if from == nil then from = '-' end
      elseif from == nil or entry_less(from, delivered) then
        from = delivered
      end
      if from ~= '-' then from = '(' .. from end
      local last = nil
      while room() do
        local entries = redis.call('XRANGE', key, from, to, 'COUNT', math.min(limit - #ids, budget - scanned))
        if #entries == 0 then break end
        for _, e in ipairs(entries) do
          consider(e[2][2])
          last = e[1]
        end
        from = '(' .. last
      end
      if not room() then
        if last then return 's:' .. prio .. ':' .. last end
        return 's:' .. prio .. ':' .. (after or '0-0')
      end
    end
    after = nil
  end
  return nil
end

local function parked(group_after, score_after)
  local groups = redis.call('SMEMBERS', GROUPS)
  table.sort(groups)
  for _, group in ipairs(groups) do
    if group_after == nil or group >= group_after then
      local from = '-inf'
      if group == group_after then from = '(' .. score_after end
      while room() do
        local page = redis.call('ZRANGEBYSCORE', parked_key(group), from, '+inf', 'WITHSCORES', 'LIMIT', 0,
          math.min(limit - #ids, budget - scanned))
        if #page == 0 then break end
        for i = 1, #page, 2 do
          consider(page[i])
          from = '(' .. page[i + 1]
        end
      end
      if not room() then
        return 'p:' .. string.sub(from, 2) .. ':' .. group
      end
    end
  end
  return ''
end

local function sorted(set, newest_first, score, skip)
  while room() do
    local page
    local n = math.min(limit - #ids, budget - scanned)
    if newest_first then
      page = redis.call('ZREVRANGEBYSCORE', set, score or '+inf', '-inf', 'WITHSCORES', 'LIMIT', skip, n)
    else
      page = redis.call('ZRANGEBYSCORE', set, score or '-inf', '+inf', 'WITHSCORES', 'LIMIT', skip, n)
    end
    if #page == 0 then return '' end
    for i = 1, #page, 2 do
      consider(page[i])
      if page[i + 1] == score then skip = skip + 1 else score, skip = page[i + 1], 1 end
    end
  end
  return 'z:' .. score .. ':' .. skip
end

local next = ''
local kind, a, b = string.match(cursor, '^(%a):([^:]+):(.*)$')
if state == 'waiting' or state == 'active' then
  if kind == 'p' then
    next = parked(b, a)
  else
    local band, after = 10, nil
    if kind == 's' then band, after = tonumber(a), b end
    next = bands(band, after)
    if next == nil then
      next = (state == 'waiting') and parked(nil, nil) or ''
    end
  end
elseif state == 'delayed' or state == 'failed' then
  next = sorted(DELAYED, false, kind == 'z' and a or nil, kind == 'z' and tonumber(b) or 0)
elseif state == 'completed' or state == 'dead' then
  next = sorted(state == 'dead' and DEAD or COMPLETED, true, kind == 'z' and a or nil, kind == 'z' and tonumber(b) or 0)
else
  return redis.error_reply('ERR unknown state ' .. state)
end
return {next, scanned, ids}
