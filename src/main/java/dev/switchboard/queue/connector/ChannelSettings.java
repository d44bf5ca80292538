package dev.switchboard.queue.connector;

import java.time.Duration;

import dev.switchboard.queue.QueueSettings;
import dev.switchboard.queue.redis.QueueKeys;

/**
 * How one incoming channel consumes its queue (its redis-streams attributes), next to the queue-wide settings that
 * producers share.
 *
 * @param consumer this replica's consumer name for the channel, unique across replicas
 * @param healthTimeout how long fetches or acknowledgements may keep failing before the channel reports unhealthy
 * @param prefetch jobs held ready beyond the copies waiting: they hide a round trip between a job and the next
 */
public record ChannelSettings(String channel, String consumer, QueueSettings queue, Duration backoff, Duration backoffMax,
    Duration visibilityTimeout, Duration jobTimeout, int batchSize, int prefetch, Duration blockTime, Duration promoteInterval,
    Duration healthTimeout, String failureStrategy) {

  static ChannelSettings of(RedisStreamsConnectorIncomingConfiguration conf, String channel, String consumer, QueueSettings queue) {
    Duration blockTime = QueueSettings.duration(conf.getBlockTime());
    Duration healthTimeout = conf.getHealthTimeout().map(QueueSettings::duration).orElse(blockTime.multipliedBy(3));
    var settings = new ChannelSettings(channel, consumer, queue, QueueSettings.duration(conf.getBackoff()),
        QueueSettings.duration(conf.getBackoffMax()), QueueSettings.duration(conf.getVisibilityTimeout()),
        QueueSettings.duration(conf.getJobTimeout()), conf.getBatchSize(), conf.getPrefetch(), blockTime, QueueSettings.duration(conf.getPromoteInterval()),
        healthTimeout, conf.getFailureStrategy());
    settings.validate();
    return settings;
  }

  public String queueName() {
    return this.queue.queue();
  }

  public QueueKeys keys() {
    return this.queue.keys();
  }

  /** How often idle copies look for jobs of consumers that stopped: half the visibility timeout, 200 ms to 5 s. */
  Duration reclaimInterval() {
    long half = this.visibilityTimeout.toMillis() / 2;
    return Duration.ofMillis(Math.max(200, Math.min(half, 5000)));
  }

  private void validate() {
    require(this.batchSize >= 1, "batch-size must be at least 1");
    require(this.prefetch >= 0 && this.prefetch <= 1000, "prefetch must be between 0 and 1000");
    require(this.visibilityTimeout.toMillis() >= 300, "visibility-timeout must be at least 300ms");
    require(!this.blockTime.isZero() && this.blockTime.compareTo(Duration.ofSeconds(8)) <= 0,
        "block-time must be between 1ms and 8s (below the Redis client timeout)");
    require(this.healthTimeout.compareTo(Duration.ofMillis(100)) >= 0, "health-timeout must be at least 100ms");
  }

  private void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("Channel '" + this.channel + "': " + message);
    }
  }
}
