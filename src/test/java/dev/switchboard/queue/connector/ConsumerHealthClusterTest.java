package dev.switchboard.queue.connector;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.devmode.LocalRedisServer;
import dev.switchboard.testing.RedisCluster;
import dev.switchboard.testing.RedisClusterProfile;
import dev.switchboard.testing.RedisClusterTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Readiness on a 3-master cluster: the standalone cases, where "Redis" is the master of test-health's slot (a key of
 * the wrong type there; that master hanging, which soon fails the whole cluster, as Redis Cluster stops serving while
 * a slot has no master) or every node (stopped), and one more: with {@code cluster-require-full-coverage no}, where
 * the other masters go on serving, the channels whose queue lives on the hung master go DOWN while the others still
 * consume, and all come back UP once it answers again.
 */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class ConsumerHealthClusterTest extends ConsumerHealthTest {

  /** Channels (named as their queues) of plain test queues, at least one of them on another master than test-health. */
  static final List<String> OTHER_CHANNELS = List.of("test-retry", "test-priority", "test-basic", "test-delayed");

  final RedisCluster cluster = RedisClusterTestResource.cluster();

  @Override
  protected int queueNodePort() {
    return this.cluster.ownerOf(BAND_10).port();
  }

  @Override
  protected void stopRedis() {
    this.cluster.stop();
  }

  @Override
  protected void startRedis() {
    this.cluster.start();
  }

  @Override
  protected void awaitRedisAnswers() {
    this.cluster.awaitHealthy();
  }

  @Test
  void shouldTurnOnlyTheQueuesOfAHungMasterUnreadyWhileTheOthersServe() throws Exception {
    ready();
    LocalRedisServer hung = this.cluster.ownerOf(BAND_10);
    String elsewhere = OTHER_CHANNELS.stream().filter(channel -> this.cluster.ownerOf("sb:{" + channel + "}:meta").port() != hung.port())
        .findFirst().orElseThrow();
    setFullCoverage("no");
    String pid = processId(hung.port());
    try {
      signal("STOP", pid);

      // one answer with both: the hung master's queue DOWN, the other master's UP. Only for the first seconds: calls
      // to the hung master pile up in the client's pool and then hold back calls to the other masters too (README,
      // "Known limits"), so the other queue's health timeout (6 s) bounds how long this holds
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> readiness().statusCode(503)
          .body(MESSAGING_CHECK + ".data.'" + CHANNEL + "'", startsWith("[KO]"))
          .body(MESSAGING_CHECK + ".data.'" + elsewhere + "'", startsWith("[OK]")));
      awaitQueueDown();
    } finally {
      signal("CONT", pid);
      this.cluster.awaitHealthy();
      setFullCoverage("yes");
    }

    ready();
    given().when().get("/health/detailed").then().statusCode(200).body("status", equalTo("healthy"))
        .body("checks.queues.find { it.channel == '" + CHANNEL + "' }.status", equalTo("up"));
  }

  private void setFullCoverage(String value) {
    this.cluster.masters().forEach(master -> RedisCluster.call(master, "CONFIG", "SET", "cluster-require-full-coverage", value));
  }
}
