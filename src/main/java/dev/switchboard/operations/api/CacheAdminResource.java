package dev.switchboard.operations.api;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import dev.switchboard.api.ApiDescription;
import dev.switchboard.error.ApiException;
import dev.switchboard.operations.CacheOperations;
import dev.switchboard.operations.CacheOperations.ClearOldResult;
import dev.switchboard.operations.CacheOperations.ClearResult;
import dev.switchboard.operations.CacheOperations.UserClearResult;
import dev.switchboard.operations.OperationsOverview;
import dev.switchboard.operations.OperationsStats;
import dev.switchboard.operations.maintenance.MaintenanceJob;
import dev.switchboard.operations.maintenance.MaintenanceReport;
import dev.switchboard.operations.maintenance.MaintenanceRunner;
import io.smallrye.mutiny.Uni;

/**
 * The operator's cache and state API under {@code /admin/cache} (AdminAuth guards the path): the old clear-cache
 * script's verbs. GET reads; POST and DELETE act, log what they did and answer counts.
 */
@Path("/admin/cache")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "Cache and state management, maintenance")
@SecurityRequirement(name = ApiDescription.ADMIN)
@APIResponse(responseCode = "401", ref = ApiDescription.ADMIN_UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDescription.ADMIN_FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDescription.UNAVAILABLE)
public class CacheAdminResource {

  static final String BY = "the admin API";
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9A-Za-z._-]{3,64}");
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  private final OperationsOverview overview;
  private final CacheOperations operations;
  private final MaintenanceRunner maintenance;

  public CacheAdminResource(OperationsOverview overview, CacheOperations operations, MaintenanceRunner maintenance) {
    this.overview = overview;
    this.operations = operations;
    this.maintenance = maintenance;
  }

  @GET
  @Path("/stats")
  @Operation(summary = "User states, keys per cache namespace, Redis memory, queue counts and the last maintenance runs")
  @APIResponse(responseCode = "200", description = "the overview, with the time it was taken")
  public Uni<OperationsStats> stats() {
    return this.overview.stats();
  }

  @POST
  @Path("/clear")
  @Operation(summary = "Clears every cache namespace and all user states; with queues=true also every queue job that is not running")
  @APIResponse(responseCode = "200", description = "keys removed per namespace and, with queues=true, jobs removed per queue (running ones are left)")
  @APIResponse(responseCode = "400", description = "invalid_request: queues is not true or false")
  public Uni<ClearResult> clear(@Parameter(description = "also remove waiting, delayed and finished jobs (true or false)") @QueryParam("queues")
      @DefaultValue("false") String queues) {
    if (!queues.equals("true") && !queues.equals("false")) {
      throw ApiException.invalid("queues", "must be true or false, was '" + queues + "'");
    }
    return this.operations.clearAll(Boolean.parseBoolean(queues), BY);
  }

  @POST
  @Path("/clear-old")
  @Operation(summary = "Clears the user states last updated more than the given hours ago")
  @APIResponse(responseCode = "200", description = "how many user states were removed")
  @APIResponse(responseCode = "400", description = "invalid_request: hours is not between 1 and 8760")
  public Uni<ClearOldResult> clearOld(@Parameter(description = "age in hours, 1 to 8760") @QueryParam("hours") @DefaultValue("24")
      String hours) {
    int parsed;
    try {
      parsed = Integer.parseInt(hours.trim());
    } catch (NumberFormatException e) {
      throw ApiException.invalid("hours", "must be a whole number of hours, was '" + hours + "'");
    }
    if (parsed < 1 || parsed > 8760) {
      throw ApiException.invalid("hours", "must be between 1 and 8760, was " + parsed);
    }
    return this.operations.clearOld(parsed, BY);
  }

  @DELETE
  @Path("/users/{phone}")
  @Operation(summary = "Clears one customer's state and cached conversation view, with one tenant or with every tenant")
  @APIResponse(responseCode = "200", description = "states and cached views removed; the phone is masked in the answer")
  @APIResponse(responseCode = "400", description = "invalid_request: phone or tenant is not valid")
  public Uni<UserClearResult> clearUser(@Parameter(description = "phone number (with or without +) or WhatsApp user id") @RestPath String phone,
      @Parameter(description = "only this tenant's state; every tenant's when absent") @QueryParam("tenant") String tenant) {
    if (!PHONE.matcher(phone).matches()) {
      throw ApiException.invalid("phone", "must be a phone number or a WhatsApp user id");
    }
    if (tenant != null && !TENANT.matcher(tenant).matches()) {
      throw ApiException.invalid("tenant", "must be a tenant id");
    }
    return this.operations.clearUser(phone, Optional.ofNullable(tenant), BY);
  }

  @POST
  @Path("/maintenance")
  @Operation(summary = "Runs a maintenance job now, unless another replica is running it (then it is skipped)")
  @APIResponse(responseCode = "200", description = "the run's outcome (success, failed or skipped), duration and counts")
  @APIResponse(responseCode = "400", description = "invalid_request: job is not daily or weekly")
  public Uni<MaintenanceReport> maintenance(@Parameter(description = "daily (default) or weekly") @QueryParam("job") @DefaultValue("daily")
      String job) {
    MaintenanceJob which;
    try {
      which = MaintenanceJob.fromId(job);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("job", e.getMessage());
    }
    return this.maintenance.run(which, BY);
  }
}
