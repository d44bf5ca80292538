package dev.switchboard.queue.connector.fault;

import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Metadata;

import dev.switchboard.queue.connector.ChannelSettings;
import dev.switchboard.queue.connector.FailedAttempts;
import dev.switchboard.queue.connector.RedisStreamsFailureHandler;
import dev.switchboard.queue.connector.RedisStreamsMessage;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

/**
 * {@code failure-strategy=fail}: the first failure stops the channel in this replica. It fetches no more jobs, its
 * stream fails, and readiness and liveness report it, so an orchestrator restarts the replica. The failed job is left
 * as it is, pending: once its lease runs out another consumer reclaims it as its next attempt, so nothing is lost.
 */
public class FailStop implements RedisStreamsFailureHandler {

  private final ChannelSettings settings;
  private final BiConsumer<Throwable, Boolean> reportFailure;

  FailStop(ChannelSettings settings, BiConsumer<Throwable, Boolean> reportFailure) {
    this.settings = settings;
    this.reportFailure = reportFailure;
  }

  @Override
  public Uni<Void> handle(RedisStreamsMessage message, Metadata metadata, Throwable reason) {
    Throwable cause = FailedAttempts.cause(reason);
    Log.errorf("Queue '%s': job %s attempt %d failed on channel '%s' (failure-strategy fail): %s; the channel stops",
        this.settings.queueName(), message.jobId(), message.attempt(), this.settings.channel(), cause.getMessage());
    this.reportFailure.accept(cause, true);
    return Uni.createFrom().failure(cause);
  }

  @ApplicationScoped
  @Identifier(Strategy.FAIL)
  public static class Factory implements RedisStreamsFailureHandler.Factory {
    @Override
    public RedisStreamsFailureHandler create(ChannelSettings settings, FailedAttempts attempts, BiConsumer<Throwable, Boolean> reportFailure) {
      return new FailStop(settings, reportFailure);
    }
  }
}
