package dev.switchboard.admin.audit;

import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import dev.switchboard.api.ApiDescription;
import dev.switchboard.error.ApiException;
import io.smallrye.mutiny.Uni;

/** {@code GET /admin/audit}: who did what through the admin API, newest first (the last 1,000 actions are kept). */
@Path("/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
@SecurityRequirement(name = ApiDescription.ADMIN)
public class AuditResource {

  private final AuditLog audit;

  public AuditResource(AuditLog audit) {
    this.audit = audit;
  }

  @GET
  @Operation(summary = "The latest admin actions, newest first: who, what, which queue or job, status and count")
  @APIResponse(responseCode = "200", description = "[{at, who, role, action, queue, job, status, count}]")
  @APIResponse(responseCode = "400", description = "invalid_request: limit out of 1–1000")
  @APIResponse(responseCode = "401", ref = ApiDescription.ADMIN_UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = ApiDescription.ADMIN_FORBIDDEN)
  public Uni<List<AuditEntry>> latest(@RestQuery @DefaultValue("100") int limit) {
    if (limit < 1 || limit > AuditLog.KEEP) {
      throw ApiException.invalid("limit", "must be between 1 and " + AuditLog.KEEP);
    }
    return this.audit.latest(limit);
  }
}
