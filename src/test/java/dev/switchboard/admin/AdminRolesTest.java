package dev.switchboard.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.switchboard.testing.TestSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Admin JWTs beside the static token: admin acts, viewer reads, anything else is refused; every action is audited. */
@QuarkusTest
@TestProfile(JwtProfile.class)
class AdminRolesTest {

  private static final String QUEUE = "test-dashboard";

  private static RequestSpecification bearer(String token) {
    return given().header("Authorization", "Bearer " + token);
  }

  @Test
  void shouldLetAViewerReadButNotAct() {
    String viewer = TestJwt.token("watcher@example.test", List.of("viewer"));
    bearer(viewer).get("/admin/queue/stats/" + QUEUE).then().statusCode(200).body("isPaused", equalTo(false));
    bearer(viewer).get("/admin/queue/" + QUEUE + "/jobs?state=dead").then().statusCode(200);
    bearer(viewer).post("/admin/queue/pause/" + QUEUE).then().statusCode(403).body("error", equalTo("forbidden"));
    bearer(viewer).delete("/admin/queue/jobs/" + QUEUE + "/x").then().statusCode(403);
    given().header("Authorization", "Bearer " + TestSettings.ADMIN_TOKEN).get("/admin/queue/stats/" + QUEUE).then()
        .body("isPaused", equalTo(false));
  }

  @Test
  void shouldLetAViewerReadTheOperatorMetricsOutsideAdmin() {
    String viewer = TestJwt.token("watcher@example.test", List.of("viewer"));
    bearer(viewer).get("/api/queue/metrics").then().statusCode(200).body("$", hasKey(QUEUE));
    bearer(viewer).get("/api/cache/metrics").then().statusCode(200).body("health.type", equalTo("redis"));
    bearer(TestSettings.ADMIN_TOKEN).get("/api/queue/metrics").then().statusCode(200);
    given().get("/api/queue/metrics").then().statusCode(401).body("error", equalTo("unauthorized"));
    bearer(TestSettings.ACME_API_TOKEN).get("/api/cache/metrics").then().statusCode(401);
    bearer(TestJwt.token("intern", List.of("staff"))).get("/api/queue/metrics").then().statusCode(403);
  }

  @Test
  void shouldLetAnAdminActAndAuditWhoDidIt() {
    String admin = TestJwt.token("ops@example.test", List.of("admin", "other"));
    bearer(admin).post("/admin/queue/pause/" + QUEUE).then().statusCode(200).body("isPaused", equalTo(true));
    // the static token keeps full rights
    bearer(TestSettings.ADMIN_TOKEN).post("/admin/queue/resume/" + QUEUE).then().statusCode(200).body("isPaused", equalTo(false));
    bearer(admin).contentType("application/json").body(Map.of()).post("/admin/queue/retry/" + QUEUE).then().statusCode(200);

    JsonPath audit = bearer(TestJwt.token("watcher@example.test", List.of("viewer"))).get("/admin/audit?limit=10")
        .then().statusCode(200).extract().jsonPath();
    // newest first
    List<Map<String, Object>> entries = audit.getList("$");
    assertThat(entries).hasSizeGreaterThanOrEqualTo(3);
    assertThat(entries.get(0)).containsEntry("who", "ops@example.test").containsEntry("role", "admin")
        .containsEntry("action", "POST /admin/queue/retry/" + QUEUE).containsEntry("queue", QUEUE).containsEntry("count", 0)
        .containsEntry("status", 200);
    assertThat(entries.get(1)).containsEntry("who", "admin-token")
        .containsEntry("action", "POST /admin/queue/resume/" + QUEUE);
    assertThat(entries.get(2)).containsEntry("who", "ops@example.test")
        .containsEntry("action", "POST /admin/queue/pause/" + QUEUE);
    // reads are not actions
    assertThat(audit.getList("action", String.class)).noneMatch(action -> action.startsWith("GET"));
  }

  @Test
  void shouldRefuseTokensThatAreMissingForgedExpiredOrWithoutARole() {
    given().get("/admin/queue/stats/" + QUEUE).then().statusCode(401).body("error", equalTo("unauthorized"));
    bearer("not-a-token").get("/admin/queue/stats/" + QUEUE).then().statusCode(401);
    bearer(TestJwt.token("mallory", List.of("admin"), TestJwt.ISSUER, Instant.now().plusSeconds(300), TestJwt.strangerKey()))
        .get("/admin/queue/stats/" + QUEUE).then().statusCode(401).body("error", equalTo("invalid_token"));
    bearer(TestJwt.token("ops", List.of("admin"), "https://elsewhere.test", Instant.now().plusSeconds(300), TestJwt.privateKey()))
        .get("/admin/queue/stats/" + QUEUE).then().statusCode(401).body("error", equalTo("invalid_token"));
    bearer(TestJwt.token("ops", List.of("admin"), TestJwt.ISSUER, Instant.now().minusSeconds(600), TestJwt.privateKey()))
        .get("/admin/queue/stats/" + QUEUE).then().statusCode(401).body("error", equalTo("invalid_token"));
    bearer(TestJwt.token("intern", List.of("staff"))).get("/admin/queue/stats/" + QUEUE).then().statusCode(403)
        .body("error", equalTo("forbidden"));
    // a tenant's API token is still a tenant's, not a JWT nor an admin
    bearer(TestSettings.ACME_API_TOKEN).get("/admin/queue/stats/" + QUEUE).then().statusCode(401);
    bearer(TestJwt.token("ops", List.of("admin"))).get("/admin/audit?limit=0").then().statusCode(400)
        .body("details.field", equalTo("limit"));
  }

  @Test
  void shouldNotTakeAnAdminJwtForATenant() {
    bearer(TestJwt.token("ops", List.of("admin"))).contentType("application/json")
        .body(Map.of("to", "+4917012345678", "type", "text", "text", Map.of("body", "hi"))).post("/api/whatsapp/send")
        .then().statusCode(401);
    bearer(TestSettings.ACME_API_TOKEN).get("/api/whatsapp/messages/nothing-here").then().statusCode(404);
  }
}
