package dev.switchboard.support;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a repeated warning through at most once per interval and key, so an outage that fails every request
 * writes a line every few seconds instead of thousands (metrics still count each failure).
 */
public final class LogThrottle {

  private final long intervalNanos;
  private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

  public LogThrottle(Duration interval) {
    this.intervalNanos = interval.toNanos();
  }

  /** True when a line for {@code key} may be logged now; then the next one waits a full interval. */
  public boolean allow(String key) {
    long now = System.nanoTime();
    boolean[] allowed = { false };
    this.lastLogged.compute(key, (k, last) -> {
      if (last == null || now - last >= this.intervalNanos) {
        allowed[0] = true;
        return now;
      }
      return last;
    });
    return allowed[0];
  }
}
