package dev.switchboard.operations;

import java.util.List;
import java.util.Map;

import dev.switchboard.operations.RedisMemory.Memory;
import dev.switchboard.operations.maintenance.MaintenanceRun;
import dev.switchboard.queue.QueueCounts;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The operator's overview: user states, keys per cache namespace, the cache level serving ({@code redis} or
 * {@code in-memory}), memory of the queue and the cache Redis, each declared queue's counts and the maintenance
 * records, taken at {@code timestamp}.
 */
@RegisterForReflection
public record OperationsStats(String timestamp, long userStates, String cacheType, Map<String, Long> keysByNamespace,
    Map<String, Memory> redisMemory, List<QueueCounts> queues, List<MaintenanceRun> maintenance) {
}
