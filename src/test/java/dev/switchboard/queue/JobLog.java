package dev.switchboard.queue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * What the test processors saw: every start (in order), every completion, and the most jobs of one group that
 * were running at the same time.
 */
@ApplicationScoped
public class JobLog {

  public record Start(String queue, String jobId, int n, int attempt, String group, int priority, long atMillis, long sequence) {
  }

  private final AtomicInteger sequence = new AtomicInteger();
  private final Queue<Start> starts = new ConcurrentLinkedQueue<>();
  private final Queue<Start> completions = new ConcurrentLinkedQueue<>();
  private final Map<String, AtomicInteger> activeByGroup = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> maxActiveByGroup = new ConcurrentHashMap<>();

  Uni<Void> run(TestWork work, JobMetadata job) {
    long seq = this.sequence.incrementAndGet();
    Start start = new Start(job.queue(), job.jobId(), work.n(), job.attempt(), job.group(), job.priority(), System.currentTimeMillis(), seq);
    this.starts.add(start);
    String group = job.queue() + "/" + job.group();
    int active = this.activeByGroup.computeIfAbsent(group, g -> new AtomicInteger()).incrementAndGet();
    this.maxActiveByGroup.computeIfAbsent(group, g -> new AtomicInteger()).accumulateAndGet(active, Math::max);
    Uni<Void> working = work.workMillis() > 0
        ? Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(work.workMillis()))
        : Uni.createFrom().voidItem();
    return working.invoke(() -> this.activeByGroup.get(group).decrementAndGet())
        .chain(() -> {
          if (job.attempt() <= work.failTimes()) {
            RuntimeException failure = work.permanent() ? new PermanentJobFailure("permanent failure of job " + work.n())
                : new IllegalStateException("failure " + job.attempt() + " of job " + work.n());
            return Uni.createFrom().failure(failure);
          }
          this.completions.add(start);
          return Uni.createFrom().voidItem();
        });
  }

  public List<Start> starts(String queue) {
    return this.starts.stream().filter(s -> s.queue().equals(queue)).toList();
  }

  public List<Start> completions(String queue) {
    return this.completions.stream().filter(s -> s.queue().equals(queue)).toList();
  }

  public List<Start> startsOf(String queue, String jobId) {
    return this.starts.stream().filter(s -> s.queue().equals(queue) && s.jobId().equals(jobId)).toList();
  }

  public long completionsOf(String queue, String jobId) {
    return this.completions.stream().filter(s -> s.queue().equals(queue) && s.jobId().equals(jobId)).count();
  }

  public int maxActive(String queue, String group) {
    AtomicInteger max = this.maxActiveByGroup.get(queue + "/" + group);
    return max == null ? 0 : max.get();
  }
}
