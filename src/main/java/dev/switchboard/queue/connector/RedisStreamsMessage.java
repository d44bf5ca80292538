package dev.switchboard.queue.connector;

import static io.smallrye.reactive.messaging.providers.locals.ContextAwareMessage.captureContextMetadata;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Metadata;

import dev.switchboard.queue.JobMetadata;
import dev.switchboard.queue.QueueMetrics;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.providers.MetadataInjectableMessage;
import io.smallrye.reactive.messaging.providers.locals.ContextAwareMessage;
import io.vertx.mutiny.redis.client.Response;

/**
 * One delivery of a job: its JSON payload, {@link JobMetadata} (the attempt is the delivery's fencing token) and the
 * stream entry it came from. It settles once: the first ack completes the job through the ack handler, the first nack
 * goes to the channel's failure strategy, later ones are ignored. Processing runs on a duplicate of the channel's
 * Vert.x context.
 */
public final class RedisStreamsMessage implements ContextAwareMessage<String>, MetadataInjectableMessage<String> {

  private final String payload;
  private final String entry;
  private final JobMetadata job;
  private final long startedMillis;
  private final long startedNanos = System.nanoTime();
  private final RedisStreamsIncomingChannel channel;
  private final AtomicBoolean settled = new AtomicBoolean();
  private volatile Metadata metadata;
  private volatile long leaseUntilMillis;
  volatile long timeoutTimer = -1;

  private RedisStreamsMessage(String payload, String entry, JobMetadata job, long startedMillis, RedisStreamsIncomingChannel channel) {
    this.payload = payload;
    this.entry = entry;
    this.job = job;
    this.startedMillis = startedMillis;
    this.leaseUntilMillis = startedMillis + channel.settings().visibilityTimeout().toMillis();
    this.channel = channel;
    this.metadata = captureContextMetadata(job);
  }

  /** A job as fetch.lua, complete.lua and reclaim.lua hand it out: {id, entry, prio, attempts, data, group, created, max}. */
  static RedisStreamsMessage from(Response job, long fetchedAtMillis, RedisStreamsIncomingChannel channel) {
    String group = job.get(5) == null ? "" : job.get(5).toString();
    var metadata = new JobMetadata(channel.settings().queueName(), job.get(0).toString(), job.get(3).toInteger(), job.get(7).toInteger(),
        job.get(2).toInteger(), group.isEmpty() ? null : group, Instant.ofEpochMilli(Long.parseLong(job.get(6).toString())));
    return new RedisStreamsMessage(job.get(4).toString(), job.get(1).toString(), metadata, fetchedAtMillis, channel);
  }

  @Override
  public String getPayload() {
    return this.payload;
  }

  @Override
  public Metadata getMetadata() {
    return this.metadata;
  }

  @Override
  public synchronized void injectMetadata(Object metadataObject) {
    this.metadata = this.metadata.with(metadataObject);
  }

  @Override
  public CompletionStage<Void> ack(Metadata metadata) {
    if (!settle()) {
      return CompletableFuture.completedFuture(null);
    }
    return this.channel.ackHandler().handle(this).subscribeAsCompletionStage();
  }

  @Override
  public CompletionStage<Void> nack(Throwable reason, Metadata metadata) {
    if (!settle()) {
      return CompletableFuture.completedFuture(null);
    }
    return this.channel.failureHandler().handle(this, metadata, reason).subscribeAsCompletionStage();
  }

  @Override
  public Function<Metadata, CompletionStage<Void>> getAckWithMetadata() {
    return this::ack;
  }

  @Override
  public BiFunction<Throwable, Metadata, CompletionStage<Void>> getNackWithMetadata() {
    return this::nack;
  }

  public JobMetadata job() {
    return this.job;
  }

  public String jobId() {
    return this.job.jobId();
  }

  public int attempt() {
    return this.job.attempt();
  }

  /** The stream entry this delivery came from. */
  public String entry() {
    return this.entry;
  }

  /** When this replica took the job (for the processing time and the lease). */
  public long startedMillis() {
    return this.startedMillis;
  }

  long startedNanos() {
    return this.startedNanos;
  }

  /** Until when no other consumer can reclaim the job (visibility timeout after the last take or extension). */
  public long leaseUntilMillis() {
    return this.leaseUntilMillis;
  }

  void leaseRenewed(long atMillis) {
    this.leaseUntilMillis = atMillis + this.channel.settings().visibilityTimeout().toMillis();
  }

  boolean isSettled() {
    return this.settled.get();
  }

  /** Counts and logs an outcome that Redis refused because the job is no longer this delivery's. */
  public void refused(QueueMetrics metrics, String what) {
    metrics.fenced(this.job.queue());
    Log.warnf("Queue '%s': %s of job %s attempt %d refused: the job was handed to another consumer or removed meanwhile",
        this.job.queue(), what, this.job.jobId(), this.job.attempt());
  }

  /** True for the first outcome only; frees the delivery's place in the channel. */
  private boolean settle() {
    if (!this.settled.compareAndSet(false, true)) {
      return false;
    }
    this.channel.released(this);
    return true;
  }
}
