package dev.switchboard.send.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

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
public class SendResource {

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
  public Uni<RestResponse<SendResponse>> send(@RestHeader("Authorization") String authorization,
      @RestHeader("Idempotency-Key") String idempotencyKey, byte[] body) {
    Tenant tenant = this.auth.tenant(authorization);
    return this.rateLimiter.admit(tenant)
        .map(ignored -> this.parser.parse(body))
        .chain(request -> this.service.submit(tenant, request, SendRequestParser.idempotencyKey(idempotencyKey)))
        .map(outcome -> RestResponse.ResponseBuilder.<SendResponse>create(outcome.status()).entity(outcome.response()).build());
  }

  @POST
  @Path("/v1/messages")
  public Uni<RestResponse<SendResponse>> sendV1(@RestHeader("Authorization") String authorization,
      @RestHeader("Idempotency-Key") String idempotencyKey, byte[] body) {
    return send(authorization, idempotencyKey, body);
  }

  @GET
  @Path("/whatsapp/messages/{jobId}")
  public Uni<MessageView> status(@RestHeader("Authorization") String authorization, @RestPath String jobId) {
    Tenant tenant = this.auth.tenant(authorization);
    return this.statuses.find(tenant, jobId)
        .map(view -> view.orElseThrow(() -> new ApiException(404, "not_found", "No send job " + jobId + " for this tenant")));
  }

  @GET
  @Path("/v1/messages/{jobId}")
  public Uni<MessageView> statusV1(@RestHeader("Authorization") String authorization, @RestPath String jobId) {
    return status(authorization, jobId);
  }
}
