package dev.switchboard.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.switchboard.testing.TestSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

/**
 * The e-mail API over HTTP, each mail received by a real SMTP server on loopback; nothing injected, so EmailApiIT
 * runs it against the packaged app.
 */
@QuarkusTest
class EmailApiTest {

  static final String PATH = "/api/notifications/email";
  static final Duration WAIT = Duration.ofSeconds(20);

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldSendABookingConfirmationWithATextAndAnHtmlPart() {
    String to = address();
    JsonObject data = new JsonObject().put("customerName", "Anna <Berg>").put("salonName", "Salon Luna").put("serviceName", "Haircut")
        .put("serviceDate", "Tuesday, 24 December, 15:00").put("staffName", "Mia").put("manageUrl", "https://luna.example/b/4711");
    post(TestSettings.ACME_API_TOKEN, new JsonObject().put("to", to).put("subject", "Bis bald, Anna").put("template", "booking_confirmation")
        .put("data", data).put("priority", 8))
        .then().statusCode(202).body("status", equalTo("queued")).body("jobId", notNullValue());

    ReceivedMail mail = awaitMail(to);
    assertThat(mail.to()).containsExactly(to);
    assertThat(mail.from()).isEqualTo(MailServer.FROM);
    assertThat(mail.subject()).isEqualTo("Bis bald, Anna");
    assertThat(mail.contentType()).startsWith("multipart/alternative");
    assertThat(mail.text()).contains("Hello Anna <Berg>,", "Salon Luna", "Service: Haircut", "When:    Tuesday, 24 December, 15:00",
        "With:    Mia", "https://luna.example/b/4711").doesNotContain("<strong>");
    // the HTML part escapes what the data carries
    assertThat(mail.html()).contains("Hello Anna &lt;Berg&gt;,", "<strong>Salon Luna</strong>", "<strong>Haircut</strong>",
        "href=\"https://luna.example/b/4711\"").doesNotContain("<Berg>");
  }

  @ParameterizedTest
  @CsvSource({
      "booking_cancelled, Your booking was cancelled, Reason: Salon closed",
      "salon_welcome, Welcome to Switchboard, can now take bookings",
      "password_reset, Reset your password, The link works for 30 minutes"})
  void shouldSendEveryTemplateWithItsDefaultSubject(String template, String subject, String expected) {
    String to = address();
    JsonObject data = new JsonObject().put("customerName", "Ben").put("salonName", "Salon Luna").put("serviceName", "Shave")
        .put("serviceDate", "Monday 10:00").put("reason", "Salon closed").put("ownerName", "Lea")
        .put("resetUrl", "https://app.example/reset/abc").put("expiresInMinutes", 30);
    // the admin token may send e-mails too
    post(TestSettings.ADMIN_TOKEN, new JsonObject().put("to", to).put("template", template).put("data", data)).then().statusCode(202);

    ReceivedMail mail = awaitMail(to);
    assertThat(mail.subject()).isEqualTo(subject);
    assertThat(mail.text()).contains(expected);
    assertThat(mail.html()).contains(expected).contains("<p>");
  }

  @Test
  void shouldRefuseWhatCouldNeverBeSentNamingTheField() {
    JsonObject valid = new JsonObject().put("to", address()).put("template", "password_reset")
        .put("data", new JsonObject().put("resetUrl", "https://app.example/reset/x"));
    post(TestSettings.ACME_API_TOKEN, valid.copy().put("template", "newsletter")).then().statusCode(400)
        .body("error", equalTo("invalid_request")).body("details.field", equalTo("template"));
    post(TestSettings.ACME_API_TOKEN, valid.copy().put("to", "anna@@example")).then().statusCode(400).body("details.field", equalTo("to"));
    post(TestSettings.ACME_API_TOKEN, valid.copy().put("to", "Anna <anna@example.com>")).then().statusCode(400).body("details.field", equalTo("to"));
    post(TestSettings.ACME_API_TOKEN, valid.copy().put("data", new JsonObject())).then().statusCode(400)
        .body("details.field", equalTo("data.resetUrl"));
    post(TestSettings.ACME_API_TOKEN, valid.copy().put("subject", "two\r\nBcc: x@example.com")).then().statusCode(400)
        .body("details.field", equalTo("subject"));
    post(TestSettings.ACME_API_TOKEN, valid.copy().put("priority", 11)).then().statusCode(400).body("details.field", equalTo("priority"));
    post("wrong-token", valid).then().statusCode(401).body("error", equalTo("unauthorized"));
    given().contentType(ContentType.JSON).body(valid.encode()).post(PATH).then().statusCode(401);
  }

  @Test
  void shouldDescribeTheEndpointInTheApiDescription() {
    given().accept("application/json").get("/q/openapi").then().statusCode(200)
        .body("paths.'/api/notifications/email'.post.tags", hasItem("E-mail notifications"))
        .body("paths.'/api/notifications/email'.post.responses.keySet()", hasItems("202", "400", "401", "503"))
        .body("paths.'/api/notifications/email'.post.security.size()", equalTo(2));
  }

  static Response post(String token, JsonObject body) {
    return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(body.encode()).post(PATH);
  }

  static String address() {
    return "customer-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36) + "@example.com";
  }

  static ReceivedMail awaitMail(String to) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> !MailServer.receivedBy(to).isEmpty());
    assertThat(MailServer.receivedBy(to)).hasSize(1);
    return ReceivedMail.of(MailServer.receivedBy(to).get(0));
  }
}
