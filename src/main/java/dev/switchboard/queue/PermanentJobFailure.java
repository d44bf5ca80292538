package dev.switchboard.queue;

/** Thrown (or used as the nack reason) by a processor when retrying cannot help: the job goes dead at once. */
public class PermanentJobFailure extends RuntimeException {

  public PermanentJobFailure(String message) {
    super(message);
  }

  public PermanentJobFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
