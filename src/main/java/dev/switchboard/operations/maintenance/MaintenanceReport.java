package dev.switchboard.operations.maintenance;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What one trigger of a job did on this replica: {@code success} or {@code failed} with its counts and duration, or
 * {@code skipped} because another holder had the lock.
 */
@RegisterForReflection
public record MaintenanceReport(String job, String outcome, String startedAt, long durationMs, Map<String, Long> counts, String error) {
}
