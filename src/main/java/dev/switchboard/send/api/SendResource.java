package dev.switchboard.send.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import dev.switchboard.api.ApiDescription;
import dev.switchboard.error.ApiException;
import dev.switchboard.send.MessageView;
import dev.switchboard.send.SendResponse;
import dev.switchboard.send.SendService;
import dev.switchboard.send.SendStatuses;
import dev.switchboard.send.ratelimit.ApiRateLimiter;
import dev.switchboard.tenant.BearerAuth;
import dev.switchboard.tenant.Tenant;
import io.smallrye.mutiny.Uni;

/**
 * The tenant send API: {@code POST /api/whatsapp/send} (the Node stack's path; {@code POST /api/v1/messages} is the
 * same) and {@code GET /api/whatsapp/messages/{jobId}}. Order of checks: Bearer token (401), the tenant's request
 * rate (429), the body (400), then the work.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sending messages", description = "WhatsApp messages queued on whatsapp-send and sent through the Graph API")
@SecurityRequirement(name = ApiDescription.TENANT)
public class SendResource {

  private static final String SEND = "Send a text or template message: queued (202), or sent at once while the queue is switched off";
  private static final String STATUS = "A send job of the calling tenant: queued, held, active, sent, delivered, read, failed or dead";
  private static final String IDEMPOTENCY = "1 to 255 printable characters: the same key and body within 24 h answer the same job";
  private static final String BAD_REQUEST = "invalid_request: details.field names the field (phoneNumber, text, template.language, "
      + "Idempotency-Key, body, ...) and details.reason why";
  private static final String FORBIDDEN = "forbidden: fromNumber is not the tenant's number; tenant_disabled: the tenant is disabled";
  private static final String CONFLICT = "idempotency_conflict: the key was used with another body; idempotency_in_progress: the first "
      + "request with this key is still sending (details.jobId)";
  private static final String UNPROCESSABLE = "no_sender_number, no_access_token: the tenant cannot send (details.missing); "
      + "whatsapp_rejected: sent at once and WhatsApp refused it";
  private static final String TOO_MANY = "rate_limited: more than the tenant's api-rate-limit requests a second; whatsapp_rate_limited "
      + "(sent at once); Retry-After says when to come back";
  private static final String BAD_GATEWAY = "whatsapp_auth_failed: sent at once and the Graph API refused the tenant's access token";
  private static final String UNAVAILABLE = "unavailable: Redis cannot be reached, nothing was accepted; whatsapp_unavailable (sent at "
      + "once). Retry with the same Idempotency-Key after Retry-After";

  private final BearerAuth auth;
  private final ApiRateLimiter rateLimiter;
  private final SendRequestParser parser;
  private final SendService service;
  private final SendStatuses statuses;

  public SendResource(BearerAuth auth, ApiRateLimiter rateLimiter, SendRequestParser parser, SendService service, SendStatuses statuses) {
    this.auth = auth;
    this.rateLimiter = rateLimiter;
    this.parser = parser;
    this.service = service;
    this.statuses = statuses;
  }

  @POST
  @Path("/whatsapp/send")
  @Operation(summary = SEND)
  @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SendRequestBody.class)))
  @APIResponse(responseCode = "202", description = "Queued: Redis has the job",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SendResponse.class)))
  @APIResponse(responseCode = "200", description = "The same Idempotency-Key and body again (the first job), or sent at once (status sent, wamid)",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SendResponse.class)))
  @APIResponse(responseCode = "400", description = BAD_REQUEST)
  @APIResponse(responseCode = "401", ref = ApiDescription.TENANT_UNAUTHORIZED)
  @APIResponse(responseCode = "403", description = FORBIDDEN)
  @APIResponse(responseCode = "409", description = CONFLICT)
  @APIResponse(responseCode = "422", description = UNPROCESSABLE)
  @APIResponse(responseCode = "429", description = TOO_MANY)
  @APIResponse(responseCode = "502", description = BAD_GATEWAY)
  @APIResponse(responseCode = "503", description = UNAVAILABLE)
  public Uni<RestResponse<SendResponse>> send(@Parameter(hidden = true) @RestHeader("Authorization") String authorization,
      @Parameter(description = IDEMPOTENCY) @RestHeader("Idempotency-Key") String idempotencyKey, byte[] body) {
    Tenant tenant = this.auth.tenant(authorization);
    return this.rateLimiter.admit(tenant)
        .map(ignored -> this.parser.parse(body))
        .chain(request -> this.service.submit(tenant, request, SendRequestParser.idempotencyKey(idempotencyKey)))
        .map(outcome -> RestResponse.ResponseBuilder.<SendResponse>create(outcome.status()).entity(outcome.response()).build());
  }

  @POST
  @Path("/v1/messages")
  @Operation(summary = SEND + " (alias of POST /api/whatsapp/send)")
  @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SendRequestBody.class)))
  @APIResponse(responseCode = "202", description = "Queued: Redis has the job",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SendResponse.class)))
  @APIResponse(responseCode = "200", description = "The same Idempotency-Key and body again (the first job), or sent at once (status sent, wamid)",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SendResponse.class)))
  @APIResponse(responseCode = "400", description = BAD_REQUEST)
  @APIResponse(responseCode = "401", ref = ApiDescription.TENANT_UNAUTHORIZED)
  @APIResponse(responseCode = "403", description = FORBIDDEN)
  @APIResponse(responseCode = "409", description = CONFLICT)
  @APIResponse(responseCode = "422", description = UNPROCESSABLE)
  @APIResponse(responseCode = "429", description = TOO_MANY)
  @APIResponse(responseCode = "502", description = BAD_GATEWAY)
  @APIResponse(responseCode = "503", description = UNAVAILABLE)
  public Uni<RestResponse<SendResponse>> sendV1(@Parameter(hidden = true) @RestHeader("Authorization") String authorization,
      @Parameter(description = IDEMPOTENCY) @RestHeader("Idempotency-Key") String idempotencyKey, byte[] body) {
    return send(authorization, idempotencyKey, body);
  }

  @GET
  @Path("/whatsapp/messages/{jobId}")
  @Operation(summary = STATUS)
  @APIResponse(responseCode = "200", description = "The job", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessageView.class)))
  @APIResponse(responseCode = "401", ref = ApiDescription.TENANT_UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = ApiDescription.TENANT_DISABLED)
  @APIResponse(responseCode = "404", description = "not_found: no such job for this tenant (another tenant's job too)")
  @APIResponse(responseCode = "503", ref = ApiDescription.UNAVAILABLE)
  public Uni<MessageView> status(@Parameter(hidden = true) @RestHeader("Authorization") String authorization, @RestPath String jobId) {
    Tenant tenant = this.auth.tenant(authorization);
    return this.statuses.find(tenant, jobId)
        .map(view -> view.orElseThrow(() -> new ApiException(404, "not_found", "No send job " + jobId + " for this tenant")));
  }

  @GET
  @Path("/v1/messages/{jobId}")
  @Operation(summary = STATUS + " (alias of GET /api/whatsapp/messages/{jobId})")
  @APIResponse(responseCode = "200", description = "The job", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessageView.class)))
  @APIResponse(responseCode = "401", ref = ApiDescription.TENANT_UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = ApiDescription.TENANT_DISABLED)
  @APIResponse(responseCode = "404", description = "not_found: no such job for this tenant (another tenant's job too)")
  @APIResponse(responseCode = "503", ref = ApiDescription.UNAVAILABLE)
  public Uni<MessageView> statusV1(@Parameter(hidden = true) @RestHeader("Authorization") String authorization, @RestPath String jobId) {
    return status(authorization, jobId);
  }
}
