package dev.switchboard.operations;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.queue.JobState;
import dev.switchboard.queue.QueueAdmin;
import dev.switchboard.queue.QueueRegistry;
import dev.switchboard.queue.QueueSettings;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * Queue clean-ups for operators and maintenance, on the queue's own scripts (drain, clean): running jobs are never
 * touched, since their consumers still hold them and will acknowledge them.
 */
@ApplicationScoped
public class QueueCleanup {

  /** clean.lua's page: big enough to be quick, small enough that one script never blocks Redis for long. */
  private static final int PAGE = 1000;

  private final QueueAdmin admin;
  private final QueueRegistry registry;

  public QueueCleanup(QueueAdmin admin, QueueRegistry registry) {
    this.admin = admin;
    this.registry = registry;
  }

  /** Removes every job that has not started (waiting, delayed, retrying) and every finished one; running jobs stay. */
  public Uni<QueueClear> clearAll(String queue) {
    return this.admin.drain(queue, true).chain(notStarted -> finishedBefore(queue, Duration.ZERO)
        .chain(finished -> this.admin.counts(queue).map(counts -> new QueueClear(queue, notStarted, finished, counts.active()))));
  }

  /** Deletes completed and dead jobs that finished longer ago than {@code age}; returns how many. */
  public Uni<Long> finishedBefore(String queue, Duration age) {
    return cleanAll(queue, JobState.COMPLETED, age, 0).chain(completed -> cleanAll(queue, JobState.DEAD, age, 0).map(dead -> completed + dead));
  }

  /** The queue's own retention by age (completed and dead kept as long as its channel says); returns how many went. */
  public Uni<Long> applyRetention(QueueSettings settings) {
    return cleanAll(settings.queue(), JobState.COMPLETED, settings.retentionCompletedAge(), 0)
        .chain(completed -> cleanAll(settings.queue(), JobState.DEAD, settings.retentionFailedAge(), 0).map(dead -> completed + dead));
  }

  public Iterable<QueueSettings> declared() {
    return this.registry.declared();
  }

  private Uni<Long> cleanAll(String queue, JobState state, Duration age, long done) {
    return this.admin.clean(queue, state, age, PAGE)
        .chain(removed -> removed < PAGE ? Uni.createFrom().item(done + removed) : cleanAll(queue, state, age, done + removed));
  }

  /** What {@link #clearAll} did to one queue: jobs removed before they started, finished ones removed, running ones left. */
  @RegisterForReflection
  public record QueueClear(String queue, long notStartedRemoved, long finishedRemoved, long activeLeft) {
  }
}
