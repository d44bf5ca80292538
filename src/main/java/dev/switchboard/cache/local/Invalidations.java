package dev.switchboard.cache.local;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import dev.switchboard.cache.store.CacheBackend;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.redis.RedisClients;
import io.quarkus.logging.Log;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the in-process level of every replica in step: a set, delete or flush in an in-process namespace is
 * published on {@code <prefix>:cache:invalidations}, and every replica evicts the key (or prefix) on receipt,
 * typically within a few milliseconds. Redis pub/sub delivers at most once, so the level is trusted only while the
 * subscription is up: it is emptied and bypassed when the subscription or Redis is lost, and emptied again once
 * the subscription is back. Pub/sub rather than client-side caching (CLIENT TRACKING): it works unchanged on a
 * Redis Cluster (PUBLISH reaches every node), through the Quarkus client, and for the opted-in namespaces only.
 */
@ApplicationScoped
public class Invalidations {

  private static final long MAX_RETRY_MILLIS = 2000;

  private final LocalLevel local;
  private final CacheBackend backend;
  private final ReactivePubSubCommands<String> pubsub;
  private final String channel;
  private final String origin = UUID.randomUUID().toString();
  private volatile ReactivePubSubCommands.ReactiveRedisSubscriber subscriber;
  private volatile boolean closed;

  public Invalidations(LocalLevel local, CacheBackend backend, @RedisClientName(RedisClients.CACHE) ReactiveRedisDataSource cache,
      SwitchboardConfig config) {
    this.local = local;
    this.backend = backend;
    this.pubsub = cache.pubsub(String.class);
    this.channel = config.keyPrefix() + ":cache:invalidations";
  }

  /**
   * Early, before the messaging connectors start their consumers: this creates the cache's Redis data source on the
   * main thread. Quarkus creates data sources lazily in a plain HashMap, so a first use on an event loop (a queue
   * consumer) at the same moment as another one's on main failed start-up with a ConcurrentModificationException.
   */
  void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 1) StartupEvent event) {
    this.backend.onOutage(() -> this.local.trust(false));
    // a replica that was cut off may have missed evictions, and others may have missed the ones it replayed
    this.backend.onRecovery(() -> {
      publish("a", "");
      if (this.subscriber != null) {
        this.local.trust(true);
      } else {
        subscribe(50);
      }
    });
    subscribe(0);
  }

  void onStop(@Observes ShutdownEvent event) {
    this.closed = true;
    ReactivePubSubCommands.ReactiveRedisSubscriber current = this.subscriber;
    if (current != null) {
      current.unsubscribe().subscribe().with(done -> { }, failure -> { });
    }
  }

  /** Evicts the key here and on every other replica. */
  public Uni<Void> evict(String fullKey) {
    this.local.evict(fullKey);
    return publish("k", fullKey);
  }

  /** Evicts every key with the prefix here and on every other replica. */
  public Uni<Void> evictPrefix(String prefix) {
    this.local.evictPrefix(prefix);
    return publish("p", prefix);
  }

  private Uni<Void> publish(String kind, String target) {
    String message = this.origin + "|" + kind + "|" + target;
    return this.backend.run(redis -> this.pubsub.publish(this.channel, message), () -> null).replaceWithVoid();
  }

  void received(String message) {
    String[] parts = message.split("\\|", 3);
    if (parts.length < 3 || this.origin.equals(parts[0])) {
      return;
    }
    switch (parts[1]) {
      case "k" -> this.local.evict(parts[2]);
      case "p" -> this.local.evictPrefix(parts[2]);
      default -> this.local.clear();
    }
  }

  private void subscribe(long delayMillis) {
    if (this.closed) {
      return;
    }
    Uni<Void> start = Uni.createFrom().voidItem();
    (delayMillis > 0 ? start.onItem().delayIt().by(Duration.ofMillis(delayMillis)) : start)
        .chain(() -> this.pubsub.subscribe(List.of(this.channel), this::received, this::lost, failure -> lost()))
        .subscribe().with(subscribed -> {
          this.subscriber = subscribed;
          if (this.backend.usingRedis()) {
            this.local.trust(true);
          }
          Log.debugf("Subscribed to %s: the in-process cache level serves", this.channel);
        }, failure -> {
          Log.debugf("Cannot subscribe to %s yet (%s): the in-process cache level stays off", this.channel, failure.getMessage());
          subscribe(Math.min(MAX_RETRY_MILLIS, Math.max(100, delayMillis * 2)));
        });
  }

  private void lost() {
    if (this.subscriber == null && !this.local.trusted()) {
      return;
    }
    this.subscriber = null;
    this.local.trust(false);
    if (!this.closed) {
      Log.infof("Lost the cache invalidation subscription: in-process level off until it is back");
      subscribe(100);
    }
  }
}
