package dev.switchboard.send;

import static dev.switchboard.send.SendClient.accepted;
import static dev.switchboard.send.SendClient.send;
import static dev.switchboard.send.SendClient.status;
import static dev.switchboard.send.SendClient.statusOf;
import static dev.switchboard.send.SendClient.text;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.TestSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The send API over HTTP against the fake Graph API; nothing injected, so SendApiIT runs it on the packaged app. */
@QuarkusTest
class SendApiTest {

  static final String ACME = TestSettings.ACME_API_TOKEN;
  static final String GLOBEX = TestSettings.GLOBEX_API_TOKEN;
  static final String TO = "+4917012345678";
  static final Duration WAIT = Duration.ofSeconds(20);

  final FakeGraph graph = FakeGraph.server();

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @BeforeEach
  void resetGraph() {
    this.graph.reset();
  }

  @Test
  void shouldQueueATextAndReportItSentWithItsWamid() {
    send(ACME, text(TO, "api hello")).then().statusCode(202).body("status", equalTo("queued")).body("jobId", notNullValue());
    String jobId = accepted(ACME, text(TO, "api hello 2"));

    await().atMost(WAIT).until(() -> "sent".equals(statusOf(ACME, jobId)));
    status(ACME, jobId).then().body("wamid", notNullValue()).body("sentAt", notNullValue()).body("attempts", equalTo(1));
    FakeGraph.Request request = this.graph.requestsWithTextStarting("api hello 2").get(0);
    assertThat(request.phoneNumberId()).isEqualTo(TestSettings.ACME_PHONE_NUMBER_ID);
    assertThat(request.authorization()).isEqualTo("Bearer " + TestSettings.ACME_ACCESS_TOKEN);
    assertThat(request.to()).isEqualTo(TO);
    assertThat(status(ACME, jobId).then().extract().<String>path("wamid")).isEqualTo(request.wamid());
  }

  @Test
  void shouldAcceptTheV1AliasAndNumbersWithoutPlus() {
    String jobId = given().header("Authorization", "Bearer " + ACME).contentType(ContentType.JSON)
        .body(new JsonObject().put("phoneNumber", "4917012345679").put("text", "api v1").put("priority", 9).encode())
        .post("/api/v1/messages").then().statusCode(202).extract().path("jobId");

    await().atMost(WAIT).until(() -> "sent".equals(statusOf(ACME, jobId)));
    assertThat(this.graph.requestsWithTextStarting("api v1")).singleElement().extracting(FakeGraph.Request::to).isEqualTo("+4917012345679");
    given().header("Authorization", "Bearer " + ACME).get("/api/v1/messages/" + jobId).then().statusCode(200).body("status", equalTo("sent"));
  }

  @Test
  void shouldSendATemplateWithItsComponents() {
    JsonObject template = new JsonObject().put("name", "booking_reminder").put("language", "de")
        .put("components", new JsonArray().add(new JsonObject().put("type", "body")
            .put("parameters", new JsonArray().add(new JsonObject().put("type", "text").put("text", "Friday")))));
    String jobId = accepted(ACME, new JsonObject().put("phoneNumber", TO).put("template", template).put("conversationId", "c-1"));

    await().atMost(WAIT).until(() -> "sent".equals(statusOf(ACME, jobId)));
    assertThat(this.graph.requests()).anyMatch(r -> "booking_reminder".equals(r.templateName()));
  }

  @Test
  void shouldRefuseMissingAndUnknownTokens() {
    given().contentType(ContentType.JSON).body(text(TO, "x").encode()).post(SendClient.SEND)
        .then().statusCode(401).body("error", equalTo("unauthorized"));
    send("not-a-token", text(TO, "x")).then().statusCode(401).body("error", equalTo("unauthorized"));
    status("not-a-token", "whatever").then().statusCode(401);
  }

  @Test
  void shouldNameTheFieldAndReasonOfEveryInvalidInput() {
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("not json", "body");
    cases.put("[1,2]", "body");
    cases.put("{\"text\":\"hi\"}", "phoneNumber");
    cases.put("{\"phoneNumber\":\"+49 170 1234567\",\"text\":\"hi\"}", "phoneNumber");
    cases.put("{\"phoneNumber\":\"+012345678\",\"text\":\"hi\"}", "phoneNumber");
    cases.put("{\"phoneNumber\":4917012345678,\"text\":\"hi\"}", "phoneNumber");
    cases.put("{\"phoneNumber\":\"+4917012345678\"}", "text");
    cases.put("{\"phoneNumber\":\"+4917012345678\",\"text\":\"  \"}", "text");
    cases.put("{\"phoneNumber\":\"+4917012345678\",\"text\":\"" + "x".repeat(4097) + "\"}", "text");
    cases.put("{\"phoneNumber\":\"+4917012345678\",\"text\":{\"body\":1}}", "text");
    cases.put("{\"phoneNumber\":\"+4917012345678\",\"text\":\"hi\",\"template\":{\"name\":\"a\",\"language\":\"en\"}}", "template");
    cases.put("{\"phoneNumber\":\"+4917012345678\",\"template\":{\"language\":\"en\"}}", "template.name");
    cases.put("{\"phoneNumber\":\"+4917012345678\",\"template\":{\"name\":\"Bad Name\",\"language\":\"en\"}}", "template.name");
    cases.put("{\"phoneNumber\":\"+4917012345678\",\"template\":{\"name\":\"ok\"}}", "template.language");
    cases.put("{\"phoneNumber\":\"+4917012345678\",\"template\":{\"name\":\"ok\",\"language\":\"english!\"}}", "template.language");
    cases.put("{\"phoneNumber\":\"+4917012345678\",\"template\":{\"name\":\"ok\",\"language\":\"en\",\"components\":{}}}", "template.components");
    cases.put("{\"phoneNumber\":\"+4917012345678\",\"template\":{\"name\":\"ok\",\"language\":\"en\",\"components\":[{}]}}", "template.components[0]");
    cases.put("{\"phoneNumber\":\"+4917012345678\",\"text\":\"hi\",\"priority\":11}", "priority");
    cases.put("{\"phoneNumber\":\"+4917012345678\",\"text\":\"hi\",\"priority\":\"5\"}", "priority");
    cases.put("{\"phoneNumber\":\"+4917012345678\",\"text\":\"hi\",\"priority\":2.5}", "priority");
    cases.put("{\"phoneNumber\":\"+4917012345678\",\"text\":\"hi\",\"conversationId\":\"\"}", "conversationId");
    cases.put("{\"phoneNumber\":\"+4917012345678\",\"text\":\"hi\",\"fromNumber\":\"abc\"}", "fromNumber");
    cases.put("{\"phoneNumber\":\"+4917012345678\",\"text\":\"hi\",\"previewUrl\":\"yes\"}", "previewUrl");
    cases.forEach((body, field) -> given().header("Authorization", "Bearer " + ACME).contentType(ContentType.JSON).body(body)
        .post(SendClient.SEND).then().statusCode(400).body("error", equalTo("invalid_request"))
        .body("details.field", equalTo(field)).body("details.reason", notNullValue()));
    given().header("Authorization", "Bearer " + ACME).header("Idempotency-Key", "k".repeat(300)).contentType(ContentType.JSON)
        .body(text(TO, "hi").encode()).post(SendClient.SEND).then().statusCode(400).body("details.field", equalTo("Idempotency-Key"));
    assertThat(this.graph.requestsWithTextStarting("hi")).isEmpty(); // nothing refused was sent
  }

  @Test
  void shouldRefuseAnotherTenantsSenderNumber() {
    send(ACME, text(TO, "x").put("fromNumber", TestSettings.GLOBEX_PHONE_NUMBER_ID)).then().statusCode(403).body("details.field", equalTo("fromNumber"));
    send(ACME, text(TO, "api own number").put("fromNumber", TestSettings.ACME_PHONE_NUMBER_ID)).then().statusCode(202);
  }

  @Test
  void shouldAnswer429WithRetryAfterOverTheTenantsRequestRate() {
    // the tenant may make 3 requests a second; 10 at once cannot all fit in one window
    List<HttpResponse<String>> answers = IntStream.range(0, 10)
        .mapToObj(i -> SendClient.sendAsync(FakeGraph.THROTTLED_API_TOKEN, text(TO, "throttled " + i))).toList()
        .stream().map(CompletableFuture::join).toList();

    assertThat(answers).extracting(HttpResponse::statusCode).contains(202, 429).containsOnly(202, 429);
    HttpResponse<String> refused = answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
    assertThat(refused.headers().firstValue("Retry-After")).contains("1");
    assertThat(new JsonObject(refused.body()).getString("error")).isEqualTo("rate_limited");
    long accepted = answers.stream().filter(r -> r.statusCode() == 202).count();
    await().atMost(WAIT).until(() -> this.graph.requestsWithTextStarting("throttled ").size() == accepted); // leave nothing running
  }

  @Test
  void shouldGiveTheSameJobForARepeatedIdempotencyKeyAndSendOnce() {
    JsonObject body = text(TO, "idem once");
    String jobId = send(ACME, "order-42", body).then().statusCode(202).extract().path("jobId");
    send(ACME, "order-42", body).then().statusCode(200).body("jobId", equalTo(jobId));
    send(ACME, "order-42", text(TO, "idem other body")).then().statusCode(409).body("error", equalTo("idempotency_conflict"));
    // the same key of another tenant is another key
    send(GLOBEX, "order-42", text(TO, "idem globex")).then().statusCode(202);

    await().atMost(WAIT).until(() -> "sent".equals(statusOf(ACME, jobId)));
    send(ACME, "order-42", body).then().statusCode(200).body("jobId", equalTo(jobId)).body("status", equalTo("sent"));
    assertThat(this.graph.requestsWithTextStarting("idem once")).hasSize(1);
    assertThat(this.graph.requestsWithTextStarting("idem other")).isEmpty();
  }

  @Test
  void shouldCreateOneJobForConcurrentRequestsWithOneIdempotencyKey() {
    JsonObject body = text(TO, "idem race");
    List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 10)
        .mapToObj(i -> SendClient.sendAsync(ACME, "race-1", body)).toList();
    List<HttpResponse<String>> answers = calls.stream().map(CompletableFuture::join).toList();

    assertThat(answers).extracting(HttpResponse::statusCode).allMatch(code -> code == 200 || code == 202);
    assertThat(answers).extracting(r -> new JsonObject(r.body()).getString("jobId")).containsOnly(new JsonObject(answers.get(0).body()).getString("jobId"));
    String jobId = new JsonObject(answers.get(0).body()).getString("jobId");
    await().atMost(WAIT).until(() -> "sent".equals(statusOf(ACME, jobId)));
    assertThat(this.graph.requestsWithTextStarting("idem race")).hasSize(1);
  }

  @Test
  void shouldShowAJobOnlyToItsTenant() {
    String jobId = accepted(ACME, text(TO, "api private"));
    status(GLOBEX, jobId).then().statusCode(404).body("error", equalTo("not_found"));
    status(ACME, "no-such-job").then().statusCode(404);
    status(ACME, jobId).then().statusCode(200);
  }
}
