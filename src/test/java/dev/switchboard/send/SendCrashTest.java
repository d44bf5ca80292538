package dev.switchboard.send;

import static dev.switchboard.send.SendClient.accepted;
import static dev.switchboard.send.SendClient.status;
import static dev.switchboard.send.SendClient.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.queue.Job;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.JobState;
import dev.switchboard.queue.QueueAdmin;
import dev.switchboard.queue.QueueRegistry;
import dev.switchboard.queue.redis.FetchArgs;
import dev.switchboard.queue.redis.QueueKeys;
import dev.switchboard.queue.redis.RecordArgs;
import dev.switchboard.testing.RedisTestResource;
import dev.switchboard.testing.RespConnection;
import dev.switchboard.testing.TestSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * A replica takes a send job, the Graph API accepts the message, the replica records the wamid and dies before its
 * ack. The job is reclaimed (visibility timeout 2 s in tests) and must complete without a second send. The dead
 * replica is played over a bare Redis connection with the queue's own scripts, as a killed process leaves it.
 */
@QuarkusTest
class SendCrashTest {

  @Inject
  QueueAdmin admin;

  @Inject
  QueueRegistry registry;

  @Inject
  JobQueue jobs;

  final FakeGraph graph = FakeGraph.server();

  @AfterEach
  void resume() {
    this.admin.resume(SendProcessor.QUEUE).await().indefinitely();
  }

  @Test
  void shouldNotSendAgainWhenTheReplicaDiedBetweenSendAndAck() throws Exception {
    this.admin.pause(SendProcessor.QUEUE).await().indefinitely(); // so the doomed replica, not this one, takes the job
    String jobId = accepted(TestSettings.ACME_API_TOKEN, text("+4917012345678", "crash once"));
    QueueKeys keys = this.registry.settings(SendProcessor.QUEUE).keys();

    String wamid;
    try (RespConnection doomed = new RespConnection(RedisTestResource.server().port())) {
      List<?> job = takeWhilePausedForOthers(doomed, keys);
      assertThat(job.get(0)).isEqualTo(jobId);
      assertThat(job.get(3).toString()).isEqualTo("1");
      wamid = sendLikeAReplica();
      RecordArgs record = new RecordArgs(keys).job(jobId, 1).result(new SentMessage(wamid, System.currentTimeMillis()).toJson());
      Object recorded = doomed.eval(record.script(), record.keys(), record.args());
      assertThat(recorded).isEqualTo(1L);
    } // and no ack: the replica is gone
    this.admin.resume(SendProcessor.QUEUE).await().indefinitely();

    await().atMost(Duration.ofSeconds(20)).until(() -> this.jobs.find(SendProcessor.QUEUE, jobId).await().indefinitely()
        .map(Job::state).orElse(null) == JobState.COMPLETED);
    assertThat(this.graph.requestsWithTextStarting("crash once")).hasSize(1);
    status(TestSettings.ACME_API_TOKEN, jobId).then().statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("sent"))
        .body("wamid", org.hamcrest.Matchers.equalTo(wamid))
        .body("attempts", org.hamcrest.Matchers.equalTo(2));
  }

  /** FETCH as "doomed-replica" while nobody else sees the queue unpaused. */
  private static List<?> takeWhilePausedForOthers(RespConnection redis, QueueKeys keys) throws Exception {
    FetchArgs fetch = new FetchArgs(keys).consumer("doomed-replica").count(1);
    List<?> fetched = (List<?>) redis.evalWhilePausedForOthers(keys.paused(), fetch.script(), fetch.keys(), fetch.args());
    assertThat(fetched.get(0)).isEqualTo("jobs");
    return (List<?>) ((List<?>) fetched.get(1)).get(0);
  }

  private String sendLikeAReplica() throws Exception {
    JsonObject body = new JsonObject().put("messaging_product", "whatsapp").put("to", "+4917012345678").put("type", "text")
        .put("text", new JsonObject().put("body", "crash once"));
    HttpRequest request = HttpRequest.newBuilder(URI.create(this.graph.baseUrl() + "/v25.0/" + TestSettings.ACME_PHONE_NUMBER_ID + "/messages"))
        .header("Authorization", "Bearer " + TestSettings.ACME_ACCESS_TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return new JsonObject(response.body()).getJsonArray("messages").getJsonObject(0).getString("id");
  }
}
