package dev.switchboard.send;

import static dev.switchboard.send.SendClient.accepted;
import static dev.switchboard.send.SendClient.status;
import static dev.switchboard.send.SendClient.statusOf;
import static dev.switchboard.send.SendClient.text;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.TestSettings;
import io.quarkus.test.junit.QuarkusTest;

/** Graph API errors by class: retried after the right pause, or dead at once with the code. HTTP only (SendErrorsIT). */
@QuarkusTest
class SendErrorsTest {

  static final String ACME = TestSettings.ACME_API_TOKEN;
  static final String TO = "+4917012345678";
  static final Duration WAIT = Duration.ofSeconds(30);

  final FakeGraph graph = FakeGraph.server();

  @BeforeEach
  void resetGraph() {
    this.graph.reset();
  }

  @Test
  void shouldRetryAfterAThroughputErrorAndThenSend() {
    this.graph.script("err 130429", FakeGraph.Answer.error(130429));
    String jobId = accepted(ACME, text(TO, "err 130429"));

    await().atMost(WAIT).until(() -> "sent".equals(statusOf(ACME, jobId)));
    status(ACME, jobId).then().body("attempts", equalTo(2));
    assertThat(this.graph.requestsWithTextStarting("err 130429")).extracting(FakeGraph.Request::status).containsExactly(400, 200);
  }

  @Test
  void shouldHonourRetryAfterOfAServerError() {
    this.graph.script("err 503", new FakeGraph.Answer(503, 131016, "1"));
    String jobId = accepted(ACME, text(TO, "err 503"));

    await().atMost(WAIT).until(() -> "sent".equals(statusOf(ACME, jobId)));
    assertThat(this.graph.requestsWithTextStarting("err 503")).hasSize(2);
  }

  @Test
  void shouldBuryAMessageOutsideTheWindowAfterOneAttempt() {
    this.graph.script("err 131047", FakeGraph.Answer.error(131047));
    String jobId = accepted(ACME, text(TO, "err 131047"));

    await().atMost(WAIT).until(() -> "dead".equals(statusOf(ACME, jobId)));
    status(ACME, jobId).then().body("code", equalTo("131047")).body("attempts", equalTo(1))
        .body("title", containsString("131047")).body("title", not(containsString("12345678")));
    assertThat(this.graph.requestsWithTextStarting("err 131047")).hasSize(1);
  }

  @Test
  void shouldBuryOnARejectedTokenAndRaiseTheAlertMetric() {
    this.graph.script("err 190", new FakeGraph.Answer(401, 190, null));
    String jobId = accepted(FakeGraph.REVOKED_API_TOKEN, text(TO, "err 190"));

    await().atMost(WAIT).until(() -> "dead".equals(statusOf(FakeGraph.REVOKED_API_TOKEN, jobId)));
    status(FakeGraph.REVOKED_API_TOKEN, jobId).then().body("code", equalTo("190")).body("attempts", equalTo(1));
    given().header("Accept", "text/plain; version=0.0.4").get("/q/metrics").then()
        .body(containsString("switchboard_send_graph_tokens_rejected_total"))
        .body(containsString("switchboard_send_messages_total{code=\"190\",outcome=\"dead\""));
  }

  @Test
  void shouldGiveUpAfterThreeAttemptsOfRetryableErrors() {
    this.graph.script("err thrice", new FakeGraph.Answer(500, 131000, "0"), new FakeGraph.Answer(500, 131000, "0"),
        new FakeGraph.Answer(500, 131000, "0"));
    String jobId = accepted(ACME, text(TO, "err thrice"));

    await().atMost(WAIT).until(() -> "dead".equals(statusOf(ACME, jobId)));
    status(ACME, jobId).then().body("code", equalTo("131000")).body("attempts", equalTo(3));
    assertThat(this.graph.requestsWithTextStarting("err thrice")).hasSize(3);
  }
}
