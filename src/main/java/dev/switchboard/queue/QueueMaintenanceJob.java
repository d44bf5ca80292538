package dev.switchboard.queue;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.queue.redis.QueueKeys;
import dev.switchboard.redis.RedisClients;
import io.quarkus.logging.Log;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Timers every replica runs for the queues it declares: retention by age (so finished jobs go even when no new
 * job finishes; idempotent, so running it on every replica is harmless) and the state gauges.
 */
@ApplicationScoped
public class QueueMaintenanceJob {

  private final QueueRegistry registry;
  private final QueueAdmin admin;
  private final QueueMetrics metrics;
  private final ReactiveSortedSetCommands<String, String> sortedSets;

  public QueueMaintenanceJob(QueueRegistry registry, QueueAdmin admin, QueueMetrics metrics,
      @RedisClientName(RedisClients.QUEUE) ReactiveRedisDataSource redis) {
    this.registry = registry;
    this.admin = admin;
    this.metrics = metrics;
    this.sortedSets = redis.sortedSet(String.class);
  }

  @Scheduled(identity = "queue-retention", every = "${switchboard.queue.retention-interval:60s}", delayed = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> applyRetention() {
    long now = System.currentTimeMillis();
    return Multi.createFrom().iterable(this.registry.declared())
        .onItem().transformToUniAndConcatenate(settings -> {
          QueueKeys keys = settings.keys();
          // the job hashes expire by themselves (PEXPIRE at finish); this drops their entries from the listings
          // scores are finish times in epoch milliseconds
          Uni<?> completed = this.sortedSets.zremrangebyscore(keys.completed(), ScoreRange.from(0, now - settings.retentionCompletedAge().toMillis()));
          Uni<?> dead = this.sortedSets.zremrangebyscore(keys.dead(), ScoreRange.from(0, now - settings.retentionFailedAge().toMillis()));
          return Uni.combine().all().unis(completed, dead).discardItems();
        })
        .collect().last()
        .onFailure().invoke(failure -> Log.warnf("Queue retention failed: %s", failure.getMessage()))
        .onFailure().recoverWithNull()
        .replaceWithVoid();
  }

  // not while the application starts: a first tick on an event loop would create the Redis clients while start-up
  // observers on the main thread create them too, and Quarkus' client registry is no concurrent map
  @Scheduled(identity = "queue-gauges", every = "${switchboard.queue.gauge-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> refreshGauges() {
    return Multi.createFrom().iterable(this.registry.declared())
        .onItem().transformToUniAndConcatenate(settings -> this.admin.counts(settings.queue()).invoke(this.metrics::counts))
        .collect().last()
        .onFailure().recoverWithNull()
        .replaceWithVoid();
  }
}
