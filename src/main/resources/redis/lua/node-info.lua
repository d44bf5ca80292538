-- This node's maxmemory-policy (CONFIG GET may not run in a script; INFO may). KEYS[1] only routes the call: on a
-- cluster, a key of a slot this node serves, so a cluster client sends the script here; nothing is read under it.
local info = redis.call('INFO', 'memory')
return string.match(info, 'maxmemory_policy:(%S+)') or ''
