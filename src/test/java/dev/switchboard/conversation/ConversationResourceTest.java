package dev.switchboard.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Test;

import dev.switchboard.testing.TestSettings;
import dev.switchboard.webhook.Deliveries;
import io.quarkus.test.junit.QuarkusTest;

/** The read API's contract: Bearer auth, tenant scope, parameter validation, JSON errors. */
@QuarkusTest
class ConversationResourceTest {

  @Test
  void shouldRequireATenantToken() {
    given().when().get("/api/conversations/15550142876/messages").then().statusCode(401).body("error", equalTo("unauthorized"));
    given().header("Authorization", "Bearer nope").when().get("/api/conversations/15550142876/state")
        .then().statusCode(401).body("error", equalTo("unauthorized"));
    given().header("Authorization", "Basic " + TestSettings.ACME_API_TOKEN).when().get("/api/conversations/15550142876/state")
        .then().statusCode(401);
  }

  @Test
  void shouldValidateLimitAndPhone() {
    for (String limit : new String[] { "0", "-1", "101", "ten", "1.5" }) {
      asAcme().queryParam("limit", limit).when().get("/api/conversations/15550142876/messages")
          .then().statusCode(400).body("error", equalTo("invalid_limit")).body("details.field", equalTo("limit"));
    }
    asAcme().when().get("/api/conversations/{phone}/messages", "no phone").then().statusCode(400).body("error", equalTo("invalid_phone"));
  }

  @Test
  void shouldAnswerAnUnknownConversationWithAnEmptyPageAndA404State() {
    String phone = Deliveries.newPhone();
    asAcme().when().get("/api/conversations/{phone}/messages", phone).then().statusCode(200)
        .body("tenant", equalTo(TestSettings.ACME)).body("user", equalTo(phone)).body("messages", hasSize(0));
    asAcme().when().get("/api/conversations/{phone}/state", "+" + phone).then().statusCode(404).body("error", equalTo("not_found"));
  }

  private static io.restassured.specification.RequestSpecification asAcme() {
    return given().header("Authorization", "Bearer " + TestSettings.ACME_API_TOKEN);
  }
}
