package dev.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The same packaged application serves Swagger UI once an operator turns it on at run time, without a rebuild. */
@QuarkusIntegrationTest
@TestProfile(SwaggerUiEnabledIT.Enabled.class)
class SwaggerUiEnabledIT {

  public static class Enabled implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.swagger-ui.enabled", "true");
    }
  }

  @Test
  void shouldServeSwaggerUiWhenEnabledAtRunTime() {
    given().redirects().follow(true).get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger-ui"));
  }
}
