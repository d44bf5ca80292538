package dev.switchboard.queue;

import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import org.eclipse.microprofile.config.Config;

/**
 * The incoming channels that MicroProfile Config puts on the redis-streams connector, and their attributes as
 * SmallRye resolves them: the channel's own {@code mp.messaging.incoming.<channel>.<attribute>}, else the connector's
 * {@code mp.messaging.connector.redis-streams.<attribute>}. Read straight from the configuration, so producers, the admin
 * API and the maintenance timers know a queue's settings before any consumer starts, and on a replica whose consumers
 * are disabled ({@code enabled=false}) too.
 */
public final class QueueChannels {

  /** The connector's name, as channels name it in their {@code connector} attribute. */
  public static final String CONNECTOR = "redis-streams";

  private static final String INCOMING = "mp.messaging.incoming.";
  private static final String CONNECTOR_ATTRIBUTES = "mp.messaging.connector." + CONNECTOR + ".";

  private final Config config;

  public QueueChannels(Config config) {
    this.config = config;
  }

  /** Names of the incoming channels on this connector, sorted. */
  public SortedSet<String> incoming() {
    SortedSet<String> channels = new TreeSet<>();
    for (String name : this.config.getPropertyNames()) {
      if (name.startsWith(INCOMING) && name.endsWith(".connector")
          && CONNECTOR.equals(this.config.getOptionalValue(name, String.class).orElse(""))) {
        channels.add(name.substring(INCOMING.length(), name.length() - ".connector".length()));
      }
    }
    return channels;
  }

  /** One attribute of an incoming channel, falling back to the connector-wide value. */
  public Optional<String> attribute(String channel, String attribute) {
    return this.config.getOptionalValue(INCOMING + channel + "." + attribute, String.class)
        .or(() -> this.config.getOptionalValue(CONNECTOR_ATTRIBUTES + attribute, String.class));
  }
}
