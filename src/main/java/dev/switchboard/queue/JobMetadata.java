package dev.switchboard.queue;

import java.time.Instant;

/**
 * What a processor may want to know about the job it is running; take it as an extra parameter of an
 * {@code @Incoming} method or read it with {@code message.getMetadata(JobMetadata.class)}. {@code attempt} is also
 * the delivery's fencing token: results recorded with it are refused once the job was handed to someone else.
 */
public record JobMetadata(String queue, String jobId, int attempt, int maxAttempts, int priority, String group,
    Instant createdAt) {

  public boolean isLastAttempt() {
    return this.attempt >= this.maxAttempts;
  }
}
