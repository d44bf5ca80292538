package dev.switchboard.send;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

/** The send API as a test calls it: one request through RestAssured, or many at once through the JDK client. */
final class SendClient {

  static final String SEND = "/api/whatsapp/send";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private SendClient() {
  }

  static JsonObject text(String to, String text) {
    return new JsonObject().put("phoneNumber", to).put("text", text);
  }

  static Response send(String token, JsonObject body) {
    return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(body.encode()).post(SEND);
  }

  static Response send(String token, String idempotencyKey, JsonObject body) {
    return given().header("Authorization", "Bearer " + token).header("Idempotency-Key", idempotencyKey).contentType(ContentType.JSON)
        .body(body.encode()).post(SEND);
  }

  /** Sends one message and returns its job id, failing unless the API answered 202. */
  static String accepted(String token, JsonObject body) {
    return send(token, body).then().statusCode(202).extract().path("jobId");
  }

  static Response status(String token, String jobId) {
    return given().header("Authorization", "Bearer " + token).get("/api/whatsapp/messages/" + jobId);
  }

  static String statusOf(String token, String jobId) {
    return status(token, jobId).then().statusCode(200).extract().path("status");
  }

  /** All requests at once; answers the job ids, failing unless every answer was 202. */
  static List<String> acceptedAll(String token, List<JsonObject> bodies) {
    List<CompletableFuture<HttpResponse<String>>> calls = bodies.stream().map(body -> sendAsync(token, body)).toList();
    return calls.stream().map(CompletableFuture::join).map(response -> {
      if (response.statusCode() != 202) {
        throw new AssertionError("expected 202, got " + response.statusCode() + ": " + response.body());
      }
      return new JsonObject(response.body()).getString("jobId");
    }).toList();
  }

  static CompletableFuture<HttpResponse<String>> sendAsync(String token, JsonObject body) {
    return sendAsync(token, null, body);
  }

  static CompletableFuture<HttpResponse<String>> sendAsync(String token, String idempotencyKey, JsonObject body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + SEND))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
