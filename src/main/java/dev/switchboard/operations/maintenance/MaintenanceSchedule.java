package dev.switchboard.operations.maintenance;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.config.SwitchboardConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The maintenance schedules. Every replica fires them; the job's lock lets one run and the others record a skip.
 * SKIP keeps a slow run from overlapping its next trigger on one replica. A switched-off job does nothing (and a
 * cron of {@code off} removes the trigger altogether).
 */
@ApplicationScoped
public class MaintenanceSchedule {

  private final MaintenanceRunner runner;
  private final MaintenanceRuns runs;
  private final MaintenanceMetrics metrics;
  private final SwitchboardConfig.Maintenance settings;

  public MaintenanceSchedule(MaintenanceRunner runner, MaintenanceRuns runs, MaintenanceMetrics metrics, SwitchboardConfig config) {
    this.runner = runner;
    this.runs = runs;
    this.metrics = metrics;
    this.settings = config.maintenance();
  }

  @Scheduled(identity = "maintenance-daily", cron = "${switchboard.maintenance.daily-cron:0 0 2 * * ?}",
      timeZone = "${switchboard.maintenance.time-zone:UTC}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> daily() {
    return this.settings.dailyEnabled() ? this.runner.run(MaintenanceJob.DAILY, "schedule").replaceWithVoid() : Uni.createFrom().voidItem();
  }

  @Scheduled(identity = "maintenance-weekly", cron = "${switchboard.maintenance.weekly-cron:0 0 3 ? * SUN}",
      timeZone = "${switchboard.maintenance.time-zone:UTC}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> weekly() {
    return this.settings.weeklyEnabled() ? this.runner.run(MaintenanceJob.WEEKLY, "schedule").replaceWithVoid() : Uni.createFrom().voidItem();
  }

  /** Every replica's gauges show the shared record, so an alert sees a missed run whichever pod it scrapes. */
  @Scheduled(identity = "maintenance-record", every = "${switchboard.maintenance.record-refresh:60s}", delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> refreshGauges() {
    return this.runs.readAll().onItem().transformToMulti(Multi.createFrom()::iterable).invoke(this.metrics::show).collect().last()
        .onFailure().invoke(failure -> Log.debugf("Maintenance records not read: %s", failure.getMessage()))
        .onFailure().recoverWithNull().replaceWithVoid();
  }
}
