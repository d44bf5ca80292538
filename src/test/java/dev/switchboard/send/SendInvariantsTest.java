package dev.switchboard.send;

import static dev.switchboard.send.SendClient.accepted;
import static dev.switchboard.send.SendClient.acceptedAll;
import static dev.switchboard.send.SendClient.statusOf;
import static dev.switchboard.send.SendClient.text;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.queue.Job;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.QueueAdmin;
import dev.switchboard.testing.TestSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * The Node stack's load tests, kept as invariants (no wall-clock asserts): what must hold whatever the machine's
 * speed. The fake Graph API counts requests in flight and per 1-second window; when a job started is its
 * {@code startedAt} in Redis (the admin API shows it), the moment the queue made it active.
 */
@QuarkusTest
class SendInvariantsTest {

  static final String ACME = TestSettings.ACME_API_TOKEN;
  static final String GLOBEX = TestSettings.GLOBEX_API_TOKEN;
  static final Duration WAIT = Duration.ofSeconds(60);

  final FakeGraph graph = FakeGraph.server();

  @Inject
  QueueAdmin admin;

  @Inject
  JobQueue queue;

  @BeforeEach
  void reset() {
    this.graph.reset();
  }

  @AfterEach
  void resume() {
    this.admin.resume(SendProcessor.QUEUE).await().indefinitely();
  }

  @Test
  void shouldSendEveryMessageOfABurstOf100() {
    List<String> jobs = acceptedAll(ACME, bodies("burst", 100));

    awaitSent(ACME, "burst", jobs);
    assertThat(this.graph.requestsWithTextStarting("burst ")).hasSize(100);
  }

  @Test
  void shouldNeverHaveMoreThan5MessagesOfATenantInFlight() {
    this.graph.latency(100); // at 80/s and 100 ms per call, 8 would be in flight without the tenant limit
    List<String> jobs = acceptedAll(GLOBEX, bodies("inflight", 50));

    awaitSent(GLOBEX, "inflight", jobs);
    assertThat(this.graph.maxInFlight(TestSettings.GLOBEX_PHONE_NUMBER_ID)).isBetween(2, 5);
  }

  /**
   * /api/queue/metrics counts a tenant's sends in flight even when none waits behind its limit: the send path tells the
   * queue layer which groups it uses (its tenants), since a group without parked jobs leaves no trace the queue could list.
   */
  @Test
  void shouldReportATenantsSendsInFlightInTheQueueMetrics() {
    this.graph.latency(1000);
    List<String> jobs = acceptedAll(ACME, bodies("watched", 2));

    await().atMost(WAIT).untilAsserted(() -> assertThat(given()
        .header("Authorization", "Bearer " + TestSettings.ADMIN_TOKEN).get("/api/queue/metrics").then().statusCode(200)
        .extract().jsonPath().getInt("'whatsapp-send'.tenantConcurrency.acme")).isEqualTo(2));
    awaitSent(ACME, "watched", jobs);
  }

  @Test
  void shouldStartTheMessagesOfATenantInTheirOrder() {
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      jobs.add(accepted(GLOBEX, text("+4917012345678", "order " + i)));
    }

    awaitSent(GLOBEX, "order", jobs);
    // accepted one after the other: no job became active before one accepted earlier (jobs taken in one fetch share its
    // millisecond, and that fetch took them in stream order)
    List<Instant> starts = jobs.stream().map(this::startedAt).toList();
    assertThat(starts).isSortedAccordingTo(Comparator.naturalOrder());
  }

  @Test
  void shouldInterleaveTenantsFairly() {
    this.graph.latency(200);
    this.admin.pause(SendProcessor.QUEUE).await().indefinitely();
    Map<String, String> tenantOfJob = new HashMap<>();
    for (int t = 0; t < FakeGraph.FAIR_TENANTS; t++) {
      String token = "fair-" + t + "-api-token";
      for (String job : acceptedAll(token, bodies("fair " + t, 10))) {
        tenantOfJob.put(job, "fair-" + t);
      }
    }
    this.admin.resume(SendProcessor.QUEUE).await().indefinitely();

    await().atMost(WAIT).until(() -> this.graph.requestsWithTextStarting("fair ").size() == 100);
    // enqueued tenant after tenant, yet every tenant's first job became active before any tenant's sixth: a tenant at
    // its limit of 5 never holds the others back (a sixth waits for one of its tenant's five to finish, 200 ms at Graph)
    Map<String, List<Instant>> startsByTenant = new HashMap<>();
    tenantOfJob.forEach((job, tenant) -> startsByTenant.computeIfAbsent(tenant, t -> new ArrayList<>()).add(startedAt(job)));
    assertThat(startsByTenant).hasSize(FakeGraph.FAIR_TENANTS).allSatisfy((tenant, starts) -> assertThat(starts).hasSize(10));
    Instant lastFirst = startsByTenant.values().stream().map(starts -> starts.stream().sorted().toList().get(0)).max(Comparator.naturalOrder()).orElseThrow();
    Instant firstSixth = startsByTenant.values().stream().map(starts -> starts.stream().sorted().toList().get(5)).min(Comparator.naturalOrder()).orElseThrow();
    assertThat(lastFirst).isBefore(firstSixth);
    for (int t = 0; t < FakeGraph.FAIR_TENANTS; t++) {
      assertThat(this.graph.maxInFlight(FakeGraph.fairNumber(t))).isLessThanOrEqualTo(5);
    }
  }

  @Test
  void shouldSendEverythingOfASustained10PerSecondFor5Seconds() {
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    try {
      List<CompletableFuture<String>> jobs = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        JsonObject body = text("+4917012345678", "steady " + i);
        CompletableFuture<String> job = new CompletableFuture<>();
        clock.schedule(() -> SendClient.sendAsync(ACME, body)
            .thenAccept(response -> job.complete(new JsonObject(response.body()).getString("jobId"))), i * 100L, TimeUnit.MILLISECONDS);
        jobs.add(job);
      }
      List<String> ids = jobs.stream().map(CompletableFuture::join).toList();

      awaitSent(ACME, "steady", ids);
      assertThat(this.graph.requestsWithTextStarting("steady ")).hasSize(50);
    } finally {
      clock.shutdownNow();
    }
  }

  @Test
  void shouldNeverSendMoreThan80PerSecondFromOneNumber() {
    List<String> jobs = acceptedAll(ACME, bodies("window", 150));

    awaitSent(ACME, "window", jobs);
    assertThat(this.graph.requestsWithTextStarting("window ")).hasSize(150);
    int busiest = this.graph.maxInAnyWindow(TestSettings.ACME_PHONE_NUMBER_ID, 1000);
    System.out.printf("busiest 1-s window of one number: %d sends%n", busiest);
    assertThat(busiest).isLessThanOrEqualTo(80);
  }

  static List<JsonObject> bodies(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> text("+49170" + (1000000 + i), prefix + " " + i)).toList();
  }

  private Instant startedAt(String jobId) {
    return this.queue.find(SendProcessor.QUEUE, jobId).await().indefinitely().map(Job::startedAt).orElseThrow();
  }

  private void awaitSent(String token, String prefix, List<String> jobs) {
    await().atMost(WAIT).until(() -> this.graph.requestsWithTextStarting(prefix + " ").size() >= jobs.size());
    await().atMost(WAIT).untilAsserted(() -> assertThat(jobs).allSatisfy(job -> assertThat(statusOf(token, job)).isEqualTo("sent")));
  }
}
