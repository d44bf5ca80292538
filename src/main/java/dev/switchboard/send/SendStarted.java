package dev.switchboard.send;

/**
 * Fired (CDI, synchronously) when an attempt of a send job starts, before it waits for the rate limiter; lets
 * observers see the order in which jobs start. Cheap when nobody observes it.
 */
public record SendStarted(String jobId, String tenant, int attempt) {
}
