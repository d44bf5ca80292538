package dev.switchboard.queue.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Message;

import dev.switchboard.queue.PermanentJobFailure;
import dev.switchboard.queue.QueueMetrics;
import dev.switchboard.queue.QueueSettings;
import dev.switchboard.queue.RetryJobLater;
import dev.switchboard.queue.redis.CompleteArgs;
import dev.switchboard.queue.redis.ExtendArgs;
import dev.switchboard.queue.redis.FailArgs;
import dev.switchboard.queue.redis.FetchArgs;
import dev.switchboard.queue.redis.PromoteArgs;
import dev.switchboard.queue.redis.QueueKeys;
import dev.switchboard.queue.redis.QueueScripts;
import dev.switchboard.queue.redis.ReclaimArgs;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.core.Context;
import io.vertx.mutiny.redis.client.Response;

/**
 * The consuming side of one queue in this replica. Copies of the channel ask for jobs ({@link #next()}); the
 * worker fetches as many as are asked for in one script call (highest priority first), waits on a blocking
 * XREAD on its own connection while the queue is empty, and keeps background duties: promoting due jobs,
 * reclaiming jobs of dead consumers, extending the lease of long jobs, enforcing the per-attempt timeout.
 * All mutable state is confined to one Vert.x event-loop context.
 */
public final class QueueWorker {

  private static final Duration PAUSED_POLL = Duration.ofMillis(500);
  private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);
  static final int FAIR_EVERY = 10;

  private final QueueSettings settings;
  private final QueueKeys keys;
  private final String consumer;
  private final QueueScripts scripts;
  private final ReactiveRedisDataSource reader;
  private final QueueMetrics metrics;
  private final Context context;

  private final ArrayDeque<UniEmitter<? super Message<?>>> waiters = new ArrayDeque<>();
  private final ArrayDeque<Delivery> ready = new ArrayDeque<>();
  private final Map<String, Delivery> inFlight = new ConcurrentHashMap<>();
  private final List<Long> timers = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicLong pausedPolls = new java.util.concurrent.atomic.AtomicLong();
  private long fetches;
  private final List<PendingAck> pendingAcks = new ArrayList<>();
  private boolean ackInFlight;
  private boolean fetching;
  private volatile boolean stopped;
  private volatile long lastContactMillis = System.currentTimeMillis();
  private volatile String lastError;
  private volatile long failingSince;

  QueueWorker(QueueSettings settings, String consumer, QueueScripts scripts, ReactiveRedisDataSource reader,
      QueueMetrics metrics, Context context) {
    this.settings = settings;
    this.keys = settings.keys();
    this.consumer = consumer;
    this.scripts = scripts;
    this.reader = reader;
    this.metrics = metrics;
    this.context = context;
  }

  public QueueSettings settings() {
    return this.settings;
  }

  public String consumer() {
    return this.consumer;
  }

  /** Fetches that found the queue paused; lets tests see that a paused queue was polled and nothing ran. */
  public long pausedPolls() {
    return this.pausedPolls.get();
  }

  public int inFlightCount() {
    return this.inFlight.size();
  }

  void start() {
    Log.infof("Queue '%s': consumer %s started (group concurrency %d, %d attempts)", this.settings.queue(), this.consumer,
        this.settings.groupConcurrency(), this.settings.maxAttempts());
    every(this.settings.promoteInterval(), this::promote);
    every(reclaimInterval(), this::reclaim);
    every(this.settings.visibilityTimeout().dividedBy(3), this::extendLeases);
  }

  /** The next job for one copy of the channel; completes when one is there. */
  Uni<Message<?>> next() {
    return Uni.createFrom().emitter(emitter -> this.context.runOnContext(() -> {
      if (this.stopped) {
        return; // never completes: the stream is being shut down
      }
      this.waiters.add(emitter);
      emitter.onTermination(() -> this.context.runOnContext(() -> this.waiters.remove(emitter)));
      pump();
    }));
  }

  // ---------------------------------------------------------------- fetching

  private void pump() {
    handOut();
    int wanted = Math.min(this.waiters.size() - this.ready.size(), this.settings.batchSize());
    if (this.fetching || this.stopped || wanted <= 0) {
      return;
    }
    this.fetching = true;
    this.scripts.run(new FetchArgs(this.keys).consumer(this.consumer).count(wanted).fairBand(nextFairBand()))
        .subscribe().with(
            response -> this.context.runOnContext(() -> onFetched(response)),
            failure -> this.context.runOnContext(() -> onRedisFailure("fetch", failure)));
  }

  /**
   * Every FAIR_EVERY-th fetch first serves one band in rotation (or the next non-empty one above it), so a waiting
   * job of any priority starts within FAIR_EVERY * 11 fetches even under a sustained high-priority load.
   */
  private int nextFairBand() {
    long fetch = ++this.fetches;
    return fetch % FAIR_EVERY == 0 ? (int) ((fetch / FAIR_EVERY) % QueueKeys.BANDS) : -1;
  }

  private void onFetched(Response response) {
    this.fetching = false;
    contact();
    String kind = response.get(0).toString();
    switch (kind) {
      case "jobs" -> {
        accept(response.get(1));
        pump();
      }
      case "paused" -> {
        this.pausedPolls.incrementAndGet();
        later(PAUSED_POLL, this::pump);
      }
      default -> waitForJobs(response.get(1));
    }
  }

  /** Blocks (on the reader connection, never the event loop) until a band gets a new entry or the block time ends. */
  private void waitForJobs(Response lastIds) {
    this.fetching = true;
    String[] args = new String[3 + 2 * QueueKeys.BANDS];
    args[0] = "BLOCK";
    args[1] = Long.toString(this.settings.blockTime().toMillis());
    args[2] = "STREAMS";
    for (int band = 0; band < QueueKeys.BANDS; band++) {
      args[3 + band] = this.keys.stream(10 - band);
      args[3 + QueueKeys.BANDS + band] = lastIds.get(band).toString();
    }
    this.reader.execute("XREAD", args).subscribe().with(
        ignored -> this.context.runOnContext(() -> {
          this.fetching = false;
          contact();
          pump();
        }),
        failure -> this.context.runOnContext(() -> onRedisFailure("wait", failure)));
  }

  private void accept(Response jobs) {
    long now = System.currentTimeMillis();
    for (Response job : jobs) {
      Delivery delivery = Delivery.from(this.settings.queue(), job, now);
      this.ready.add(delivery);
      if (delivery.attempt() == 1) {
        this.metrics.waited(this.settings.queue(), now - delivery.metadata().createdAt().toEpochMilli());
      }
    }
  }

  private void handOut() {
    while (!this.ready.isEmpty() && !this.waiters.isEmpty()) {
      Delivery delivery = this.ready.poll();
      UniEmitter<? super Message<?>> waiter = this.waiters.poll();
      this.inFlight.put(delivery.jobId(), delivery);
      if (!this.settings.jobTimeout().isZero()) {
        delivery.timeoutTimer = this.context.owner().setTimer(this.settings.jobTimeout().toMillis(),
            id -> timeOut(delivery));
      }
      waiter.complete(new RedisStreamsMessage(this, delivery));
    }
  }

  private void onRedisFailure(String what, Throwable failure) {
    this.fetching = false;
    if (this.stopped) {
      Log.debugf("Queue '%s': %s ended by shutdown (%s)", this.settings.queue(), what, failure.getMessage());
      return;
    }
    this.lastError = what + ": " + failure.getMessage();
    if (this.failingSince == 0) {
      this.failingSince = System.currentTimeMillis();
      Log.warnf("Queue '%s': %s failed (%s); retrying every %s until Redis answers", this.settings.queue(), what,
          failure.getMessage(), ERROR_BACKOFF);
    } else {
      Log.debugf("Queue '%s': %s failed again (%s)", this.settings.queue(), what, failure.getMessage());
    }
    later(ERROR_BACKOFF, this::pump);
  }

  // ---------------------------------------------------------------- outcomes

  Uni<Void> complete(Delivery delivery) {
    if (!delivery.settle()) {
      return Uni.createFrom().voidItem();
    }
    release(delivery);
    return Uni.createFrom().<Void>emitter(emitter -> this.context.runOnContext(() -> {
      this.pendingAcks.add(new PendingAck(delivery, emitter));
      flushAcks();
    }));
  }

  /**
   * Sends the completions gathered so far in one script call, which also fetches the next jobs for the channel
   * copies these completions free (one round trip per batch instead of two). One call is in flight at a time;
   * completions that arrive meanwhile go in the next one, so under load an ack costs a fraction of a round trip.
   */
  private void flushAcks() {
    if (this.ackInFlight || this.pendingAcks.isEmpty()) {
      return;
    }
    List<PendingAck> batch = new ArrayList<>(this.pendingAcks);
    this.pendingAcks.clear();
    this.ackInFlight = true;
    long now = System.currentTimeMillis();
    // one take at a time (a fetch, or this call's prefetch): two in flight could answer out of order and hand
    // a tenant's jobs to the processor out of enqueue order
    int idle = Math.max(0, this.waiters.size() - this.ready.size());
    int wanted = this.stopped || this.fetching ? 0 : Math.min(this.settings.batchSize(), batch.size() + idle);
    boolean prefetching = wanted > 0;
    if (prefetching) {
      this.fetching = true;
    }
    CompleteArgs args = new CompleteArgs(this.keys).consumer(this.consumer).now(now)
        .retention(this.settings.retentionCompletedCount(), this.settings.retentionCompletedAge().toMillis())
        .defaultGroupLimit(this.settings.groupConcurrency()).prefetch(wanted, wanted > 0 ? nextFairBand() : -1);
    for (PendingAck ack : batch) {
      Delivery delivery = ack.delivery();
      args.job(delivery.jobId(), delivery.attempt(), delivery.entry(), delivery.metadata().priority(), delivery.metadata().group());
    }
    this.scripts.run(args).subscribe().with(
        response -> this.context.runOnContext(() -> {
          contact();
          if (prefetching) {
            this.fetching = false;
          }
          Response outcomes = response.get(0);
          accept(response.get(1));
          for (int i = 0; i < batch.size(); i++) {
            Delivery delivery = batch.get(i).delivery();
            if (outcomes.get(i).toInteger() == 1) {
              this.metrics.completed(this.settings.queue(), now - delivery.startedMillis());
            } else {
              fenced(delivery, "completion");
            }
          }
          afterAckBatch(batch);
        }),
        failure -> this.context.runOnContext(() -> {
          if (prefetching) {
            this.fetching = false;
          }
          Log.warnf("Queue '%s': could not record completion of %d job(s) (%s); they will be reclaimed and run again",
              this.settings.queue(), batch.size(), failure.getMessage());
          afterAckBatch(batch);
        }));
  }

  private void afterAckBatch(List<PendingAck> batch) {
    this.ackInFlight = false;
    batch.forEach(ack -> ack.emitter().complete(null));
    flushAcks();
    pump();
  }

  Uni<Void> fail(Delivery delivery, Throwable reason) {
    if (!delivery.settle()) {
      return Uni.createFrom().voidItem();
    }
    release(delivery);
    long now = System.currentTimeMillis();
    Throwable cause = unwrap(reason);
    boolean permanent = cause instanceof PermanentJobFailure;
    long delay = retryDelay(delivery.attempt(), cause).toMillis();
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return this.scripts.run(new FailArgs(this.keys).job(delivery.jobId(), delivery.attempt()).now(now)
        .error(truncate(message), cause.getClass().getName()).permanent(permanent).retryDelay(delay)
        .retention(this.settings.retentionFailedCount(), this.settings.retentionFailedAge().toMillis())
        .defaultGroupLimit(this.settings.groupConcurrency()))
        .invoke(response -> {
          switch (response.toInteger()) {
            case 1 -> {
              this.metrics.retried(this.settings.queue());
              Log.debugf("Queue '%s': job %s attempt %d failed (%s); retry in %d ms", this.settings.queue(), delivery.jobId(),
                  delivery.attempt(), message, delay);
            }
            case 2 -> {
              this.metrics.dead(this.settings.queue());
              Log.warnf("Queue '%s': job %s is dead after attempt %d: %s", this.settings.queue(), delivery.jobId(),
                  delivery.attempt(), message);
            }
            default -> fenced(delivery, "failure");
          }
        })
        .onFailure().invoke(failure -> Log.warnf("Queue '%s': could not record failure of job %s (%s); it will be reclaimed",
            this.settings.queue(), delivery.jobId(), failure.getMessage()))
        .onFailure().recoverWithNull()
        .replaceWithVoid()
        .eventually(this::pumpOnContext);
  }

  private void fenced(Delivery delivery, String what) {
    this.metrics.fenced(this.settings.queue());
    Log.warnf("Queue '%s': %s of job %s attempt %d refused: the job was handed to another consumer or removed meanwhile",
        this.settings.queue(), what, delivery.jobId(), delivery.attempt());
  }

  private void release(Delivery delivery) {
    this.inFlight.remove(delivery.jobId(), delivery);
    if (delivery.timeoutTimer >= 0) {
      this.context.owner().cancelTimer(delivery.timeoutTimer);
    }
  }

  private void timeOut(Delivery delivery) {
    if (!delivery.isSettled()) {
      Log.warnf("Queue '%s': job %s exceeded its %s timeout on attempt %d", this.settings.queue(), delivery.jobId(),
          this.settings.jobTimeout(), delivery.attempt());
      fail(delivery, new JobTimeoutException("attempt exceeded the job timeout of " + this.settings.jobTimeout()))
          .subscribe().with(ignored -> { });
    }
  }

  Duration retryDelay(int attempt, Throwable cause) {
    if (cause instanceof RetryJobLater later && later.after() != null) {
      return later.after().isNegative() ? Duration.ZERO : later.after();
    }
    long base = this.settings.backoff().toMillis();
    long exponential = base << Math.min(attempt - 1, 30);
    long capped = Math.min(exponential < 0 ? Long.MAX_VALUE : exponential, this.settings.backoffMax().toMillis());
    // jitter only upwards, so a retry never comes earlier than the configured backoff
    return Duration.ofMillis(capped + (long) (capped * 0.2 * ThreadLocalRandom.current().nextDouble()));
  }

  // ---------------------------------------------------------------- background duties

  private void promote() {
    this.scripts.run(new PromoteArgs(this.keys).defaultGroupLimit(this.settings.groupConcurrency()))
        .subscribe().with(response -> contact(), failure -> this.lastError = "promote: " + failure.getMessage());
  }

  private void reclaim() {
    int capacity = this.waiters.size() - this.ready.size();
    if (capacity <= 0 || this.stopped) {
      return;
    }
    this.scripts.run(new ReclaimArgs(this.keys).consumer(this.consumer).minIdle(this.settings.visibilityTimeout().toMillis())
        .count(capacity).retention(this.settings.retentionFailedCount(), this.settings.retentionFailedAge().toMillis())
        .defaultGroupLimit(this.settings.groupConcurrency()))
        .subscribe().with(response -> this.context.runOnContext(() -> {
          if (response.size() > 0) {
            Log.infof("Queue '%s': reclaimed %d job(s) from a consumer that stopped responding", this.settings.queue(), response.size());
            this.metrics.reclaimed(this.settings.queue(), response.size());
            accept(response);
            pump();
          }
        }), failure -> this.lastError = "reclaim: " + failure.getMessage());
  }

  private void extendLeases() {
    long threshold = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(this.settings.visibilityTimeout().toMillis() / 3);
    ExtendArgs args = new ExtendArgs(this.keys).consumer(this.consumer);
    List<Delivery> held = new ArrayList<>(this.inFlight.values());
    held.addAll(this.ready); // fetched, not yet handed to a channel copy: still ours to keep alive
    for (Delivery delivery : held) {
      if (delivery.startedNanos() < threshold) {
        args.job(delivery.jobId(), delivery.attempt());
      }
    }
    if (args.isEmpty()) {
      return;
    }
    this.scripts.run(args).subscribe().with(lost -> {
      for (Response id : lost) {
        Log.warnf("Queue '%s': job %s was taken over by another consumer while running here; its outcome will be refused",
            this.settings.queue(), id);
      }
    }, failure -> this.lastError = "extend: " + failure.getMessage());
  }

  private Duration reclaimInterval() {
    long half = this.settings.visibilityTimeout().toMillis() / 2;
    return Duration.ofMillis(Math.max(200, Math.min(half, 5000)));
  }

  // ---------------------------------------------------------------- life cycle and health

  void stopFetching() {
    this.stopped = true;
    this.context.runOnContext(() -> this.timers.forEach(this.context.owner()::cancelTimer));
  }

  /** Waits (on the shutting-down thread) until jobs in flight have finished, at most {@code max}. */
  boolean awaitIdle(Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (!this.inFlight.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50); // shutdown thread only, never an event loop
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return this.inFlight.isEmpty();
  }

  void close() {
    this.stopped = true;
  }

  /** Healthy while this worker talked to Redis successfully within the last few block times. */
  boolean isHealthy() {
    long silence = System.currentTimeMillis() - this.lastContactMillis;
    return silence < Math.max(10_000, this.settings.blockTime().toMillis() * 3);
  }

  String healthMessage() {
    return isHealthy() ? "consuming" : "no contact with Redis since " + Instant.ofEpochMilli(this.lastContactMillis)
        + (this.lastError == null ? "" : " (" + this.lastError + ")");
  }

  private void contact() {
    this.lastContactMillis = System.currentTimeMillis();
    if (this.failingSince != 0) {
      Log.infof("Queue '%s': Redis answers again after %d ms; consuming", this.settings.queue(), this.lastContactMillis - this.failingSince);
      this.failingSince = 0;
    }
  }

  private void every(Duration period, Runnable task) {
    long id = this.context.owner().setPeriodic(Math.max(1, period.toMillis()), ignored -> this.context.runOnContext(() -> {
      if (!this.stopped) {
        task.run();
      }
    }));
    this.timers.add(id);
  }

  private void later(Duration delay, Runnable task) {
    this.context.owner().setTimer(Math.max(1, delay.toMillis()), ignored -> this.context.runOnContext(task));
  }

  private void pumpOnContext() {
    this.context.runOnContext(this::pump);
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while (current instanceof java.util.concurrent.CompletionException || current instanceof io.smallrye.mutiny.CompositeException) {
      if (current.getCause() == null) {
        break;
      }
      current = current.getCause();
    }
    // a permanent failure anywhere in the chain decides
    for (Throwable t = current; t != null; t = t.getCause()) {
      if (t instanceof PermanentJobFailure || t instanceof RetryJobLater) {
        return t;
      }
    }
    return current;
  }

  private static String truncate(String message) {
    return message.length() <= 1000 ? message : message.substring(0, 1000) + "…";
  }

  private record PendingAck(Delivery delivery, UniEmitter<? super Void> emitter) {
  }

  /** One delivery of a job to this replica. */
  static final class Delivery {
    private final String jobId;
    private final String entry;
    private final String data;
    private final JobMetadata metadata;
    private final long startedNanos = System.nanoTime();
    private final long startedMillis;
    private volatile boolean settled;
    long timeoutTimer = -1;

    private Delivery(String jobId, String entry, String data, JobMetadata metadata, long startedMillis) {
      this.jobId = jobId;
      this.entry = entry;
      this.data = data;
      this.metadata = metadata;
      this.startedMillis = startedMillis;
    }

    static Delivery from(String queue, Response job, long now) {
      // {id, entry, prio, attempts, data, tenant, created, max}
      String tenant = job.get(5) == null ? "" : job.get(5).toString();
      var metadata = new JobMetadata(queue, job.get(0).toString(), job.get(3).toInteger(), job.get(7).toInteger(),
          job.get(2).toInteger(), tenant.isEmpty() ? null : tenant, Instant.ofEpochMilli(Long.parseLong(job.get(6).toString())));
      return new Delivery(metadata.jobId(), job.get(1).toString(), job.get(4).toString(), metadata, now);
    }

    String jobId() {
      return this.jobId;
    }

    /** The stream entry this delivery came from. */
    String entry() {
      return this.entry;
    }

    String data() {
      return this.data;
    }

    int attempt() {
      return this.metadata.attempt();
    }

    JobMetadata metadata() {
      return this.metadata;
    }

    long startedNanos() {
      return this.startedNanos;
    }

    public long startedMillis() {
      return this.startedMillis;
    }

    boolean isSettled() {
      return this.settled;
    }

    /** True for the first outcome only: a delivery is acked or nacked once. */
    synchronized boolean settle() {
      if (this.settled) {
        return false;
      }
      this.settled = true;
      return true;
    }
  }

  /** The attempt ran longer than the queue's job timeout. */
  static final class JobTimeoutException extends RuntimeException {
    JobTimeoutException(String message) {
      super(message);
    }
  }
}
