package dev.switchboard.booking;

import static dev.switchboard.booking.ReminderClient.cancel;
import static dev.switchboard.booking.ReminderClient.custom;
import static dev.switchboard.booking.ReminderClient.job;
import static dev.switchboard.booking.ReminderClient.list;
import static dev.switchboard.booking.ReminderClient.schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.switchboard.send.FakeGraph;
import dev.switchboard.testing.TestSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/**
 * Reminders that fall due while the test runs, received by the fake Graph API: on time, never when cancelled, once at
 * the new time when rescheduled. Over HTTP only, so ReminderDeliveryIT runs it on the packaged app.
 */
@QuarkusTest
class ReminderDeliveryTest {

  static final String ACME = TestSettings.ACME_API_TOKEN;
  static final Duration WAIT = Duration.ofSeconds(20);

  final FakeGraph graph = FakeGraph.server();
  // the fake stamps arrivals with System.nanoTime(); this pair turns them into wall-clock time
  final long nanoBase = System.nanoTime();
  final long wallBase = System.currentTimeMillis();

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldSendADueReminderWithinASecondOfItsTime() {
    Instant sendAt = Instant.now().plusMillis(1500);
    JsonObject body = custom(sendAt).put("template", new JsonObject().put("name", "visit_reminder").put("language", "de"));
    String phone = body.getString("customerPhone");
    schedule(body).then().statusCode(202);

    FakeGraph.Request request = awaitOne(phone);
    long arrived = wallMillis(request);
    System.out.printf("reminder arrived at the Graph API %d ms after its sendAt%n", arrived - sendAt.toEpochMilli());
    assertThat(arrived).as("arrival vs sendAt (ms)").isBetween(sendAt.toEpochMilli(), sendAt.toEpochMilli() + 1000);
    assertThat(request.templateName()).isEqualTo("visit_reminder");
    assertThat(request.phoneNumberId()).isEqualTo(TestSettings.ACME_PHONE_NUMBER_ID);

    await().atMost(WAIT).untilAsserted(() -> list(ACME, body.getString("bookingId")).then()
        .body("reminders[0].state", equalTo("sent")).body("reminders[0].messageStatus", equalTo("sent")));
    String sendJob = list(ACME, body.getString("bookingId")).then().extract().path("reminders[0].sendJobId");
    // what went on the send queue: the request's template, filled with the service name and date
    JsonObject sent = new JsonObject(job("whatsapp-send", sendJob).then().statusCode(200).extract().<String>path("data"));
    JsonObject template = sent.getJsonObject("template");
    assertThat(template.getString("language")).isEqualTo("de");
    assertThat(template.getJsonArray("components").getJsonObject(0).getJsonArray("parameters").stream()
        .map(p -> ((JsonObject) p).getString("text")).toList()).containsExactly("Haircut", "2030-06-01 15:00");
    assertThat(sent.getString("to")).isEqualTo(phone);
  }

  @Test
  void shouldNeverSendACancelledReminder() {
    Instant due = Instant.now().plusMillis(1500);
    JsonObject cancelled = custom(due);
    JsonObject marker = custom(due.plusMillis(1000));
    schedule(cancelled).then().statusCode(202);
    schedule(marker).then().statusCode(202);
    cancel(ACME, cancelled.getString("bookingId"), "custom").then().statusCode(200).body("cancelled", equalTo(1));

    // the marker falls due a second after the cancelled one: once it arrived, the cancelled one had its chance
    awaitOne(marker.getString("customerPhone"));
    assertThat(requestsTo(cancelled.getString("customerPhone"))).isEmpty();
    list(ACME, cancelled.getString("bookingId")).then().body("reminders[0].state", equalTo("cancelled"));
  }

  @Test
  void shouldSendARescheduledReminderOnceAtTheNewTime() {
    Instant first = Instant.now().plusMillis(1200);
    JsonObject body = custom(first);
    schedule(body).then().statusCode(202);
    Instant moved = first.plusMillis(1500);
    schedule(body.copy().put("sendAt", moved.toString())).then().statusCode(202).body("outcome", equalTo("rescheduled"));

    FakeGraph.Request request = awaitOne(body.getString("customerPhone"));
    assertThat(wallMillis(request)).as("arrival vs the new sendAt (ms)").isBetween(moved.toEpochMilli(), moved.toEpochMilli() + 1000);
    // the old time passed 1.5 s before the new one: a message for it would be here by now
    assertThat(requestsTo(body.getString("customerPhone"))).hasSize(1);
    JsonPath reminder = list(ACME, body.getString("bookingId")).then().extract().jsonPath();
    assertThat(reminder.getList("reminders")).hasSize(1);
  }

  private FakeGraph.Request awaitOne(String phone) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> !requestsTo(phone).isEmpty());
    return requestsTo(phone).get(0);
  }

  private List<FakeGraph.Request> requestsTo(String phone) {
    return this.graph.requests().stream().filter(r -> phone.equals(r.to())).toList();
  }

  private long wallMillis(FakeGraph.Request request) {
    return this.wallBase + TimeUnit.NANOSECONDS.toMillis(request.arrivedNanos() - this.nanoBase);
  }
}
