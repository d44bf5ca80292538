package dev.switchboard.send;

import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.message.MessageStatusStore;
import dev.switchboard.queue.JobOptions;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.JobState;
import dev.switchboard.queue.QueueAdmin;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.tenant.TenantChange;
import dev.switchboard.tenant.TenantDirectory;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Puts held sends back in line once their tenant no longer holds them (enabled, deleted with drain, or switched to
 * dead): at once on the replica that sees the change, and every {@code hold-sweep-interval} on every replica for what
 * a change missed (a send held on a replica that had not seen the enable yet, a replica that died mid-release).
 * <p>
 * A held job waits in the queue for its next attempt. Its release removes it and enqueues its payload again under the
 * same id, with fresh attempts; the processor then does what the tenant's state says (send, or dead). Each send is
 * claimed by one replica first, and released only while its job is still the held one: a job done or released already is
 * left alone, so a send is never put back twice, and a job running right now is looked at again at the next sweep.
 */
@ApplicationScoped
public class HeldSendsRelease {

  private static final Duration STALE_CLAIM = Duration.ofSeconds(60);

  private final HeldSends held;
  private final JobQueue jobs;
  private final QueueAdmin admin;
  private final MessageStatusStore statuses;
  private final TenantDirectory tenants;
  private final SwitchboardConfig config;
  private final Vertx vertx;
  private final ObjectMapper mapper;
  private final AtomicBoolean sweeping = new AtomicBoolean();

  public HeldSendsRelease(HeldSends held, JobQueue jobs, QueueAdmin admin, MessageStatusStore statuses, TenantDirectory tenants,
      SwitchboardConfig config, Vertx vertx, ObjectMapper mapper) {
    this.held = held;
    this.jobs = jobs;
    this.admin = admin;
    this.statuses = statuses;
    this.tenants = tenants;
    this.config = config;
    this.vertx = vertx;
    this.mapper = mapper;
  }

  void onStart(@Observes StartupEvent event) {
    if (this.config.tenantRegistry().enabled()) {
      this.vertx.setPeriodic(this.config.tenantRegistry().holdSweepInterval().toMillis(), id -> sweep().subscribe().with(count -> { },
          failure -> { }));
    }
  }

  void onChange(@Observes TenantChange change) {
    boolean wasHeld = change.before().map(Tenant::queuedSends).orElse(null) == Tenant.QueuedSends.HOLD;
    if (wasHeld && change.queuedSendsChanged()) {
      release(change.id()).subscribe().with(count -> { }, failure -> Log.warnf("Release of tenant %s's held sends failed (%s); "
          + "the next sweep retries", change.id(), failure.getMessage()));
    }
  }

  /** Releases the held sends of every tenant that no longer holds them; answers how many. */
  public Uni<Integer> sweep() {
    return Uni.createFrom().deferred(() -> this.sweeping.compareAndSet(false, true) ? sweepNow() : Uni.createFrom().item(0));
  }

  private Uni<Integer> sweepNow() {
    return this.held.tenantsWithHeldSends()
        .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids.stream().filter(this::notHolding).toList()))
        .onItem().transformToUniAndConcatenate(this::release)
        .collect().asList().map(counts -> counts.stream().mapToInt(Integer::intValue).sum())
        .chain(count -> this.held.releasing().chain(stale -> Multi.createFrom().iterable(stale.entrySet())
            .onItem().transformToUniAndConcatenate(entry -> releaseOne(entry.getValue(), entry.getKey()))
            .collect().asList().map(done -> count + (int) done.stream().filter(Boolean::booleanValue).count())))
        .onTermination().invoke(() -> this.sweeping.set(false))
        .onFailure().invoke(failure -> Log.debugf("Held sends sweep failed: %s", failure.getMessage()));
  }

  /**
   * Releases one tenant's held sends (if it no longer holds them), higher priority first and within a priority in the
   * order they were accepted, so they line up again as they were; answers how many went back in line.
   */
  public Uni<Integer> release(String tenant) {
    if (!notHolding(tenant)) {
      return Uni.createFrom().item(0);
    }
    return this.held.heldOf(tenant)
        .onItem().transformToMulti(held -> Multi.createFrom().iterable(held.stream()
            .sorted(Comparator.comparingInt(HeldSends.Held::priority).reversed().thenComparingLong(this::acceptedAt)).toList()))
        .onItem().transformToUniAndConcatenate(send -> releaseOne(tenant, send.jobId()))
        .collect().asList()
        .map(done -> (int) done.stream().filter(Boolean::booleanValue).count())
        .invoke(count -> {
          if (count > 0) {
            Log.infof("Released %d held send(s) of tenant %s: back in the queue", count, tenant);
          }
        });
  }

  private long acceptedAt(HeldSends.Held send) {
    try {
      return this.mapper.readTree(send.data()).path("acceptedAt").asLong();
    } catch (JsonProcessingException e) {
      return 0;
    }
  }

  private boolean notHolding(String tenant) {
    return this.tenants.byId(tenant).map(Tenant::queuedSends).orElse(null) != Tenant.QueuedSends.HOLD;
  }

  private Uni<Boolean> releaseOne(String tenant, String jobId) {
    return this.held.claim(tenant, jobId, STALE_CLAIM.toMillis()).chain(claimed -> claimed.isEmpty()
        ? Uni.createFrom().item(false)
        : putBack(claimed.get()).call(() -> this.held.released(jobId)));
  }

  private Uni<Boolean> putBack(HeldSends.Held send) {
    return this.jobs.find(SendProcessor.QUEUE, send.jobId()).chain(job -> {
      if (job.isEmpty()) {
        // removed by a release that died before it enqueued: back in line unless the message went out meanwhile
        return this.statuses.find(send.jobId()).chain(status -> status.isPresent() && !"queued".equals(status.get().status())
            ? Uni.createFrom().item(false) : enqueue(send));
      }
      if (job.get().state() == JobState.ACTIVE) {
        return holdAgain(send); // its attempt may be holding it right now: look again at the next sweep
      }
      boolean stillHeld = (job.get().state() == JobState.FAILED || job.get().state() == JobState.DELAYED)
          && job.get().lastError() != null && job.get().lastError().startsWith(HeldSends.MARKER);
      if (!stillHeld) {
        return Uni.createFrom().item(false); // done or back in line already
      }
      return this.admin.remove(SendProcessor.QUEUE, send.jobId()).chain(outcome -> outcome == QueueAdmin.RemoveOutcome.ACTIVE
          ? holdAgain(send) : enqueue(send));
    });
  }

  private Uni<Boolean> holdAgain(HeldSends.Held send) {
    return this.held.hold(send.tenant(), send.jobId(), send.priority(), send.data()).replaceWith(false);
  }

  private Uni<Boolean> enqueue(HeldSends.Held send) {
    Optional<Tenant> tenant = this.tenants.byId(send.tenant());
    JobOptions options = JobOptions.defaults().withJobId(send.jobId()).withPriority(send.priority()).withGroup(send.tenant());
    if (tenant.isPresent()) {
      options = options.withGroupLimit(tenant.get().maxConcurrency());
    }
    return this.jobs.enqueue(SendProcessor.QUEUE, send.data(), options).map(result -> result.created());
  }
}
