package dev.switchboard.queue;

/**
 * What an enqueue did. {@code created} is false when a job with the same id already existed; {@code state} is
 * then that job's current state.
 */
public record EnqueueResult(String jobId, boolean created, JobState state) {
}
