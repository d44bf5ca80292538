package dev.switchboard.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.operations.maintenance.MaintenanceJob;
import dev.switchboard.operations.maintenance.MaintenanceRun;
import dev.switchboard.operations.maintenance.MaintenanceRuns;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The schedules read their crons, time zone and switches from the configuration: here daily every 2 s, weekly off. */
@QuarkusTest
@TestProfile(ScheduledMaintenanceTest.EveryTwoSeconds.class)
class ScheduledMaintenanceTest {

  @Inject
  MaintenanceRuns runs;

  @Test
  void shouldRunTheDailyJobOnItsCronAndLeaveTheSwitchedOffOneAlone() {
    long before = this.runs.read(MaintenanceJob.DAILY).await().atMost(Duration.ofSeconds(10)).runs();
    long weeklyBefore = this.runs.read(MaintenanceJob.WEEKLY).await().atMost(Duration.ofSeconds(10)).runs();

    await().atMost(Duration.ofSeconds(20)).until(() -> this.runs.read(MaintenanceJob.DAILY).await().atMost(Duration.ofSeconds(10)).runs() >= before + 2);

    MaintenanceRun daily = this.runs.read(MaintenanceJob.DAILY).await().atMost(Duration.ofSeconds(10));
    assertThat(daily.outcome()).isEqualTo(MaintenanceRun.SUCCESS);
    assertThat(Instant.parse(daily.lastRunAt())).isAfter(Instant.now().minusSeconds(20));
    assertThat(this.runs.read(MaintenanceJob.WEEKLY).await().atMost(Duration.ofSeconds(10)).runs()).isEqualTo(weeklyBefore);
  }

  public static class EveryTwoSeconds implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("switchboard.maintenance.daily-cron", "*/2 * * * * ?", "switchboard.maintenance.weekly-cron", "* * * * * ?",
          "switchboard.maintenance.weekly-enabled", "false", "switchboard.maintenance.time-zone", "Europe/Berlin");
    }
  }
}
