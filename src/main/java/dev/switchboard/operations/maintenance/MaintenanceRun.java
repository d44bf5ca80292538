package dev.switchboard.operations.maintenance;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The record of a maintenance job, shared by every replica: its last run (start, duration, outcome, counts, which
 * replica, the error of a failure), its last success, its last skip (another replica held the lock), and totals.
 * Times are ISO-8601; absent ones are null.
 */
@RegisterForReflection
public record MaintenanceRun(String job, String lastRunAt, Long durationMs, String outcome, Map<String, Long> counts, String replica,
    String error, String lastSuccessAt, String lastSkipAt, String lastSkipBy, long runs, long failures, long skips) {

  public static final String SUCCESS = "success";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped";

  public static MaintenanceRun never(MaintenanceJob job) {
    return new MaintenanceRun(job.id(), null, null, null, Map.of(), null, null, null, null, null, 0, 0, 0);
  }
}
