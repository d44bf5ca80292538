package dev.switchboard.queue;

/**
 * Jobs of one queue by state. {@code failed} counts jobs waiting for a retry after a failed attempt; {@code paused}
 * counts waiting jobs held back while the queue is paused (0 when it is not).
 */
public record QueueCounts(String queue, long waiting, long active, long delayed, long completed, long failed, long dead,
    long paused, boolean isPaused) {
}
