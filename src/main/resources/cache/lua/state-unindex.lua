-- Drops members of the user-state index whose score (last update) is still before the cutoff; a state updated
-- meanwhile has a newer score and keeps its member. KEYS[1]: the index. ARGV: the cutoff (epoch ms), then members.
-- Returns how many members were removed.
local cutoff = tonumber(ARGV[1])
local removed = 0
for i = 2, #ARGV do
  local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if score and tonumber(score) < cutoff then
    removed = removed + redis.call('ZREM', KEYS[1], ARGV[i])
  end
end
return removed
