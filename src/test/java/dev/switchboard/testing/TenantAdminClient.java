package dev.switchboard.testing;

import static io.restassured.RestAssured.given;

import java.util.concurrent.ThreadLocalRandom;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;

/** The tenant admin API as tests call it, on the test's own service or on a replica started as a process. */
public final class TenantAdminClient {

  private final String baseUrl;

  private TenantAdminClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** The service under test (RestAssured's port). */
  public static TenantAdminClient local() {
    return new TenantAdminClient(null);
  }

  public static TenantAdminClient of(ServiceProcess replica) {
    return new TenantAdminClient(replica.baseUrl());
  }

  /** A tenant id no earlier test (same Redis) used. */
  public static String uniqueId(String prefix) {
    return prefix + "-" + Long.toString(System.nanoTime(), 36) + ThreadLocalRandom.current().nextInt(1000);
  }

  /** A phone-number id no earlier test used (15 digits). */
  public static String uniqueNumber() {
    return "77" + String.format("%013d", Math.floorMod(System.nanoTime() * 31 + ThreadLocalRandom.current().nextInt(1_000_000), 10_000_000_000_000L));
  }

  public RequestSpecification admin() {
    RequestSpecification spec = given().header("Authorization", "Bearer " + TestSettings.ADMIN_TOKEN);
    return this.baseUrl == null ? spec.port(RestAssured.port) : spec.baseUri(this.baseUrl);
  }

  public RequestSpecification tenant(String apiToken) {
    RequestSpecification spec = given().header("Authorization", "Bearer " + apiToken);
    return this.baseUrl == null ? spec.port(RestAssured.port) : spec.baseUri(this.baseUrl);
  }

  public Response create(JsonObject body) {
    return admin().contentType(ContentType.JSON).body(body.encode()).post("/admin/tenants");
  }

  /** Creates a tenant that can send (number and Graph token); answers its first API token. */
  public String createSendable(String id, String phoneNumberId, String accessToken) {
    return create(new JsonObject().put("id", id).put("phoneNumberId", phoneNumberId).put("accessToken", accessToken))
        .then().statusCode(201).extract().path("apiToken");
  }

  public Response get(String id) {
    return admin().get("/admin/tenants/" + id);
  }

  public Response post(String path, JsonObject body) {
    RequestSpecification spec = admin();
    if (body != null) {
      spec = spec.contentType(ContentType.JSON).body(body.encode());
    }
    return spec.post("/admin/tenants" + path);
  }

  public Response put(String path, JsonObject body) {
    return admin().contentType(ContentType.JSON).body(body.encode()).put("/admin/tenants" + path);
  }

  public Response delete(String path) {
    return admin().delete("/admin/tenants" + path);
  }

  /** A text send with the tenant's token. */
  public Response send(String apiToken, String text) {
    return tenant(apiToken).contentType(ContentType.JSON)
        .body(new JsonObject().put("phoneNumber", "+4917012345678").put("text", text).encode()).post("/api/whatsapp/send");
  }

  public Response status(String apiToken, String jobId) {
    return tenant(apiToken).get("/api/whatsapp/messages/" + jobId);
  }
}
