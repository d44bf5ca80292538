package dev.switchboard.queue;

import java.time.Instant;

/**
 * Whether the consumers of one incoming channel in this replica make progress: {@code healthy} is false once their
 * fetches or acknowledgements have failed for longer than the channel's health bound.
 *
 * @param error the last failure, while unhealthy
 * @param failingSince when the failures began, while unhealthy
 */
public record ConsumerHealth(String queue, String channel, boolean healthy, String error, Instant failingSince) {
}
