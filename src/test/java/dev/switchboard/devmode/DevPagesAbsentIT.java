package dev.switchboard.devmode;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged application has none of dev mode's pages: no landing page at {@code /}, and above all no fake Graph
 * API that a misconfigured base URL could send real messages into (or that anyone could tell to fail sends).
 */
@QuarkusIntegrationTest
class DevPagesAbsentIT {

  @Test
  void shouldAnswer404ForTheLandingPageAndTheFakeGraphApi() {
    given().when().get("/").then().statusCode(404);
    given().contentType("application/json").body("{\"code\":131026}").when().post("/dev/graph/next-error").then().statusCode(404);
    given().contentType("application/json").body("{\"to\":\"+4917012345678\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}")
        .when().post("/dev/graph/v25.0/100000000000001/messages").then().statusCode(404);
  }
}
