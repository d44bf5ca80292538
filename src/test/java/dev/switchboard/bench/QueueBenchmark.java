package dev.switchboard.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.switchboard.queue.JobOptions;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.NewJob;
import dev.switchboard.queue.QueueAdmin;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;

/**
 * Queue throughput and latency against a private Redis, run by bench/queue.sh (never by ./mvnw verify). Prints
 * {@code BENCH <name> <value> <unit>} lines; the script keeps those.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class QueueBenchmark {

  static final String PAYLOAD = "{\"to\":\"+15551234567\",\"text\":\"benchmark job\"}";
  static final int JOBS = Integer.getInteger("bench.jobs", 20_000);
  static final int CONCURRENT_ROUNDS = 3;
  /** bench/queue.sh's REDIS_COMMANDS: also each Redis command's calls and time per job of the drains. */
  static final boolean REDIS_COMMANDS = Boolean.getBoolean("bench.redis.commands");
  /** Which parts run (bench/queue.sh's PHASES): any of enqueue, process, latency, memory; all when empty. */
  static final Set<String> PHASES = Arrays.stream(System.getProperty("bench.phases", "").split("[,\\s]+"))
      .filter(phase -> !phase.isEmpty()).collect(Collectors.toSet());

  @Inject
  JobQueue jobs;

  @Inject
  QueueAdmin admin;

  @Inject
  BenchProcessors processors;

  @Inject
  @io.quarkus.redis.client.RedisClientName(dev.switchboard.redis.RedisClients.QUEUE)
  io.quarkus.redis.datasource.ReactiveRedisDataSource redis;

  @Test
  void run() {
    warmUp();
    if (runs("enqueue")) {
      enqueueSequential();
      enqueueConcurrent();
      enqueueBulk();
    }
    if (runs("process")) {
      process("bench-c1", "process_c1");
      process("bench-c5", "process_c5");
      process("bench-c50", "process_c50");
    }
    if (runs("latency")) {
      latencyAtSteadyRate(500, Duration.ofSeconds(10));
    }
    if (runs("memory")) {
      memoryWithRetention();
    }
  }

  private static boolean runs(String phase) {
    return PHASES.isEmpty() || PHASES.contains(phase);
  }

  /**
   * Redis memory with retention on (keep the last 1,000 completed jobs): after a first round of jobs and after
   * four more rounds it should be the same, whatever the number of jobs that went through.
   */
  private void memoryWithRetention() {
    process("bench-c50", null);
    long after1 = redisUsedMemory();
    for (int round = 0; round < 4; round++) {
      process("bench-c50", null);
    }
    long after5 = redisUsedMemory();
    report("redis_used_memory_after_" + JOBS + "_jobs", after1 / 1024, "KiB");
    report("redis_used_memory_after_" + 5 * JOBS + "_jobs", after5 / 1024, "KiB");
    // what 10,000 more completed jobs cost Redis once retention is trimming: ~0 when memory is flat
    report("redis_used_memory_growth_per_10k_jobs", (after5 - after1) / 1024 / Math.max(1, 4L * JOBS / 10_000), "KiB");
    long total = this.processors.processed("bench-c1") + this.processors.processed("bench-c5") + this.processors.processed("bench-c50");
    report("jvm_rss_after_" + total + "_jobs", rssKib() / 1024, "MiB");
  }

  /** Resident set size of this JVM (producer, consumers and Quarkus), from /proc. */
  private static long rssKib() {
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (java.io.IOException e) {
      // not Linux: no figure
    }
    return -1;
  }

  private long redisUsedMemory() {
    String info = this.redis.execute("INFO", "memory").await().indefinitely().toString();
    for (String line : info.split("\\r?\\n")) {
      if (line.startsWith("used_memory:")) {
        return Long.parseLong(line.substring("used_memory:".length()).trim());
      }
    }
    return -1;
  }

  private void warmUp() {
    process("bench-c50", null);
    // the enqueue paths last, right before they are measured
    this.admin.pause("bench-warm").await().indefinitely();
    for (int i = 0; i < 3000; i++) {
      this.jobs.enqueue("bench-warm", PAYLOAD, JobOptions.defaults()).await().indefinitely();
    }
    // the concurrent path too (shared calls of 50 jobs): without it the JIT compiles that path during enqueue_c50,
    // whose 20,000 jobs take well under a second
    concurrently("bench-warm", JOBS);
    this.admin.drain("bench-warm", true).await().indefinitely();
  }

  private void enqueueSequential() {
    int count = JOBS / 4;
    this.admin.pause("bench-enqueue").await().indefinitely();
    long start = System.nanoTime();
    // one at a time, each after the previous was acknowledged, as a reactive caller does it
    Multi.createFrom().range(0, count)
        .onItem().transformToUniAndConcatenate(i -> this.jobs.enqueue("bench-enqueue", PAYLOAD, JobOptions.defaults()))
        .collect().last().await().indefinitely();
    report("enqueue_sequential", rate(count, start), "jobs/s");
    this.admin.drain("bench-enqueue", true).await().indefinitely();
  }

  /**
   * Three rounds of JOBS jobs, the median round reported: one round takes well under a second, so a single one
   * mostly measured whatever else the machine (and the JIT) did in it. CPU and calls per job are over all rounds.
   */
  private void enqueueConcurrent() {
    double cpuBefore = redisCpuSeconds();
    long callsBefore = RedisCommandStats.roundTripsSoFar(this.redis);
    long jvmBefore = jvmCpuNanos();
    long[] rates = new long[CONCURRENT_ROUNDS];
    for (int round = 0; round < CONCURRENT_ROUNDS; round++) {
      long start = System.nanoTime();
      concurrently("bench-enqueue", JOBS);
      rates[round] = rate(JOBS, start);
    }
    long jobs = (long) CONCURRENT_ROUNDS * JOBS;
    long jvm = jvmCpuNanos() - jvmBefore;
    double redisCpu = redisCpuSeconds() - cpuBefore;
    long calls = RedisCommandStats.roundTripsSoFar(this.redis) - callsBefore;
    Arrays.sort(rates);
    report("enqueue_c50", rates[CONCURRENT_ROUNDS / 2], "jobs/s");
    report("client_cpu_per_job_enqueue_c50", Math.round(jvm / 1e3 / jobs), "us");
    report("redis_cpu_per_job_enqueue_c50", Math.round(redisCpu * 1e6 / jobs), "us");
    report("redis_calls_per_job_enqueue_c50", String.format(Locale.ROOT, "%.3f", calls / (double) jobs), "calls");
    this.admin.drain("bench-enqueue", true).await().indefinitely();
  }

  /** Single enqueues, 50 in flight. */
  private void concurrently(String queue, int count) {
    Multi.createFrom().range(0, count)
        .onItem().transformToUni(i -> this.jobs.enqueue(queue, PAYLOAD, JobOptions.defaults())).merge(50)
        .collect().last().await().indefinitely();
  }

  private void enqueueBulk() {
    long start = System.nanoTime();
    Multi.createFrom().range(0, JOBS / 100)
        .onItem().transformToUni(batch -> this.jobs.enqueueAll("bench-enqueue", batchOf(100))).merge(4)
        .collect().last().await().indefinitely();
    report("enqueue_bulk100", rate(JOBS, start), "jobs/s");
    this.admin.drain("bench-enqueue", true).await().indefinitely();
  }

  /**
   * Jobs enqueued while the queue is paused, then drained by its consumer: pure processing throughput. Measured as
   * three rounds, the median one reported (a round of 20,000 jobs lasts about a second, in which this machine's other
   * work and the JIT move the rate by a third); CPU and calls per job over the three drains.
   */
  private void process(String queue, String name) {
    Drains drains = new Drains();
    for (int round = 0; round < (name == null ? 1 : CONCURRENT_ROUNDS); round++) {
      drainRound(queue, drains);
    }
    if (name != null) {
      long jobs = (long) CONCURRENT_ROUNDS * JOBS;
      Arrays.sort(drains.rates, 0, CONCURRENT_ROUNDS);
      report(name, drains.rates[CONCURRENT_ROUNDS / 2], "jobs/s");
      report(name.replace("process_", "client_cpu_per_job_"), Math.round(drains.jvmNanos / 1e3 / jobs), "us");
      report(name.replace("process_", "redis_cpu_per_job_"), Math.round(drains.redisSeconds * 1e6 / jobs), "us");
      report(name.replace("process_", "redis_calls_per_job_"), String.format(Locale.ROOT, "%.2f", drains.commands.roundTrips() / (double) jobs), "calls");
      if (REDIS_COMMANDS) {
        String figure = name.substring("process_".length());
        drains.commands.totals().forEach((command, total) -> {
          report("redis_" + command + "_calls_per_job_" + figure, String.format(Locale.ROOT, "%.3f", total[0] / (double) jobs), "calls");
          report("redis_" + command + "_us_per_job_" + figure, String.format(Locale.ROOT, "%.2f", total[1] / (double) jobs), "us");
        });
      }
    }
  }

  /** One round: JOBS jobs enqueued while the queue is paused, then drained; the drain's rate and costs added up. */
  private void drainRound(String queue, Drains drains) {
    this.admin.pause(queue).await().indefinitely();
    long before = this.processors.processed(queue);
    Multi.createFrom().range(0, JOBS / 100)
        .onItem().transformToUni(batch -> this.jobs.enqueueAll(queue, batchOf(100))).merge(4)
        .collect().last().await().indefinitely();
    double cpuBefore = redisCpuSeconds();
    long jvmBefore = jvmCpuNanos();
    drains.commands.begin(this.redis);
    long start = System.nanoTime();
    this.admin.resume(queue).await().indefinitely();
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
        .until(() -> this.processors.processed(queue) - before >= JOBS);
    drains.rates[drains.count++] = rate(JOBS, start);
    drains.jvmNanos += jvmCpuNanos() - jvmBefore;
    drains.redisSeconds += redisCpuSeconds() - cpuBefore;
    drains.commands.end(this.redis);
  }

  /** What the drains of one figure cost together. */
  private static final class Drains {
    final long[] rates = new long[CONCURRENT_ROUNDS];
    int count;
    long jvmNanos;
    double redisSeconds;
    final RedisCommandStats commands = new RedisCommandStats();
  }

  private void latencyAtSteadyRate(int perSecond, Duration duration) {
    this.processors.startRecordingLatency();
    long total = perSecond * duration.toSeconds();
    AtomicLong sent = new AtomicLong();
    long before = this.processors.processed("bench-c50");
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    pacer.scheduleAtFixedRate(() -> {
      if (sent.get() < total) {
        sent.incrementAndGet();
        this.jobs.enqueue("bench-c50", PAYLOAD, JobOptions.defaults()).subscribe().with(r -> { }, f -> { });
      }
    }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    await().atMost(duration.plusSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> this.processors.processed("bench-c50") - before >= total);
    pacer.shutdownNow();
    List<Long> sorted = this.processors.stopRecordingLatency();
    sorted.sort(null);
    report("latency_p50_at_" + perSecond, sorted.get(sorted.size() / 2), "ms");
    report("latency_p99_at_" + perSecond, sorted.get((int) (sorted.size() * 0.99)), "ms");
  }

  /** CPU (user + sys, every thread: event loops, JIT, GC) this JVM used so far. */
  private static long jvmCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
  }

  /** Redis server CPU (user + sys) so far: the cost of the queue's scripts, whatever the client. */
  private double redisCpuSeconds() {
    String info = this.redis.execute("INFO", "cpu").await().indefinitely().toString();
    double total = 0;
    for (String line : info.split("\\r?\\n")) {
      if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
        total += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return total;
  }

  private static List<NewJob> batchOf(int size) {
    List<NewJob> batch = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      batch.add(new NewJob(PAYLOAD, JobOptions.defaults()));
    }
    return batch;
  }

  private static long rate(long count, long startNanos) {
    return Math.round(count / ((System.nanoTime() - startNanos) / 1e9));
  }

  private static void report(String name, Object value, String unit) {
    System.out.println(String.format(Locale.ROOT, "BENCH %s %s %s", name, value, unit));
  }
}
