package dev.switchboard.health;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/** {@code GET /health/detailed}: 200 while the service can do its work (healthy or degraded), 503 when not. */
@Path("/health/detailed")
public class DetailedHealthResource {

  private final DetailedHealthService service;

  public DetailedHealthResource(DetailedHealthService service) {
    this.service = service;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<RestResponse<DetailedHealth>> detailed() {
    return this.service.report().map(report -> DetailedHealth.UNHEALTHY.equals(report.status())
        ? RestResponse.status(Status.SERVICE_UNAVAILABLE, report)
        : RestResponse.ok(report));
  }
}
