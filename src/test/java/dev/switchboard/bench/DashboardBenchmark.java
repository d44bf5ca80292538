package dev.switchboard.bench;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.switchboard.admin.jobs.DashboardWork;
import dev.switchboard.queue.JobOptions;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.NewJob;
import dev.switchboard.queue.QueueAdmin;
import dev.switchboard.redis.RedisClients;
import dev.switchboard.testing.TestSettings;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Response;

/**
 * What one page of the dashboard's listings costs with a small and with a large backlog (1,000 then 100,000 waiting jobs,
 * 50 then 5,000 dead), run by bench/dashboard.sh (never by ./mvnw verify). Redis time is read from SLOWLOG with every
 * command logged: the listing script's own time and, per page, that script plus the job reads that follow it. Prints
 * {@code BENCH <name> <value> <unit>} lines.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class DashboardBenchmark {

  private static final String QUEUE = "test-dashboard";
  private static final Set<String> STATES = Set.of("waiting", "active", "delayed", "failed", "completed", "dead");
  private static final int CALLS = 30;

  @Inject
  JobQueue jobs;

  @Inject
  QueueAdmin admin;

  @Inject
  @RedisClientName(RedisClients.QUEUE)
  ReactiveRedisDataSource redis;

  @Test
  void run() {
    given().header("Authorization", "Bearer " + TestSettings.ADMIN_TOKEN).post("/admin/queue/drain/" + QUEUE + "?delayed=true");
    grow(1_000, 50);
    measure("1k");
    grow(100_000, 5_000);
    measure("100k");
  }

  /** Adds dead jobs (they fail for real, twice each) and then waiting ones (queue paused) up to the given sizes. */
  private void grow(int waiting, int dead) {
    this.admin.resume(QUEUE).await().indefinitely();
    long deadNow = this.admin.counts(QUEUE).await().indefinitely().dead();
    enqueue((int) (dead - deadNow), "dead-", 2);
    await().atMost(Duration.ofMinutes(5)).until(() -> this.admin.counts(QUEUE).await().indefinitely().dead() >= dead);
    this.admin.pause(QUEUE).await().indefinitely();
    long waitingNow = this.admin.counts(QUEUE).await().indefinitely().waiting();
    enqueue((int) (waiting - waitingNow), "wait-", 0);
    report("backlog_waiting", this.admin.counts(QUEUE).await().indefinitely().waiting(), "jobs");
    report("backlog_dead", this.admin.counts(QUEUE).await().indefinitely().dead(), "jobs");
  }

  private void enqueue(int count, String prefix, int failTimes) {
    List<NewJob> batch = new ArrayList<>();
    long base = System.nanoTime();
    for (int n = 0; n < count; n++) {
      String phone = "+49151" + String.format("%07d", n);
      batch.add(new NewJob(new DashboardWork(phone, null, failTimes),
          JobOptions.defaults().withJobId(prefix + base + "-" + n).withGroup(n % 10 == 0 ? "tenant-" + n % 7 : null)));
      if (batch.size() == 1000 || n == count - 1) {
        this.jobs.enqueueAll(QUEUE, batch).await().indefinitely();
        batch.clear();
      }
    }
  }

  private void measure(String size) {
    String base = "/admin/queue/" + QUEUE + "/jobs?limit=50&state=";
    page(size, "waiting_first_page", base + "waiting");
    String cursor = "";
    for (int n = 0; n < 10; n++) {
      cursor = admin().get(base + "waiting&cursor=" + cursor).then().statusCode(200).extract().path("nextCursor");
    }
    page(size, "waiting_page_11", base + "waiting&cursor=" + cursor);
    page(size, "dead_first_page", base + "dead");
    page(size, "search_phone_dead", base + "dead&q=%2B49151000004");
    // what reading a whole band at once (as the listing did before) costs Redis now
    slowlogReset();
    for (int i = 0; i < 5; i++) {
      this.redis.execute("XRANGE", "sb:{" + QUEUE + "}:s:5", "-", "+").await().indefinitely();
    }
    report("xrange_whole_band_redis_" + size, median(durations(args -> args.get(0).equalsIgnoreCase("XRANGE"))), "us");
  }

  private void page(String size, String name, String path) {
    for (int i = 0; i < 5; i++) {
      admin().get(path).then().statusCode(200);
    }
    slowlogReset();
    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      long start = System.nanoTime();
      admin().get(path).then().statusCode(200);
      latencies.add((System.nanoTime() - start) / 1000);
    }
    List<Long> script = durations(DashboardBenchmark::isPageScript);
    List<Long> jobReads = durations(args -> (args.get(0).equalsIgnoreCase("HMGET") || args.get(0).equalsIgnoreCase("HGETALL")) && args.get(1).contains(":{" + QUEUE + "}:job:"));
    long readsPerPage = jobReads.stream().mapToLong(Long::longValue).sum() / Math.max(1, script.size());
    report(name + "_script_redis_" + size, median(script), "us");
    report(name + "_page_redis_" + size, median(script) + readsPerPage, "us");
    report(name + "_http_p50_" + size, median(latencies), "us");
  }

  private static boolean isPageScript(List<String> args) {
    // EVALSHA <sha> 19 <19 queue keys> <state> <cursor> <limit> <budget> <query>
    return args.size() >= 27 && args.get(0).equalsIgnoreCase("EVALSHA") && "19".equals(args.get(2)) && STATES.contains(args.get(22))
        && args.get(3).contains(":{" + QUEUE + "}:");
  }

  private void slowlogReset() {
    this.redis.execute("CONFIG", "SET", "slowlog-log-slower-than", "0").await().indefinitely();
    this.redis.execute("CONFIG", "SET", "slowlog-max-len", "100000").await().indefinitely();
    this.redis.execute("SLOWLOG", "RESET").await().indefinitely();
  }

  private List<Long> durations(Predicate<List<String>> which) {
    Response log = this.redis.execute("SLOWLOG", "GET", "-1").await().indefinitely();
    List<Long> out = new ArrayList<>();
    for (Response entry : log) {
      List<String> args = new ArrayList<>();
      entry.get(3).forEach(arg -> args.add(arg.toString()));
      if (!args.isEmpty() && which.test(args)) {
        out.add(entry.get(2).toLong());
      }
    }
    return out;
  }

  private static long median(List<Long> values) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static io.restassured.specification.RequestSpecification admin() {
    return given().header("Authorization", "Bearer " + TestSettings.ADMIN_TOKEN);
  }

  private static void report(String name, long value, String unit) {
    System.out.println(String.format(Locale.ROOT, "BENCH %s %d %s", name, value, unit));
  }
}
