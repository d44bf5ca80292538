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

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.error.ApiException;
import dev.switchboard.error.ErrorResponse;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Meta's webhook endpoint: the GET verification handshake and signed POST deliveries (answered 200 once queued). */
@Path("/webhooks/whatsapp")
public class WebhookResource {

  private final WebhookIntake intake;
  private final byte[] verifyToken;

  public WebhookResource(WebhookIntake intake, SwitchboardConfig config) {
    this.intake = intake;
    this.verifyToken = config.webhook().verifyToken().orElse("").getBytes(StandardCharsets.UTF_8);
  }

  @GET
  public Response verify(@RestQuery("hub.mode") String mode, @RestQuery("hub.verify_token") String token,
      @RestQuery("hub.challenge") String challenge) {
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
  public Uni<WebhookAck> receive(byte[] body, @RestHeader("X-Hub-Signature-256") String signature) {
    return this.intake.accept(body == null ? new byte[0] : body, signature);
  }
}
