package dev.switchboard.send.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.api.ApiDescription;
import dev.switchboard.error.ErrorResponse;
import dev.switchboard.send.ratelimit.SenderRateLimiter;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.tenant.TenantDirectory;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** {@code GET /admin/send/numbers}: each tenant's sender number with its rate limiter's state and any pause in force. */
@Path("/admin/send/numbers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Send admin")
@SecurityRequirement(name = ApiDescription.ADMIN)
public class SenderNumbersResource {

  private final TenantDirectory tenants;
  private final SenderRateLimiter limiter;

  public SenderNumbersResource(TenantDirectory tenants, SenderRateLimiter limiter) {
    this.tenants = tenants;
    this.limiter = limiter;
  }

  @GET
  @Operation(summary = "Per sender number: its rate, how far its send schedule runs ahead, and a pause after Graph error 130429 or 80007")
  @APIResponse(responseCode = "200", description = "[{tenant, displayName, phoneNumberId, ratePerSecond, maxConcurrency, nextSlotInMillis, pauseCode, pausedUntilMillis}]")
  @APIResponse(responseCode = "401", ref = ApiDescription.ADMIN_UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = ApiDescription.ADMIN_FORBIDDEN)
  public Uni<List<SenderNumber>> numbers() {
    List<Tenant> withNumber = this.tenants.all().stream().filter(tenant -> tenant.phoneNumberId().isPresent()).toList();
    if (withNumber.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    List<Uni<SenderNumber>> each = withNumber.stream().map(tenant -> this.limiter.state(tenant.phoneNumberId().get())
        .map(state -> new SenderNumber(tenant.id(), tenant.displayName(), tenant.phoneNumberId().get(), tenant.rateLimit(),
            tenant.maxConcurrency(), state.nextSlotInMillis(), state.pauseCode(), state.pausedUntilMillis()))).toList();
    return Uni.join().all(each).andFailFast();
  }

  @RegisterForReflection
  public record SenderNumber(String tenant, String displayName, String phoneNumberId, int ratePerSecond, int maxConcurrency,
      long nextSlotInMillis, String pauseCode, Long pausedUntilMillis) {
  }
}
