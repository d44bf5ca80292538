package dev.switchboard.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.queue.redis.CleanArgs;
import dev.switchboard.queue.redis.DrainArgs;
import dev.switchboard.queue.redis.PromoteJobArgs;
import dev.switchboard.queue.redis.QueueKeys;
import dev.switchboard.queue.redis.QueueScripts;
import dev.switchboard.queue.redis.RemoveArgs;
import dev.switchboard.queue.redis.RetryArgs;
import dev.switchboard.redis.RedisClients;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Operator actions on a queue: counts, listing by state, pause/resume (for all replicas at once), clean, retry,
 * remove and drain. Each state change is one atomic script.
 */
@ApplicationScoped
public class QueueAdmin {

  private static final int DRAIN_BATCH = 1000;

  private final QueueScripts scripts;
  private final QueueRegistry registry;
  private final ReactiveRedisDataSource redis;

  public QueueAdmin(QueueScripts scripts, QueueRegistry registry,
      @RedisClientName(RedisClients.QUEUE) ReactiveRedisDataSource redis) {
    this.scripts = scripts;
    this.registry = registry;
    this.redis = redis;
  }

  public Uni<QueueCounts> counts(String queue) {
    QueueKeys keys = keys(queue);
    Uni<Response> meta = this.redis.execute("HMGET", keys.meta(), "waiting", "active", "delayed", "failed");
    Uni<Response> completed = this.redis.execute("ZCARD", keys.completed());
    Uni<Response> dead = this.redis.execute("ZCARD", keys.dead());
    Uni<Response> paused = this.redis.execute("EXISTS", keys.paused());
    return Uni.combine().all().unis(meta, completed, dead, paused).with((m, c, d, p) -> {
      long waiting = longOf(m.get(0));
      boolean isPaused = p.toInteger() == 1;
      return new QueueCounts(queue, waiting, longOf(m.get(1)), longOf(m.get(2)), c.toLong(), longOf(m.get(3)),
          d.toLong(), isPaused ? waiting : 0, isPaused);
    });
  }

  /**
   * Jobs holding a group slot right now, for the given groups and any group that has jobs parked behind
   * its limit; groups with none are left out. One round trip.
   */
  public Uni<Map<String, Long>> activeByGroup(String queue, Collection<String> knownGroups) {
    QueueKeys keys = keys(queue);
    return this.redis.execute("SMEMBERS", keys.groups()).chain(parked -> {
      Set<String> groups = new LinkedHashSet<>(knownGroups);
      parked.forEach(group -> groups.add(group.toString()));
      if (groups.isEmpty()) {
        return Uni.createFrom().item(Map.<String, Long>of());
      }
      List<String> names = List.copyOf(groups);
      List<Request> requests = new ArrayList<>(names.size());
      names.forEach(group -> requests.add(Request.cmd(Command.ZCARD).arg(keys.groupActive(group))));
      return this.redis.getRedis().batch(requests).map(responses -> {
        Map<String, Long> active = new TreeMap<>();
        for (int i = 0; i < names.size(); i++) {
          long count = responses.get(i).toLong();
          if (count > 0) {
            active.put(names.get(i), count);
          }
        }
        return active;
      });
    });
  }

  /** Stops every replica from starting new jobs of this queue; running jobs finish. */
  public Uni<Void> pause(String queue) {
    return this.redis.execute("SET", keys(queue).paused(), "1").replaceWithVoid();
  }

  public Uni<Void> resume(String queue) {
    return this.redis.execute("DEL", keys(queue).paused()).replaceWithVoid();
  }

  /** Deletes completed or dead jobs that finished more than {@code grace} ago; returns how many. */
  public Uni<Long> clean(String queue, JobState state, Duration grace, int limit) {
    if (state != JobState.COMPLETED && state != JobState.DEAD) {
      return Uni.createFrom().failure(new IllegalArgumentException("only completed or dead jobs can be cleaned, not " + state.wireName()));
    }
    CleanArgs.FinishedSet set = state == JobState.COMPLETED ? CleanArgs.FinishedSet.COMPLETED : CleanArgs.FinishedSet.DEAD;
    long cutoff = System.currentTimeMillis() - grace.toMillis();
    return this.scripts.run(new CleanArgs(keys(queue)).set(set).finishedBefore(cutoff).limit(limit)).map(Response::toLong);
  }

  /** Gives dead jobs a new set of attempts: the ones named, or (no ids) up to 1000 of them. Returns how many. */
  public Uni<Long> retryDead(String queue, List<String> jobIds) {
    QueueSettings settings = this.registry.settings(queue);
    return this.scripts.run(new RetryArgs(settings.keys()).jobs(jobIds).defaultGroupLimit(settings.groupConcurrency())
        .extraAttempts(settings.maxAttempts())).map(Response::toLong);
  }

  /** Removes a job that is not running. */
  public Uni<RemoveOutcome> remove(String queue, String jobId) {
    QueueSettings settings = this.registry.settings(queue);
    return this.scripts.run(new RemoveArgs(settings.keys()).job(jobId).defaultGroupLimit(settings.groupConcurrency()))
        .map(response -> switch (response.toInteger()) {
          case 1 -> RemoveOutcome.REMOVED;
          case -1 -> RemoveOutcome.ACTIVE;
          default -> RemoveOutcome.NOT_FOUND;
        });
  }

  /**
   * Removes every job that has not started; with {@code includeDelayed}, delayed jobs and pending retries too. One short
   * script per batch of {@value #DRAIN_BATCH}, so a large backlog never holds Redis for long.
   */
  public Uni<Long> drain(String queue, boolean includeDelayed) {
    return drainFrom(queue, includeDelayed, 0);
  }

  private Uni<Long> drainFrom(String queue, boolean includeDelayed, long removedSoFar) {
    return this.scripts.run(new DrainArgs(keys(queue)).includeDelayed(includeDelayed).batch(DRAIN_BATCH)).chain(response -> {
      long total = removedSoFar + response.get(0).toLong();
      return response.get(1).toInteger() == 1 ? drainFrom(queue, includeDelayed, total) : Uni.createFrom().item(total);
    });
  }

  /** Moves a delayed job (or one waiting for its retry) to waiting now. */
  public Uni<PromoteOutcome> promote(String queue, String jobId) {
    QueueSettings settings = this.registry.settings(queue);
    return this.scripts.run(new PromoteJobArgs(settings.keys()).job(jobId).defaultGroupLimit(settings.groupConcurrency()))
        .map(response -> switch (response.toInteger()) {
          case 1 -> PromoteOutcome.PROMOTED;
          case -1 -> PromoteOutcome.NOT_DELAYED;
          default -> PromoteOutcome.NOT_FOUND;
        });
  }

  private QueueKeys keys(String queue) {
    return this.registry.settings(queue).keys();
  }

  private static long longOf(Response value) {
    return value == null ? 0 : Math.max(0, value.toLong());
  }

  public enum PromoteOutcome {
    PROMOTED, NOT_FOUND, NOT_DELAYED
  }

  public enum RemoveOutcome {
    REMOVED, NOT_FOUND, ACTIVE
  }
}
