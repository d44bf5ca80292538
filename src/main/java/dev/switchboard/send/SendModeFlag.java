package dev.switchboard.send;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.redis.RedisClients;
import io.quarkus.logging.Log;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * The rollback switch: whether the send API queues (true) or calls the Graph API directly (false). The default is
 * {@code switchboard.send.queue-enabled} ({@code WHATSAPP_SEND_QUEUE_ENABLED}); an operator can override it at run
 * time for all replicas ({@code sb:flag:send-queue-enabled}, set through {@code /admin/send/queue-enabled}). Each
 * replica re-reads the flag at most every {@code switchboard.send.flag-refresh}, so a request costs no round trip.
 */
@ApplicationScoped
public class SendModeFlag {

  private final ReactiveRedisDataSource redis;
  private final boolean configured;
  private final long refreshNanos;
  private final String key;
  private volatile Cached cached;

  public SendModeFlag(@RedisClientName(RedisClients.QUEUE) ReactiveRedisDataSource redis, SwitchboardConfig config) {
    this.redis = redis;
    this.configured = config.send().queueEnabled();
    this.refreshNanos = config.send().flagRefresh().toNanos();
    this.key = config.keyPrefix() + ":flag:send-queue-enabled";
  }

  /** The effective mode, as of at most one refresh interval ago. */
  public Uni<Boolean> queueEnabled() {
    Cached current = this.cached;
    if (current != null && System.nanoTime() - current.readAt() < this.refreshNanos) {
      return Uni.createFrom().item(current.effective(this.configured));
    }
    return readOverride()
        .invoke(override -> this.cached = new Cached(override, System.nanoTime()))
        .map(override -> override.orElse(this.configured))
        // Redis unreachable: keep the last known mode rather than fail every send on the flag
        .onFailure().recoverWithItem(failure -> {
          Log.debugf("Cannot read the send mode flag (%s); using the last known mode", failure.getMessage());
          return current == null ? this.configured : current.effective(this.configured);
        });
  }

  /** What the mode is made of: the configured default and the run-time override, if any. */
  public Uni<State> state() {
    return readOverride().map(override -> new State(override.orElse(this.configured), this.configured, override.orElse(null)));
  }

  /** Overrides the configured default for all replicas; null removes the override. */
  public Uni<State> set(Boolean enabled) {
    Uni<?> write = enabled == null ? this.redis.execute("DEL", this.key) : this.redis.execute("SET", this.key, enabled.toString());
    return write.invoke(() -> this.cached = new Cached(Optional.ofNullable(enabled), System.nanoTime()))
        .invoke(() -> Log.infof("Send mode set to %s by an operator", enabled == null ? "the configured default" : enabled ? "queued" : "direct"))
        .chain(this::state);
  }

  private Uni<Optional<Boolean>> readOverride() {
    return this.redis.execute("GET", this.key)
        .map(value -> value == null ? Optional.<Boolean>empty() : Optional.of(Boolean.parseBoolean(value.toString())));
  }

  /** {@code queueEnabled} is what applies; {@code override} is null while the configured default applies. */
  public record State(boolean queueEnabled, boolean configured, Boolean override) {
  }

  private record Cached(Optional<Boolean> override, long readAt) {
    boolean effective(boolean configured) {
      return this.override.orElse(configured);
    }
  }
}
