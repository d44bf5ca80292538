package dev.switchboard.queue.connector;

import io.quarkus.logging.Log;
import io.vertx.mutiny.core.Context;

/**
 * The {@code job-timeout} of a channel: an attempt still unsettled when it runs out is nacked with a
 * {@link JobTimeoutException}, so it fails like any error, through the channel's failure strategy.
 */
final class AttemptTimer {

  private final ChannelSettings settings;
  private final Context context;

  AttemptTimer(ChannelSettings settings, Context context) {
    this.settings = settings;
    this.context = context;
  }

  /** Starts the attempt's clock (none when the channel has no job timeout). */
  void start(RedisStreamsMessage message) {
    if (!this.settings.jobTimeout().isZero()) {
      message.timeoutTimer = this.context.owner().setTimer(this.settings.jobTimeout().toMillis(), id -> timeOut(message));
    }
  }

  void cancel(RedisStreamsMessage message) {
    if (message.timeoutTimer >= 0) {
      this.context.owner().cancelTimer(message.timeoutTimer);
    }
  }

  private void timeOut(RedisStreamsMessage message) {
    if (!message.isSettled()) {
      Log.warnf("Queue '%s': job %s exceeded its %s timeout on attempt %d", this.settings.queueName(), message.jobId(),
          this.settings.jobTimeout(), message.attempt());
      message.nack(new JobTimeoutException("attempt exceeded the job timeout of " + this.settings.jobTimeout()));
    }
  }

  /** The attempt ran longer than the channel's job timeout. */
  static final class JobTimeoutException extends RuntimeException {
    JobTimeoutException(String message) {
      super(message);
    }
  }
}
