package dev.switchboard.send;

import static dev.switchboard.testing.TenantAdminClient.uniqueId;
import static dev.switchboard.testing.TenantAdminClient.uniqueNumber;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.queue.Job;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.JobState;
import dev.switchboard.testing.TenantAdminClient;
import dev.switchboard.testing.TestSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * What happens to a tenant's queued sends when it is disabled or deleted. Deterministic: the send queue is paused,
 * the sends accepted, the tenant changed, then the queue resumed, so every send meets the changed tenant.
 */
@QuarkusTest
class TenantQueuedSendsTest {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final String ADMIN = "Bearer " + TestSettings.ADMIN_TOKEN;

  final TenantAdminClient admin = TenantAdminClient.local();
  final FakeGraph graph = FakeGraph.server();

  @Inject
  JobQueue jobs;

  @AfterEach
  void resume() {
    given().header("Authorization", ADMIN).post("/admin/queue/resume/" + SendProcessor.QUEUE).then().statusCode(200);
  }

  @Test
  void shouldHoldTheSendsOfADisabledTenantAndSendThemInOrderOnceItIsEnabled() {
    Fixture t = fixture("hold", 1); // one at a time, so they reach Graph in the order they go back in line
    List<String> jobIds = acceptWhilePaused(t, 3);
    this.admin.post("/" + t.id + "/disable", new JsonObject().put("queuedSends", "hold")).then().statusCode(200);
    resume();

    await().atMost(WAIT).untilAsserted(() -> assertThat(jobIds).allSatisfy(job -> assertThat(state(job)).isEqualTo(JobState.FAILED)));
    assertThat(jobIds).allSatisfy(job -> assertThat(job(job).lastError()).startsWith(HeldSends.MARKER));
    assertThat(this.graph.requestsWithTextStarting(t.text)).isEmpty();

    this.admin.post("/" + t.id + "/enable", null).then().statusCode(200);
    await().atMost(WAIT).untilAsserted(() -> assertThat(jobIds).allSatisfy(job ->
        assertThat(this.admin.status(t.apiToken, job).<String>path("status")).isEqualTo("sent")));
    assertThat(this.graph.requestsWithTextStarting(t.text)).hasSize(3)
        .allSatisfy(request -> assertThat(request.authorization()).isEqualTo("Bearer " + t.graphToken))
        .extracting(FakeGraph.Request::text).containsExactly(t.text + 0, t.text + 1, t.text + 2);
    assertThat(jobIds).allSatisfy(job -> assertThat(job(job).attempts()).isEqualTo(1)); // released with fresh attempts
  }

  @Test
  void shouldAnswerTheStatusOfAHeldSendOnceItsTenantIsEnabled() {
    Fixture t = fixture("shown");
    List<String> jobIds = acceptWhilePaused(t, 1);
    this.admin.post("/" + t.id + "/disable", null).then().statusCode(200);
    resume();
    await().atMost(WAIT).until(() -> state(jobIds.get(0)) == JobState.FAILED);

    // the tenant cannot ask while disabled (403); once enabled it sees the send go out
    this.admin.status(t.apiToken, jobIds.get(0)).then().statusCode(403);
    this.admin.post("/" + t.id + "/enable", null).then().statusCode(200);
    await().atMost(WAIT).until(() -> "sent".equals(this.admin.status(t.apiToken, jobIds.get(0)).path("status")));
  }

  @Test
  void shouldMakeTheSendsOfATenantDisabledWithDeadGoDead() {
    Fixture t = fixture("disdead");
    List<String> jobIds = acceptWhilePaused(t, 2);
    this.admin.post("/" + t.id + "/disable", new JsonObject().put("queuedSends", "dead")).then().statusCode(200);
    resume();

    await().atMost(WAIT).untilAsserted(() -> assertThat(jobIds).allSatisfy(job -> assertThat(state(job)).isEqualTo(JobState.DEAD)));
    assertThat(jobIds).allSatisfy(job -> assertThat(job(job).lastError()).startsWith("tenant_disabled"));
    assertThat(this.graph.requestsWithTextStarting(t.text)).isEmpty();
  }

  @Test
  void shouldStillSendTheQueuedSendsOfATenantDeletedWithDrain() {
    Fixture t = fixture("drain");
    List<String> jobIds = acceptWhilePaused(t, 3);
    this.admin.delete("/" + t.id + "?queuedSends=drain").then().statusCode(200);
    this.admin.send(t.apiToken, "after delete").then().statusCode(401);
    resume();

    await().atMost(WAIT).untilAsserted(() -> assertThat(jobIds).allSatisfy(job -> assertThat(state(job)).isEqualTo(JobState.COMPLETED)));
    assertThat(this.graph.requestsWithTextStarting(t.text)).hasSize(3)
        .allSatisfy(request -> assertThat(request.authorization()).isEqualTo("Bearer " + t.graphToken));
  }

  @Test
  void shouldMakeTheQueuedSendsOfATenantDeletedWithDeadGoDead() {
    Fixture t = fixture("deldead");
    List<String> jobIds = acceptWhilePaused(t, 2);
    this.admin.delete("/" + t.id + "?queuedSends=dead").then().statusCode(200);
    resume();

    await().atMost(WAIT).untilAsserted(() -> assertThat(jobIds).allSatisfy(job -> assertThat(state(job)).isEqualTo(JobState.DEAD)));
    assertThat(jobIds).allSatisfy(job -> assertThat(job(job).lastError()).startsWith("tenant_deleted"));
    assertThat(this.graph.requestsWithTextStarting(t.text)).isEmpty();
  }

  @Test
  void shouldReleaseHeldSendsWhenAHeldTenantIsDeletedWithDrain() {
    Fixture t = fixture("heldrain");
    List<String> jobIds = acceptWhilePaused(t, 2);
    this.admin.post("/" + t.id + "/disable", null).then().statusCode(200);
    resume();
    await().atMost(WAIT).untilAsserted(() -> assertThat(jobIds).allSatisfy(job -> assertThat(state(job)).isEqualTo(JobState.FAILED)));

    this.admin.delete("/" + t.id + "?queuedSends=drain").then().statusCode(200);
    await().atMost(WAIT).until(() -> this.graph.requestsWithTextStarting(t.text).size() == 2);
  }

  private record Fixture(String id, String apiToken, String graphToken, String text) {
  }

  private Fixture fixture(String name) {
    return fixture(name, 5);
  }

  private Fixture fixture(String name, int maxConcurrency) {
    String id = uniqueId(name);
    String graphToken = "graph-" + id;
    String apiToken = this.admin.create(new JsonObject().put("id", id).put("phoneNumberId", uniqueNumber()).put("accessToken", graphToken)
        .put("maxConcurrency", maxConcurrency)).then().statusCode(201).extract().path("apiToken");
    return new Fixture(id, apiToken, graphToken, "queued of " + id + " ");
  }

  private List<String> acceptWhilePaused(Fixture t, int count) {
    given().header("Authorization", ADMIN).post("/admin/queue/pause/" + SendProcessor.QUEUE).then().statusCode(200);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(this.admin.send(t.apiToken, t.text + i).then().statusCode(202).extract().path("jobId"));
    }
    return ids;
  }

  private Job job(String jobId) {
    return this.jobs.find(SendProcessor.QUEUE, jobId).await().atMost(Duration.ofSeconds(5)).orElseThrow();
  }

  private JobState state(String jobId) {
    return job(jobId).state();
  }
}
