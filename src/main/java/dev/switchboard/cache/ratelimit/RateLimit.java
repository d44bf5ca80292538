package dev.switchboard.cache.ratelimit;

import java.time.Instant;

/**
 * A rate limiter's answer for one call: admitted or not, the calls counted in the window (this one included),
 * how many more the window admits, and when it admits again ({@code resetAt}: the window's end, or for a sliding
 * window when its oldest call leaves it).
 */
public record RateLimit(boolean allowed, int limit, long count, long remaining, Instant resetAt) {

  /** Milliseconds from now until {@link #resetAt()}, at least 1: what a {@code Retry-After} is made from. */
  public long retryAfterMillis() {
    return Math.max(1, this.resetAt.toEpochMilli() - System.currentTimeMillis());
  }
}
