package dev.switchboard.queue;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.switchboard.config.SwitchboardConfig;

/**
 * The queues this application declares (every {@code mp.messaging.incoming.*} channel on the redis-streams
 * connector), so producers enqueue with the same attempts and group limits the consumers apply, and this
 * replica's consumer name. Read from the configuration at start-up, before any consumer runs; a channel that names no
 * connector (Quarkus attaches it to the only one) is declared when the connector opens it.
 */
@ApplicationScoped
public class QueueRegistry {

  private static final int MAX_UNDECLARED = 1000;

  private final String prefix;
  private final String consumerName;
  private final String idPrefix;
  private final AtomicLong ids = new AtomicLong();
  private final QueueChannels channels = new QueueChannels(ConfigProvider.getConfig());
  private final Map<String, QueueSettings> declared = new ConcurrentSkipListMap<>();
  private final Map<String, String> declaredBy = new ConcurrentSkipListMap<>();
  // producer-only queues (no channel of this application consumes them): their defaults, built once per queue
  private final Map<String, QueueSettings> undeclared = new ConcurrentHashMap<>();

  public QueueRegistry(SwitchboardConfig config) {
    this.prefix = config.keyPrefix();
    // two processes with one consumer name would steal each other's pending jobs: always add a random suffix
    String suffix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36);
    this.consumerName = config.instanceId() + "-" + suffix;
    this.idPrefix = Long.toString(System.currentTimeMillis(), 36) + suffix;
    this.channels.incoming().forEach(this::forChannel);
  }

  /** The settings of an incoming channel's queue, declaring it if it is new; every channel of a queue must agree on them. */
  public synchronized QueueSettings forChannel(String channel) {
    QueueSettings settings = QueueSettings.of(this.prefix, channel, this.channels);
    QueueSettings earlier = this.declared.putIfAbsent(settings.queue(), settings);
    if (earlier == null) {
      this.declaredBy.put(settings.queue(), channel);
      this.undeclared.remove(settings.queue());
      return settings;
    }
    if (!earlier.equals(settings)) {
      throw new IllegalStateException("Channels '" + this.declaredBy.get(settings.queue()) + "' and '" + channel + "' consume queue '"
          + settings.queue() + "' with different group-concurrency, max-attempts or retention; give them the same values");
    }
    return earlier;
  }

  public String prefix() {
    return this.prefix;
  }

  public String consumerName() {
    return this.consumerName;
  }

  /** A job id unique across replicas and restarts, cheap enough for the enqueue hot path. */
  public String newJobId() {
    return this.idPrefix + "-" + Long.toString(this.ids.incrementAndGet(), 36);
  }

  public QueueSettings settings(String queue) {
    QueueSettings settings = this.declared.get(queue);
    if (settings != null) {
      return settings;
    }
    settings = this.undeclared.get(queue);
    if (settings == null) {
      settings = QueueSettings.defaults(this.prefix, queue);
      // bounded: names that callers make up (an admin call for a queue nobody uses) must not grow it forever
      if (this.undeclared.size() < MAX_UNDECLARED) {
        this.undeclared.putIfAbsent(queue, settings);
      }
    }
    return settings;
  }

  public boolean isDeclared(String queue) {
    return this.declared.containsKey(queue);
  }

  public Collection<QueueSettings> declared() {
    return this.declared.values();
  }
}
