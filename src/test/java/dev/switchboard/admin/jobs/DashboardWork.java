package dev.switchboard.admin.jobs;

/**
 * Payload of the test-dashboard queue, shaped like a send: the processor records {@code wamid} as the job's result (as
 * the send processor does once the Graph API accepted a message), then fails attempts 1..failTimes.
 */
public record DashboardWork(String to, String wamid, int failTimes) {
}
