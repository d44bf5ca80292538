package dev.switchboard.metrics;

import java.time.Duration;

/**
 * Histogram buckets for the service's timers. Prometheus sums buckets over replicas, so
 * {@code histogram_quantile(0.99, sum by (le) (rate(..._bucket[5m])))} is the p99 of the whole deployment; quantiles
 * computed in each replica could only be shown side by side. A fixed, short list per kind keeps the series count
 * bounded (and recording is one bucket look-up instead of a sliding percentile window).
 */
public final class LatencyBuckets {

  /** Answers within the service: webhook intake, waits at the rate limiter (0.5 ms to 2.5 s). */
  public static final Duration[] LOCAL = millis(0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500);

  /** Calls to a remote API such as Graph (5 ms to 30 s: past its timeouts). */
  public static final Duration[] REMOTE = millis(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000);

  /** Queue jobs, from enqueue or delivery to done (1 ms to 1 h: delayed jobs wait long). */
  public static final Duration[] JOBS = millis(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000, 300_000,
      1_800_000, 3_600_000);

  private LatencyBuckets() {
  }

  private static Duration[] millis(double... values) {
    Duration[] buckets = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      buckets[i] = Duration.ofNanos(Math.round(values[i] * 1_000_000));
    }
    return buckets;
  }
}
