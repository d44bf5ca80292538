package dev.switchboard.booking;

import static dev.switchboard.booking.ReminderClient.cancel;
import static dev.switchboard.booking.ReminderClient.custom;
import static dev.switchboard.booking.ReminderClient.job;
import static dev.switchboard.booking.ReminderClient.list;
import static dev.switchboard.booking.ReminderClient.schedule;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.switchboard.testing.TestSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;

/** The reminder API over HTTP, nothing injected, so ReminderApiIT runs it on the packaged app. */
@QuarkusTest
class ReminderApiTest {

  static final String ACME = TestSettings.ACME_API_TOKEN;
  static final String GLOBEX = TestSettings.GLOBEX_API_TOKEN;
  static final String QUEUE = "booking:reminder";

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @ParameterizedTest
  @ValueSource(strings = {"bookingId", "customerPhone", "serviceName", "serviceDate", "reminderType", "sendAt"})
  void shouldRefuseAMissingFieldNamingIt(String field) {
    JsonObject body = custom(Instant.now().plus(Duration.ofHours(1)));
    body.remove(field);
    schedule(body).then().statusCode(400).body("error", equalTo("invalid_request")).body("details.field", equalTo(field));
  }

  @Test
  void shouldRefuseAPhoneNumberTheSendApiWouldRefuse() {
    JsonObject body = custom(Instant.now().plus(Duration.ofHours(1))).put("customerPhone", "0170 1234567");
    schedule(body).then().statusCode(400).body("details.field", equalTo("customerPhone"))
        .body("details.reason", containsString("E.164"));
  }

  @Test
  void shouldRefuseASendTimeThatIsNotInTheFuture() {
    schedule(custom(Instant.now().minusSeconds(1))).then().statusCode(400).body("details.field", equalTo("sendAt"))
        .body("details.reason", equalTo("must be in the future"));
    // a booking for this afternoon has no "day before" left
    JsonObject soon = custom(Instant.now()).put("reminderType", "day_before")
        .put("serviceDate", OffsetDateTime.now(ZoneOffset.UTC).plusHours(3).toString());
    soon.remove("sendAt");
    schedule(soon).then().statusCode(400).body("details.field", equalTo("sendAt")).body("details.reason", containsString("already past"));
  }

  @Test
  void shouldRefuseUnknownTypesTemplatesAndBookingIds() {
    schedule(custom(Instant.now().plusSeconds(3600)).put("reminderType", "week_before")).then().statusCode(400)
        .body("details.field", equalTo("reminderType"));
    schedule(custom(Instant.now().plusSeconds(3600)).put("template", new JsonObject().put("name", "Bad Name"))).then().statusCode(400)
        .body("details.field", equalTo("template.name"));
    schedule(custom(Instant.now().plusSeconds(3600)).put("bookingId", "a b")).then().statusCode(400).body("details.field", equalTo("bookingId"));
    cancel(ACME, "B-1", "week_before").then().statusCode(400).body("details.field", equalTo("type"));
  }

  @Test
  void shouldRefuseCallsWithoutAKnownToken() {
    schedule("no-such-token", custom(Instant.now().plusSeconds(3600))).then().statusCode(401).body("error", equalTo("unauthorized"));
    given().get(ReminderClient.PATH + "/B-1").then().statusCode(401);
  }

  @Test
  void shouldComputeTheSendTimeFromTheServiceDate() {
    OffsetDateTime service = OffsetDateTime.of(2030, 6, 1, 15, 0, 0, 0, ZoneOffset.ofHours(2));
    JsonObject dayBefore = custom(Instant.now()).put("reminderType", "day_before").put("serviceDate", service.toString());
    dayBefore.remove("sendAt");
    String bookingId = dayBefore.getString("bookingId");
    schedule(dayBefore).then().statusCode(202).body("outcome", equalTo("created"))
        .body("reminder.sendAt", equalTo("2030-05-31T13:00:00Z")).body("reminder.state", equalTo("pending"));
    JsonObject hourBefore = dayBefore.copy().put("reminderType", "hour_before");
    schedule(hourBefore).then().statusCode(202).body("reminder.sendAt", equalTo("2030-06-01T12:00:00Z"));

    list(ACME, bookingId).then().statusCode(200).body("bookingId", equalTo(bookingId)).body("reminders", hasSize(2))
        .body("reminders[0].reminderType", equalTo("day_before")).body("reminders[1].reminderType", equalTo("hour_before"))
        .body("reminders[0].serviceDate", equalTo("2030-06-01T15:00+02:00"));
  }

  @Test
  void shouldKeepOnePendingReminderWhenTheSameRequestComesTwice() {
    JsonObject body = custom(Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS));
    String jobId = schedule(body).then().statusCode(202).body("outcome", equalTo("created")).extract().path("reminder.jobId");
    schedule(body).then().statusCode(200).body("outcome", equalTo("unchanged")).body("reminder.jobId", equalTo(jobId));

    list(ACME, body.getString("bookingId")).then().body("reminders", hasSize(1)).body("reminders[0].jobId", equalTo(jobId));
    job(QUEUE, jobId).then().statusCode(200).body("state", equalTo("delayed")).body("dueAt", equalTo(body.getString("sendAt")));
    // new content at the same time changes the pending reminder, not its job
    schedule(body.copy().put("serviceName", "Colouring")).then().statusCode(200).body("outcome", equalTo("updated"))
        .body("reminder.jobId", equalTo(jobId)).body("reminder.serviceName", equalTo("Colouring"));
  }

  @Test
  void shouldRescheduleWhenAnotherSendTimeComes() {
    Instant first = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
    JsonObject body = custom(first);
    String oldJob = schedule(body).then().statusCode(202).extract().path("reminder.jobId");
    Instant second = first.plus(Duration.ofHours(3));
    String newJob = schedule(body.copy().put("sendAt", second.toString())).then().statusCode(202)
        .body("outcome", equalTo("rescheduled")).body("reminder.sendAt", equalTo(second.toString())).extract().path("reminder.jobId");

    assertThat(newJob).isNotEqualTo(oldJob);
    job(QUEUE, oldJob).then().statusCode(404);
    job(QUEUE, newJob).then().statusCode(200).body("state", equalTo("delayed")).body("dueAt", equalTo(second.toString()));
    list(ACME, body.getString("bookingId")).then().body("reminders", hasSize(1)).body("reminders[0].state", equalTo("pending"));
  }

  @Test
  void shouldCancelPendingRemindersOfOneTypeOrAll() {
    JsonObject day = custom(Instant.now().plus(Duration.ofDays(3))).put("reminderType", "day_before");
    String bookingId = day.getString("bookingId");
    String dayJob = schedule(day).then().statusCode(202).extract().path("reminder.jobId");
    String hourJob = schedule(day.copy().put("reminderType", "hour_before")).then().statusCode(202).extract().path("reminder.jobId");

    cancel(ACME, bookingId, "hour_before").then().statusCode(200).body("cancelled", equalTo(1))
        .body("reminders.find { it.reminderType == 'hour_before' }.state", equalTo("cancelled"))
        .body("reminders.find { it.reminderType == 'day_before' }.state", equalTo("pending"));
    job(QUEUE, hourJob).then().statusCode(404);
    job(QUEUE, dayJob).then().statusCode(200);

    cancel(ACME, bookingId, null).then().statusCode(200).body("cancelled", equalTo(1));
    cancel(ACME, bookingId, null).then().statusCode(200).body("cancelled", equalTo(0));
    job(QUEUE, dayJob).then().statusCode(404);
    list(ACME, bookingId).then().body("reminders.state", everyItem(equalTo("cancelled")));
  }

  @Test
  void shouldKeepTenantsApart() {
    JsonObject body = custom(Instant.now().plus(Duration.ofDays(1)));
    String bookingId = body.getString("bookingId");
    schedule(body).then().statusCode(202);

    list(GLOBEX, bookingId).then().statusCode(200).body("reminders", empty());
    cancel(GLOBEX, bookingId, null).then().statusCode(200).body("cancelled", equalTo(0));
    list(ACME, bookingId).then().body("reminders[0].state", equalTo("pending"));
  }

  @Test
  void shouldDescribeTheEndpointsInTheApiDescription() {
    given().accept("application/json").get("/q/openapi").then().statusCode(200)
        .body("paths.'/api/bookings/reminders'.post.tags", hasItem("Booking reminders"))
        .body("paths.'/api/bookings/reminders'.post.responses.keySet()", hasItems("200", "202", "400", "401", "422", "503"))
        .body("paths.'/api/bookings/reminders'.post.security[0].tenantToken", empty())
        .body("paths.'/api/bookings/reminders/{bookingId}'.keySet()", hasItems("get", "delete"));
  }

  @Test
  void shouldTakeTheTemplateFromTheRequestOrTheTenantsDefaults() {
    JsonObject acme = custom(Instant.now().plus(Duration.ofDays(1))).put("reminderType", "day_before");
    schedule(acme).then().statusCode(202).body("reminder.template.name", equalTo("booking_reminder_day_before"))
        .body("reminder.template.language", equalTo("en"));
    schedule(GLOBEX, acme).then().statusCode(202).body("reminder.template.name", equalTo(ReminderTestResources.GLOBEX_DAY_BEFORE))
        .body("reminder.template.language", equalTo(ReminderTestResources.GLOBEX_LANGUAGE));
    JsonObject own = custom(Instant.now().plus(Duration.ofDays(1))).put("template", new JsonObject().put("name", "spa_reminder"));
    schedule(GLOBEX, own).then().statusCode(202).body("reminder.template.name", equalTo("spa_reminder"))
        .body("reminder.template.language", equalTo(ReminderTestResources.GLOBEX_LANGUAGE))
        .body("reminder.jobId", startsWith("globex:"));
  }
}
