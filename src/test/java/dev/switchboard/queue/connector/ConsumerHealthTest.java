package dev.switchboard.queue.connector;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.RedisTestResource;
import dev.switchboard.testing.RespConnection;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Readiness follows what the consumers achieve, not whether Redis answers: channel test-health (health-timeout 1s) goes
 * DOWN when its fetches keep failing, whether Redis is gone or answers everything but the queue's script, and UP again
 * once they succeed. Its check is the messaging readiness check's entry for the channel.
 */
@QuarkusTest
class ConsumerHealthTest {

  static final String CHANNEL = "test-health";
  static final String MESSAGING_CHECK = "checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }";
  static final String BAND_10 = "sb:{test-health}:s:10";

  @AfterEach
  void repair() throws Exception {
    RedisTestResource.server().start();
    try (RespConnection redis = new RespConnection(RedisTestResource.server().port())) {
      redis.call("DEL", BAND_10);
    }
  }

  /**
   * A key of the wrong type in the queue's slot (an operator's SET on a band stream) makes every fetch fail while PING,
   * the blocking read's connection and every other queue work: the redis check stays UP, the queue's goes DOWN.
   */
  @Test
  void shouldTurnUnreadyWhileFetchesFailThoughRedisAnswers() throws Exception {
    ready();
    try (RespConnection redis = new RespConnection(RedisTestResource.server().port())) {
      redis.call("SET", BAND_10, "not a stream");
    }

    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> readiness().statusCode(503)
        .body("checks.find { it.name == 'redis' }.status", equalTo("UP"))
        .body(MESSAGING_CHECK + ".status", equalTo("DOWN"))
        .body(MESSAGING_CHECK + ".data.'" + CHANNEL + "'", containsString("WRONGTYPE")));
    given().when().get("/health/detailed").then().statusCode(503)
        .body("status", equalTo("unhealthy"))
        .body("checks.redis.status", equalTo("up"))
        .body("checks.queues.find { it.channel == '" + CHANNEL + "' }.status", equalTo("down"))
        .body("checks.queues.find { it.channel == '" + CHANNEL + "' }.queue", equalTo("test-health"))
        .body("checks.queues.find { it.channel == '" + CHANNEL + "' }.error", startsWith("fetch: "))
        .body("checks.queues.find { it.channel == '" + CHANNEL + "' }.error", containsString("WRONGTYPE"));

    try (RespConnection redis = new RespConnection(RedisTestResource.server().port())) {
      redis.call("DEL", BAND_10);
    }

    ready();
    given().when().get("/health/detailed").then().statusCode(200).body("status", equalTo("healthy"))
        .body("checks.queues.find { it.channel == '" + CHANNEL + "' }.status", equalTo("up"));
  }

  /**
   * Also: readiness answers within {@code switchboard.health.redis-timeout} (1 s here) while Redis is gone, from the
   * first request after the stop on (Kubernetes gives a probe 1 s by default). The client is warmed up first: RestAssured's
   * first request in a JVM spends seconds loading Groovy and the trust store, which is not the service's time.
   */
  @Test
  void shouldTurnUnreadyWhileRedisIsDownAndRecover() {
    ready();

    RedisTestResource.server().stop();

    for (int i = 0; i < 5; i++) {
      given().when().get("/q/health/ready").then().statusCode(503).time(lessThan(2000L), TimeUnit.MILLISECONDS);
    }

    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> readiness().statusCode(503)
        .body(MESSAGING_CHECK + ".status", equalTo("DOWN"))
        .body(MESSAGING_CHECK + ".data.'" + CHANNEL + "'", startsWith("[KO]")));
    given().when().get("/health/detailed").then().statusCode(503)
        .body("status", equalTo("unhealthy"))
        .body("checks.queues.find { it.channel == '" + CHANNEL + "' }.status", equalTo("down"))
        .body("checks.queues.find { it.channel == '" + CHANNEL + "' }.error", startsWith("fetch: "));

    RedisTestResource.server().start();

    ready();
    given().when().get("/health/detailed").then().statusCode(200).body("status", equalTo("healthy"));
  }

  private static void ready() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> readiness().statusCode(200)
        .body(MESSAGING_CHECK + ".data.'" + CHANNEL + "'", startsWith("[OK]")));
  }

  private static ValidatableResponse readiness() {
    return given().when().get("/q/health/ready").then();
  }
}
