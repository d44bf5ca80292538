package dev.switchboard.queue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.metrics.LatencyBuckets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Queue meters, tagged by queue (never by job or group id). Gauges by state read counts that
 * {@link QueueMaintenanceJob} refreshes, so a scrape never waits on Redis.
 */
@ApplicationScoped
public class QueueMetrics {

  private final MeterRegistry registry;
  private final Map<String, Meters> byQueue = new ConcurrentHashMap<>();
  private final Map<String, Counter> fetches = new ConcurrentHashMap<>();

  public QueueMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void enqueued(String queue, int count) {
    meters(queue).enqueued.increment(count);
  }

  /** A first delivery, {@code waitedMillis} after the job was enqueued (delayed jobs include their delay). */
  public void waited(String queue, long waitedMillis) {
    meters(queue).waitTime.record(Duration.ofMillis(Math.max(0, waitedMillis)));
  }

  public void completed(String queue, long processingMillis) {
    Meters meters = meters(queue);
    meters.completed.increment();
    meters.processing.record(Duration.ofMillis(Math.max(0, processingMillis)));
  }

  public void retried(String queue) {
    Meters meters = meters(queue);
    meters.failed.increment();
    meters.retried.increment();
  }

  public void dead(String queue) {
    Meters meters = meters(queue);
    meters.failed.increment();
    meters.dead.increment();
  }

  public void fenced(String queue) {
    meters(queue).fenced.increment();
  }

  public void reclaimed(String queue, int count) {
    meters(queue).reclaimed.increment(count);
  }

  /**
   * One fetch of a consumer: {@code jobs}, {@code empty}, {@code paused} or {@code failed}. Tagged by channel too (a
   * configured name, so few values): how often each consumer looks, and whether its fetches fail.
   */
  public void fetched(String queue, String channel, String outcome) {
    this.fetches.computeIfAbsent(queue + '\n' + channel + '\n' + outcome, ignored -> Counter.builder("switchboard.queue.fetches")
        .description("Fetches by consumers, by outcome (jobs, empty, paused, failed)").tag("queue", queue).tag("channel", channel)
        .tag("outcome", outcome).register(this.registry)).increment();
  }

  public void counts(QueueCounts counts) {
    Meters meters = meters(counts.queue());
    meters.states.get("waiting").set(counts.waiting());
    meters.states.get("active").set(counts.active());
    meters.states.get("delayed").set(counts.delayed());
    meters.states.get("completed").set(counts.completed());
    meters.states.get("failed").set(counts.failed());
    meters.states.get("dead").set(counts.dead());
    meters.states.get("paused").set(counts.paused());
  }

  private Meters meters(String queue) {
    return this.byQueue.computeIfAbsent(queue, q -> new Meters(this.registry, q));
  }

  private static final class Meters {
    final Counter enqueued;
    final Counter completed;
    final Counter failed;
    final Counter retried;
    final Counter dead;
    final Counter fenced;
    final Counter reclaimed;
    final Timer processing;
    final Timer waitTime;
    final Map<String, AtomicLong> states = new ConcurrentHashMap<>();

    Meters(MeterRegistry registry, String queue) {
      this.enqueued = counter(registry, "switchboard.queue.jobs.enqueued", "Jobs added to the queue", queue);
      this.completed = counter(registry, "switchboard.queue.jobs.completed", "Jobs completed", queue);
      this.failed = counter(registry, "switchboard.queue.jobs.failed", "Failed attempts (retried or dead)", queue);
      this.retried = counter(registry, "switchboard.queue.jobs.retried", "Failed attempts scheduled for a retry", queue);
      this.dead = counter(registry, "switchboard.queue.jobs.dead", "Jobs that went dead", queue);
      this.fenced = counter(registry, "switchboard.queue.outcomes.fenced", "Acks or nacks refused because the job had been handed to another consumer", queue);
      this.reclaimed = counter(registry, "switchboard.queue.jobs.reclaimed", "Jobs taken over from a consumer that stopped responding", queue);
      this.processing = Timer.builder("switchboard.queue.job.processing").description("Time from delivery to completion")
          .tag("queue", queue).serviceLevelObjectives(LatencyBuckets.JOBS).register(registry);
      this.waitTime = Timer.builder("switchboard.queue.job.wait").description("Time from enqueue to first delivery")
          .tag("queue", queue).serviceLevelObjectives(LatencyBuckets.JOBS).register(registry);
      for (String state : new String[] {"waiting", "active", "delayed", "completed", "failed", "dead", "paused"}) {
        AtomicLong value = new AtomicLong();
        this.states.put(state, value);
        Gauge.builder("switchboard.queue.jobs", value, AtomicLong::get).description("Jobs by state")
            .tag("queue", queue).tag("state", state).register(registry);
      }
    }

    private static Counter counter(MeterRegistry registry, String name, String description, String queue) {
      return Counter.builder(name).description(description).tag("queue", queue).register(registry);
    }
  }
}
