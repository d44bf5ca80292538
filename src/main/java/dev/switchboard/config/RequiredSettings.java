package dev.switchboard.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import dev.switchboard.redis.RedisClients;

/**
 * The settings without which the service cannot run, each told as an operator sets it: its environment variable,
 * its property, and what it is. {@link #missing} answers one line per missing setting, so that a deployment
 * learns everything it lacks from one failed start.
 */
public final class RequiredSettings {

  private static final List<String> REDIS_CLIENTS = List.of(RedisClients.QUEUE, RedisClients.QUEUE_READER, RedisClients.CACHE);

  private RequiredSettings() {
  }

  /**
   * One line per missing required setting, in a fixed order; empty when all are set.
   *
   * @param lookup the configured value of a property, empty when it is unset, blank, or refers to an unset variable
   */
  public static List<String> missing(Function<String, Optional<String>> lookup) {
    List<String> lines = new ArrayList<>();
    List<String> clientsWithoutRedis = REDIS_CLIENTS.stream()
        .filter(name -> lookup.apply("quarkus.redis." + name + ".hosts").isEmpty()
            && lookup.apply("quarkus.redis." + name + ".hosts-provider-name").isEmpty())
        .toList();
    if (clientsWithoutRedis.size() == REDIS_CLIENTS.size()) {
      lines.add(line("REDIS_URL", "quarkus.redis.hosts", "the Redis of queues and cache, e.g. redis://redis:6379"));
    } else {
      clientsWithoutRedis.forEach(name -> lines.add(line(envName("quarkus.redis." + name + ".hosts"), "quarkus.redis." + name + ".hosts",
          "the Redis of the '" + name + "' client (or set REDIS_URL for all of them)")));
    }
    require(lookup, lines, "switchboard.webhook.verify-token", "the token Meta sends in the webhook verification handshake");
    require(lookup, lines, "switchboard.webhook.app-secrets", "the Meta app secret that signs webhook deliveries (comma-separated during a rotation)");
    return lines;
  }

  /** {@code switchboard.webhook.app-secrets} → {@code SWITCHBOARD_WEBHOOK_APP_SECRETS}, MicroProfile Config's rule. */
  static String envName(String property) {
    return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  private static void require(Function<String, Optional<String>> lookup, List<String> lines, String property, String meaning) {
    if (lookup.apply(property).isEmpty()) {
      lines.add(line(envName(property), property, meaning));
    }
  }

  private static String line(String env, String property, String meaning) {
    return "Missing required setting " + env + " (property " + property + "): " + meaning;
  }
}
