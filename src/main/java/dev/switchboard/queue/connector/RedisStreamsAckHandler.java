package dev.switchboard.queue.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.queue.QueueMetrics;
import dev.switchboard.queue.redis.CompleteArgs;
import dev.switchboard.queue.redis.QueueScripts;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.core.Context;
import io.vertx.mutiny.redis.client.Response;

/**
 * Acks of one channel: the completions gathered so far go in one complete.lua call, fenced by each delivery's attempt,
 * which also fetches the next jobs for the copies those completions free (one round trip per batch instead of two). One
 * call is in flight at a time and completions that arrive meanwhile go in the next, so under load an ack costs a
 * fraction of a round trip. A call that fails is tried again without the fetch while the deliveries' leases last.
 * <p>
 * An ack completes at once while fewer than {@code batch-size} completions wait to be written, so a copy starts its next
 * job without waiting for the round trip (at concurrency 1 the jobs would otherwise run one round trip apart); beyond
 * that it completes once its completion is recorded or given up, which holds a slow Redis's backlog to one batch. Either
 * way a job is finished only once Redis recorded it: a replica that dies first leaves it to be reclaimed and run again,
 * as after any crash once the work was done. While the channel still holds jobs fetched ahead for its waiting copies,
 * completions linger up to {@value #LINGER_MILLIS} ms (or until {@value #LINGER_UNTIL} are pending) before they are
 * written, so a busy channel writes many per call instead of a few: Redis spends most of a call on the call itself.
 */
public final class RedisStreamsAckHandler {

  static final long LINGER_MILLIS = 2;
  static final int LINGER_UNTIL = 16;

  private final RedisStreamsIncomingChannel channel;
  private final ChannelSettings settings;
  private final QueueScripts scripts;
  private final QueueMetrics metrics;
  private final ChannelHealth health;
  private final Context context;
  private final List<Pending> pending = new ArrayList<>();
  private final AtomicInteger unrecorded = new AtomicInteger();
  private boolean inFlight;
  private int waitingAcks;
  private long lingerTimer = -1;

  RedisStreamsAckHandler(RedisStreamsIncomingChannel channel, QueueScripts scripts, QueueMetrics metrics, ChannelHealth health,
      Context context) {
    this.channel = channel;
    this.settings = channel.settings();
    this.scripts = scripts;
    this.metrics = metrics;
    this.health = health;
    this.context = context;
  }

  /** Completes the delivery's job; the returned Uni ends once that is recorded in Redis (or given up). */
  public Uni<Void> handle(RedisStreamsMessage message) {
    return Uni.createFrom().emitter(emitter -> this.context.runOnContext(() -> {
      this.channel.completed();
      boolean early = this.unrecorded.incrementAndGet() <= this.settings.batchSize();
      this.pending.add(new Pending(message, early ? null : emitter));
      if (early) {
        emitter.complete(null);
      } else {
        this.waitingAcks++;
      }
      flush();
    }));
  }

  /** Completions are still to be written (the shutdown waits for them). */
  boolean busy() {
    return this.unrecorded.get() > 0;
  }

  private void flush() {
    if (this.inFlight || this.pending.isEmpty()) {
      return;
    }
    if (this.pending.size() < LINGER_UNTIL && this.waitingAcks == 0 && this.channel.wellSupplied()) {
      if (this.lingerTimer < 0) {
        this.lingerTimer = this.context.owner().setTimer(LINGER_MILLIS, id -> this.context.runOnContext(() -> {
          this.lingerTimer = -1;
          write();
        }));
      }
      return;
    }
    write();
  }

  private void write() {
    if (this.inFlight || this.pending.isEmpty()) {
      return;
    }
    if (this.lingerTimer >= 0) {
      this.context.owner().cancelTimer(this.lingerTimer);
      this.lingerTimer = -1;
    }
    List<Pending> batch = List.copyOf(this.pending);
    this.pending.clear();
    this.waitingAcks = 0;
    this.inFlight = true;
    long now = System.currentTimeMillis();
    // copies whose ack completed at once ask for their next job themselves; those waiting for this call will after it
    int prefetch = this.channel.startPrefetch((int) batch.stream().filter(p -> p.emitter() != null).count());
    CompleteArgs write = new CompleteArgs(this.settings.keys()).consumer(this.settings.consumer()).now(now)
        .retention(this.settings.queue().retentionCompletedCount(), this.settings.queue().retentionCompletedAge().toMillis())
        .defaultGroupLimit(this.settings.queue().groupConcurrency())
        .prefetch(prefetch, prefetch > 0 ? this.channel.nextFairBand() : -1);
    for (Pending p : batch) {
      RedisStreamsMessage message = p.message();
      write.job(message.jobId(), message.attempt(), message.entry(), message.job().priority(), message.job().group());
    }
    this.scripts.run(write).ifNoItem().after(this.settings.healthTimeout()).fail().subscribe().with(
        response -> this.context.runOnContext(() -> {
          if (prefetch > 0) {
            this.channel.endPrefetch(response.get(1), now, null);
          }
          this.channel.queuePaused(response.get(2).toInteger() == 1);
          recorded(batch, response.get(0), now);
        }),
        failure -> this.context.runOnContext(() -> {
          if (prefetch > 0) {
            this.channel.endPrefetch(null, now, failure);
          }
          retry(batch, write.withoutPrefetch(), now, failure);
        }));
  }

  private void retry(List<Pending> batch, CompleteArgs write, long firstTried, Throwable failure) {
    long leaseUntil = batch.stream().mapToLong(p -> p.message().leaseUntilMillis()).min().orElse(0);
    OutcomeWrites.retry(this.scripts, write, "ack", firstTried, failure, leaseUntil, this.health, this.channel::isStopped)
        .subscribe().with(
            response -> this.context.runOnContext(() -> recorded(batch, response.get(0), firstTried)),
            lastFailure -> this.context.runOnContext(() -> {
              Log.warnf("Queue '%s': could not record the completion of %d job(s) (%s); they will be reclaimed and run again",
                  this.settings.queueName(), batch.size(), lastFailure.getMessage());
              finish(batch);
            }));
  }

  private void recorded(List<Pending> batch, Response outcomes, long now) {
    for (int i = 0; i < batch.size(); i++) {
      RedisStreamsMessage message = batch.get(i).message();
      if (outcomes.get(i).toInteger() == 1) {
        this.metrics.completed(this.settings.queueName(), now - message.startedMillis());
      } else {
        message.refused(this.metrics, "completion");
      }
    }
    finish(batch);
  }

  private void finish(List<Pending> batch) {
    this.inFlight = false;
    this.unrecorded.addAndGet(-batch.size());
    batch.stream().filter(p -> p.emitter() != null).forEach(p -> p.emitter().complete(null));
    flush();
    this.channel.pump();
  }

  /** A completion to write; {@code emitter} is null for an ack that completed at once. */
  private record Pending(RedisStreamsMessage message, UniEmitter<? super Void> emitter) {
  }
}
