package dev.switchboard.queue;

import java.time.Duration;

import dev.switchboard.queue.redis.QueueKeys;
import io.quarkus.runtime.configuration.DurationConverter;

/**
 * What a queue is, wherever it is used: its keys, its group limit, attempts and retention. Producers stamp the
 * attempts on each job, the scripts apply the group limit, and finishing a job applies the retention; so these come
 * from the queue's incoming channel attributes (see RedisStreamsConnector), and every channel of one queue must agree
 * on them. How one consumer fetches, backs off or reclaims is the channel's own business.
 */
public record QueueSettings(String queue, QueueKeys keys, int groupConcurrency, int maxAttempts, int retentionCompletedCount,
    Duration retentionCompletedAge, int retentionFailedCount, Duration retentionFailedAge) {

  // defaults of the connector attributes, shared with their @ConnectorAttribute declarations
  public static final String DEFAULT_GROUP_CONCURRENCY = "0";
  public static final String DEFAULT_MAX_ATTEMPTS = "3";
  public static final String DEFAULT_RETENTION_COMPLETED_COUNT = "1000";
  public static final String DEFAULT_RETENTION_COMPLETED_AGE = "24h";
  public static final String DEFAULT_RETENTION_FAILED_COUNT = "5000";
  public static final String DEFAULT_RETENTION_FAILED_AGE = "7d";

  /** Settings of a queue that no incoming channel of this application declares (producer only). */
  public static QueueSettings defaults(String prefix, String queue) {
    return new QueueSettings(queue, new QueueKeys(prefix, queue), Integer.parseInt(DEFAULT_GROUP_CONCURRENCY),
        Integer.parseInt(DEFAULT_MAX_ATTEMPTS), Integer.parseInt(DEFAULT_RETENTION_COMPLETED_COUNT), duration(DEFAULT_RETENTION_COMPLETED_AGE),
        Integer.parseInt(DEFAULT_RETENTION_FAILED_COUNT), duration(DEFAULT_RETENTION_FAILED_AGE));
  }

  /** The settings an incoming channel declares for its queue. */
  public static QueueSettings of(String prefix, String channel, QueueChannels channels) {
    String queue = channels.attribute(channel, "queue").orElse(channel);
    var settings = new QueueSettings(queue, new QueueKeys(prefix, queue),
        integer(channels, channel, "group-concurrency", DEFAULT_GROUP_CONCURRENCY),
        integer(channels, channel, "max-attempts", DEFAULT_MAX_ATTEMPTS),
        integer(channels, channel, "retention-completed-count", DEFAULT_RETENTION_COMPLETED_COUNT),
        duration(channels.attribute(channel, "retention-completed-age").orElse(DEFAULT_RETENTION_COMPLETED_AGE)),
        integer(channels, channel, "retention-failed-count", DEFAULT_RETENTION_FAILED_COUNT),
        duration(channels.attribute(channel, "retention-failed-age").orElse(DEFAULT_RETENTION_FAILED_AGE)));
    settings.validate();
    return settings;
  }

  private void validate() {
    require(this.maxAttempts >= 1, "max-attempts must be at least 1");
    require(this.groupConcurrency >= 0, "group-concurrency must be 0 (no limit) or more");
    require(this.retentionCompletedCount >= 0 && this.retentionFailedCount >= 0, "retention counts must be 0 or more");
  }

  private void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("Queue '" + this.queue + "': " + message);
    }
  }

  private static int integer(QueueChannels channels, String channel, String attribute, String fallback) {
    String value = channels.attribute(channel, attribute).orElse(fallback).trim();
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Channel '" + channel + "': " + attribute + " must be a whole number, was '" + value + "'");
    }
  }

  /** A duration attribute: {@code 0}, a number with a unit ({@code 250ms}, {@code 2s}, {@code 7d}) or ISO-8601. */
  public static Duration duration(String value) {
    return "0".equals(value.trim()) ? Duration.ZERO : DurationConverter.parseDuration(value.trim());
  }
}
