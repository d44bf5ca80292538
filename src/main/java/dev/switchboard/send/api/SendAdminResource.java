package dev.switchboard.send.api;


import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.api.ApiDescription;
import dev.switchboard.error.ApiException;
import dev.switchboard.send.SendModeFlag;
import io.smallrye.mutiny.Uni;

/**
 * The rollback switch at run time, for all replicas (admin token, see {@code AdminAuth}):
 * {@code GET /admin/send/queue-enabled}; {@code PUT} with {@code {"queueEnabled": false}} sends directly,
 * {@code true} queues, {@code null} (or {@code DELETE}) returns to the configured {@code WHATSAPP_SEND_QUEUE_ENABLED}.
 */
@Path("/admin/send/queue-enabled")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sending messages")
@SecurityRequirement(name = ApiDescription.ADMIN)
@APIResponse(responseCode = "401", ref = ApiDescription.ADMIN_UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDescription.ADMIN_FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDescription.UNAVAILABLE)
public class SendAdminResource {

  private final SendModeFlag mode;
  private final ObjectMapper mapper;

  public SendAdminResource(SendModeFlag mode, ObjectMapper mapper) {
    this.mode = mode;
    this.mapper = mapper;
  }

  @GET
  @Operation(summary = "The send mode in force on every replica: queued or direct, and whether a run-time override sets it")
  @APIResponse(responseCode = "200", description = "The mode",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SendModeFlag.State.class)))
  public Uni<SendModeFlag.State> get() {
    return this.mode.state();
  }

  @PUT
  @Operation(summary = "Override the send mode for all replicas: queueEnabled false sends directly, true queues, null clears the override")
  @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
      schema = @Schema(description = "{\"queueEnabled\": true | false | null}", implementation = QueueEnabled.class)))
  @APIResponse(responseCode = "200", description = "The mode now in force",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SendModeFlag.State.class)))
  @APIResponse(responseCode = "400", description = "invalid_request: body or queueEnabled (must be true, false or null)")
  public Uni<SendModeFlag.State> put(String body) {
    return this.mode.set(enabled(body));
  }

  @DELETE
  @Operation(summary = "Clear the override: back to the configured WHATSAPP_SEND_QUEUE_ENABLED")
  @APIResponse(responseCode = "200", description = "The mode now in force",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SendModeFlag.State.class)))
  public Uni<SendModeFlag.State> delete() {
    return this.mode.set(null);
  }

  private Boolean enabled(String body) {
    JsonNode root;
    try {
      root = body == null || body.isBlank() ? null : this.mapper.readTree(body);
    } catch (JsonProcessingException e) {
      root = null;
    }
    if (root == null || !root.isObject() || !root.has("queueEnabled")) {
      throw ApiException.invalid("body", "must be a JSON object with queueEnabled: true, false or null");
    }
    JsonNode value = root.get("queueEnabled");
    if (value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw ApiException.invalid("queueEnabled", "must be true, false or null");
    }
    return value.asBoolean();
  }

  /** The PUT body, for the API description (the body is read by hand to tell null from missing). */
  @Schema(name = "QueueEnabled")
  public record QueueEnabled(@Schema(description = "true queues, false sends directly, null clears the override", required = true, nullable = true)
      Boolean queueEnabled) {
  }
}
