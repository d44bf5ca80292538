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

import dev.switchboard.testing.Metrics;
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
  void shouldHoldBackOnlyTheThrottledNumber() {
    this.graph.script("pause first", new FakeGraph.Answer(400, 130429, "2"));
    double retries = throughputRetries();
    String first = accepted(ACME, text(TO, "pause first"));
    // the retry is counted once the number's pause is stored
    await().atMost(WAIT).until(() -> throughputRetries() > retries);

    String next = accepted(ACME, text(TO, "pause next"));
    String other = accepted(TestSettings.GLOBEX_API_TOKEN, text(TO, "pause other"));

    await().atMost(WAIT).until(() -> "sent".equals(statusOf(ACME, first)) && "sent".equals(statusOf(ACME, next))
        && "sent".equals(statusOf(TestSettings.GLOBEX_API_TOKEN, other)));
    long throttledAt = this.graph.requestsWithTextStarting("pause first").get(0).arrivedNanos();
    long nextAt = this.graph.requestsWithTextStarting("pause next").get(0).arrivedNanos();
    long otherAt = this.graph.requestsWithTextStarting("pause other").get(0).arrivedNanos();
    // the other tenant's number kept flowing; this number waited out the Retry-After, for every message
    assertThat(otherAt).isLessThan(nextAt);
    assertThat(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(nextAt - throttledAt)).isGreaterThanOrEqualTo(1900);
  }

  private static double throughputRetries() {
    String metrics = given().header("Accept", "text/plain; version=0.0.4").get("/q/metrics").asString();
    java.util.regex.Matcher matcher = java.util.regex.Pattern
        .compile("switchboard_send_messages_total\\{code=\"130429\",outcome=\"retry\",?} ([0-9.E]+)").matcher(metrics);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
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
    double rejectedBefore = Metrics.value("switchboard_send_graph_tokens_rejected_total", "");
    this.graph.script("err 190", new FakeGraph.Answer(401, 190, null));
    String jobId = accepted(FakeGraph.REVOKED_API_TOKEN, text(TO, "err 190"));

    await().atMost(WAIT).until(() -> "dead".equals(statusOf(FakeGraph.REVOKED_API_TOKEN, jobId)));
    status(FakeGraph.REVOKED_API_TOKEN, jobId).then().body("code", equalTo("190")).body("attempts", equalTo(1));
    given().header("Accept", "text/plain; version=0.0.4").get("/q/metrics").then()
        .body(containsString("switchboard_send_graph_tokens_rejected_total"))
        .body(containsString("switchboard_send_messages_total{code=\"190\",outcome=\"dead\""));
    // the counter exists from start-up: the alert fires on its rise
    assertThat(Metrics.value("switchboard_send_graph_tokens_rejected_total", "") - rejectedBefore).isEqualTo(1.0);
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
