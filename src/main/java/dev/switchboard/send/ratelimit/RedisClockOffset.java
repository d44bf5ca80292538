package dev.switchboard.send.ratelimit;

/**
 * What is known of the offset between a Redis node's clock (microseconds since the epoch, from {@code TIME}) and this
 * process's monotonic clock ({@link System#nanoTime()} in microseconds): an interval {@code [low, high]} that holds it.
 * A call asked at {@code asked} and answered at {@code answered} that read Redis's clock as {@code redisNow} puts the
 * offset in {@code [redisNow - answered, redisNow - asked]}; the intersection over recent calls is as narrow as the
 * fastest of them, however slow this one was.
 * <p>
 * A node with another clock (a failover, a clock step) is caught two ways: a call whose interval does not meet the
 * estimate starts a new one, and an estimate older than {@link #WINDOW_MICROS} is replaced by the next call's own
 * interval, so what it learnt from an earlier clock counts for a few seconds at most.
 */
record RedisClockOffset(long low, long high, long since) {

  /** How long the calls that narrowed an estimate are trusted. */
  static final long WINDOW_MICROS = 5_000_000;

  static RedisClockOffset of(long redisNow, long asked, long answered) {
    return new RedisClockOffset(redisNow - answered, redisNow - asked, answered);
  }

  /**
   * This estimate narrowed by a new call's ({@link #of}), or the call's own interval when the two disagree or this one
   * is old.
   */
  RedisClockOffset narrowedBy(RedisClockOffset call) {
    if (call.since - this.since > WINDOW_MICROS || call.low > this.high || call.high < this.low) {
      return call;
    }
    return new RedisClockOffset(Math.max(this.low, call.low), Math.min(this.high, call.high), this.since);
  }

  /** The latest local moment (monotonic µs) that Redis's {@code redisTime} can be: waiting until it is never early. */
  long latestLocal(long redisTime) {
    return redisTime - this.low;
  }

  /** The earliest local moment (monotonic µs) that Redis's {@code redisTime} can be: lateness is counted from it. */
  long earliestLocal(long redisTime) {
    return redisTime - this.high;
  }
}
