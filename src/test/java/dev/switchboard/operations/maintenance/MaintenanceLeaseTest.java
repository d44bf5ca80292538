package dev.switchboard.operations.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.operations.OperationsProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;

/** A run that outlives its 300 ms lease many times over keeps the lock: the runner renews it until the work ends. */
@QuarkusTest
@TestProfile(OperationsProfile.class)
class MaintenanceLeaseTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Inject
  MaintenanceRunner runner;

  @Inject
  MaintenanceLock lock;

  @Test
  void shouldKeepTheLockForAsLongAsTheRunLasts() {
    CompletableFuture<Map<String, Long>> work = new CompletableFuture<>();
    CompletableFuture<MaintenanceReport> report = this.runner
        .runWith(MaintenanceJob.WEEKLY, "test", () -> Uni.createFrom().completionStage(work)).subscribeAsCompletionStage();
    await().atMost(WAIT).until(() -> this.lock.holder(MaintenanceJob.WEEKLY.id()).await().atMost(WAIT).isPresent());

    // for five leases, another replica finds the job taken
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
        .until(() -> this.lock.tryAcquire(MaintenanceJob.WEEKLY.id(), Duration.ofSeconds(5)).await().atMost(WAIT).isEmpty());

    work.complete(Map.of("done", 1L));
    MaintenanceReport finished = report.join();
    assertThat(finished.outcome()).isEqualTo(MaintenanceRun.SUCCESS);
    assertThat(finished.durationMs()).isGreaterThanOrEqualTo(1500);
    assertThat(this.lock.holder(MaintenanceJob.WEEKLY.id()).await().atMost(WAIT)).isEmpty();
  }
}
