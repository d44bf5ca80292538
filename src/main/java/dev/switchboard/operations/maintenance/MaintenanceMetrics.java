package dev.switchboard.operations.maintenance;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Maintenance meters, tagged by task (not "job": Prometheus keeps that label for the scrape job). The gauges show the shared record (whichever replica ran the job), refreshed by
 * {@link MaintenanceSchedule}, so any replica's scrape tells whether the job ran: {@code
 * switchboard_maintenance_last_run_timestamp_seconds}, {@code …_last_success_timestamp_seconds}, {@code
 * …_last_duration_seconds}, {@code …_last_failed} (1 when the last run failed). The counters count this replica's triggers by
 * outcome: {@code switchboard_maintenance_runs_total{task,outcome=success|failed|skipped}}.
 */
@Startup // the gauges exist from the first scrape, so "never ran" shows as 0 instead of no series
@ApplicationScoped
public class MaintenanceMetrics {

  private final MeterRegistry registry;
  private final Map<MaintenanceJob, MaintenanceRun> latest = new ConcurrentHashMap<>();

  public MaintenanceMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (MaintenanceJob job : MaintenanceJob.values()) {
      this.latest.put(job, MaintenanceRun.never(job));
      gauge("switchboard.maintenance.last.run.timestamp.seconds", job, "Start of the last run, epoch seconds (0: never)",
          run -> seconds(run.lastRunAt()));
      gauge("switchboard.maintenance.last.success.timestamp.seconds", job, "Start of the last successful run, epoch seconds (0: never)",
          run -> seconds(run.lastSuccessAt()));
      gauge("switchboard.maintenance.last.duration.seconds", job, "Duration of the last run",
          run -> run.durationMs() == null ? 0 : run.durationMs() / 1000.0);
      gauge("switchboard.maintenance.last.failed", job, "1 when the last run failed", run -> MaintenanceRun.FAILED.equals(run.outcome()) ? 1 : 0);
      for (String outcome : new String[] { MaintenanceRun.SUCCESS, MaintenanceRun.FAILED, MaintenanceRun.SKIPPED }) {
        counter(job, outcome);
      }
    }
  }

  public void counted(MaintenanceJob job, String outcome) {
    counter(job, outcome).increment();
  }

  public void show(MaintenanceRun run) {
    this.latest.put(MaintenanceJob.fromId(run.job()), run);
  }

  private Counter counter(MaintenanceJob job, String outcome) {
    return Counter.builder("switchboard.maintenance.runs").description("Maintenance triggers on this replica by outcome")
        .tag("task", job.id()).tag("outcome", outcome).register(this.registry);
  }

  private void gauge(String name, MaintenanceJob job, String description, ToDoubleFunction<MaintenanceRun> value) {
    Gauge.builder(name, this.latest, runs -> value.applyAsDouble(runs.get(job))).description(description).tag("task", job.id())
        .register(this.registry);
  }

  private static double seconds(String iso) {
    return iso == null ? 0 : Instant.parse(iso).toEpochMilli() / 1000.0;
  }
}
