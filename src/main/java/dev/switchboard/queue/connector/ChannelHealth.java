package dev.switchboard.queue.connector;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.switchboard.queue.ConsumerHealth;
import io.quarkus.logging.Log;

/**
 * Whether one incoming channel makes progress, judged only by the outcome of its own calls: its fetches, and the
 * writes that record what became of a delivery (completions, failed attempts). No other success with Redis counts (a
 * PING, the blocking wake-up read on another connection): on a cluster that sent the scripts to the wrong node every
 * fetch failed while the rest answered. A wake-up read that never answers counts as a failed fetch, though: it is all
 * an idle channel asks of Redis. Unhealthy once fetches have failed with no success since, or an outcome write
 * has kept failing, for longer than the bound; healthy again with the next success. A channel that is idle, or busy
 * with long jobs, makes no calls and so stays healthy.
 */
public final class ChannelHealth {

  private final ChannelSettings settings;
  private final Set<Trouble> troubles = ConcurrentHashMap.newKeySet();
  private volatile long fetchFailingSince;
  private volatile String lastError;
  private volatile Throwable stopped;

  ChannelHealth(ChannelSettings settings) {
    this.settings = settings;
  }

  void fetched() {
    long since = this.fetchFailingSince;
    if (since != 0) {
      this.fetchFailingSince = 0;
      Log.infof("Queue '%s': channel '%s' fetches again after %d ms of failures", this.settings.queueName(), this.settings.channel(),
          System.currentTimeMillis() - since);
    }
  }

  void fetchFailed(long startedMillis, Throwable failure) {
    this.lastError = "fetch: " + describe(failure);
    if (this.fetchFailingSince == 0) {
      this.fetchFailingSince = startedMillis;
      Log.warnf("Queue '%s': channel '%s' could not fetch (%s); retrying until it can", this.settings.queueName(), this.settings.channel(),
          describe(failure));
    } else {
      Log.debugf("Queue '%s': fetch failed again (%s)", this.settings.queueName(), describe(failure));
    }
  }

  /** An outcome write failed and will be tried again; {@link Trouble#end()} once it succeeded or was given up. */
  Trouble outcomeWriteFailed(String what, long startedMillis, Throwable failure) {
    Trouble trouble = new Trouble(what, startedMillis);
    trouble.failed(failure);
    this.troubles.add(trouble);
    return trouble;
  }

  /** The channel fail-stopped (failure-strategy {@code fail}): unhealthy for good. */
  void stopped(Throwable failure) {
    this.lastError = "stopped after a failure: " + describe(failure);
    this.stopped = failure;
  }

  boolean isStopped() {
    return this.stopped != null;
  }

  public boolean isHealthy() {
    return this.stopped == null && failingSince(System.currentTimeMillis() - this.settings.healthTimeout().toMillis()) == 0;
  }

  /** The start of the oldest failure that began before {@code before} and is still going on; 0 if none. */
  private long failingSince(long before) {
    long oldest = 0;
    long fetch = this.fetchFailingSince;
    if (fetch != 0 && fetch < before) {
      oldest = fetch;
    }
    for (Trouble trouble : this.troubles) {
      if (trouble.since < before && (oldest == 0 || trouble.since < oldest)) {
        oldest = trouble.since;
      }
    }
    return oldest;
  }

  public String message() {
    if (this.stopped != null) {
      return "queue '" + this.settings.queueName() + "': " + this.lastError;
    }
    if (isHealthy()) {
      return "consuming queue '" + this.settings.queueName() + "'";
    }
    return "queue '" + this.settings.queueName() + "': failing since " + Instant.ofEpochMilli(failingSince(Long.MAX_VALUE)) + " ("
        + this.lastError + ")";
  }

  public ConsumerHealth snapshot() {
    boolean healthy = isHealthy();
    long since = healthy ? 0 : failingSince(Long.MAX_VALUE);
    return new ConsumerHealth(this.settings.queueName(), this.settings.channel(), healthy, healthy ? null : this.lastError,
        since == 0 ? null : Instant.ofEpochMilli(since));
  }

  static String describe(Throwable failure) {
    if (failure instanceof io.smallrye.mutiny.TimeoutException) {
      return "no answer within the health timeout";
    }
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }

  /** One outcome write that is being retried. */
  final class Trouble {
    private final String what;
    private final long since;

    private Trouble(String what, long since) {
      this.what = what;
      this.since = since;
    }

    void failed(Throwable failure) {
      ChannelHealth.this.lastError = this.what + ": " + describe(failure);
    }

    /** The write went through after all. */
    void recorded() {
      Log.infof("Queue '%s': %s of channel '%s' recorded after %d ms of failures", ChannelHealth.this.settings.queueName(), this.what,
          ChannelHealth.this.settings.channel(), System.currentTimeMillis() - this.since);
    }

    void end() {
      ChannelHealth.this.troubles.remove(this);
    }
  }
}
