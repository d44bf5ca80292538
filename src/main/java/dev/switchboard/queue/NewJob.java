package dev.switchboard.queue;

/** A payload and its options, for bulk enqueue. */
public record NewJob(Object payload, JobOptions options) {
}
