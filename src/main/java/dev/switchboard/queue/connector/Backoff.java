package dev.switchboard.queue.connector;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import dev.switchboard.queue.RetryJobLater;

/**
 * Delay before a failed job's next attempt: {@code backoff × 2^(attempt-1)}, capped at {@code backoff-max}, plus up to
 * 20 % jitter (upwards only, so a retry never comes earlier than configured and retries of many jobs spread out); or
 * the delay a {@link RetryJobLater} names (an API's Retry-After), exactly.
 */
public final class Backoff {

  private final Duration base;
  private final Duration max;

  public Backoff(Duration base, Duration max) {
    this.base = base;
    this.max = max;
  }

  /** The delay after the failure of {@code attempt} (1 for the first), caused by {@code cause}. */
  public Duration delay(int attempt, Throwable cause) {
    if (cause instanceof RetryJobLater later && later.after() != null) {
      return later.after().isNegative() ? Duration.ZERO : later.after();
    }
    long capped = Math.min(exponential(attempt), this.max.toMillis());
    return Duration.ofMillis(capped + (long) (capped * 0.2 * ThreadLocalRandom.current().nextDouble()));
  }

  private long exponential(int attempt) {
    long value = this.base.toMillis() << Math.min(Math.max(attempt, 1) - 1, 30);
    return value < 0 ? Long.MAX_VALUE : value;
  }
}
