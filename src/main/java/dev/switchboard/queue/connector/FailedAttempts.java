package dev.switchboard.queue.connector;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

import dev.switchboard.queue.PermanentJobFailure;
import dev.switchboard.queue.QueueMetrics;
import dev.switchboard.queue.RetryJobLater;
import dev.switchboard.queue.redis.FailArgs;
import dev.switchboard.queue.redis.QueueScripts;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;

/**
 * Records a failed attempt in Redis (fail.lua), fenced by the delivery's attempt: retry after a delay, or dead when
 * the failure is permanent or the attempts are used up. Counted and logged; a write that fails is retried while the
 * delivery's lease lasts. Used by the {@code retry} and {@code dead-letter} strategies.
 */
public final class FailedAttempts {

  private static final int MAX_ERROR_LENGTH = 1000;
  private static final int MAX_STACK_FRAMES = 25;
  private static final int MAX_STACK_LENGTH = 4000;

  private final ChannelSettings settings;
  private final QueueScripts scripts;
  private final QueueMetrics metrics;
  private final ChannelHealth health;
  private final BooleanSupplier stopped;

  FailedAttempts(ChannelSettings settings, QueueScripts scripts, QueueMetrics metrics, ChannelHealth health, BooleanSupplier stopped) {
    this.settings = settings;
    this.scripts = scripts;
    this.metrics = metrics;
    this.health = health;
    this.stopped = stopped;
  }

  /**
   * @param permanent dead at once, whatever attempts are left
   * @param retryDelay when the job runs again, if it is not dead
   */
  public Uni<Void> record(RedisStreamsMessage message, Throwable cause, boolean permanent, Duration retryDelay) {
    long now = System.currentTimeMillis();
    String error = truncate(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    FailArgs write = new FailArgs(this.settings.keys()).job(message.jobId(), message.attempt()).now(now).error(error, cause.getClass().getName())
        .stack(stackOf(cause))
        .permanent(permanent).retryDelay(retryDelay.toMillis())
        .retention(this.settings.queue().retentionFailedCount(), this.settings.queue().retentionFailedAge().toMillis())
        .defaultGroupLimit(this.settings.queue().groupConcurrency());
    return this.scripts.run(write)
        .onFailure().recoverWithUni(failure -> OutcomeWrites.retry(this.scripts, write, "failed attempt", now, failure,
            message.leaseUntilMillis(), this.health, this.stopped))
        .invoke(response -> outcome(message, response.toInteger(), error, retryDelay))
        .onFailure().invoke(failure -> Log.warnf("Queue '%s': could not record the failure of job %s (%s); it will be reclaimed",
            this.settings.queueName(), message.jobId(), failure.getMessage()))
        .onFailure().recoverWithNull()
        .replaceWithVoid();
  }

  private void outcome(RedisStreamsMessage message, int outcome, String error, Duration retryDelay) {
    switch (outcome) {
      case 1 -> {
        this.metrics.retried(this.settings.queueName());
        Log.debugf("Queue '%s': job %s attempt %d failed (%s); retry in %d ms", this.settings.queueName(), message.jobId(),
            message.attempt(), error, retryDelay.toMillis());
      }
      case 2 -> {
        this.metrics.dead(this.settings.queueName());
        Log.warnf("Queue '%s': job %s is dead after attempt %d: %s", this.settings.queueName(), message.jobId(), message.attempt(), error);
      }
      default -> message.refused(this.metrics, "failure");
    }
  }

  /**
   * The failure that decides: wrappers (CompletionException, CompositeException) removed, and a PermanentJobFailure or
   * RetryJobLater anywhere in the cause chain wins.
   */
  public static Throwable cause(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof CompositeException) && current.getCause() != null) {
      current = current.getCause();
    }
    for (Throwable t = current; t != null; t = t.getCause()) {
      if (t instanceof PermanentJobFailure || t instanceof RetryJobLater) {
        return t;
      }
    }
    return current;
  }

  /** The first frames of the failure and of its causes, bounded, for the job's attempt history. */
  static String stackOf(Throwable failure) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 5 && out.length() < MAX_STACK_LENGTH; t = t.getCause(), depth++) {
      if (depth > 0) {
        out.append("Caused by: ").append(t.getClass().getName()).append('\n');
      }
      StackTraceElement[] frames = t.getStackTrace();
      for (int i = 0; i < Math.min(frames.length, MAX_STACK_FRAMES); i++) {
        out.append("  at ").append(frames[i]).append('\n');
      }
      if (frames.length > MAX_STACK_FRAMES) {
        out.append("  … ").append(frames.length - MAX_STACK_FRAMES).append(" more\n");
      }
    }
    return out.length() <= MAX_STACK_LENGTH ? out.toString() : out.substring(0, MAX_STACK_LENGTH) + "…";
  }

  private static String truncate(String message) {
    return message.length() <= MAX_ERROR_LENGTH ? message : message.substring(0, MAX_ERROR_LENGTH) + "…";
  }
}
