package dev.switchboard.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.error.ErrorResponse;
import io.quarkus.logging.Log;

/**
 * Meta's webhook endpoint, GET: the verification handshake. The signed POST deliveries, far more frequent, are served
 * by {@link WebhookRoute} on a plain Vert.x route and described in {@code META-INF/openapi.yaml}.
 */
@Path("/webhooks/whatsapp")
@Tag(name = "Webhooks", description = "Meta's deliveries of inbound messages and of statuses of sent messages")
public class WebhookResource {

  private final byte[] verifyToken;

  public WebhookResource(SwitchboardConfig config) {
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
}
