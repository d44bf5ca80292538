package dev.switchboard.operations.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.operations.maintenance.MaintenanceLock.Lease;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Runs a maintenance job on at most one replica at a time: it takes the job's lock, extends the lease while the job
 * runs, records the run (or the skip, when another holder has the lock) and releases the lock. Schedules, the admin
 * API and the CLI all trigger jobs through here.
 */
@ApplicationScoped
public class MaintenanceRunner {

  private final MaintenanceLock lock;
  private final MaintenanceTasks tasks;
  private final MaintenanceRuns runs;
  private final MaintenanceMetrics metrics;
  private final Vertx vertx;
  private final Duration lease;
  private final String replica;

  public MaintenanceRunner(MaintenanceLock lock, MaintenanceTasks tasks, MaintenanceRuns runs, MaintenanceMetrics metrics, Vertx vertx,
      SwitchboardConfig config) {
    this.lock = lock;
    this.tasks = tasks;
    this.runs = runs;
    this.metrics = metrics;
    this.vertx = vertx;
    this.lease = config.maintenance().lockLease();
    this.replica = config.instanceId();
  }

  public Uni<MaintenanceReport> run(MaintenanceJob job, String trigger) {
    return runWith(job, trigger, () -> this.tasks.run(job));
  }

  /** {@link #run} with the given work in place of the job's tasks (a test can hold a run open). */
  Uni<MaintenanceReport> runWith(MaintenanceJob job, String trigger, Supplier<Uni<Map<String, Long>>> work) {
    Instant started = Instant.now();
    return this.lock.tryAcquire(job.id(), this.lease).chain(held -> held.isPresent()
        ? runHolding(job, trigger, held.get(), started, work)
        : skipped(job, trigger, started));
  }

  private Uni<MaintenanceReport> runHolding(MaintenanceJob job, String trigger, Lease held, Instant started,
      Supplier<Uni<Map<String, Long>>> work) {
    AtomicBoolean lost = new AtomicBoolean();
    long renewEvery = Math.max(100, this.lease.toMillis() / 3);
    long timer = this.vertx.setPeriodic(renewEvery, id -> held.extend().subscribe().with(ours -> {
      if (!ours && lost.compareAndSet(false, true)) {
        Log.warnf("Maintenance %s lost its lock while running (lease %s ran out); another replica may start it too", job.id(), this.lease);
      }
    }, failure -> Log.warnf("Maintenance %s could not extend its lock: %s", job.id(), failure.getMessage())));
    return Uni.createFrom().<Map<String, Long>>deferred(work::get)
        .map(counts -> report(job, MaintenanceRun.SUCCESS, started, counts, null))
        .onFailure().recoverWithItem(failure -> report(job, MaintenanceRun.FAILED, started, Map.of(), String.valueOf(failure.getMessage())))
        .eventually(() -> {
          this.vertx.cancelTimer(timer);
          return held.release().onFailure().recoverWithNull();
        })
        .call(report -> this.runs.recordFinished(job, report, this.replica))
        .call(() -> this.runs.read(job).invoke(this.metrics::show))
        .invoke(report -> {
          this.metrics.counted(job, report.outcome());
          if (MaintenanceRun.SUCCESS.equals(report.outcome())) {
            Log.infof("Maintenance %s (%s) done in %d ms on %s: %s", job.id(), trigger, report.durationMs(), this.replica, report.counts());
          } else {
            Log.errorf("Maintenance %s (%s) failed after %d ms on %s: %s", job.id(), trigger, report.durationMs(), this.replica, report.error());
          }
        });
  }

  private Uni<MaintenanceReport> skipped(MaintenanceJob job, String trigger, Instant started) {
    return this.runs.recordSkip(job, this.replica).invoke(() -> {
      this.metrics.counted(job, MaintenanceRun.SKIPPED);
      Log.infof("Maintenance %s (%s) skipped on %s: another replica holds its lock", job.id(), trigger, this.replica);
    }).replaceWith(() -> new MaintenanceReport(job.id(), MaintenanceRun.SKIPPED, started.toString(), 0, Map.of(), null));
  }

  private static MaintenanceReport report(MaintenanceJob job, String outcome, Instant started, Map<String, Long> counts, String error) {
    long duration = Duration.between(started, Instant.now()).toMillis();
    return new MaintenanceReport(job.id(), outcome, started.toString(), duration, counts, error);
  }
}
