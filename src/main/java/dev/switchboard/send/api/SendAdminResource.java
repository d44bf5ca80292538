package dev.switchboard.send.api;


import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
public class SendAdminResource {

  private final SendModeFlag mode;
  private final ObjectMapper mapper;

  public SendAdminResource(SendModeFlag mode, ObjectMapper mapper) {
    this.mode = mode;
    this.mapper = mapper;
  }

  @GET
  public Uni<SendModeFlag.State> get() {
    return this.mode.state();
  }

  @PUT
  public Uni<SendModeFlag.State> put(String body) {
    return this.mode.set(enabled(body));
  }

  @DELETE
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

}
