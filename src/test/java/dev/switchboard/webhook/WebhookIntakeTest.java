package dev.switchboard.webhook;

import static dev.switchboard.webhook.Deliveries.fixture;
import static dev.switchboard.webhook.Deliveries.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Metrics;
import dev.switchboard.testing.TestSettings;
import io.restassured.RestAssured;
import io.quarkus.test.junit.QuarkusTest;

/** Intake over real HTTP: handshake, signature, size, JSON and object checks, answers and metrics. No bean access, so it also runs against the packaged app. */
@QuarkusTest
class WebhookIntakeTest {

  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4";

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldAnswerTheVerificationHandshakeWithTheChallengeAsText() {
    given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", TestSettings.VERIFY_TOKEN)
        .queryParam("hub.challenge", "1158201444")
        .when().get(Deliveries.PATH)
        .then().statusCode(200).contentType(startsWith("text/plain")).body(equalTo("1158201444"));
  }

  @Test
  void shouldRefuseTheHandshakeWithAWrongTokenOrMode() {
    given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "wrong").queryParam("hub.challenge", "1")
        .when().get(Deliveries.PATH)
        .then().statusCode(403).contentType("application/json").body("error", equalTo("verification_failed"));
    given().queryParam("hub.mode", "unsubscribe").queryParam("hub.verify_token", TestSettings.VERIFY_TOKEN).queryParam("hub.challenge", "1")
        .when().get(Deliveries.PATH)
        .then().statusCode(403).body("error", equalTo("verification_failed"));
    given().when().get(Deliveries.PATH).then().statusCode(403);
  }

  @Test
  void shouldAcceptEveryValidFixtureOnlyOnceItIsQueued() {
    for (String file : Deliveries.ACCEPTED_FIXTURES) {
      post(fixture(file)).statusCode(200).body("status", equalTo("accepted")).body("jobId", not(emptyOrNullString()));
    }
  }

  @Test
  void shouldRefuseMalformedFixturesWith400() {
    post(fixture("16_malformed_truncated.json")).statusCode(400).body("error", equalTo("malformed_payload"));
    post(fixture("16b_empty_body.json")).statusCode(400).body("error", equalTo("malformed_payload"));
    post("not json at all".getBytes(StandardCharsets.UTF_8)).statusCode(400).body("error", equalTo("malformed_payload"));
  }

  @Test
  void shouldIgnoreASignedDeliveryForAnotherObjectByDefault() {
    post(fixture("14_malformed_wrong_object.json")).statusCode(200).body("status", equalTo("ignored"));
  }

  @Test
  void shouldRefuseAMissingOrWrongSignatureAndOneFlippedByte() {
    byte[] body = fixture("01_text_message.json");
    post(body, null).statusCode(401).body("error", equalTo("invalid_signature"));
    post(body, "sha256=8d6ba115b3df505e96e4eb2624318cdec78bc4e1a6ea414cee294047fd7ef824").statusCode(401);
    post(body, "garbage").statusCode(401);
    byte[] flipped = Arrays.copyOf(body, body.length);
    flipped[body.length / 2] ^= 0x20;
    post(flipped, Deliveries.sign(body)).statusCode(401).body("error", equalTo("invalid_signature"));
    post(body, Deliveries.sign(body)).statusCode(200);
  }

  @Test
  void shouldAcceptTheRepositorysSampleDeliveriesAndSayWhyTheirStrippedCopyFails() throws java.io.IOException {
    for (String sample : new String[] { "text-message.json", "status-delivered.json" }) {
      byte[] file = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("samples", "webhooks", sample));
      post(file).statusCode(200).body("status", equalTo("accepted"));
      // what curl -d @file sends: the same file without its newlines, under the signature of the file
      byte[] stripped = new String(file, StandardCharsets.UTF_8).replace("\n", "").getBytes(StandardCharsets.UTF_8);
      post(stripped, Deliveries.sign(file)).statusCode(401).body("error", equalTo("invalid_signature"))
          .body("message", containsString("--data-binary"));
    }
  }

  @Test
  void shouldAcceptTheNextSecretDuringARotation() {
    byte[] body = fixture("02_image_message.json");
    post(body, dev.switchboard.webhook.SignatureVerifier.sign(TestSettings.NEXT_APP_SECRET, body)).statusCode(200);
  }

  @Test
  void shouldAcceptADeliveryOfNearlyThreeMegabytes() {
    // Meta documents deliveries of up to 3 MB; a refused one would be retried for days and never get in
    byte[] big = Deliveries.text(TestSettings.ACME_PHONE_NUMBER_ID, Deliveries.newPhone(), Deliveries.unique("wamid.big"),
        "x".repeat(2_900_000), 1_700_000_000L);
    post(big).statusCode(200);
  }

  @Test
  void shouldRefuseABodyOverTheLimitWith413() {
    // the default limit, 3M: Meta's largest documented delivery
    byte[] big = new byte[3 * 1024 * 1024 + 1];
    Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    big[big.length - 1] = '}';
    post(big).statusCode(413).body("error", equalTo("payload_too_large"));
  }

  @Test
  void shouldRefuseAChunkedBodyOnceItPassesTheLimitWith413() throws java.io.IOException {
    // no Content-Length: the limit is only known to be passed while reading, and nothing past it is kept
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", RestAssured.port)) {
      socket.setSoTimeout(10_000);
      var out = socket.getOutputStream();
      out.write(("POST " + Deliveries.PATH + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "X-Hub-Signature-256: sha256=" + "0".repeat(64) + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[64 * 1024];
      Arrays.fill(chunk, (byte) ' ');
      int limit = 3 * 1024 * 1024;
      for (int sent = 0; sent <= limit; sent += chunk.length) {
        int size = Math.min(chunk.length, limit + 1 - sent);
        out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk, 0, size);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.flush(); // one byte over the limit, and the body not finished: the answer may not wait for its end
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // read until the server closes
      assertThat(answer).startsWith("HTTP/1.1 413").contains("\"error\":\"payload_too_large\"");
    }
    post(fixture("01_text_message.json")).statusCode(200); // the service still takes deliveries
  }

  @Test
  void shouldCountDeliveriesByOutcomeInPrometheusStyle() {
    double acceptedBefore = Metrics.value("switchboard_webhook_deliveries_total", "outcome=\"accepted\"");
    double badSignatureBefore = Metrics.value("switchboard_webhook_deliveries_total", "outcome=\"bad_signature\"");
    post(fixture("05_location.json")).statusCode(200);
    post(fixture("05_location.json"), null).statusCode(401);
    // every series is registered at start-up (at 0), so what proves counting is the change
    assertThat(Metrics.value("switchboard_webhook_deliveries_total", "outcome=\"accepted\"") - acceptedBefore).isEqualTo(1.0);
    assertThat(Metrics.value("switchboard_webhook_deliveries_total", "outcome=\"bad_signature\"") - badSignatureBefore)
        .isEqualTo(1.0);
    String metrics = given().accept(PROMETHEUS_TEXT).when().get("/q/metrics").then().statusCode(200).extract().asString();
    for (String outcome : new String[] { "accepted", "bad_signature", "malformed", "too_large", "unavailable", "ignored" }) {
      assertThat(metrics).containsPattern("(?m)^switchboard_webhook_deliveries_total\\{.*outcome=\"" + outcome + "\".*\\} ");
    }
    assertThat(metrics).contains("# TYPE switchboard_webhook_deliveries_total counter");
    assertThat(metrics).containsPattern("(?m)^switchboard_webhook_intake_seconds_count\\{.*outcome=\"accepted\"");
    assertThat(metrics).containsPattern("(?m)^switchboard_webhook_messages_total\\{.*type=\"text\"");
    assertThat(metrics).containsPattern("(?m)^switchboard_webhook_statuses_total\\{.*status=\"read\"");
    assertThat(metrics).containsPattern("(?m)^switchboard_webhook_duplicates_total");
    assertThat(metrics).containsPattern("(?m)^switchboard_webhook_unknown_tenant_total");
    assertThat(metrics).containsPattern("(?m)^switchboard_webhook_items_skipped_total\\{.*reason=\"no_sender\"");
    // the HTTP server's own series name the endpoint by its path, whatever serves it
    assertThat(metrics).containsPattern("(?m)^http_server_requests_seconds_count\\{.*method=\"POST\".*status=\"200\".*uri=\"/webhooks/whatsapp\"");
    assertThat(metrics).containsPattern("(?m)^http_server_requests_seconds_count\\{.*method=\"POST\".*status=\"401\".*uri=\"/webhooks/whatsapp\"");
  }

  private static org.hamcrest.Matcher<String> startsWith(String prefix) {
    return org.hamcrest.Matchers.startsWith(prefix);
  }
}
