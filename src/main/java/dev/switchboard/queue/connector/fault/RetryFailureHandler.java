package dev.switchboard.queue.connector.fault;

import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Metadata;

import dev.switchboard.queue.PermanentJobFailure;
import dev.switchboard.queue.connector.Backoff;
import dev.switchboard.queue.connector.ChannelSettings;
import dev.switchboard.queue.connector.FailedAttempts;
import dev.switchboard.queue.connector.RedisStreamsFailureHandler;
import dev.switchboard.queue.connector.RedisStreamsMessage;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

/**
 * {@code failure-strategy=retry} (the default): the job runs again after the channel's backoff, or after the delay a
 * RetryJobLater names; after its last attempt, or at once for a PermanentJobFailure, it is dead.
 */
public class RetryFailureHandler implements RedisStreamsFailureHandler {

  private final FailedAttempts attempts;
  private final Backoff backoff;

  RetryFailureHandler(FailedAttempts attempts, Backoff backoff) {
    this.attempts = attempts;
    this.backoff = backoff;
  }

  @Override
  public Uni<Void> handle(RedisStreamsMessage message, Metadata metadata, Throwable reason) {
    Throwable cause = FailedAttempts.cause(reason);
    return this.attempts.record(message, cause, cause instanceof PermanentJobFailure, this.backoff.delay(message.attempt(), cause));
  }

  @ApplicationScoped
  @Identifier(Strategy.RETRY)
  public static class Factory implements RedisStreamsFailureHandler.Factory {
    @Override
    public RedisStreamsFailureHandler create(ChannelSettings settings, FailedAttempts attempts, BiConsumer<Throwable, Boolean> reportFailure) {
      return new RetryFailureHandler(attempts, new Backoff(settings.backoff(), settings.backoffMax()));
    }
  }
}
