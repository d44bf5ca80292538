package dev.switchboard.operations.maintenance;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.cache.state.UserStateStore;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.operations.QueueCleanup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The work of each maintenance job, without the locking around it. Queue streams need no trimming: a job's stream
 * entry is deleted when it is acknowledged, so streams hold only jobs that have not finished.
 */
@ApplicationScoped
public class MaintenanceTasks {

  private final UserStateStore states;
  private final QueueCleanup queues;
  private final Duration dailyAge;
  private final Duration weeklyAge;

  public MaintenanceTasks(UserStateStore states, QueueCleanup queues, SwitchboardConfig config) {
    this.states = states;
    this.queues = queues;
    this.dailyAge = config.maintenance().dailyAge();
    this.weeklyAge = config.maintenance().weeklyAge();
  }

  /** The job's counts by name (user states removed, finished jobs removed, user states left). */
  public Uni<Map<String, Long>> run(MaintenanceJob job) {
    return switch (job) {
      case DAILY -> daily();
      case WEEKLY -> weekly();
    };
  }

  private Uni<Map<String, Long>> daily() {
    return this.states.clearOlderThan(this.dailyAge).chain(states -> Multi.createFrom().iterable(this.queues.declared())
        .onItem().transformToUniAndConcatenate(this.queues::applyRetention).collect().with(Collectors.summingLong(n -> n))
        .chain(jobs -> report(states, jobs)));
  }

  private Uni<Map<String, Long>> weekly() {
    return this.states.clearOlderThan(this.weeklyAge).chain(states -> Multi.createFrom().iterable(this.queues.declared())
        .onItem().transformToUniAndConcatenate(settings -> this.queues.finishedBefore(settings.queue(), this.weeklyAge))
        .collect().with(Collectors.summingLong(n -> n))
        .chain(jobs -> report(states, jobs)));
  }

  private Uni<Map<String, Long>> report(long statesRemoved, long jobsRemoved) {
    return this.states.count().map(left -> {
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put("userStatesRemoved", statesRemoved);
      counts.put("finishedJobsRemoved", jobsRemoved);
      counts.put("userStatesLeft", left);
      return counts;
    });
  }
}
