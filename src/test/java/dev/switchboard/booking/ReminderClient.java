package dev.switchboard.booking;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import dev.switchboard.testing.TestSettings;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

/** The reminder API as a test calls it, and test data that no other test shares. */
final class ReminderClient {

  static final String PATH = "/api/bookings/reminders";

  private ReminderClient() {
  }

  /** A custom reminder of a fresh booking, for a fresh customer number, due at {@code sendAt}. */
  static JsonObject custom(Instant sendAt) {
    return new JsonObject().put("bookingId", bookingId()).put("customerPhone", phone()).put("serviceName", "Haircut")
        .put("serviceDate", "2030-06-01T15:00:00+02:00").put("reminderType", "custom").put("sendAt", sendAt.toString());
  }

  static String bookingId() {
    return "B-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  }

  static String phone() {
    return "+49170" + (1_000_000 + ThreadLocalRandom.current().nextInt(9_000_000));
  }

  static Response schedule(String token, JsonObject body) {
    return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(body.encode()).post(PATH);
  }

  static Response schedule(JsonObject body) {
    return schedule(TestSettings.ACME_API_TOKEN, body);
  }

  static Response list(String token, String bookingId) {
    return given().header("Authorization", "Bearer " + token).get(PATH + "/" + bookingId);
  }

  static Response cancel(String token, String bookingId, String type) {
    var request = given().header("Authorization", "Bearer " + token);
    if (type != null) {
      request.queryParam("type", type);
    }
    return request.delete(PATH + "/" + bookingId);
  }

  /** A queue job through the admin API, as an operator looks it up. */
  static Response job(String queue, String id) {
    return given().header("Authorization", "Bearer " + TestSettings.ADMIN_TOKEN).get("/admin/queue/jobs/" + queue + "/" + id);
  }
}
