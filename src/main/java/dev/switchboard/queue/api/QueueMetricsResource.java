package dev.switchboard.queue.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import dev.switchboard.admin.AdminAuth;
import dev.switchboard.queue.QueueAdmin;
import dev.switchboard.queue.QueueRegistry;
import dev.switchboard.queue.QueueSettings;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.tenant.TenantDirectory;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /api/queue/metrics}: every declared queue's counts and the jobs each tenant has in flight, the shape
 * the Node stack's dashboards read. It shows all tenants, so it takes the admin token.
 */
@Path("/api/queue/metrics")
public class QueueMetricsResource {

  private final AdminAuth adminAuth;
  private final QueueAdmin admin;
  private final QueueRegistry registry;
  private final TenantDirectory tenants;

  public QueueMetricsResource(AdminAuth adminAuth, QueueAdmin admin, QueueRegistry registry, TenantDirectory tenants) {
    this.adminAuth = adminAuth;
    this.admin = admin;
    this.registry = registry;
    this.tenants = tenants;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Map<String, QueueMetrics>> metrics(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    this.adminAuth.check(authorization);
    List<String> queues = this.registry.declared().stream().map(QueueSettings::queue).toList();
    List<String> tenantIds = this.tenants.all().stream().map(Tenant::id).toList(); // registry tenants come and go
    List<Uni<QueueMetrics>> each = new ArrayList<>();
    for (String queue : queues) {
      each.add(Uni.combine().all().unis(this.admin.counts(queue), this.admin.activeByGroup(queue, tenantIds))
          .with((counts, active) -> new QueueMetrics(counts.waiting(), counts.active(), counts.completed(), counts.failed(),
              counts.delayed(), counts.dead(), counts.isPaused(), active)));
    }
    if (each.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return Uni.join().all(each).andFailFast().map(all -> {
      Map<String, QueueMetrics> byQueue = new LinkedHashMap<>();
      for (int i = 0; i < queues.size(); i++) {
        byQueue.put(queues.get(i), all.get(i));
      }
      return byQueue;
    });
  }

  /** One queue: jobs by state and, per tenant (group), the jobs holding one of its concurrency slots. */
  @RegisterForReflection
  public record QueueMetrics(long waiting, long active, long completed, long failed, long delayed, long dead,
      boolean paused, Map<String, Long> tenantConcurrency) {
  }
}
