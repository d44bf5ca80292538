package dev.switchboard.queue.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.switchboard.api.ApiDescription;
import dev.switchboard.queue.QueueAdmin;
import dev.switchboard.queue.QueueGroups;
import dev.switchboard.queue.QueueRegistry;
import dev.switchboard.queue.QueueSettings;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /api/queue/metrics}: every declared queue's counts and the jobs each group has in flight, the shape the
 * Node stack's dashboards read. The groups are those with jobs parked behind their limit and those the producers
 * contribute ({@link QueueGroups} beans). It shows every group, so {@link dev.switchboard.admin.AdminAuth} guards it
 * as it guards {@code /admin}.
 */
@Path("/api/queue/metrics")
@Tag(name = "Queues")
public class QueueMetricsResource {

  private final QueueAdmin admin;
  private final QueueRegistry registry;
  private final Instance<QueueGroups> knownGroups;

  public QueueMetricsResource(QueueAdmin admin, QueueRegistry registry, Instance<QueueGroups> knownGroups) {
    this.admin = admin;
    this.registry = registry;
    this.knownGroups = knownGroups;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Every queue's jobs by state and the jobs each group (tenant) has in flight")
  @SecurityRequirement(name = ApiDescription.ADMIN)
  @APIResponse(responseCode = "200", description = "Queue name to its figures",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, additionalProperties = QueueMetrics.class)))
  @APIResponse(responseCode = "401", ref = ApiDescription.ADMIN_UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = ApiDescription.ADMIN_FORBIDDEN)
  @APIResponse(responseCode = "503", ref = ApiDescription.UNAVAILABLE)
  public Uni<Map<String, QueueMetrics>> metrics() { // AdminAuth's filter guards the path
    List<String> queues = this.registry.declared().stream().map(QueueSettings::queue).toList();
    List<Uni<QueueMetrics>> each = new ArrayList<>();
    for (String queue : queues) {
      each.add(Uni.combine().all().unis(this.admin.counts(queue), this.admin.activeByGroup(queue, groupsOf(queue)))
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

  private List<String> groupsOf(String queue) {
    return this.knownGroups.stream().filter(groups -> groups.queue().equals(queue)).flatMap(groups -> groups.groups().stream()).toList();
  }

  /**
   * One queue: jobs by state and, per group, the jobs holding one of its concurrency slots; under the JSON name the
   * Node stack's dashboards read, {@code tenantConcurrency}.
   */
  @RegisterForReflection
  public record QueueMetrics(long waiting, long active, long completed, long failed, long delayed, long dead,
      boolean paused, @JsonProperty("tenantConcurrency") Map<String, Long> groupConcurrency) {
  }
}
