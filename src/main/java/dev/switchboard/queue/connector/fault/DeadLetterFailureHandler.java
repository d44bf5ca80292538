package dev.switchboard.queue.connector.fault;

import java.time.Duration;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Metadata;

import dev.switchboard.queue.connector.ChannelSettings;
import dev.switchboard.queue.connector.FailedAttempts;
import dev.switchboard.queue.connector.RedisStreamsFailureHandler;
import dev.switchboard.queue.connector.RedisStreamsMessage;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

/**
 * {@code failure-strategy=dead-letter}: a failed job is dead at once, kept in the queue's dead set with its error,
 * class and payload (for the admin API's listing and retry), whatever attempts it has left.
 */
public class DeadLetterFailureHandler implements RedisStreamsFailureHandler {

  private final FailedAttempts attempts;

  DeadLetterFailureHandler(FailedAttempts attempts) {
    this.attempts = attempts;
  }

  @Override
  public Uni<Void> handle(RedisStreamsMessage message, Metadata metadata, Throwable reason) {
    return this.attempts.record(message, FailedAttempts.cause(reason), true, Duration.ZERO);
  }

  @ApplicationScoped
  @Identifier(Strategy.DEAD_LETTER)
  public static class Factory implements RedisStreamsFailureHandler.Factory {
    @Override
    public RedisStreamsFailureHandler create(ChannelSettings settings, FailedAttempts attempts, BiConsumer<Throwable, Boolean> reportFailure) {
      return new DeadLetterFailureHandler(attempts);
    }
  }
}
