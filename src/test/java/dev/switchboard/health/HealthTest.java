package dev.switchboard.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
class HealthTest {

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldBeLive() {
    given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void shouldBeReadyWithRedis() {
    given().when().get("/q/health/ready").then().statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("redis"))
        .body("checks.find { it.name == 'redis' }.status", equalTo("UP"));
  }

  @Test
  void shouldReportHealthyInDetail() {
    given().when().get("/health/detailed").then().statusCode(200)
        .body("status", equalTo("healthy"))
        .body("version", not(emptyOrNullString()))
        .body("uptimeSeconds", greaterThanOrEqualTo(0))
        .body("checks.redis.status", equalTo("up"))
        .body("checks.redis.latencyMs", greaterThanOrEqualTo(0))
        .body("checks.redis.maxmemoryPolicy", equalTo("noeviction"))
        .body("checks.cache.type", equalTo("redis"))
        .body("checks.memory.heapUsedBytes", greaterThan(0));
  }
}
