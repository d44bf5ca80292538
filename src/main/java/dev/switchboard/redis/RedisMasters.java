package dev.switchboard.redis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * The masters behind a Redis client, each with a key that routes a script to it. A command without keys (PING,
 * INFO, CONFIG GET) goes to one arbitrary node of a cluster, so a check that must hold on every master (the eviction
 * policy) runs a script once per master instead, keyed into a slot that master serves. A standalone Redis (or one
 * behind Sentinel) is its own single master.
 */
public final class RedisMasters {

  private RedisMasters() {
  }

  /** A master: {@code name} is {@code host:port} on a cluster, null for a standalone Redis. */
  public record Master(String name, String routingKey) {
  }

  /** The masters as CLUSTER SLOTS reports them now; one nameless master when the server is not a cluster. */
  public static Uni<List<Master>> of(ReactiveRedisDataSource redis) {
    return redis.execute("CLUSTER", "SLOTS")
        .map(RedisMasters::fromSlots)
        .onFailure(RedisMasters::isNotCluster).recoverWithItem(() -> List.of(new Master(null, HashSlot.keyIn(0))));
  }

  /** CLUSTER SLOTS: [[first slot, last slot, [host, port, id], replicas...], ...]; a master may serve several ranges. */
  static List<Master> fromSlots(Response slots) {
    Map<String, Master> masters = new LinkedHashMap<>();
    for (Response range : slots) {
      Response master = range.get(2);
      String name = master.get(0).toString() + ":" + master.get(1).toString();
      masters.putIfAbsent(name, new Master(name, HashSlot.keyIn(range.get(0).toInteger())));
    }
    return new ArrayList<>(masters.values());
  }

  private static boolean isNotCluster(Throwable failure) {
    String message = failure.getMessage();
    return message != null && (message.contains("cluster support disabled") || message.contains("unknown command"));
  }
}
