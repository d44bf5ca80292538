package dev.switchboard.operations;

import static dev.switchboard.operations.CacheAdminApiTest.WAIT;
import static dev.switchboard.operations.CacheAdminApiTest.asAdmin;
import static dev.switchboard.operations.CacheAdminApiTest.newPhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.cache.state.UserStateStore;
import dev.switchboard.operations.maintenance.MaintenanceJob;
import dev.switchboard.operations.maintenance.MaintenanceLock;
import dev.switchboard.operations.maintenance.MaintenanceReport;
import dev.switchboard.operations.maintenance.MaintenanceRun;
import dev.switchboard.operations.maintenance.MaintenanceRunner;
import dev.switchboard.operations.maintenance.MaintenanceRuns;
import dev.switchboard.testing.Metrics;
import dev.switchboard.testing.RedisTestResource;
import dev.switchboard.testing.RespConnection;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;

/**
 * Scheduled maintenance on a real Redis: the lock lets one holder run a job and the other skip (recorded), only
 * the owner releases it, and the daily job removes exactly the user states older than a day.
 */
@QuarkusTest
@TestProfile(OperationsProfile.class)
class MaintenanceTest {

  @Inject
  MaintenanceLock lock;

  @Inject
  MaintenanceRunner runner;

  @Inject
  MaintenanceRuns runs;

  @Inject
  UserStateStore states;

  @Test
  void shouldLetExactlyOneOfTwoHoldersStartedAtOnceTakeTheLock() {
    String job = "race-" + UUID.randomUUID();
    List<Optional<MaintenanceLock.Lease>> both = Uni.join().all(this.lock.tryAcquire(job, Duration.ofSeconds(30)),
        this.lock.tryAcquire(job, Duration.ofSeconds(30))).andFailFast().await().atMost(WAIT);

    assertThat(both).filteredOn(Optional::isPresent).hasSize(1);
    MaintenanceLock.Lease winner = both.stream().flatMap(Optional::stream).findFirst().orElseThrow();
    assertThat(this.lock.holder(job).await().atMost(WAIT)).contains(winner.token());
    assertThat(winner.extend().await().atMost(WAIT)).isTrue();
    assertThat(winner.release().await().atMost(WAIT)).isTrue();
    assertThat(this.lock.holder(job).await().atMost(WAIT)).isEmpty();
  }

  @Test
  void shouldSkipAndRecordARunWhileAnotherReplicaHoldsTheJob() {
    MaintenanceRun before = this.runs.read(MaintenanceJob.DAILY).await().atMost(WAIT);
    double skippedBefore = skipped();
    // another replica is running the daily job
    MaintenanceLock.Lease other = this.lock.tryAcquire(MaintenanceJob.DAILY.id(), Duration.ofSeconds(30)).await().atMost(WAIT).orElseThrow();
    try {
      MaintenanceReport report = this.runner.run(MaintenanceJob.DAILY, "test").await().atMost(WAIT);

      assertThat(report.outcome()).isEqualTo(MaintenanceRun.SKIPPED);
      MaintenanceRun after = this.runs.read(MaintenanceJob.DAILY).await().atMost(WAIT);
      assertThat(after.skips()).isEqualTo(before.skips() + 1);
      assertThat(after.runs()).isEqualTo(before.runs());
      assertThat(Instant.parse(after.lastSkipAt())).isAfter(Instant.now().minusSeconds(30));
      assertThat(skipped()).isEqualTo(skippedBefore + 1);
      // the skipping replica left the other's lock alone
      assertThat(this.lock.holder(MaintenanceJob.DAILY.id()).await().atMost(WAIT)).contains(other.token());
    } finally {
      other.release().await().atMost(WAIT);
    }

    MaintenanceReport ran = this.runner.run(MaintenanceJob.DAILY, "test").await().atMost(WAIT);
    assertThat(ran.outcome()).isEqualTo(MaintenanceRun.SUCCESS);
    assertThat(this.lock.holder(MaintenanceJob.DAILY.id()).await().atMost(WAIT)).isEmpty();
    MaintenanceRun recorded = this.runs.read(MaintenanceJob.DAILY).await().atMost(WAIT);
    assertThat(recorded.runs()).isEqualTo(before.runs() + 1);
    assertThat(recorded.outcome()).isEqualTo(MaintenanceRun.SUCCESS);
    assertThat(recorded.lastRunAt()).isEqualTo(ran.startedAt());
    assertThat(recorded.counts()).containsKeys("userStatesRemoved", "finishedJobsRemoved", "userStatesLeft");
    assertThat(Metrics.value("switchboard_maintenance_last_run_timestamp_seconds", "task=\"daily\""))
        .isEqualTo(Instant.parse(ran.startedAt()).toEpochMilli() / 1000.0, org.assertj.core.data.Offset.offset(0.01));
    asAdmin().get("/admin/cache/stats").then().statusCode(200).body("maintenance.find { it.job == 'daily' }.lastRunAt", equalTo(ran.startedAt()));
  }

  @Test
  void shouldReleaseALockOnlyForItsOwner() {
    String job = "owner-" + UUID.randomUUID();
    MaintenanceLock.Lease first = this.lock.tryAcquire(job, Duration.ofMillis(300)).await().atMost(WAIT).orElseThrow();
    // its lease runs out (it died, or stalled): someone else takes the job over
    await().atMost(WAIT).until(() -> this.lock.holder(job).await().atMost(WAIT).isEmpty());
    MaintenanceLock.Lease second = this.lock.tryAcquire(job, Duration.ofSeconds(30)).await().atMost(WAIT).orElseThrow();

    assertThat(first.release().await().atMost(WAIT)).isFalse();
    assertThat(first.extend().await().atMost(WAIT)).isFalse();
    assertThat(this.lock.holder(job).await().atMost(WAIT)).contains(second.token());
    second.release().await().atMost(WAIT);
  }

  @Test
  void shouldRemoveExactlyTheUserStatesOlderThanADayInTheDailyRun() throws Exception {
    String tenant = "daily" + UUID.randomUUID().toString().substring(0, 6);
    Instant now = Instant.now();
    Map<String, Duration> ages = Map.of(newPhone(), Duration.ofHours(72), newPhone(), Duration.ofHours(25), newPhone(), Duration.ofHours(23),
        newPhone(), Duration.ofMinutes(5));
    for (var state : ages.entrySet()) {
      this.states.importState(tenant, state.getKey(), Map.of("age", state.getValue().toString()), now.minus(state.getValue())).await().atMost(WAIT);
    }
    long olderThanADay;
    try (RespConnection redis = new RespConnection(RedisTestResource.server().port())) {
      olderThanADay = Long.parseLong(redis.call("ZCOUNT", "sb:cache:user-state:_index", "-inf", "(" + now.minus(Duration.ofHours(24)).toEpochMilli())
          .toString());
    }

    asAdmin().post("/admin/cache/maintenance?job=daily").then().statusCode(200).body("outcome", equalTo("success"))
        .body("counts.userStatesRemoved", equalTo((int) olderThanADay));

    ages.forEach((phone, age) -> assertThat(this.states.get(tenant, phone, Map.class).await().atMost(WAIT).isPresent())
        .as("state last updated %s ago", age).isEqualTo(age.compareTo(Duration.ofHours(24)) < 0));
  }

  private static double skipped() {
    return Metrics.value("switchboard_maintenance_runs_total", "outcome=\"skipped\",task=\"daily\"");
  }
}
