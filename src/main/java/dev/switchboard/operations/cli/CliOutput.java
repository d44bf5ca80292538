package dev.switchboard.operations.cli;

import java.util.Map;
import java.util.stream.Collectors;

import dev.switchboard.operations.CacheOperations.ClearOldResult;
import dev.switchboard.operations.CacheOperations.ClearResult;
import dev.switchboard.operations.CacheOperations.UserClearResult;
import dev.switchboard.operations.OperationsStats;
import dev.switchboard.operations.QueueCleanup.QueueClear;
import dev.switchboard.operations.RedisMemory.Memory;
import dev.switchboard.operations.maintenance.MaintenanceReport;
import dev.switchboard.operations.maintenance.MaintenanceRun;
import dev.switchboard.queue.QueueCounts;
import dev.switchboard.tenant.TenantView;

/** The CLI's readable summaries, one per result type. */
final class CliOutput {

  private CliOutput() {
  }

  static String text(Object result) {
    if (result instanceof OperationsStats stats) {
      return stats(stats);
    }
    if (result instanceof CliTenants.TenantList list) {
      return TenantText.list(list.tenants());
    }
    if (result instanceof TenantView tenant) {
      return TenantText.show(tenant);
    }
    if (result instanceof ClearResult clear) {
      StringBuilder text = new StringBuilder(String.format("Cleared %d cache key(s) in %d namespace(s), %d user state(s)%n", clear.keysRemoved(),
          clear.namespaces().size(), clear.userStates()));
      text.append("  by namespace: ").append(counts(clear.namespaces())).append('\n');
      if (!clear.queuesCleared()) {
        text.append("Queues left alone (add --queue to clear them)");
      }
      for (QueueClear queue : clear.queues()) {
        text.append(String.format("  queue %-24s %d not started and %d finished removed, %d running left%n", queue.queue(),
            queue.notStartedRemoved(), queue.finishedRemoved(), queue.activeLeft()));
      }
      return text.toString().stripTrailing();
    }
    if (result instanceof ClearOldResult old) {
      return String.format("Cleared %d user state(s) last updated more than %d h ago", old.userStatesRemoved(), old.hours());
    }
    if (result instanceof UserClearResult user) {
      return String.format("Cleared user %s (%s): %d state(s), %d cached view(s)", user.phone(),
          user.tenant() == null ? "every tenant" : "tenant " + user.tenant(), user.userStates(), user.cachedViews());
    }
    if (result instanceof MaintenanceReport report) {
      return switch (report.outcome()) {
        case MaintenanceRun.SKIPPED -> "Maintenance " + report.job() + " skipped: another replica is running it";
        case MaintenanceRun.FAILED -> "Maintenance " + report.job() + " failed after " + report.durationMs() + " ms: " + report.error();
        default -> "Maintenance " + report.job() + " done in " + report.durationMs() + " ms: " + counts(report.counts());
      };
    }
    return String.valueOf(result);
  }

  private static String stats(OperationsStats stats) {
    StringBuilder text = new StringBuilder();
    text.append("Switchboard at ").append(stats.timestamp()).append(" (cache served from ").append(stats.cacheType()).append(")\n");
    text.append("User states: ").append(stats.userStates()).append('\n');
    text.append("Cache keys:  ").append(counts(stats.keysByNamespace())).append('\n');
    stats.redisMemory().forEach((role, memory) -> text.append(String.format("Redis %-6s %s%n", role + ":", memory(memory))));
    text.append("Queues:\n");
    for (QueueCounts q : stats.queues()) {
      text.append(String.format("  %-24s waiting %d, active %d, delayed %d, completed %d, dead %d%s%n", q.queue(), q.waiting(), q.active(),
          q.delayed(), q.completed(), q.dead(), q.isPaused() ? ", PAUSED" : ""));
    }
    text.append("Maintenance:\n");
    for (MaintenanceRun run : stats.maintenance()) {
      if (run.lastRunAt() == null) {
        text.append(String.format("  %-7s never run%s%n", run.job(), run.skips() > 0 ? " here (" + run.skips() + " skip(s))" : ""));
        continue;
      }
      text.append(String.format("  %-7s last run %s on %s: %s in %d ms (%s); last success %s; runs %d, failures %d, skips %d%n", run.job(),
          run.lastRunAt(), run.replica(), run.outcome(), run.durationMs(), counts(run.counts()), run.lastSuccessAt() == null ? "never" : run.lastSuccessAt(),
          run.runs(), run.failures(), run.skips()));
    }
    return text.toString().stripTrailing();
  }

  private static String memory(Memory memory) {
    return String.format("used %s, peak %s, max %s, fragmentation %.2f%s", bytes(memory.usedBytes()), bytes(memory.peakBytes()),
        memory.maxBytes() == 0 ? "none" : bytes(memory.maxBytes()), memory.fragmentationRatio(),
        memory.maxmemoryPolicy().isEmpty() ? "" : ", policy " + memory.maxmemoryPolicy());
  }

  private static String bytes(long bytes) {
    return bytes < 1024 * 1024 ? String.format("%.1f KiB", bytes / 1024.0) : String.format("%.1f MiB", bytes / (1024.0 * 1024));
  }

  private static String counts(Map<String, Long> counts) {
    return counts.isEmpty() ? "-" : counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
  }
}
