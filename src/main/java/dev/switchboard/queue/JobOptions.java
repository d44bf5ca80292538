package dev.switchboard.queue;

import java.time.Duration;
import java.time.Instant;

/**
 * How to enqueue one job. Every field is optional.
 *
 * @param jobId idempotency key: a second enqueue with the same id returns the first job instead of adding one
 * @param priority 0–10, higher runs first; defaults to 5
 * @param delay run no earlier than this long from now
 * @param dueAt run no earlier than this instant (wins over delay)
 * @param group the group whose jobs the queue limits to its group concurrency (e.g. one account's jobs)
 * @param groupLimit concurrency limit for this group, overriding the queue's {@code group-concurrency}
 */
public record JobOptions(String jobId, Integer priority, Duration delay, Instant dueAt, String group, Integer groupLimit) {

  public static final int MIN_PRIORITY = 0;
  public static final int MAX_PRIORITY = 10;
  public static final int DEFAULT_PRIORITY = 5;

  public static JobOptions defaults() {
    return new JobOptions(null, null, null, null, null, null);
  }

  public JobOptions withJobId(String id) {
    return new JobOptions(id, this.priority, this.delay, this.dueAt, this.group, this.groupLimit);
  }

  public JobOptions withPriority(int value) {
    return new JobOptions(this.jobId, value, this.delay, this.dueAt, this.group, this.groupLimit);
  }

  public JobOptions withDelay(Duration value) {
    return new JobOptions(this.jobId, this.priority, value, this.dueAt, this.group, this.groupLimit);
  }

  public JobOptions withDueAt(Instant value) {
    return new JobOptions(this.jobId, this.priority, this.delay, value, this.group, this.groupLimit);
  }

  public JobOptions withGroup(String value) {
    return new JobOptions(this.jobId, this.priority, this.delay, this.dueAt, value, this.groupLimit);
  }

  public JobOptions withGroupLimit(int value) {
    return new JobOptions(this.jobId, this.priority, this.delay, this.dueAt, this.group, value);
  }

  int effectivePriority() {
    int p = this.priority == null ? DEFAULT_PRIORITY : this.priority;
    if (p < MIN_PRIORITY || p > MAX_PRIORITY) {
      throw new IllegalArgumentException("priority must be between 0 and 10, was " + p);
    }
    return p;
  }

  long dueAtMillis(long now) {
    if (this.dueAt != null) {
      return this.dueAt.toEpochMilli();
    }
    return this.delay == null ? 0 : now + this.delay.toMillis();
  }
}
