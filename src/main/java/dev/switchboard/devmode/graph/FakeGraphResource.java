package dev.switchboard.devmode.graph;

import java.util.Map;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.error.ApiException;
import dev.switchboard.support.Mask;
import dev.switchboard.support.Sanitize;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.logging.Log;

/**
 * Dev mode only (absent from the packaged application): a stand-in for the Graph API's send call, which dev mode's
 * {@code switchboard.graph.base-url} points at, so that sends work without a Meta account and reach no one. It logs
 * what would have been sent, answers a fake wamid, and answers a Graph error code when asked to.
 */
@Path("/dev/graph")
@Singleton // one instance: the errors asked for must reach the next send
@IfBuildProfile("dev")
@Tag(name = "Dev mode", description = "Only in ./mvnw quarkus:dev: the fake Graph API")
public class FakeGraphResource {

  private static final int MAX_TIMES = 1000;

  private final FakeGraphAnswers answers = new FakeGraphAnswers();

  /** An error the next sends are to answer with. */
  public record ErrorRequest(Integer code, Integer times) {
  }

  @POST
  @Path("/{version}/{phoneNumberId}/messages")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The Graph API send call, faked: logs the message, answers a wamid or the error asked for")
  @APIResponse(responseCode = "200", description = "Accepted: {messaging_product, contacts, messages: [{id: wamid}]}")
  @APIResponse(responseCode = "400", description = "An error asked for with POST /dev/graph/next-error (also 401, 403, 500 by code)")
  public RestResponse<Map<String, Object>> send(@RestPath String version, @RestPath String phoneNumberId, JsonNode message) {
    String to = message == null ? null : message.path("to").asText(null);
    FakeGraphAnswers.Answer answer = this.answers.send(to);
    String outcome = answer.wamid() != null ? "answered " + answer.wamid() : "answered error " + answer.code();
    Log.infof("Fake Graph API (%s): would send %s to %s from phone-number id %s; %s", Sanitize.id(version), describe(message),
        Mask.phone(to), Sanitize.id(phoneNumberId), outcome);
    return RestResponse.ResponseBuilder.<Map<String, Object>>create(answer.status()).entity(answer.body())
        .type(MediaType.APPLICATION_JSON_TYPE).build();
  }

  @POST
  @Path("/next-error")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Makes the next send(s) answer a Graph error code, e.g. {\"code\": 131026} or {\"code\": 130429, \"times\": 3}")
  @APIResponse(responseCode = "200", description = "{pendingErrors}: errors not answered yet")
  @APIResponse(responseCode = "400", description = "code missing or not positive, or times not between 1 and 1000")
  public Map<String, Object> failNext(ErrorRequest request) {
    if (request == null || request.code() == null || request.code() <= 0) {
      throw ApiException.invalid("code", "is required: the Graph error code the next send answers, e.g. 131026");
    }
    int times = request.times() == null ? 1 : request.times();
    if (times < 1 || times > MAX_TIMES) {
      throw ApiException.invalid("times", "must be between 1 and " + MAX_TIMES);
    }
    this.answers.failNext(request.code(), times);
    Log.infof("Fake Graph API: the next %d send(s) answer error %d", times, request.code());
    return Map.of("pendingErrors", this.answers.pendingErrors());
  }

  @DELETE
  @Path("/next-error")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Forgets the errors not answered yet: sends succeed again")
  @APIResponse(responseCode = "200", description = "{cleared}: how many were forgotten")
  public Map<String, Object> clear() {
    return Map.of("cleared", this.answers.clear());
  }

  /** The message's type and a short, single-line view of its content (dev mode: the developer's own test data). */
  private static String describe(JsonNode message) {
    if (message == null) {
      return "nothing";
    }
    String type = Sanitize.id(message.path("type").asText("?"));
    return switch (type) {
      case "text" -> "text \"" + Sanitize.text(message.path("text").path("body").asText(""), 80) + "\"";
      case "template" -> "template " + Sanitize.id(message.path("template").path("name").asText("?")) + " ("
          + Sanitize.id(message.path("template").path("language").path("code").asText("?")) + ")";
      default -> type;
    };
  }
}
