package dev.switchboard.health;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/** {@code GET /health/detailed}: 200 while the service can do its work (healthy or degraded), 503 when not. */
@Path("/health/detailed")
@Tag(name = "Health", description = "What an operator or a load balancer checks beyond /q/health")
public class DetailedHealthResource {

  private final DetailedHealthService service;

  public DetailedHealthResource(DetailedHealthService service) {
    this.service = service;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The service's health: Redis (eviction policy of every master), cache level, each queue's consumers, memory")
  @APIResponse(responseCode = "200", description = "healthy, or degraded (for example a queue Redis that may evict, or the cache on its fallback)",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DetailedHealth.class)))
  @APIResponse(responseCode = "503", description = "unhealthy: the queue Redis does not answer, or a queue's consumers are stuck (same body)",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DetailedHealth.class)))
  public Uni<RestResponse<DetailedHealth>> detailed() {
    return this.service.report().map(report -> DetailedHealth.UNHEALTHY.equals(report.status())
        ? RestResponse.status(Status.SERVICE_UNAVAILABLE, report)
        : RestResponse.ok(report));
  }
}
