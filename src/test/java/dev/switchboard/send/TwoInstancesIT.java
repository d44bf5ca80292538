package dev.switchboard.send;

import static dev.switchboard.send.SendClient.acceptedAll;
import static dev.switchboard.send.SendClient.statusOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.RedisTestResource;
import dev.switchboard.testing.ServiceProcess;
import dev.switchboard.testing.TestSettings;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.vertx.core.json.JsonObject;

/**
 * Two replicas of the packaged service (the one this test runs against, and a second OS process started from
 * {@code target/quarkus-app/quarkus-run.jar}) share one Redis and one sender number: together they never send
 * more than 80 messages in any 1-second window. The second one runs with {@code WHATSAPP_SEND_QUEUE_ENABLED=false},
 * so its API sends directly while it still consumes the queue.
 */
@QuarkusIntegrationTest
class TwoInstancesIT {

  static final String ACME = TestSettings.ACME_API_TOKEN;
  static final String ADMIN = "Bearer " + TestSettings.ADMIN_TOKEN;
  static final Pattern SENT = Pattern.compile("switchboard_send_messages_total\\{code=\"none\",outcome=\"sent\",?} ([0-9.E]+)");

  final FakeGraph graph = FakeGraph.server();
  private ServiceProcess second;

  @AfterEach
  void stopSecond() {
    given().header("Authorization", ADMIN).post("/admin/queue/resume/" + SendProcessor.QUEUE);
    if (this.second != null) {
      this.second.stop();
    }
  }

  @Test
  void shouldNeverExceed80PerSecondForOneNumberAcrossTwoProcesses() throws Exception {
    this.graph.reset();
    this.graph.latency(20);
    Map<String, String> config = new HashMap<>(new TestSettings().start());
    config.putAll(new FakeGraph().start());
    config.put("quarkus.redis.hosts", RedisTestResource.server().url());
    this.second = new ServiceProcess("second-replica", config).withEnv("WHATSAPP_SEND_QUEUE_ENABLED", "false").start();
    int port = this.second.port();

    given().header("Authorization", ADMIN).post("/admin/queue/pause/" + SendProcessor.QUEUE).then().statusCode(200);
    List<String> jobs = acceptedAll(ACME, SendInvariantsTest.bodies("two", 150));
    given().header("Authorization", ADMIN).post("/admin/queue/resume/" + SendProcessor.QUEUE).then().statusCode(200);

    await().atMost(Duration.ofSeconds(60)).until(() -> this.graph.requestsWithTextStarting("two ").size() >= 150);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jobs).allSatisfy(job -> assertThat(statusOf(ACME, job)).isEqualTo("sent")));
    assertThat(this.graph.requestsWithTextStarting("two ")).hasSize(150);
    int busiest = this.graph.maxInAnyWindow(TestSettings.ACME_PHONE_NUMBER_ID, 1000);
    System.out.printf("busiest 1-s window of one number: %d sends%n", busiest);
    assertThat(busiest).isLessThanOrEqualTo(80);
    // both replicas took part
    assertThat(sentCount(port)).isPositive();
    assertThat(sentCount(io.restassured.RestAssured.port)).isPositive();

    // the rollback switch from the environment: the second replica's API sends within the request
    given().port(port).header("Authorization", "Bearer " + ACME).contentType("application/json")
        .body(new JsonObject().put("phoneNumber", "+4917012345678").put("text", "two direct").encode())
        .post(SendClient.SEND).then().statusCode(200).body("status", equalTo("sent")).body("wamid", notNullValue());
  }

  private static double sentCount(int port) {
    String metrics = given().port(port).header("Accept", "text/plain; version=0.0.4").get("/q/metrics").asString();
    Matcher matcher = SENT.matcher(metrics);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }
}
