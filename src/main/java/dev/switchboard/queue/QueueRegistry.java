package dev.switchboard.queue;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.switchboard.config.SwitchboardConfig;

/**
 * The queues this application declares (every {@code mp.messaging.incoming.*} channel on the redis-streams
 * connector), so producers enqueue with the same attempts and group limits the consumers apply, and this
 * replica's consumer name.
 */
@ApplicationScoped
public class QueueRegistry {

  private final String prefix;
  private final String consumerName;
  private final String idPrefix;
  private final AtomicLong ids = new AtomicLong();
  private final Map<String, QueueSettings> declared = new TreeMap<>();

  public QueueRegistry(SwitchboardConfig config) {
    this.prefix = config.keyPrefix();
    // two processes with one consumer name would steal each other's pending jobs: always add a random suffix
    String suffix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36);
    this.consumerName = config.instanceId() + "-" + suffix;
    this.idPrefix = Long.toString(System.currentTimeMillis(), 36) + suffix;
    QueueChannels channels = new QueueChannels(ConfigProvider.getConfig());
    Map<String, String> declaredBy = new TreeMap<>();
    for (String channel : channels.incoming()) {
      QueueSettings settings = QueueSettings.of(this.prefix, channel, channels);
      QueueSettings earlier = this.declared.putIfAbsent(settings.queue(), settings);
      if (earlier != null && !earlier.equals(settings)) {
        throw new IllegalStateException("Channels '" + declaredBy.get(settings.queue()) + "' and '" + channel + "' consume queue '"
            + settings.queue() + "' with different group-concurrency, max-attempts or retention; give them the same values");
      }
      declaredBy.putIfAbsent(settings.queue(), channel);
    }
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
    return settings != null ? settings : QueueSettings.defaults(this.prefix, queue);
  }

  public boolean isDeclared(String queue) {
    return this.declared.containsKey(queue);
  }

  public Collection<QueueSettings> declared() {
    return this.declared.values();
  }
}
