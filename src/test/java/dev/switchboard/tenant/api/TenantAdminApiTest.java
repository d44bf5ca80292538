package dev.switchboard.tenant.api;

import static dev.switchboard.testing.TenantAdminClient.uniqueId;
import static dev.switchboard.testing.TenantAdminClient.uniqueNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.switchboard.send.FakeGraph;
import dev.switchboard.testing.TenantAdminClient;
import dev.switchboard.testing.TestSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

/** The tenant registry's admin API over HTTP, against the real Redis and the fake Graph API. */
@QuarkusTest
class TenantAdminApiTest {

  final TenantAdminClient admin = TenantAdminClient.local();
  final FakeGraph graph = FakeGraph.server();

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldCreateATenantThatSendsWithItsOwnTokensAndNeverShowsThem() {
    String id = uniqueId("create");
    String number = uniqueNumber();
    String graphToken = "graph-token-of-" + id;
    Response created = this.admin.create(new JsonObject().put("id", id).put("displayName", "Salon Ana").put("phoneNumberId", number)
        .put("accessToken", graphToken).put("rateLimit", 40));
    created.then().statusCode(201).body("apiToken", startsWith("sbt_")).body("tenant.source", equalTo("registry"))
        .body("tenant.state", equalTo("active")).body("tenant.accessToken.set", equalTo(true)).body("tenant.accessToken.keyId", equalTo("k1"))
        .body("tenant.apiTokens", hasSize(1)).body("tenant.rateLimit", equalTo(40)).body("tenant.maxConcurrency", equalTo(5));
    String apiToken = created.path("apiToken");
    assertThat(created.asString()).doesNotContain(graphToken);

    String read = this.admin.get(id).then().statusCode(200).body("displayName", equalTo("Salon Ana")).extract().asString();
    assertThat(read).doesNotContain(graphToken).doesNotContain(apiToken);

    String jobId = this.admin.send(apiToken, "registry hello " + id).then().statusCode(202).extract().path("jobId");
    await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(this.admin.status(apiToken, jobId).path("status")));
    FakeGraph.Request request = this.graph.requestsWithTextStarting("registry hello " + id).get(0);
    assertThat(request.phoneNumberId()).isEqualTo(number);
    assertThat(request.authorization()).isEqualTo("Bearer " + graphToken);
  }

  @Test
  void shouldRefuseBadInputWith400NamingTheField() {
    Map<String, String> bodies = Map.ofEntries(
        Map.entry("{}", "id"),
        Map.entry("{\"id\":\"Bad Id\"}", "id"),
        Map.entry("{\"id\":\"unknown\"}", "id"),
        Map.entry("{\"id\":\"x1\",\"phoneNumberId\":\"12ab\"}", "phoneNumberId"),
        Map.entry("{\"id\":\"x1\",\"rateLimit\":0}", "rateLimit"),
        Map.entry("{\"id\":\"x1\",\"rateLimit\":\"80\"}", "rateLimit"),
        Map.entry("{\"id\":\"x1\",\"maxConcurrency\":1001}", "maxConcurrency"),
        Map.entry("{\"id\":\"x1\",\"apiRateLimit\":-1}", "apiRateLimit"),
        Map.entry("{\"id\":\"x1\",\"accessToken\":\"has space\"}", "accessToken"),
        Map.entry("{\"id\":\"x1\",\"apiToken\":\"short\"}", "apiToken"),
        Map.entry("{\"id\":\"x1\",\"enabled\":\"yes\"}", "enabled"),
        Map.entry("{\"id\":\"x1\",\"phone\":\"123\"}", "phone"),
        Map.entry("{\"id\":\"x1\",\"displayName\":\"a\\u0000b\"}", "displayName"),
        Map.entry("{\"id\":\"x1\",\"id\":\"x2\"}", "id"),
        Map.entry("[1]", "body"),
        Map.entry("{\"id\":", "body"));
    bodies.forEach((body, field) -> this.admin.admin().contentType(ContentType.JSON).body(body).post("/admin/tenants")
        .then().statusCode(400).body("error", equalTo("invalid_request")).body("details.field", equalTo(field)));
    byte[] notUtf8 = "{\"id\":\"x1\",\"displayName\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
    this.admin.admin().contentType(ContentType.JSON).body(notUtf8).post("/admin/tenants").then().statusCode(400)
        .body("details.field", equalTo("displayName")).body("details.reason", equalTo("is not valid UTF-8"));

    String id = uniqueId("bad");
    this.admin.createSendable(id, uniqueNumber(), "t0k3n");
    this.admin.put("/" + id, new JsonObject()).then().statusCode(400).body("details.field", equalTo("body"));
    this.admin.put("/" + id, new JsonObject().put("rateLimit", 5000)).then().statusCode(400).body("details.field", equalTo("rateLimit"));
    this.admin.delete("/" + id).then().statusCode(400).body("details.field", equalTo("queuedSends"));
    this.admin.post("/" + id + "/disable", new JsonObject().put("queuedSends", "later")).then().statusCode(400)
        .body("details.field", equalTo("queuedSends"));
    this.admin.post("/" + id + "/api-tokens", new JsonObject().put("keepPreviousFor", "forever")).then().statusCode(400)
        .body("details.field", equalTo("keepPreviousFor"));
    this.admin.put("/" + id + "/access-token", new JsonObject()).then().statusCode(400).body("details.field", equalTo("accessToken"));
    this.admin.admin().queryParam("limit", 0).get("/admin/tenants").then().statusCode(400).body("details.field", equalTo("limit"));
  }

  @Test
  void shouldAnswer409ForNumbersAndTokensOwnedElsewhereAndForConfiguredTenants() {
    String first = uniqueId("owner");
    String number = uniqueNumber();
    this.admin.createSendable(first, number, "t0k3n");

    this.admin.create(new JsonObject().put("id", uniqueId("thief")).put("phoneNumberId", number)).then().statusCode(409)
        .body("error", equalTo("phone_number_taken")).body("details.field", equalTo("phoneNumberId"));
    this.admin.create(new JsonObject().put("id", uniqueId("thief")).put("phoneNumberId", TestSettings.ACME_PHONE_NUMBER_ID))
        .then().statusCode(409).body("error", equalTo("phone_number_taken"));
    this.admin.create(new JsonObject().put("id", uniqueId("thief")).put("apiToken", TestSettings.ACME_API_TOKEN + "-long-enough"))
        .then().statusCode(201);
    this.admin.create(new JsonObject().put("id", uniqueId("thief")).put("apiToken", TestSettings.ACME_API_TOKEN + "-long-enough"))
        .then().statusCode(409).body("error", equalTo("api_token_taken"));
    this.admin.create(new JsonObject().put("id", uniqueId("thief")).put("apiToken", TestSettings.GLOBEX_API_TOKEN)).then().statusCode(409)
        .body("error", equalTo("api_token_taken"));
    this.admin.create(new JsonObject().put("id", first)).then().statusCode(409).body("error", equalTo("tenant_exists"));
    this.admin.create(new JsonObject().put("id", TestSettings.ACME)).then().statusCode(409).body("error", equalTo("read_only"));
    this.admin.put("/" + TestSettings.ACME, new JsonObject().put("rateLimit", 10)).then().statusCode(409).body("error", equalTo("read_only"));
    this.admin.post("/" + TestSettings.ACME + "/disable", null).then().statusCode(409).body("error", equalTo("read_only"));
    this.admin.put("/" + uniqueId("nobody"), new JsonObject().put("rateLimit", 10)).then().statusCode(404);
    this.admin.get(uniqueId("nobody")).then().statusCode(404).body("error", equalTo("not_found"));
  }

  @Test
  void shouldListConfiguredAndRegistryTenantsPageByPageInIdOrder() {
    String prefix = uniqueId("list");
    for (int i = 0; i < 3; i++) {
      this.admin.create(new JsonObject().put("id", prefix + "-" + i)).then().statusCode(201);
    }
    List<String> ids = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      var spec = this.admin.admin().queryParam("limit", 7);
      if (cursor != null) {
        spec = spec.queryParam("cursor", cursor);
      }
      Response page = spec.get("/admin/tenants").then().statusCode(200).extract().response();
      List<String> pageIds = page.path("tenants.id");
      assertThat(pageIds).hasSizeLessThanOrEqualTo(7);
      ids.addAll(pageIds);
      cursor = page.path("nextCursor");
      pages++;
    } while (cursor != null && pages < 1000);

    assertThat(ids).doesNotHaveDuplicates().isSorted().contains(TestSettings.ACME, TestSettings.GLOBEX, prefix + "-0", prefix + "-1", prefix + "-2");
    assertThat(pages).isGreaterThan(1);
    this.admin.get(TestSettings.ACME).then().statusCode(200).body("source", equalTo("config")).body("accessToken.set", equalTo(true))
        .body("apiTokens", hasSize(1)).body("displayName", equalTo("Acme Pizza"));
    assertThat(this.admin.get(TestSettings.ACME).asString()).doesNotContain(TestSettings.ACME_ACCESS_TOKEN).doesNotContain(TestSettings.ACME_API_TOKEN);
  }

  @Test
  void shouldChangeNumbersAndLimitsAndFreeTheOldNumber() {
    String id = uniqueId("update");
    String oldNumber = uniqueNumber();
    String newNumber = uniqueNumber();
    String token = this.admin.createSendable(id, oldNumber, "t0k3n");

    this.admin.put("/" + id, new JsonObject().put("phoneNumberId", newNumber).put("rateLimit", 20).put("apiRateLimit", 7)
        .put("displayName", "Renamed")).then().statusCode(200).body("phoneNumberId", equalTo(newNumber)).body("rateLimit", equalTo(20))
        .body("apiRateLimit", equalTo(7)).body("displayName", equalTo("Renamed")).body("maxConcurrency", equalTo(5));
    this.admin.create(new JsonObject().put("id", uniqueId("heir")).put("phoneNumberId", oldNumber)).then().statusCode(201);
    this.admin.put("/" + id, new JsonObject().putNull("apiRateLimit")).then().statusCode(200).body("apiRateLimit", nullValue());

    String jobId = this.admin.send(token, "moved number " + id).then().statusCode(202).extract().path("jobId");
    await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(this.admin.status(token, jobId).path("status")));
    assertThat(this.graph.requestsWithTextStarting("moved number " + id).get(0).phoneNumberId()).isEqualTo(newNumber);
  }

  @Test
  void shouldRefuseADisabledTenantWith403AtOnceAndServeItAgainWhenEnabled() {
    String id = uniqueId("disable");
    String token = this.admin.createSendable(id, uniqueNumber(), "t0k3n");

    this.admin.post("/" + id + "/disable", null).then().statusCode(200).body("state", equalTo("disabled")).body("queuedSends", equalTo("hold"));
    this.admin.send(token, "while disabled").then().statusCode(403).body("error", equalTo("tenant_disabled"));
    this.admin.tenant(token).get("/api/conversations/+4917012345678/state").then().statusCode(403);

    this.admin.post("/" + id + "/enable", null).then().statusCode(200).body("state", equalTo("active"));
    this.admin.send(token, "enabled again " + id).then().statusCode(202);
  }

  @Test
  void shouldDeleteATenantRevokingItsTokensAtOnce() {
    String dead = uniqueId("gone");
    String number = uniqueNumber();
    String token = this.admin.createSendable(dead, number, "t0k3n");

    this.admin.delete("/" + dead + "?queuedSends=dead").then().statusCode(200).body("state", equalTo("deleted"))
        .body("queuedSends", equalTo("dead")).body("purgeAt", notNullValue()).body("apiTokens", hasSize(0))
        .body("accessToken.set", equalTo(false)).body("phoneNumberId", nullValue());
    this.admin.send(token, "after delete").then().statusCode(401);
    this.admin.delete("/" + dead + "?queuedSends=dead").then().statusCode(409).body("error", equalTo("tenant_deleted"));
    // dead: the number is free for another tenant at once
    this.admin.create(new JsonObject().put("id", uniqueId("next")).put("phoneNumberId", number)).then().statusCode(201);

    String draining = uniqueId("drain");
    String kept = uniqueNumber();
    this.admin.createSendable(draining, kept, "t0k3n");
    this.admin.delete("/" + draining + "?queuedSends=drain").then().statusCode(200).body("queuedSends", equalTo("send"))
        .body("phoneNumberId", equalTo(kept)).body("accessToken.set", equalTo(true));
    // drain: the number stays its own while its queued sends still go out
    this.admin.create(new JsonObject().put("id", uniqueId("next")).put("phoneNumberId", kept)).then().statusCode(409);
  }

  @Test
  void shouldReplaceTheGraphTokenTheNextSendUses() {
    String id = uniqueId("graph");
    String token = this.admin.createSendable(id, uniqueNumber(), "first-graph-token");
    this.admin.put("/" + id + "/access-token", new JsonObject().put("accessToken", "second-graph-token")).then().statusCode(200)
        .body("accessToken.set", equalTo(true));

    String jobId = this.admin.send(token, "new graph token " + id).then().statusCode(202).extract().path("jobId");
    await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(this.admin.status(token, jobId).path("status")));
    assertThat(this.graph.requestsWithTextStarting("new graph token " + id).get(0).authorization()).isEqualTo("Bearer second-graph-token");
  }

  @Test
  void shouldRefuseASendAtSubmitWhenTheTenantHasNoNumberOrNoGraphToken() {
    String bare = uniqueId("bare");
    String token = this.admin.create(new JsonObject().put("id", bare)).then().statusCode(201).extract().path("apiToken");
    this.admin.send(token, "nothing to send with").then().statusCode(422).body("error", equalTo("no_sender_number"))
        .body("details.missing", equalTo(List.of("phoneNumberId", "accessToken")));

    this.admin.put("/" + bare, new JsonObject().put("phoneNumberId", uniqueNumber())).then().statusCode(200);
    this.admin.send(token, "no graph token").then().statusCode(422).body("error", equalTo("no_access_token"))
        .body("details.missing", equalTo(List.of("accessToken")));
  }

  @Test
  void shouldDescribeTheEndpointsInTheApiDescription() {
    given().accept("application/json").get("/q/openapi").then().statusCode(200)
        .body("paths.'/admin/tenants'.post.tags", hasItem("Tenants"))
        .body("paths.'/admin/tenants'.post.responses.keySet()", hasItems("201", "400", "409"))
        .body("paths.'/admin/tenants'.get.security[0].adminToken", empty())
        .body("paths.'/admin/tenants/{id}'.keySet()", hasItems("get", "put", "delete"))
        .body("paths.'/admin/tenants/{id}/api-tokens'.post.responses.keySet()", hasItems("201", "404", "409"))
        .body("paths.keySet()", hasItems("/admin/tenants/{id}/disable", "/admin/tenants/{id}/enable", "/admin/tenants/{id}/access-token",
            "/admin/tenants/{id}/api-tokens/{tokenId}", "/admin/tenants/re-encrypt", "/admin/tenants/import-config"));
  }

  @Test
  void shouldCopyConfiguredTenantsIntoTheRegistryOnceAndReEncryptNothingWhenAllIsCurrent() {
    Response first = this.admin.post("/import-config", null).then().statusCode(200).extract().response();
    int imported = first.path("imported");
    List<String> skipped = first.path("skipped");
    assertThat(imported + skipped.size()).isGreaterThanOrEqualTo(2);
    this.admin.post("/import-config", null).then().statusCode(200).body("imported", equalTo(0));
    // configuration still wins for the same id: read-only, and the configured token keeps working
    this.admin.get(TestSettings.ACME).then().body("source", equalTo("config"));
    this.admin.send(TestSettings.ACME_API_TOKEN, "after import").then().statusCode(202);

    this.admin.post("/re-encrypt", null).then().statusCode(200).body("keyId", equalTo("k1")).body("reEncrypted", equalTo(0))
        .body("failed", hasSize(0));
  }
}
