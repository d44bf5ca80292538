package dev.switchboard.tenant;

import static dev.switchboard.testing.TenantAdminClient.uniqueId;
import static dev.switchboard.testing.TenantAdminClient.uniqueNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.switchboard.testing.TenantAdminClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

/** API token rotation: the new token works at once, the old one until its deadline and not after; revocation is immediate. */
@QuarkusTest
class ApiTokenRotationTest {

  final TenantAdminClient admin = TenantAdminClient.local();

  @Test
  void shouldAcceptBothTokensUntilTheDeadlineThenOnlyTheNewOne() {
    String id = uniqueId("rotate");
    String first = this.admin.createSendable(id, uniqueNumber(), "t0k3n");

    Response issued = this.admin.post("/" + id + "/api-tokens", new JsonObject().put("keepPreviousFor", "2s"));
    issued.then().statusCode(201).body("token", notNullValue()).body("previousValidUntil", notNullValue()).body("tenant.apiTokens", hasSize(2));
    String second = issued.path("token");
    Instant deadline = Instant.parse(issued.path("previousValidUntil"));
    assertThat(second).isNotEqualTo(first);

    this.admin.send(first, "old token in overlap").then().statusCode(202);
    this.admin.send(second, "new token").then().statusCode(202);

    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
        .until(() -> this.admin.send(first, "old token after deadline").statusCode() == 401);
    assertThat(Instant.now()).isAfterOrEqualTo(deadline);
    this.admin.send(second, "new token after deadline").then().statusCode(202);
    this.admin.get(id).then().body("apiTokens", hasSize(1));
  }

  @Test
  void shouldRevokeATokenAtOnceAndIssueWithoutOverlapOnRequest() {
    String id = uniqueId("revoke");
    String first = this.admin.createSendable(id, uniqueNumber(), "t0k3n");
    String second = this.admin.post("/" + id + "/api-tokens", null).then().statusCode(201).extract().path("token");
    String firstId = this.admin.get(id).path("apiTokens.find { it.expiresAt != null }.id");

    this.admin.delete("/" + id + "/api-tokens/" + firstId).then().statusCode(200).body("apiTokens", hasSize(1));
    this.admin.send(first, "revoked").then().statusCode(401);
    this.admin.send(second, "still valid").then().statusCode(202);
    this.admin.delete("/" + id + "/api-tokens/" + firstId).then().statusCode(404);

    // keepPreviousFor 0: the earlier token stops with this call
    String third = this.admin.post("/" + id + "/api-tokens", new JsonObject().put("keepPreviousFor", "0")).then().statusCode(201)
        .body("previousValidUntil", equalTo(null)).extract().path("token");
    this.admin.send(second, "replaced").then().statusCode(401);
    this.admin.send(third, "newest").then().statusCode(202);
  }
}
