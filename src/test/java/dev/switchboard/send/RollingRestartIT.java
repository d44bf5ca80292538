package dev.switchboard.send;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.devmode.LocalRedisServer;
import dev.switchboard.testing.ServiceProcess;
import dev.switchboard.testing.TestSettings;
import io.restassured.http.ContentType;

/**
 * A rolling restart of the packaged service: the leaving replica (two send copies; the tenant may have 10 sends in
 * flight, so the replica holds most of its 10 jobs fetched ahead) is stopped with SIGTERM while its first sends are at
 * Graph. It finishes the sends its copies took and gives back the jobs it never started, so the arriving replica sends
 * the rest within a reclaim interval (5 s), once each, on the job's first attempt, with nothing counted as stalled.
 * Kept by the leaving replica, they would wait for the 30-second visibility timeout.
 */
class RollingRestartIT {

  static final String PREFIX = "handover ";
  static final Pattern RECLAIMED = Pattern.compile("switchboard_queue_jobs_reclaimed_total\\{queue=\"whatsapp-send\",?} ([0-9.E]+)");

  private final List<ServiceProcess> replicas = new ArrayList<>();
  private LocalRedisServer redis;

  @AfterEach
  void stop() {
    this.replicas.forEach(ServiceProcess::kill);
    if (this.redis != null) {
      this.redis.stop();
    }
  }

  @Test
  void shouldHandTheSendsALeavingReplicaFetchedAheadToTheNextOneAtOnce() {
    this.redis = LocalRedisServer.onFreePort(List.of("--appendonly", "no"));
    this.redis.start();
    FakeGraph graph = FakeGraph.server();
    graph.reset();
    graph.latency(1500);
    Map<String, String> settings = new HashMap<>(new TestSettings().start());
    settings.putAll(new FakeGraph().start());
    settings.put("quarkus.redis.hosts", this.redis.url());
    settings.put("switchboard.tenants.acme.max-concurrency", "10");
    Map<String, String> leavingSettings = new HashMap<>(settings);
    leavingSettings.put("mp.messaging.incoming.whatsapp-send.concurrency", "2");
    ServiceProcess leaving = start(new ServiceProcess("leaving", leavingSettings));

    List<String> jobs = IntStream.range(0, 10).mapToObj(i -> given().port(leaving.port())
        .header("Authorization", "Bearer " + TestSettings.ACME_API_TOKEN).contentType(ContentType.JSON)
        .body(SendClient.text("+49170" + (2000000 + i), PREFIX + i).encode()).post(SendClient.SEND)
        .then().statusCode(202).extract().<String>path("jobId")).toList();
    await().atMost(Duration.ofSeconds(20)).until(() -> graph.requestsWithTextStarting(PREFIX).size() >= 2);
    leaving.stop();
    int sentByLeaving = graph.requestsWithTextStarting(PREFIX).size();
    System.out.printf("the leaving replica sent %d before it stopped%n", sentByLeaving);
    assertThat(sentByLeaving).as("sends the leaving replica finished (its copies hold at most two each)").isLessThanOrEqualTo(4);

    graph.latency(20);
    ServiceProcess arriving = start(new ServiceProcess("arriving", settings));
    long ready = System.nanoTime();
    await().atMost(Duration.ofSeconds(15)).until(() -> graph.requestsWithTextStarting(PREFIX).size() >= 10);
    System.out.printf("the arriving replica sent the other %d within %d ms of being ready%n", 10 - sentByLeaving,
        (System.nanoTime() - ready) / 1_000_000);

    assertThat(graph.requestsWithTextStarting(PREFIX)).extracting(FakeGraph.Request::text).doesNotHaveDuplicates().hasSize(10);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jobs).allSatisfy(job -> {
      var detail = given().port(arriving.port()).header("Authorization", "Bearer " + TestSettings.ADMIN_TOKEN)
          .get("/admin/queue/jobs/" + SendProcessor.QUEUE + "/" + job).then().statusCode(200).extract().jsonPath();
      assertThat(detail.getString("state")).isEqualTo("completed");
      assertThat(detail.getInt("attempts")).as("attempts of " + job).isEqualTo(1);
    }));
    assertThat(reclaimed(arriving)).as("jobs taken over as stalled").isZero();
  }

  private ServiceProcess start(ServiceProcess replica) {
    this.replicas.add(replica);
    return replica.start();
  }

  private static double reclaimed(ServiceProcess replica) {
    String metrics = given().port(replica.port()).header("Accept", "text/plain; version=0.0.4").get("/q/metrics").asString();
    Matcher matcher = RECLAIMED.matcher(metrics);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }
}
