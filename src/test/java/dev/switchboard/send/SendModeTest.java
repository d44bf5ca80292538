package dev.switchboard.send;

import static dev.switchboard.send.SendClient.send;
import static dev.switchboard.send.SendClient.statusOf;
import static dev.switchboard.send.SendClient.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static io.restassured.RestAssured.given;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.TestSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The rollback switch: with the queue off the API calls the Graph API within the request and answers the wamid. */
@QuarkusTest
class SendModeTest {

  static final String ACME = TestSettings.ACME_API_TOKEN;
  static final String TO = "+4917012345678";
  static final String FLAG = "/admin/send/queue-enabled";

  final FakeGraph graph = FakeGraph.server();

  @Inject
  SendModeFlag mode;

  @BeforeEach
  void direct() {
    this.graph.reset();
    this.mode.set(false).await().indefinitely();
  }

  @AfterEach
  void queued() {
    this.mode.set(null).await().indefinitely();
  }

  @Test
  void shouldSendDirectlyAndAnswerTheWamid() {
    String jobId = send(ACME, text(TO, "direct hello")).then().statusCode(200).body("status", equalTo("sent"))
        .body("wamid", notNullValue()).extract().path("jobId");

    assertThat(this.graph.requestsWithTextStarting("direct hello")).singleElement()
        .extracting(FakeGraph.Request::authorization).isEqualTo("Bearer " + TestSettings.ACME_ACCESS_TOKEN);
    assertThat(statusOf(ACME, jobId)).isEqualTo("sent");
    assertThat(this.mode.state().await().indefinitely()).isEqualTo(new SendModeFlag.State(false, true, false));
  }

  @Test
  void shouldAnswerGraphErrorsOfADirectSendByClass() {
    this.graph.script("direct refused", FakeGraph.Answer.error(131047));
    this.graph.script("direct throttled", FakeGraph.Answer.error(130429));

    send(ACME, text(TO, "direct refused")).then().statusCode(422).body("error", equalTo("whatsapp_rejected"))
        .body("details.code", equalTo("131047"));
    send(ACME, text(TO, "direct throttled")).then().statusCode(429).body("error", equalTo("whatsapp_rate_limited"))
        .header("Retry-After", "1");
  }

  @Test
  void shouldSendDirectlyOnceForARepeatedIdempotencyKey() {
    String jobId = send(ACME, "direct-1", text(TO, "direct idem")).then().statusCode(200).extract().path("jobId");
    send(ACME, "direct-1", text(TO, "direct idem")).then().statusCode(200).body("jobId", equalTo(jobId)).body("status", equalTo("sent"));

    assertThat(this.graph.requestsWithTextStarting("direct idem")).hasSize(1);
  }

  @Test
  void shouldServeARetryWithTheSameKeyAfterAFailedDirectSend() {
    this.graph.script("direct retried", FakeGraph.Answer.error(130429));

    send(ACME, "direct-2", text(TO, "direct retried")).then().statusCode(429);
    // the failed request consumed nothing: the client's retry with the same key is sent, not refused with 409
    send(ACME, "direct-2", text(TO, "direct retried")).then().statusCode(200).body("status", equalTo("sent"));

    assertThat(this.graph.requestsWithTextStarting("direct retried")).hasSize(2);
  }

  @Test
  void shouldQueueAgainOnceTheOverrideIsRemoved() {
    this.mode.set(null).await().indefinitely();

    send(ACME, text(TO, "direct back to queue")).then().statusCode(202).body("status", equalTo("queued"));
  }

  @Test
  void shouldSwitchTheModeThroughTheAdminApi() {
    String admin = "Bearer " + TestSettings.ADMIN_TOKEN;
    given().header("Authorization", admin).get(FLAG).then().statusCode(200)
        .body("queueEnabled", equalTo(false)).body("configured", equalTo(true)).body("override", equalTo(false));
    given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"queueEnabled\": true}").put(FLAG)
        .then().statusCode(200).body("queueEnabled", equalTo(true)).body("override", equalTo(true));
    send(ACME, text(TO, "direct via admin")).then().statusCode(202);
    given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"queueEnabled\": \"no\"}").put(FLAG)
        .then().statusCode(400).body("details.field", equalTo("queueEnabled"));
    given().header("Authorization", admin).delete(FLAG).then().statusCode(200).body("queueEnabled", equalTo(true))
        .body("override", nullValue());
    given().header("Authorization", "Bearer " + ACME).get(FLAG).then().statusCode(401);
  }
}
