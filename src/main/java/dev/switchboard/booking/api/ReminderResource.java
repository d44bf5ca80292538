package dev.switchboard.booking.api;

import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.switchboard.api.ApiDescription;
import dev.switchboard.booking.ReminderRequest;
import dev.switchboard.booking.ReminderService;
import dev.switchboard.booking.ReminderType;
import dev.switchboard.tenant.BearerAuth;
import dev.switchboard.tenant.Tenant;
import io.smallrye.mutiny.Uni;

/**
 * Booking reminders of the tenant whose Bearer token is presented: schedule (one pending reminder per booking and
 * type; the same request again changes nothing, another {@code sendAt} reschedules), list, cancel.
 */
@Path("/api/bookings/reminders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Booking reminders", description = "WhatsApp template messages sent at a set time before a booking")
@SecurityRequirement(name = ApiDescription.TENANT)
public class ReminderResource {

  private final BearerAuth auth;
  private final ReminderRequestParser parser;
  private final ReminderService service;

  public ReminderResource(BearerAuth auth, ReminderRequestParser parser, ReminderService service) {
    this.auth = auth;
    this.parser = parser;
    this.service = service;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Schedule or reschedule a booking reminder",
      description = "One pending reminder exists per booking and type: the same request again answers it unchanged (200),"
          + " another sendAt moves it (202, the old time never fires).")
  @RequestBody(content = @Content(schema = @Schema(implementation = ReminderRequest.class)))
  @APIResponse(responseCode = "202", description = "Scheduled: outcome created or rescheduled",
      content = @Content(schema = @Schema(implementation = ReminderService.Scheduled.class)))
  @APIResponse(responseCode = "200", description = "Already pending as asked: outcome unchanged, or updated (same time, new content)",
      content = @Content(schema = @Schema(implementation = ReminderService.Scheduled.class)))
  @APIResponse(responseCode = "400", description = "invalid_request: details.field names the field (sendAt in the past, customerPhone, ...)")
  @APIResponse(responseCode = "401", ref = ApiDescription.TENANT_UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = ApiDescription.TENANT_DISABLED)
  @APIResponse(responseCode = "422", description = "no_sender_number: the tenant has no phone-number id")
  @APIResponse(responseCode = "503", description = "unavailable: Redis cannot be reached; nothing was scheduled")
  public Uni<RestResponse<ReminderService.Scheduled>> schedule(@RestHeader("Authorization") String authorization, String body) {
    Tenant tenant = this.auth.tenant(authorization);
    ReminderRequest request = this.parser.parse(body);
    return this.service.schedule(tenant, request).map(scheduled -> RestResponse.ResponseBuilder
        .<ReminderService.Scheduled>create(scheduled.isNew() ? 202 : 200).entity(scheduled).build());
  }

  @GET
  @Path("{bookingId}")
  @Operation(summary = "A booking's reminders and their states")
  @APIResponse(responseCode = "200", description = "The reminders (none: an empty list)",
      content = @Content(schema = @Schema(implementation = ReminderService.Listing.class)))
  @APIResponse(responseCode = "400", description = "invalid_request: bookingId")
  @APIResponse(responseCode = "401", ref = ApiDescription.TENANT_UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = ApiDescription.TENANT_DISABLED)
  @APIResponse(responseCode = "503", description = "unavailable: Redis cannot be reached")
  public Uni<ReminderService.Listing> list(@RestHeader("Authorization") String authorization, @RestPath String bookingId) {
    Tenant tenant = this.auth.tenant(authorization);
    return this.service.list(tenant, ReminderRequestParser.bookingId(bookingId, "bookingId"));
  }

  @DELETE
  @Path("{bookingId}")
  @Operation(summary = "Cancel a booking's pending reminders, all or of one type")
  @APIResponse(responseCode = "200", description = "How many were cancelled, and the booking's reminders afterwards",
      content = @Content(schema = @Schema(implementation = ReminderService.Cancelled.class)))
  @APIResponse(responseCode = "400", description = "invalid_request: bookingId or type")
  @APIResponse(responseCode = "401", ref = ApiDescription.TENANT_UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = ApiDescription.TENANT_DISABLED)
  @APIResponse(responseCode = "503", description = "unavailable: Redis cannot be reached")
  public Uni<ReminderService.Cancelled> cancel(@RestHeader("Authorization") String authorization, @RestPath String bookingId,
      @RestQuery String type) {
    Tenant tenant = this.auth.tenant(authorization);
    Optional<ReminderType> only = type == null || type.isEmpty() ? Optional.empty() : Optional.of(ReminderRequestParser.type(type, "type"));
    return this.service.cancel(tenant, ReminderRequestParser.bookingId(bookingId, "bookingId"), only);
  }
}
