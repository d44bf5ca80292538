package dev.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged application (production profile) serves its API description, and no Swagger UI unless told to. It
 * also leaves the document it served in {@code target/openapi/openapi.json}, which {@code .ci/run} validates as
 * OpenAPI with a validator from npm ({@code .ci/validate-docs/openapi.mjs}).
 */
@QuarkusIntegrationTest
class ApiDescriptionIT {

  static final Path SERVED = Path.of("target", "openapi", "openapi.json");

  @Test
  void shouldServeTheApiDescriptionInProduction() throws IOException {
    String body = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString();
    assertThat(body).contains("\"openapi\"", "\"/api/whatsapp/send\"", "\"" + ApiDescription.META + "\"");
    Files.createDirectories(SERVED.getParent());
    Files.writeString(SERVED, body);

    given().accept("application/yaml").get("/q/openapi").then().statusCode(200);
  }

  @Test
  void shouldNotServeSwaggerUiInProductionByDefault() {
    given().redirects().follow(false).get("/q/swagger-ui/").then().statusCode(404);
    given().redirects().follow(false).get("/q/swagger-ui").then().statusCode(404);
  }
}
