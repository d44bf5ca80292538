package dev.switchboard.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.RedisTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Readiness follows Redis: down while it is gone, up again when it returns, with no restart of the service. Down for
 * two reasons, each named: the redis check (PING) at once, and the consumers of each queue once their fetches have
 * failed for the health timeout, 3 x block-time (6 s) by default.
 */
@QuarkusTest
class RedisOutageTest {

  static final String MESSAGING_CHECK = "checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }";
  /** A channel of the shipped configuration, on the default block time and health timeout. */
  static final String SEND = "whatsapp-send";
  static final long DEFAULT_HEALTH_TIMEOUT_MILLIS = 6000;

  @AfterEach
  void restoreRedis() {
    RedisTestResource.server().start();
  }

  @Test
  void shouldTurnUnreadyWhileRedisIsDownAndRecoverWithoutRestart() {
    given().when().get("/q/health/ready").then().statusCode(200);

    RedisTestResource.server().stop();
    long stoppedAt = System.currentTimeMillis();

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

    // the consumers' own reason: they cannot fetch from their queue
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        given().when().get("/q/health/ready").then().statusCode(503)
            .body(MESSAGING_CHECK + ".status", equalTo("DOWN"))
            .body(MESSAGING_CHECK + ".data.'" + SEND + "'", startsWith("[KO]"))
            .body(MESSAGING_CHECK + ".data.'" + SEND + "'", containsString("queue 'whatsapp-send'")));
    assertThat(System.currentTimeMillis() - stoppedAt).as("consumers DOWN only after the default health timeout")
        .isGreaterThanOrEqualTo(DEFAULT_HEALTH_TIMEOUT_MILLIS);
    given().when().get("/health/detailed").then().statusCode(503)
        .body("checks.queues.find { it.channel == '" + SEND + "' }.status", equalTo("down"))
        .body("checks.queues.find { it.channel == '" + SEND + "' }.queue", equalTo("whatsapp-send"))
        .body("checks.queues.find { it.channel == '" + SEND + "' }.error", startsWith("fetch: "))
        .body("checks.queues.find { it.channel == '" + SEND + "' }.failingSince", not(emptyOrNullString()));

    RedisTestResource.server().start();

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
            .body(MESSAGING_CHECK + ".data.'" + SEND + "'", startsWith("[OK]")));
    given().when().get("/health/detailed").then().statusCode(200)
        .body("status", equalTo("healthy"))
        .body("checks.redis.status", equalTo("up"))
        .body("checks.cache.type", equalTo("redis"))
        .body("checks.queues.find { it.channel == '" + SEND + "' }.status", equalTo("up"));
  }
}
