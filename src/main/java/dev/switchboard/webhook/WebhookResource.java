package dev.switchboard.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

import dev.switchboard.api.ApiDescription;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.error.ApiException;
import dev.switchboard.error.ErrorResponse;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Meta's webhook endpoint: the GET verification handshake and signed POST deliveries (answered 200 once queued). */
@Path("/webhooks/whatsapp")
@Tag(name = "Webhooks", description = "Meta's deliveries of inbound messages and of statuses of sent messages")
public class WebhookResource {

  private final WebhookIntake intake;
  private final byte[] verifyToken;

  public WebhookResource(WebhookIntake intake, SwitchboardConfig config) {
    this.intake = intake;
    this.verifyToken = config.webhook().verifyToken().orElse("").getBytes(StandardCharsets.UTF_8);
  }

  @GET
  @Operation(summary = "Meta's verification handshake: answers hub.challenge when hub.verify_token matches")
  @APIResponse(responseCode = "200", description = "The challenge, as sent",
      content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(responseCode = "403", description = "verification_failed: hub.mode is not subscribe or the token does not match")
  public Response verify(@Parameter(description = "subscribe") @RestQuery("hub.mode") String mode,
      @Parameter(description = "switchboard.webhook.verify-token") @RestQuery("hub.verify_token") String token,
      @Parameter(description = "Echoed back on success") @RestQuery("hub.challenge") String challenge) {
    boolean tokenMatches = token != null && this.verifyToken.length > 0
        && MessageDigest.isEqual(this.verifyToken, token.getBytes(StandardCharsets.UTF_8));
    if ("subscribe".equals(mode) && tokenMatches && challenge != null) {
      Log.info("Webhook verification handshake answered");
      return Response.ok(challenge, MediaType.TEXT_PLAIN_TYPE).build();
    }
    Log.debugf("Webhook verification refused (mode %s, token %s)", mode, tokenMatches ? "ok" : "wrong");
    return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorResponse.of("verification_failed", "hub.mode must be subscribe and hub.verify_token must match")).build();
  }

  /** Refusals are {@code ApiException}s answered by the global mapper (which logs a 5xx once per 10 s at most). */
  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "A signed delivery: queued on whatsapp:webhook, answered 200 once Redis has it")
  @SecurityRequirement(name = ApiDescription.META)
  @RequestBody(required = true, description = "Meta's delivery, a JSON object with object and entry; signed byte for byte",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
  @APIResponse(responseCode = "200", description = "accepted (jobId of the queued delivery), or ignored: object is not whatsapp_business_account",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookAck.class)))
  @APIResponse(responseCode = "400", description = "malformed_payload: not one UTF-8 JSON object; unsupported_object (with wrong-object=reject)")
  @APIResponse(responseCode = "401", description = "invalid_signature: X-Hub-Signature-256 missing or not the body's HMAC under an app secret")
  @APIResponse(responseCode = "413", description = "payload_too_large: larger than switchboard.webhook.max-body-size")
  @APIResponse(responseCode = "503", ref = ApiDescription.UNAVAILABLE)
  public Uni<WebhookAck> receive(byte[] body, @RestHeader("X-Hub-Signature-256") String signature) {
    return this.intake.accept(body == null ? new byte[0] : body, signature);
  }
}
