-- Remembers a send held for its disabled tenant, so that enabling the tenant releases it at once.
-- All held-send keys carry the hash tag {held}: the set of tenants with held sends and each tenant's hash change together.
-- KEYS: 1 set of tenants with held sends, 2 the tenant's held sends (hash job id -> priority '|' job data)
-- ARGV: tenant, job id, priority '|' job data
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
return 1
