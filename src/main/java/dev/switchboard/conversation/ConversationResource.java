package dev.switchboard.conversation;

import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.switchboard.api.ApiDescription;
import dev.switchboard.cache.CacheStatus;
import dev.switchboard.error.ApiException;
import dev.switchboard.tenant.BearerAuth;
import dev.switchboard.tenant.Tenant;
import io.smallrye.mutiny.Uni;

/**
 * Read API of inbound conversations, scoped to the tenant whose Bearer token is presented: a tenant sees only the
 * messages customers sent to its own number. {@code phone} is the customer's number with or without {@code +}, or
 * the business-scoped user id of a customer known only by username.
 */
@Path("/api/conversations/{phone}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Conversations", description = "What customers sent to the calling tenant's number, and each conversation's state")
@SecurityRequirement(name = ApiDescription.TENANT)
@APIResponse(responseCode = "401", ref = ApiDescription.TENANT_UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDescription.TENANT_DISABLED)
@APIResponse(responseCode = "503", ref = ApiDescription.UNAVAILABLE)
public class ConversationResource {

  private static final String PHONE = "The customer's number with or without +, or the business-scoped user id of a customer known by username";

  static final int DEFAULT_LIMIT = 20;
  private static final Pattern USER = Pattern.compile("\\+?[A-Za-z0-9][A-Za-z0-9._-]{2,63}");

  private final ConversationStore store;
  private final BearerAuth auth;

  public ConversationResource(ConversationStore store, BearerAuth auth) {
    this.store = store;
    this.auth = auth;
  }

  @GET
  @Path("messages")
  @Operation(summary = "The newest messages the customer sent to the tenant's number, newest first")
  @APIResponse(responseCode = "200", description = "The messages (none: an empty list)",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConversationPage.class)))
  @APIResponse(responseCode = "400", description = "invalid_phone or invalid_limit (details.field: phone or limit)")
  public Uni<ConversationPage> messages(@Parameter(description = PHONE) @RestPath String phone,
      @Parameter(description = "1 to switchboard.conversation.history-size, default 20", schema = @Schema(type = SchemaType.INTEGER))
      @RestQuery String limit, @Parameter(hidden = true) @RestHeader("Authorization") String authorization) {
    Tenant tenant = this.auth.tenant(authorization);
    String user = user(phone);
    int count = limit(limit);
    return this.store.messages(tenant.id(), user, count).map(messages -> new ConversationPage(tenant.id(), user, messages));
  }

  /** The state, read through the cache: {@code X-Cache-Status} says HIT, MISS or STALE. */
  @GET
  @Path("state")
  @Operation(summary = "The conversation's state (last inbound message, unread count, profile name), read through the cache")
  @APIResponse(responseCode = "200", description = "The state",
      headers = @Header(name = CacheStatus.HEADER, description = "HIT, MISS or STALE", schema = @Schema(type = SchemaType.STRING)),
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConversationState.class)))
  @APIResponse(responseCode = "400", description = "invalid_phone (details.field: phone)")
  @APIResponse(responseCode = "404", description = "not_found: no recent conversation with this customer")
  public Uni<RestResponse<ConversationState>> state(@Parameter(description = PHONE) @RestPath String phone,
      @Parameter(hidden = true) @RestHeader("Authorization") String authorization) {
    Tenant tenant = this.auth.tenant(authorization);
    String user = user(phone);
    return this.store.cachedState(tenant.id(), user).map(result -> {
      String status = result.status().name();
      if (result.value() == null) {
        throw new ApiException(404, "not_found", "No recent conversation with this customer", null, Map.of(CacheStatus.HEADER, status));
      }
      return RestResponse.ResponseBuilder.ok(result.value()).header(CacheStatus.HEADER, status).build();
    });
  }

  private static String user(String phone) {
    if (phone == null || !USER.matcher(phone).matches()) {
      throw new ApiException(400, "invalid_phone", "phone must be a phone number (digits, optional +) or a WhatsApp user id",
          Map.of("field", "phone"));
    }
    return ConversationStore.normalizeUser(phone);
  }

  private int limit(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_LIMIT;
    }
    int max = this.store.historySize();
    try {
      int limit = Integer.parseInt(value.trim());
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ApiException(400, "invalid_limit", "limit must be a whole number from 1 to " + max, Map.of("field", "limit"));
  }
}
