package dev.switchboard.send.graph;

import java.time.Duration;

/**
 * A Graph API call that did not return a message id: an error answer (HTTP status, the parsed {@link GraphError},
 * Retry-After), or no answer at all (timeout, connection failure: {@code status} 0). Whether to retry is for
 * {@link GraphErrors} to say.
 */
public class GraphException extends RuntimeException {

  private final int status;
  private final transient GraphError error;
  private final Duration retryAfter;
  private final boolean timeout;

  GraphException(int status, GraphError error, Duration retryAfter, String message) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
    this.retryAfter = retryAfter;
    this.timeout = false;
  }

  GraphException(String message, boolean timeout, Throwable cause) {
    super(message, cause, false, false);
    this.status = 0;
    this.error = null;
    this.retryAfter = null;
    this.timeout = timeout;
  }

  /** HTTP status of the answer; 0 when there was none. */
  public int status() {
    return this.status;
  }

  /** The error object, or null when the answer had none. */
  public GraphError error() {
    return this.error;
  }

  /** The answer's Retry-After, or null. */
  public Duration retryAfter() {
    return this.retryAfter;
  }

  /** No answer within the timeout: the message may or may not have been sent. */
  public boolean isTimeout() {
    return this.timeout;
  }
}
