package dev.switchboard.queue;

import java.time.Duration;

import dev.switchboard.queue.redis.QueueKeys;
import io.quarkus.runtime.configuration.DurationConverter;

/** One queue's behaviour, from its channel's {@code redis-streams} attributes (see RedisStreamsConnector). */
public record QueueSettings(String queue, QueueKeys keys, int groupConcurrency, int maxAttempts, Duration backoff,
    Duration backoffMax, Duration visibilityTimeout, Duration jobTimeout, int retentionCompletedCount,
    Duration retentionCompletedAge, int retentionFailedCount, Duration retentionFailedAge, int batchSize,
    Duration blockTime, Duration promoteInterval) {

  /** Settings of a queue that no incoming channel of this application declares (producer only). */
  public static QueueSettings defaults(String prefix, String queue) {
    return new QueueSettings(queue, new QueueKeys(prefix, queue), 0, 3, Duration.ofSeconds(2), Duration.ofMinutes(5),
        Duration.ofSeconds(30), Duration.ZERO, 1000, Duration.ofHours(24), 5000, Duration.ofDays(7), 64,
        Duration.ofSeconds(2), Duration.ofMillis(250));
  }

  public static QueueSettings of(String prefix, String queue,
      dev.switchboard.queue.connector.RedisStreamsConnectorIncomingConfiguration conf) {
    var settings = new QueueSettings(queue, new QueueKeys(prefix, queue), conf.getGroupConcurrency(), conf.getMaxAttempts(),
        duration(conf.getBackoff()), duration(conf.getBackoffMax()), duration(conf.getVisibilityTimeout()),
        duration(conf.getJobTimeout()), conf.getRetentionCompletedCount(), duration(conf.getRetentionCompletedAge()),
        conf.getRetentionFailedCount(), duration(conf.getRetentionFailedAge()), conf.getBatchSize(),
        duration(conf.getBlockTime()), duration(conf.getPromoteInterval()));
    settings.validate();
    return settings;
  }

  private void validate() {
    require(this.maxAttempts >= 1, "max-attempts must be at least 1");
    require(this.groupConcurrency >= 0, "group-concurrency must be 0 (no limit) or more");
    require(this.batchSize >= 1, "batch-size must be at least 1");
    require(this.visibilityTimeout.toMillis() >= 300, "visibility-timeout must be at least 300ms");
    require(!this.blockTime.isZero() && this.blockTime.compareTo(Duration.ofSeconds(8)) <= 0,
        "block-time must be between 1ms and 8s (below the Redis client timeout)");
  }

  private void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("Queue '" + this.queue + "': " + message);
    }
  }

  static Duration duration(String value) {
    return "0".equals(value.trim()) ? Duration.ZERO : DurationConverter.parseDuration(value.trim());
  }
}
