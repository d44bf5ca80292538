package dev.switchboard.cache.template;

/**
 * Hits, misses and creations of the last {@code seconds} seconds, exact to the second: one bucket per second in a
 * ring, a bucket reused when its second has passed out of the window. Constant memory, whatever the traffic.
 * Not thread-safe: {@link TemplateMetrics} serialises access.
 */
final class WindowCounts {

  private final int seconds;
  private final long[] bucketSecond;
  private final long[][] counts;

  WindowCounts(int seconds) {
    this.seconds = seconds;
    this.bucketSecond = new long[seconds];
    java.util.Arrays.fill(this.bucketSecond, -1);
    this.counts = new long[seconds][TemplateEvent.Kind.values().length];
  }

  void add(long atMillis, TemplateEvent.Kind kind) {
    long second = atMillis / 1000;
    int bucket = (int) (second % this.seconds);
    if (this.bucketSecond[bucket] != second) {
      this.bucketSecond[bucket] = second;
      java.util.Arrays.fill(this.counts[bucket], 0);
    }
    this.counts[bucket][kind.ordinal()]++;
  }

  /** Counts per kind over the window ending at {@code nowMillis}. */
  long[] totals(long nowMillis) {
    long now = nowMillis / 1000;
    long[] totals = new long[TemplateEvent.Kind.values().length];
    for (int bucket = 0; bucket < this.seconds; bucket++) {
      long second = this.bucketSecond[bucket];
      if (second > now - this.seconds && second <= now) {
        for (int kind = 0; kind < totals.length; kind++) {
          totals[kind] += this.counts[bucket][kind];
        }
      }
    }
    return totals;
  }

  int seconds() {
    return this.seconds;
  }
}
