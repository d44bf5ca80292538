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
import dev.switchboard.queue.QueueKeys;
import dev.switchboard.queue.QueueMetrics;
import dev.switchboard.queue.QueueScripts;
import dev.switchboard.queue.QueueSettings;
import dev.switchboard.queue.RetryJobLater;
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
  private boolean fetching;
  private volatile boolean stopped;
  private volatile long lastContactMillis = System.currentTimeMillis();
  private volatile String lastError;

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
    // every FAIR_EVERY-th fetch first serves one band in rotation (or the next non-empty one above it), so a
    // waiting job of any priority starts within FAIR_EVERY * 11 fetches even under a sustained high-priority load
    long fetch = ++this.fetches;
    int fairBand = fetch % FAIR_EVERY == 0 ? (int) ((fetch / FAIR_EVERY) % QueueKeys.BANDS) : -1;
    this.scripts.run(QueueScripts.FETCH, List.of(), List.of(this.keys.base(), this.consumer, Integer.toString(wanted),
        Long.toString(System.currentTimeMillis()), Integer.toString(fairBand)))
        .subscribe().with(
            response -> this.context.runOnContext(() -> onFetched(response)),
            failure -> this.context.runOnContext(() -> onRedisFailure("fetch", failure)));
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
    Log.warnf("Queue '%s': %s failed (%s); retrying in %s", this.settings.queue(), what, failure.getMessage(), ERROR_BACKOFF);
    later(ERROR_BACKOFF, this::pump);
  }

  // ---------------------------------------------------------------- outcomes

  Uni<Void> complete(Delivery delivery) {
    if (!delivery.settle()) {
      return Uni.createFrom().voidItem();
    }
    release(delivery);
    long now = System.currentTimeMillis();
    return this.scripts.run(QueueScripts.COMPLETE, List.of(), List.of(this.keys.base(), delivery.jobId(),
        Integer.toString(delivery.attempt()), Long.toString(now), "",
        Integer.toString(this.settings.retentionCompletedCount()), Long.toString(this.settings.retentionCompletedAge().toMillis()),
        Integer.toString(this.settings.groupConcurrency())))
        .invoke(response -> {
          if (response.toInteger() == 1) {
            this.metrics.completed(this.settings.queue(), now - delivery.startedMillis());
          } else {
            fenced(delivery, "completion");
          }
        })
        .onFailure().invoke(failure -> Log.warnf("Queue '%s': could not record completion of job %s (%s); it will be reclaimed and run again",
            this.settings.queue(), delivery.jobId(), failure.getMessage()))
        .onFailure().recoverWithNull()
        .replaceWithVoid()
        .eventually(this::pumpOnContext);
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
    return this.scripts.run(QueueScripts.FAIL, List.of(), List.of(this.keys.base(), delivery.jobId(),
        Integer.toString(delivery.attempt()), Long.toString(now), truncate(message), cause.getClass().getName(),
        permanent ? "1" : "0", Long.toString(delay),
        Integer.toString(this.settings.retentionFailedCount()), Long.toString(this.settings.retentionFailedAge().toMillis()),
        Integer.toString(this.settings.groupConcurrency())))
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
    this.scripts.run(QueueScripts.PROMOTE, List.of(), List.of(this.keys.base(), Long.toString(System.currentTimeMillis()),
        "500", Integer.toString(this.settings.groupConcurrency())))
        .subscribe().with(response -> contact(), failure -> this.lastError = "promote: " + failure.getMessage());
  }

  private void reclaim() {
    int capacity = this.waiters.size() - this.ready.size();
    if (capacity <= 0 || this.stopped) {
      return;
    }
    this.scripts.run(QueueScripts.RECLAIM, List.of(), List.of(this.keys.base(), this.consumer,
        Long.toString(this.settings.visibilityTimeout().toMillis()), Integer.toString(capacity),
        Long.toString(System.currentTimeMillis()), Integer.toString(this.settings.retentionFailedCount()),
        Long.toString(this.settings.retentionFailedAge().toMillis()), Integer.toString(this.settings.groupConcurrency())))
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
    List<String> args = new ArrayList<>();
    args.add(this.keys.base());
    args.add(this.consumer);
    for (Delivery delivery : this.inFlight.values()) {
      if (delivery.startedNanos() < threshold) {
        args.add(delivery.jobId());
        args.add(Integer.toString(delivery.attempt()));
      }
    }
    if (args.size() == 2) {
      return;
    }
    this.scripts.run(QueueScripts.EXTEND, List.of(), args).subscribe().with(lost -> {
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
  }

  private void every(Duration period, Runnable task) {
    long id = this.context.owner().setPeriodic(Math.max(1, period.toMillis()), ignored -> {
      if (!this.stopped) {
        task.run();
      }
    });
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

  /** One delivery of a job to this replica. */
  static final class Delivery {
    private final String jobId;
    private final String data;
    private final JobMetadata metadata;
    private final long startedNanos = System.nanoTime();
    private final long startedMillis;
    private volatile boolean settled;
    long timeoutTimer = -1;

    private Delivery(String jobId, String data, JobMetadata metadata, long startedMillis) {
      this.jobId = jobId;
      this.data = data;
      this.metadata = metadata;
      this.startedMillis = startedMillis;
    }

    static Delivery from(String queue, Response job, long now) {
      // {id, entry, prio, attempts, data, tenant, created, max}
      String tenant = job.get(5) == null ? "" : job.get(5).toString();
      var metadata = new JobMetadata(queue, job.get(0).toString(), job.get(3).toInteger(), job.get(7).toInteger(),
          job.get(2).toInteger(), tenant.isEmpty() ? null : tenant, Instant.ofEpochMilli(Long.parseLong(job.get(6).toString())));
      return new Delivery(metadata.jobId(), job.get(4).toString(), metadata, now);
    }

    String jobId() {
      return this.jobId;
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
