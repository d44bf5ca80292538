package dev.switchboard.notification.api;

import java.util.Map;

import jakarta.ws.rs.Consumes;
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
import org.jboss.resteasy.reactive.RestResponse;

import dev.switchboard.admin.AdminAuth;
import dev.switchboard.api.ApiDescription;
import dev.switchboard.error.ApiException;
import dev.switchboard.notification.EmailNotifications;
import dev.switchboard.tenant.BearerAuth;
import dev.switchboard.tenant.TenantDirectory;
import io.smallrye.mutiny.Uni;

/** {@code POST /api/notifications/email}: queue an e-mail, with a tenant's token or the admin token. */
@Path("/api/notifications/email")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "E-mail notifications", description = "Templated e-mails sent over SMTP from the notification:email queue")
public class EmailResource {

  private final TenantDirectory tenants;
  private final AdminAuth admin;
  private final EmailRequestParser parser;
  private final EmailNotifications notifications;

  public EmailResource(TenantDirectory tenants, AdminAuth admin, EmailRequestParser parser, EmailNotifications notifications) {
    this.tenants = tenants;
    this.admin = admin;
    this.parser = parser;
    this.notifications = notifications;
  }

  /** The answer: the job that will send the mail. */
  public record Accepted(String jobId, String status) {
  }

  /** Documentation of the body; the parser reads it field by field to name what is wrong. */
  @Schema(description = "An e-mail to send")
  public record Request(
      @Schema(description = "One plain address", required = true, examples = "anna@example.com") String to,
      @Schema(description = "Subject; default: the template's") String subject,
      @Schema(description = "booking_confirmation, booking_cancelled, salon_welcome or password_reset", required = true) String template,
      @Schema(description = "The template's data, as the README's e-mail section lists it") Map<String, Object> data,
      @Schema(description = "0-10, higher first; default 5") Integer priority) {
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Queue an e-mail")
  @RequestBody(content = @Content(schema = @Schema(implementation = Request.class)))
  @SecurityRequirement(name = ApiDescription.TENANT)
  @SecurityRequirement(name = ApiDescription.ADMIN)
  @APIResponse(responseCode = "202", description = "Queued on notification:email", content = @Content(schema = @Schema(implementation = Accepted.class)))
  @APIResponse(responseCode = "400", description = "invalid_request: details.field names the field (to, template, data.<field>, ...)")
  @APIResponse(responseCode = "401", description = "unauthorized: neither a tenant's token nor the admin token")
  @APIResponse(responseCode = "503", description = "unavailable: Redis cannot be reached; nothing was queued")
  public Uni<RestResponse<Accepted>> send(@RestHeader("Authorization") String authorization, String body) {
    EmailRequestParser.Parsed request = this.parser.parse(body, requester(authorization));
    return this.notifications.enqueue(request.job(), request.priority())
        .map(jobId -> RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, new Accepted(jobId, "queued")).build());
  }

  /** {@code tenant:<id>} for a tenant's token, {@code admin} for the admin token; 401 for anything else. */
  private String requester(String authorization) {
    var tenant = this.tenants.byApiToken(BearerAuth.token(authorization));
    if (tenant.isPresent()) {
      return "tenant:" + tenant.get().id();
    }
    try {
      this.admin.check(authorization);
      return "admin";
    } catch (ApiException e) {
      throw new ApiException(401, "unauthorized", "Unknown API token");
    }
  }
}
