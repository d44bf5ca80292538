package dev.switchboard.queue.connector;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.queue.redis.HandBackArgs;
import dev.switchboard.queue.redis.QueueScripts;
import io.quarkus.logging.Log;

/**
 * Gives back jobs a channel fetched ahead but will not start because it stops (shutdown, fail-stop). hand-back.lua takes back the attempt they were counted and leaves them to the next reclaim of
 * any consumer, so a rolling deploy delays them by one reclaim interval rather than a whole visibility timeout. If
 * Redis does not take them back, they are reclaimed after the visibility timeout as before: nothing is lost either way.
 */
final class HandBack {

  private final ChannelSettings settings;
  private final QueueScripts scripts;
  private final AtomicInteger pending = new AtomicInteger();

  HandBack(ChannelSettings settings, QueueScripts scripts) {
    this.settings = settings;
    this.scripts = scripts;
  }

  /** Marks a hand-back about to be given (before it reaches the channel's context), so {@link #busy} covers it. */
  void expect() {
    this.pending.incrementAndGet();
  }

  /** Gives back {@code messages}; {@code expected} settles an earlier {@link #expect}. */
  void give(List<RedisStreamsMessage> messages, boolean expected) {
    if (messages.isEmpty()) {
      if (expected) {
        this.pending.decrementAndGet();
      }
      return;
    }
    if (!expected) {
      this.pending.incrementAndGet();
    }
    HandBackArgs args = new HandBackArgs(this.settings.keys()).consumer(this.settings.consumer());
    messages.forEach(message -> args.job(message.jobId(), message.attempt(), message.entry(), message.job().priority()));
    this.scripts.run(args).ifNoItem().after(this.settings.healthTimeout()).fail().subscribe().with(
        given -> {
          this.pending.decrementAndGet();
          Log.debugf("Queue '%s': gave back %s of %d job(s) fetched ahead", this.settings.queueName(), given, messages.size());
        },
        failure -> {
          this.pending.decrementAndGet();
          Log.infof("Queue '%s': could not give back %d job(s) fetched ahead (%s); they are reclaimed after the visibility timeout",
              this.settings.queueName(), messages.size(), failure.getMessage());
        });
  }

  /** A hand-back is on its way to Redis. */
  boolean busy() {
    return this.pending.get() > 0;
  }
}
