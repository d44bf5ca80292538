package dev.switchboard.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.switchboard.queue.JobMetadata;
import io.smallrye.mutiny.Uni;

/** No-op processors of the benchmark queues: they count completions and, when asked, record end-to-end latency. */
@ApplicationScoped
public class BenchProcessors {

  // reached through the CDI client proxy: only methods, never fields, from outside
  private final Map<String, AtomicLong> processed = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Long> latenciesMillis = new ConcurrentLinkedQueue<>();
  private volatile boolean recordLatency;

  @Incoming("bench-c1")
  Uni<Void> c1(String payload, JobMetadata job) {
    return done(job);
  }

  @Incoming("bench-c5")
  Uni<Void> c5(String payload, JobMetadata job) {
    return done(job);
  }

  @Incoming("bench-c50")
  Uni<Void> c50(String payload, JobMetadata job) {
    return done(job);
  }

  void startRecordingLatency() {
    this.latenciesMillis.clear();
    this.recordLatency = true;
  }

  java.util.List<Long> stopRecordingLatency() {
    this.recordLatency = false;
    return new java.util.ArrayList<>(this.latenciesMillis);
  }

  long processed(String queue) {
    AtomicLong count = this.processed.get(queue);
    return count == null ? 0 : count.get();
  }

  private Uni<Void> done(JobMetadata job) {
    if (this.recordLatency) {
      this.latenciesMillis.add(System.currentTimeMillis() - job.createdAt().toEpochMilli());
    }
    this.processed.computeIfAbsent(job.queue(), q -> new AtomicLong()).incrementAndGet();
    return Uni.createFrom().voidItem();
  }
}
