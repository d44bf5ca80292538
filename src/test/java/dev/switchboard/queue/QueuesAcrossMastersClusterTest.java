package dev.switchboard.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.devmode.LocalRedisServer;
import dev.switchboard.queue.redis.QueueKeys;
import dev.switchboard.testing.RedisCluster;
import dev.switchboard.testing.RedisClusterProfile;
import dev.switchboard.testing.RedisClusterTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;

/**
 * The queue suites' queues on a 3-master cluster are not all on one master by chance: they spread over all three, and
 * one replica's consumers run queues of three masters at the same time, each queue's keys on its own master only.
 */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class QueuesAcrossMastersClusterTest {

  /** The queues of the suites that run a second time on the cluster (*ClusterTest in this package). */
  static final List<String> SUITE_QUEUES = List.of("test-basic", "test-retry", "test-group", "test-fifo", "test-priority", "test-pause",
      "test-stall", "test-delayed", "test-timeout");
  /** Queues whose processors just log the job, candidates for the run below. */
  static final List<String> PLAIN_QUEUES = List.of("test-basic", "test-retry", "test-priority", "test-delayed", "test-fifo");
  static final int JOBS = 200;

  @Inject
  JobQueue jobs;

  @Inject
  QueueRegistry registry;

  @Inject
  JobLog log;

  final RedisCluster cluster = RedisClusterTestResource.cluster();

  @Test
  void shouldSpreadTheSuitesQueuesOverEveryMaster() {
    Map<Integer, List<String>> byMaster = new LinkedHashMap<>();
    for (String queue : SUITE_QUEUES) {
      byMaster.computeIfAbsent(owner(queue).port(), port -> new ArrayList<>()).add(queue);
    }
    System.out.println("test queues by master port: " + byMaster);
    assertThat(byMaster.keySet()).containsExactlyInAnyOrderElementsOf(this.cluster.masters().stream().map(LocalRedisServer::port).toList());
  }

  @Test
  void shouldRunQueuesOfThreeMastersAtOnceEachOnItsOwnMaster() {
    Map<Integer, String> onePerMaster = new LinkedHashMap<>();
    PLAIN_QUEUES.forEach(queue -> onePerMaster.putIfAbsent(owner(queue).port(), queue));
    assertThat(onePerMaster).as("a plain test queue on each master").hasSize(3);

    // all three batches in flight together
    List<Uni<List<EnqueueResult>>> batches = onePerMaster.values().stream().map(this::batch).toList();
    List<List<EnqueueResult>> results = Uni.join().all(batches).andFailFast().await().atMost(Duration.ofSeconds(20));
    assertThat(results).allSatisfy(batch -> assertThat(batch).hasSize(JOBS).allMatch(EnqueueResult::created));

    await().atMost(Duration.ofSeconds(60)).until(() -> onePerMaster.values().stream().allMatch(queue -> spreadCompletions(queue) == JOBS));

    for (String queue : onePerMaster.values()) {
      assertThat(this.log.starts(queue).stream().filter(s -> s.jobId().startsWith("spread-")).map(JobLog.Start::jobId))
          .as(queue).hasSize(JOBS).doesNotHaveDuplicates();
      assertThat(this.jobs.find(queue, "spread-0").await().atMost(Duration.ofSeconds(5)).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
      LocalRedisServer owner = owner(queue);
      String jobKey = keys(queue).job("spread-0");
      assertThat(RedisCluster.call(owner, "EXISTS", jobKey)).as(queue + " job hash on its master").isEqualTo(1L);
      for (LocalRedisServer master : this.cluster.masters()) {
        if (master.port() != owner.port()) {
          assertThat(keysOn(master, "*{" + queue + "}*")).as(queue + " keys on master " + master.port()).isEmpty();
        }
      }
    }
  }

  private Uni<List<EnqueueResult>> batch(String queue) {
    List<NewJob> batch = new ArrayList<>();
    for (int n = 0; n < JOBS; n++) {
      batch.add(new NewJob(TestWork.of(n), JobOptions.defaults().withJobId("spread-" + n)));
    }
    return this.jobs.enqueueAll(queue, batch);
  }

  private long spreadCompletions(String queue) {
    return this.log.completions(queue).stream().filter(s -> s.jobId().startsWith("spread-")).count();
  }

  private QueueKeys keys(String queue) {
    return new QueueKeys(this.registry.prefix(), queue);
  }

  private LocalRedisServer owner(String queue) {
    return this.cluster.ownerOf(keys(queue).meta());
  }

  private static List<String> keysOn(LocalRedisServer master, String pattern) {
    List<String> found = new ArrayList<>();
    String cursor = "0";
    do {
      List<?> page = (List<?>) RedisCluster.call(master, "SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
      cursor = page.get(0).toString();
      ((List<?>) page.get(1)).forEach(key -> found.add(key.toString()));
    } while (!"0".equals(cursor));
    return found;
  }
}
