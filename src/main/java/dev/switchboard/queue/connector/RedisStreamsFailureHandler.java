package dev.switchboard.queue.connector;

import java.util.function.BiConsumer;

import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.mutiny.Uni;

/**
 * What a nack does to the job, chosen per channel by the {@code failure-strategy} attribute. Each strategy is an
 * {@code @Identifier}-named {@link Factory} bean (see the {@code fault} package).
 */
public interface RedisStreamsFailureHandler {

  /** The strategies this connector ships. */
  interface Strategy {
    /** Retry after the channel's backoff (or the delay a RetryJobLater names); dead after the last attempt or a PermanentJobFailure. */
    String RETRY = "retry";
    /** Dead at once, with the error, whatever attempts are left. */
    String DEAD_LETTER = "dead-letter";
    /** Stop the channel: no more fetches, readiness and liveness report it; the job stays pending for another consumer. */
    String FAIL = "fail";
  }

  /** Makes a channel's handler. */
  interface Factory {
    /**
     * @param attempts records failed attempts in Redis
     * @param reportFailure tells the channel about a failure; {@code true} stops it (fail-stop)
     */
    RedisStreamsFailureHandler create(ChannelSettings settings, FailedAttempts attempts, BiConsumer<Throwable, Boolean> reportFailure);
  }

  Uni<Void> handle(RedisStreamsMessage message, Metadata metadata, Throwable reason);
}
