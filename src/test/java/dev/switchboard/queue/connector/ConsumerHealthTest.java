package dev.switchboard.queue.connector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
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
 * DOWN when its fetches keep failing, whether Redis is gone, hangs, or answers everything but the queue's script, and UP again
 * once they succeed. Its check is the messaging readiness check's entry for the channel.
 */
@QuarkusTest
class ConsumerHealthTest {

  static final String CHANNEL = "test-health";
  static final String MESSAGING_CHECK = "checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }";
  static final String BAND_10 = "sb:{test-health}:s:10";

  @AfterEach
  void repair() throws Exception {
    startRedis();
    redis("DEL", BAND_10);
  }

  /** The port of the Redis that holds the queue's keys (on a cluster, the master of its slot). */
  protected int queueNodePort() {
    return RedisTestResource.server().port();
  }

  private Object redis(String... command) throws IOException {
    try (RespConnection redis = new RespConnection(queueNodePort())) {
      return redis.call(command);
    }
  }

  /** Stops every Redis the service uses (SIGTERM, data kept). */
  protected void stopRedis() {
    RedisTestResource.server().stop();
  }

  /** Starts them again and returns once they answer. */
  protected void startRedis() {
    RedisTestResource.server().start();
  }

  /**
   * A key of the wrong type in the queue's slot (an operator's SET on a band stream) makes every fetch fail while PING,
   * the blocking read's connection and every other queue work: the redis check stays UP, the queue's goes DOWN.
   */
  @Test
  void shouldTurnUnreadyWhileFetchesFailThoughRedisAnswers() throws Exception {
    ready();
    redis("SET", BAND_10, "not a stream");

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

    redis("DEL", BAND_10);

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

    stopRedis();

    for (int i = 0; i < 5; i++) {
      given().when().get("/q/health/ready").then().statusCode(503).time(lessThan(2000L), TimeUnit.MILLISECONDS);
    }

    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> readiness().statusCode(503)
        .body(MESSAGING_CHECK + ".status", equalTo("DOWN"))
        .body(MESSAGING_CHECK + ".data.'" + CHANNEL + "'", startsWith("[KO]"))
        .body(MESSAGING_CHECK + ".data.'" + CHANNEL + "'", containsString("queue 'test-health'")));
    given().when().get("/health/detailed").then().statusCode(503)
        .body("status", equalTo("unhealthy"))
        .body("checks.queues.find { it.channel == '" + CHANNEL + "' }.status", equalTo("down"))
        .body("checks.queues.find { it.channel == '" + CHANNEL + "' }.queue", equalTo("test-health"))
        .body("checks.queues.find { it.channel == '" + CHANNEL + "' }.error", startsWith("fetch: "))
        .body("checks.queues.find { it.channel == '" + CHANNEL + "' }.failingSince", notNullValue());

    startRedis();

    ready();
    given().when().get("/health/detailed").then().statusCode(200).body("status", equalTo("healthy"));
  }

  /**
   * Redis hangs (SIGSTOP, as a stuck or cut-off node): its connections stay open and nothing answers, so no command
   * fails, none ever ends. The idle channel waits in its wake-up read, which then gets no answer either: DOWN once that
   * read is overdue and the health timeout has passed since its answer was due; UP again once Redis answers.
   */
  @Test
  void shouldTurnUnreadyWhileRedisHangsAndRecover() throws Exception {
    ready();
    String pid = processId(queueNodePort());
    try {
      signal("STOP", pid);
      long frozenAt = System.currentTimeMillis();
      awaitQueueDown();
      long downAfter = System.currentTimeMillis() - frozenAt;
      System.out.printf("readiness DOWN %d ms after the Redis of test-health froze%n", downAfter);
      assertThat(downAfter).as("DOWN only once fetches failed for the health timeout (1 s)").isGreaterThanOrEqualTo(1000);
    } finally {
      signal("CONT", pid);
    }
    awaitRedisAnswers();

    ready();
    given().when().get("/health/detailed").then().statusCode(200).body("status", equalTo("healthy"))
        .body("checks.queues.find { it.channel == '" + CHANNEL + "' }.status", equalTo("up"));
  }

  /** After a SIGCONT: Redis serves again (on a cluster, every node agrees it is ok). */
  protected void awaitRedisAnswers() {
  }

  /** Readiness DOWN for test-health's fetches, and /health/detailed unhealthy naming the queue and the failed fetch. */
  static void awaitQueueDown() {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> readiness().statusCode(503)
        .body(MESSAGING_CHECK + ".status", equalTo("DOWN"))
        .body(MESSAGING_CHECK + ".data.'" + CHANNEL + "'", startsWith("[KO]"))
        .body(MESSAGING_CHECK + ".data.'" + CHANNEL + "'", containsString("queue 'test-health'")));
    given().when().get("/health/detailed").then().statusCode(503)
        .body("status", equalTo("unhealthy"))
        .body("checks.queues.find { it.channel == '" + CHANNEL + "' }.status", equalTo("down"))
        .body("checks.queues.find { it.channel == '" + CHANNEL + "' }.queue", equalTo("test-health"))
        .body("checks.queues.find { it.channel == '" + CHANNEL + "' }.error", startsWith("fetch: "))
        .body("checks.queues.find { it.channel == '" + CHANNEL + "' }.failingSince", notNullValue());
  }

  /** The redis-server's own process id, from INFO: the test freezes exactly that process. */
  static String processId(int port) throws IOException {
    try (RespConnection redis = new RespConnection(port)) {
      String info = redis.call("INFO", "server").toString();
      return info.lines().filter(line -> line.startsWith("process_id:")).findFirst().orElseThrow().substring("process_id:".length()).trim();
    }
  }

  static void signal(String signal, String pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start();
    assertThat(kill.waitFor()).as("kill -" + signal + " " + pid).isZero();
  }

  static void ready() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> readiness().statusCode(200)
        .body(MESSAGING_CHECK + ".data.'" + CHANNEL + "'", startsWith("[OK]")));
  }

  static ValidatableResponse readiness() {
    return given().when().get("/q/health/ready").then();
  }
}
