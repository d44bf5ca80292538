package dev.switchboard.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.RedisTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Readiness follows Redis: down while it is gone, up again when it returns, with no restart of the service. */
@QuarkusTest
class RedisOutageTest {

  @AfterEach
  void restoreRedis() {
    RedisTestResource.server().start();
  }

  @Test
  void shouldTurnUnreadyWhileRedisIsDownAndRecoverWithoutRestart() {
    given().when().get("/q/health/ready").then().statusCode(200);

    RedisTestResource.server().stop();

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        given().when().get("/q/health/ready").then().statusCode(503)
            .body("status", equalTo("DOWN"))
            .body("checks.find { it.name == 'redis' }.status", equalTo("DOWN"))
            .body("checks.find { it.name == 'redis' }.data.error", not(emptyOrNullString())));
    given().when().get("/health/detailed").then().statusCode(503)
        .body("status", equalTo("unhealthy"))
        .body("checks.redis.status", equalTo("down"))
        .body("checks.redis.error", not(emptyOrNullString()))
        .body("checks.cache.type", equalTo("in-memory"));

    RedisTestResource.server().start();

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
    given().when().get("/health/detailed").then().statusCode(200)
        .body("status", equalTo("healthy"))
        .body("checks.redis.status", equalTo("up"))
        .body("checks.cache.type", equalTo("redis"));
  }
}
