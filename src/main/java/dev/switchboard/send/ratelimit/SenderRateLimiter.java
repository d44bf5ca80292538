package dev.switchboard.send.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.redis.LuaScript;
import dev.switchboard.redis.RedisClients;
import dev.switchboard.send.SendMetrics;
import io.quarkus.logging.Log;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * At most {@code rate} Graph API sends per second per sender number, across all replicas: a GCRA schedule in Redis
 * ({@code sb:rl:{<phone-number-id>}}, send/lua/permit.lua) hands each send a slot {@code (1 s + margin) / rate}
 * after the previous one, on Redis's clock. The caller waits for its slot without blocking (a Vert.x timer).
 * <p>
 * Why no 1-second window ever holds more than {@code rate} sends: slots are at least {@code (1000 + margin) / rate}
 * ms apart, so {@code rate + 1} slots span at least {@code 1000 + margin} ms. A send goes out no earlier than the
 * latest moment its slot can be, and is given up, and a new slot taken, when it would go out more than
 * {@code margin / 2} after the earliest moment the slot can have been; the other half of the margin absorbs jitter
 * between here and the Graph API. Cost: the number runs at {@code rate * 1000 / (1000 + margin)}, 96 % of 80/s with
 * the default 40 ms.
 * <p>
 * Where a slot lies on this host's clock is known as closely as the offset to Redis's clock
 * ({@link RedisClockOffset}, per number, as a cluster's numbers live on nodes with their own clocks): from the
 * fastest recent permit calls, not from this one, which on a host short of CPU takes tens of milliseconds and made
 * slots that were on time look late.
 */
@ApplicationScoped
public class SenderRateLimiter {

  private static final LuaScript PERMIT = LuaScript.fromResources("send/lua/permit.lua");
  /** After this many slots in a row given up for lateness the send goes anyway: a stalled host must not starve it. */
  private static final int MAX_STALE = 3;

  private final ReactiveRedisDataSource redis;
  private final Vertx vertx;
  private final SendMetrics metrics;
  private final String prefix;
  private final long marginMicros;
  private final long maxWaitMicros;
  private final Map<String, RedisClockOffset> offsets = new ConcurrentHashMap<>();

  public SenderRateLimiter(@RedisClientName(RedisClients.QUEUE) ReactiveRedisDataSource redis, Vertx vertx, SendMetrics metrics,
      SwitchboardConfig config) {
    this.redis = redis;
    this.vertx = vertx;
    this.metrics = metrics;
    this.prefix = config.keyPrefix();
    this.marginMicros = TimeUnit.NANOSECONDS.toMicros(config.send().rateLimitMargin().toNanos());
    this.maxWaitMicros = Math.max(1000, TimeUnit.NANOSECONDS.toMicros(config.send().maxPermitWait().toNanos()));
  }

  /** Completes when this send of {@code phoneNumberId} may go out now. */
  public Uni<Void> acquire(String phoneNumberId, int ratePerSecond) {
    long interval = intervalMicros(ratePerSecond, this.marginMicros);
    long started = System.nanoTime();
    return take(phoneNumberId, interval, 0)
        .invoke(() -> this.metrics.permitWaited(Duration.ofNanos(System.nanoTime() - started)));
  }

  /** No slot of {@code phoneNumberId} starts before {@code duration} from now (the Graph API said 130429). */
  public Uni<Void> pause(String phoneNumberId, Duration duration) {
    return pause(phoneNumberId, duration, "");
  }

  /** As {@link #pause(String, Duration)}, remembering the Graph error code that asked for it, for operators to see. */
  public Uni<Void> pause(String phoneNumberId, Duration duration, String code) {
    return PERMIT.run(this.redis, List.of(key(phoneNumberId), pauseKey(phoneNumberId)),
        List.of("pause", Long.toString(TimeUnit.NANOSECONDS.toMicros(duration.toNanos())), code == null ? "" : code)).replaceWithVoid();
  }

  /** The number's limiter right now: how far its schedule runs ahead, and the pause in force, if any. */
  public Uni<LimiterState> state(String phoneNumberId) {
    return PERMIT.run(this.redis, List.of(key(phoneNumberId), pauseKey(phoneNumberId)), List.of("peek")).map(answer -> {
      long aheadMicros = answer.get(0).toLong();
      String code = answer.get(1).toString();
      long until = answer.get(2).toLong();
      return new LimiterState(TimeUnit.MICROSECONDS.toMillis(aheadMicros), until > 0 ? code : null, until > 0 ? until : null);
    });
  }

  /**
   * @param nextSlotInMillis how long until the number's next free send slot (0: it may send now)
   * @param pauseCode the Graph error that paused it (130429, 80007), while the pause lasts
   * @param pausedUntilMillis the end of that pause (epoch ms)
   */
  @io.quarkus.runtime.annotations.RegisterForReflection
  public record LimiterState(long nextSlotInMillis, String pauseCode, Long pausedUntilMillis) {
  }

  private Uni<Void> take(String phoneNumberId, long interval, int stale) {
    return reserve(phoneNumberId, interval).chain(reservation -> {
      if (!reservation.reserved()) {
        return sleep(reservation.waitMicros()).chain(() -> take(phoneNumberId, interval, stale));
      }
      RedisClockOffset offset = this.offsets.merge(phoneNumberId, reservation.offset(), RedisClockOffset::narrowedBy);
      long slot = reservation.redisNowMicros() + reservation.waitMicros();
      return sleep(offset.latestLocal(slot) - nowMicros()).chain(() -> {
        long late = nowMicros() - offset.earliestLocal(slot);
        if (late > this.marginMicros / 2 && stale < MAX_STALE) {
          this.metrics.stalePermit();
          Log.debugf("Rate limiter slot of %s missed by %d ms; taking a new one", phoneNumberId, TimeUnit.MICROSECONDS.toMillis(late));
          return take(phoneNumberId, interval, stale + 1);
        }
        return Uni.createFrom().voidItem();
      });
    });
  }

  /**
   * One {@code take} on a connection held for it, the clock read once the connection is held: Redis cannot read its
   * clock before the command is written, so that is still a lower bound of its "now". Read before the connection (as
   * it was), the wait for a pooled connection, most of a call's time on a busy host, counted as uncertainty about
   * that "now": slots that were on time looked late and were given up, and a slot given up is a send lost.
   */
  private Uni<Reservation> reserve(String phoneNumberId, long interval) {
    List<String> keys = List.of(key(phoneNumberId));
    List<String> args = List.of("take", Long.toString(interval), Long.toString(this.maxWaitMicros));
    Reservation[] reservation = new Reservation[1];
    return this.redis.withConnection(connection -> {
      long asked = nowMicros();
      return PERMIT.run(connection, keys, args)
          .invoke(answer -> reservation[0] = new Reservation(answer.get(0).toInteger() == 1, answer.get(1).toLong(),
              answer.get(2).toLong(), asked, nowMicros()))
          .replaceWithVoid();
    }).map(ignored -> reservation[0]);
  }

  /** A {@code take}'s answer (the wait, Redis's clock when it answered) and when it was asked and answered here. */
  private record Reservation(boolean reserved, long waitMicros, long redisNowMicros, long askedMicros, long answeredMicros) {

    RedisClockOffset offset() {
      return RedisClockOffset.of(this.redisNowMicros, this.askedMicros, this.answeredMicros);
    }
  }

  /** This host's monotonic clock in microseconds: the side {@link RedisClockOffset} relates Redis's clock to. */
  private static long nowMicros() {
    return TimeUnit.NANOSECONDS.toMicros(System.nanoTime());
  }

  /** A non-blocking wait, rounded up to whole milliseconds (never early). */
  private Uni<Void> sleep(long micros) {
    if (micros <= 0) {
      return Uni.createFrom().voidItem();
    }
    long millis = (micros + 999) / 1000;
    return Uni.createFrom().emitter(emitter -> this.vertx.setTimer(millis, ignored -> emitter.complete(null)));
  }

  static long intervalMicros(int ratePerSecond, long marginMicros) {
    if (ratePerSecond <= 0) {
      throw new IllegalArgumentException("rate must be positive, was " + ratePerSecond);
    }
    return (1_000_000L + marginMicros + ratePerSecond - 1) / ratePerSecond;
  }

  String key(String phoneNumberId) {
    return this.prefix + ":rl:{" + phoneNumberId + "}";
  }

  String pauseKey(String phoneNumberId) {
    return this.prefix + ":rl:{" + phoneNumberId + "}:pause";
  }
}
