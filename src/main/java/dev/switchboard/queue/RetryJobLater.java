package dev.switchboard.queue;

import java.time.Duration;

/**
 * A failure that names its own retry delay (for example an API's Retry-After) instead of the queue's
 * exponential backoff. The attempt still counts.
 */
public class RetryJobLater extends RuntimeException {

  private final Duration after;

  public RetryJobLater(String message, Duration after) {
    super(message);
    this.after = after;
  }

  public Duration after() {
    return this.after;
  }
}
