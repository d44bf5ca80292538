package dev.switchboard.queue.connector;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Message;

import dev.switchboard.queue.QueueMetrics;
import dev.switchboard.queue.redis.FetchArgs;
import dev.switchboard.queue.redis.QueueScripts;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.core.Context;
import io.vertx.mutiny.redis.client.Response;

/**
 * One incoming channel in this replica. SmallRye's {@code concurrency} copies of the channel each ask for a message in
 * turn ({@link #stream()}); the channel fetches as many jobs as they ask for and a few more ({@link PrefetchWindow}) in
 * one script call (highest priority first), so a copy that finishes finds its next job at hand instead of waiting a round trip;
 * it waits in a blocking XREAD on the queue-reader client while the queue is empty (woken by the next enqueue),
 * and polls while it is paused. The ack handler takes further jobs along with its completions; timers promote due
 * jobs, reclaim jobs of consumers that stopped and extend the leases of long ones. All mutable state is confined to
 * one Vert.x event-loop context.
 */
public final class RedisStreamsIncomingChannel {

  private static final Duration PAUSED_POLL = Duration.ofMillis(500);
  private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

  private final ChannelSettings settings;
  private final QueueScripts scripts;
  private final QueueMetrics metrics;
  private final Context context;
  private final ChannelHealth health;
  private final RedisStreamsAckHandler ackHandler;
  private final RedisStreamsFailureHandler failureHandler;
  private final WakeUpRead wakeUp;
  private final ChannelDuties duties;
  private final HandBack handBack;
  private final HeldJobs held;
  private final PrefetchWindow prefetch;
  private final ArrayDeque<UniEmitter<? super Message<?>>> waiters = new ArrayDeque<>();
  private final FairBands fairBands = new FairBands();
  private boolean taking;
  private boolean paused;
  private volatile boolean stopped;
  private volatile Throwable failed;

  RedisStreamsIncomingChannel(ChannelSettings settings, QueueScripts scripts, ReactiveRedisDataSource reader, QueueMetrics metrics,
      Context context, RedisStreamsFailureHandler.Factory failureStrategy) {
    this.settings = settings;
    this.scripts = scripts;
    this.metrics = metrics;
    this.context = context;
    this.health = new ChannelHealth(settings);
    this.ackHandler = new RedisStreamsAckHandler(this, scripts, metrics, this.health, context);
    this.failureHandler = failureStrategy.create(settings, new FailedAttempts(settings, scripts, metrics, this.health, this::isStopped),
        this::reportFailure);
    this.wakeUp = new WakeUpRead(reader, settings);
    this.duties = new ChannelDuties(context);
    this.handBack = new HandBack(settings, scripts);
    this.held = new HeldJobs(settings, metrics, new AttemptTimer(settings, context));
    this.prefetch = new PrefetchWindow(settings.prefetch(), settings.batchSize());
  }

  void start() {
    Log.infof("Queue '%s': consumer %s started (group concurrency %d, %d attempts, failure strategy %s)", this.settings.queueName(),
        this.settings.consumer(), this.settings.queue().groupConcurrency(), this.settings.queue().maxAttempts(), this.settings.failureStrategy());
    this.duties.start(this, this.scripts, this.metrics);
  }

  /** The messages for one copy of the channel; fails once the channel fail-stopped. */
  Multi<Message<?>> stream() {
    return Multi.createBy().repeating().uni(this::next).indefinitely();
  }

  private Uni<Message<?>> next() {
    return Uni.createFrom().emitter(emitter -> this.context.runOnContext(() -> {
      if (this.failed != null) {
        emitter.fail(this.failed);
      } else if (!this.stopped) { // else never completes: the stream is being shut down
        this.waiters.add(emitter);
        emitter.onTermination(() -> this.context.runOnContext(() -> this.waiters.remove(emitter)));
        pump();
      }
    }));
  }

  /**
   * Hands out what is ready and, unless a take is in flight, fetches what the waiting copies and the prefetch lack once
   * the jobs at hand run below half the prefetch (so a busy channel refills in a few larger takes, most of them riding
   * along with its acks).
   */
  void pump() {
    handOut();
    int wanted = wellSupplied() ? 0
        : Math.min(this.waiters.size() + this.prefetch.size() - this.held.readyCount(), this.settings.batchSize());
    if (this.paused) {
      wanted = Math.max(wanted, 1); // keep asking, even with jobs at hand, to learn when the queue resumes
    }
    if (this.taking || this.stopped || wanted <= 0) {
      return;
    }
    this.taking = true;
    long started = System.currentTimeMillis();
    this.scripts.run(new FetchArgs(this.settings.keys()).consumer(this.settings.consumer()).count(wanted).now(started).fairBand(nextFairBand()))
        .ifNoItem().after(this.settings.healthTimeout()).fail()
        .subscribe().with(
            response -> this.context.runOnContext(() -> fetched(response, started)),
            failure -> this.context.runOnContext(() -> fetchFailed(started, failure)));
  }

  private void fetched(Response response, long started) {
    this.taking = false;
    this.health.fetched();
    String outcome = response.get(0).toString();
    this.metrics.fetched(this.settings.queueName(), this.settings.channel(), outcome);
    this.paused = "paused".equals(outcome);
    switch (outcome) {
      case "jobs" -> {
        accept(response.get(1), started);
        pump();
      }
      case "paused" -> later(PAUSED_POLL, this::pump);
      default -> {
        handOut();
        waitForJobs(response.get(1));
      }
    }
  }

  private void fetchFailed(long started, Throwable failure) {
    this.taking = false;
    if (this.stopped) {
      return; // ended by shutdown
    }
    this.metrics.fetched(this.settings.queueName(), this.settings.channel(), "failed");
    this.health.fetchFailed(started, failure);
    later(RETRY_AFTER_FAILURE, this::pump);
  }

  /**
   * Waits until a band gets a new entry or the block time ends, then fetches again. Its answer is no health signal (it
   * runs on other connections than the scripts), but no answer at all is: an idle channel's only call is this read, so
   * a hung node would otherwise leave it waiting, and reported healthy, for good. Failing since the answer was due; the
   * fetch that follows at once confirms it or clears it.
   */
  private void waitForJobs(Response lastIds) {
    this.taking = true;
    long started = System.currentTimeMillis();
    this.wakeUp.after(lastIds).subscribe().with(
        ignored -> this.context.runOnContext(() -> {
          this.taking = false;
          pump();
        }),
        failure -> this.context.runOnContext(() -> {
          this.taking = false;
          if (failure instanceof WakeUpRead.Overdue && !this.stopped) {
            this.health.fetchFailed(started + this.settings.blockTime().toMillis(), failure);
            pump();
            return;
          }
          Log.debugf("Queue '%s': wake-up read failed (%s)", this.settings.queueName(), failure.getMessage());
          later(RETRY_AFTER_FAILURE, this::pump);
        }));
  }

  /** The band the next take serves first (see FairBands). */
  int nextFairBand() {
    return this.fairBands.next();
  }

  /**
   * How many jobs an ack batch should fetch along, reserving the take: what the waiting copies, the {@code freed} ones
   * that wait for this batch and the prefetch lack. One take at a time (a fetch, or an ack's prefetch), since two in
   * flight could answer out of order and hand a group's jobs to the processor out of enqueue order.
   */
  int startPrefetch(int freed) {
    int wanted = this.stopped || this.taking ? 0
        : Math.min(this.settings.batchSize(), Math.max(0, freed + idleCopies() + this.prefetch.size()));
    if (wanted > 0) {
      this.taking = true;
    }
    return wanted;
  }

  /** The prefetch reserved by {@link #startPrefetch} answered: the jobs it took, or its failure. */
  void endPrefetch(Response jobs, long started, Throwable failure) {
    this.taking = false;
    if (failure == null) {
      this.health.fetched();
      accept(jobs, started);
    } else {
      this.health.fetchFailed(started, failure);
    }
  }

  /** Jobs this replica now holds (fetched, prefetched or reclaimed), in the order they were taken; given back once stopped. */
  void accept(Response jobs, long takenAtMillis) {
    List<RedisStreamsMessage> taken = new ArrayList<>(jobs.size());
    for (Response job : jobs) {
      taken.add(RedisStreamsMessage.from(job, takenAtMillis, this));
    }
    if (this.stopped) {
      this.handBack.give(taken, false); // a take that was in flight when the channel stopped
    } else {
      this.held.add(taken);
    }
  }

  /** What the last take learnt: while the queue is paused, jobs fetched ahead wait here unstarted. */
  void queuePaused(boolean paused) {
    this.paused = paused;
  }

  private void handOut() {
    while (!this.paused && !this.stopped && this.held.readyCount() > 0 && !this.waiters.isEmpty()) {
      this.waiters.poll().complete(this.held.start());
    }
  }

  /** The delivery settled: it holds no place here any more. */
  void released(RedisStreamsMessage message) {
    this.held.released(message);
  }

  /** Deliveries this replica holds: handed out and not settled, or fetched and not handed out yet. */
  List<RedisStreamsMessage> held() {
    return this.held.all();
  }

  /** Jobs fetched ahead cover the waiting copies and half the prefetch window: a refill can wait a moment. */
  boolean wellSupplied() {
    int window = this.prefetch.size();
    return !this.stopped && window > 0 && -idleCopies() >= Math.max(1, window / 2);
  }

  /** A delivery completed (counts towards the prefetch window). */
  void completed() {
    this.prefetch.finished();
  }

  /** Copies waiting for a job beyond those that jobs already fetched will serve. */
  int idleCopies() {
    return this.waiters.size() - this.held.readyCount();
  }

  /** A failure a handler reports; {@code fatal} stops the channel (failure-strategy {@code fail}). */
  private void reportFailure(Throwable failure, boolean fatal) {
    if (!fatal) {
      Log.warnf("Queue '%s': channel '%s': %s", this.settings.queueName(), this.settings.channel(), failure.getMessage());
    } else {
      this.context.runOnContext(() -> failStop(failure));
    }
  }

  private void failStop(Throwable failure) {
    this.failed = failure;
    this.health.stopped(failure);
    stopFetching();
    List.copyOf(this.waiters).forEach(waiter -> waiter.fail(failure));
    this.waiters.clear();
  }

  ChannelSettings settings() {
    return this.settings;
  }

  ChannelHealth health() {
    return this.health;
  }

  RedisStreamsAckHandler ackHandler() {
    return this.ackHandler;
  }

  RedisStreamsFailureHandler failureHandler() {
    return this.failureHandler;
  }

  boolean isStopped() {
    return this.stopped;
  }

  void runOnContext(Runnable task) {
    this.context.runOnContext(task);
  }

  /** No new fetches and no more timers; jobs fetched ahead are given back, deliveries in flight may still settle. */
  void stopFetching() {
    this.stopped = true;
    this.duties.stop();
    this.handBack.expect();
    this.context.runOnContext(() -> this.handBack.give(this.held.takeReady(), true));
  }

  int inFlightCount() {
    return this.held.inFlightCount();
  }

  /** Jobs are still running here, their completions unwritten, or on their way back to the queue. */
  boolean busy() {
    return this.held.inFlightCount() > 0 || this.ackHandler.busy() || this.handBack.busy();
  }

  private void later(Duration delay, Runnable task) {
    this.context.owner().setTimer(Math.max(1, delay.toMillis()), ignored -> this.context.runOnContext(task));
  }
}
