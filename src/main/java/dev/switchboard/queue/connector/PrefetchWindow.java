package dev.switchboard.queue.connector;

import java.util.function.LongSupplier;

/**
 * How many jobs one channel holds ahead of its waiting copies: what they finish in about {@value #HORIZON_MILLIS} ms at
 * the rate of the last {@value #WINDOW_MILLIS} ms, at least the configured {@code prefetch} and at most {@code batch-size}.
 * Quick jobs get a deep window, so takes and acks go to Redis in few large calls; slow ones (a send waits for Graph)
 * keep the configured few, so one replica never sits on work another could start. 0 configured turns it off. Confined
 * to the channel's context.
 */
final class PrefetchWindow {

  static final long HORIZON_MILLIS = 4;
  static final long WINDOW_MILLIS = 100;
  private static final long WINDOW_NANOS = WINDOW_MILLIS * 1_000_000;

  private final int floor;
  private final int ceiling;
  private final LongSupplier nanoTime;
  private long windowStart;
  private int finished;
  private int size;

  PrefetchWindow(int configured, int batchSize) {
    this(configured, batchSize, System::nanoTime);
  }

  PrefetchWindow(int configured, int batchSize, LongSupplier nanoTime) {
    this.floor = configured;
    this.ceiling = Math.max(configured, batchSize);
    this.nanoTime = nanoTime;
    this.windowStart = nanoTime.getAsLong();
    this.size = configured;
  }

  /** A job of the channel finished. */
  void finished() {
    this.finished++;
  }

  /** The jobs to hold ahead now. */
  int size() {
    long now = this.nanoTime.getAsLong();
    long elapsed = now - this.windowStart;
    if (this.floor > 0 && elapsed >= WINDOW_NANOS) {
      long perHorizon = this.finished * HORIZON_MILLIS * 1_000_000 / elapsed;
      this.size = (int) Math.max(this.floor, Math.min(this.ceiling, perHorizon));
      this.finished = 0;
      this.windowStart = now;
    }
    return this.size;
  }
}
