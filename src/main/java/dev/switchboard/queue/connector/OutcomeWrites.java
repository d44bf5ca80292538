package dev.switchboard.queue.connector;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import dev.switchboard.queue.redis.QueueScripts;
import dev.switchboard.queue.redis.ScriptArgs;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * A write that records what became of deliveries (a completion, a failed attempt) and failed once is tried again while
 * the deliveries' leases last: within them nobody else can have the jobs, so a late success still counts; after them
 * another consumer may have reclaimed them, and the jobs run again there. Meanwhile the channel's health knows.
 */
final class OutcomeWrites {

  private static final Duration FIRST_RETRY = Duration.ofMillis(200);
  private static final Duration LONGEST_WAIT = Duration.ofSeconds(2);

  private OutcomeWrites() {
  }

  static Uni<Response> retry(QueueScripts scripts, ScriptArgs write, String what, long firstTriedMillis, Throwable firstFailure,
      long leaseUntilMillis, ChannelHealth health, BooleanSupplier stopped) {
    if (System.currentTimeMillis() >= leaseUntilMillis || stopped.getAsBoolean()) {
      return Uni.createFrom().failure(firstFailure);
    }
    ChannelHealth.Trouble trouble = health.outcomeWriteFailed(what, firstTriedMillis, firstFailure);
    return Uni.createFrom().deferred(() -> scripts.run(write))
        .onFailure().invoke(trouble::failed)
        .onFailure(failure -> !stopped.getAsBoolean()).retry().withBackOff(FIRST_RETRY, LONGEST_WAIT).expireAt(leaseUntilMillis)
        .invoke(trouble::recorded)
        .onTermination().invoke(trouble::end);
  }
}
