package dev.switchboard.tenant.api;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.api.ApiDescription;
import dev.switchboard.api.JsonBody;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.error.ApiException;
import dev.switchboard.tenant.TenantCredentials;
import dev.switchboard.tenant.TenantRegistry;
import dev.switchboard.tenant.TenantRegistryException;
import dev.switchboard.tenant.TenantView;
import io.smallrye.mutiny.Uni;

/**
 * The tenant registry's admin API under {@code /admin/tenants} (admin token, see {@code AdminAuth}): reads are GET,
 * changes POST, PUT or DELETE. Bodies are read strictly (400 naming the field); conflicts with other tenants or with
 * the registry's state are 409. Answers never carry a token, except the API token a call issues, shown once.
 */
@Path("/admin/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Tag(name = "Tenants", description = "Tenant registry: create, change, disable, delete, rotate API and Graph tokens")
@SecurityRequirement(name = ApiDescription.ADMIN)
@APIResponse(responseCode = "401", ref = ApiDescription.ADMIN_UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDescription.ADMIN_FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDescription.UNAVAILABLE)
public class TenantAdminResource {

  private final TenantRegistry registry;
  private final TenantCredentials credentials;
  private final ObjectMapper mapper;
  private final SwitchboardConfig config;

  public TenantAdminResource(TenantRegistry registry, TenantCredentials credentials, ObjectMapper mapper, SwitchboardConfig config) {
    this.registry = registry;
    this.credentials = credentials;
    this.mapper = mapper;
    this.config = config;
  }

  @GET
  @Operation(summary = "List tenants in id order, configured and registry ones, a page at a time")
  @APIResponse(responseCode = "200", description = "{tenants, nextCursor}: pass nextCursor as cursor for the next page (null at the end)")
  @APIResponse(responseCode = "400", description = "invalid_request: limit out of 1–500")
  public Uni<TenantRegistry.Page> list(@RestQuery String cursor, @RestQuery Integer limit) {
    int size = TenantRequests.limit(limit);
    return answer(this.registry.list(cursor == null || cursor.isEmpty() ? null : cursor, size));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One tenant, without its secrets")
  @APIResponse(responseCode = "200", description = "The tenant")
  @APIResponse(responseCode = "404", description = "not_found")
  public Uni<TenantView> get(@RestPath String id) {
    return answer(this.registry.get(id).map(found -> found.orElseThrow(() -> new ApiException(404, "not_found", "No tenant " + id))));
  }

  @POST
  @Operation(summary = "Create a tenant; its first API token is in the answer, shown once (unless the body gave one)")
  @APIResponse(responseCode = "201", description = "{tenant, apiToken}")
  @APIResponse(responseCode = "400", description = "invalid_request: details.field names the field")
  @APIResponse(responseCode = "409", description = "tenant_exists, read_only (a configured id), phone_number_taken, api_token_taken, "
      + "encryption_key_missing, registry_disabled")
  @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantBodies.Create.class)))
  public Uni<RestResponse<TenantRegistry.Created>> create(byte[] body) {
    TenantRegistry.NewTenant input = TenantRequests.create(JsonBody.object(this.mapper, body));
    return answer(this.registry.create(input)).map(created -> RestResponse.status(RestResponse.Status.CREATED, created));
  }

  @PUT
  @Path("/{id}")
  @Operation(summary = "Change name, numbers and limits: the fields given change, null clears phoneNumberId, wabaId, apiRateLimit")
  @APIResponse(responseCode = "200", description = "The tenant as changed")
  @APIResponse(responseCode = "400", description = "invalid_request: details.field names the field")
  @APIResponse(responseCode = "404", description = "not_found")
  @APIResponse(responseCode = "409", description = "phone_number_taken, read_only, tenant_deleted, busy")
  @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantBodies.Update.class)))
  public Uni<TenantView> update(@RestPath String id, byte[] body) {
    return answer(this.registry.update(id, TenantRequests.update(JsonBody.object(this.mapper, body))));
  }

  @POST
  @Path("/{id}/disable")
  @Operation(summary = "Disable: its API calls get 403 at once; queued sends wait (queuedSends: hold, the default) or go dead")
  @APIResponse(responseCode = "200", description = "The tenant, state disabled")
  @APIResponse(responseCode = "400", description = "invalid_request: queuedSends")
  @APIResponse(responseCode = "404", description = "not_found")
  @APIResponse(responseCode = "409", description = "read_only, tenant_deleted")
  @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantBodies.Disable.class)))
  public Uni<TenantView> disable(@RestPath String id, byte[] body) {
    var mode = TenantRequests.disableMode(JsonBody.objectOrEmpty(this.mapper, body));
    return answer(this.registry.disable(id, mode));
  }

  @POST
  @Path("/{id}/enable")
  @Operation(summary = "Enable: its API calls are served again, held sends go out")
  @APIResponse(responseCode = "200", description = "The tenant, state active")
  @APIResponse(responseCode = "404", description = "not_found")
  @APIResponse(responseCode = "409", description = "read_only, tenant_deleted")
  public Uni<TenantView> enable(@RestPath String id) {
    return answer(this.registry.enable(id));
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete: API tokens stop at once; queuedSends=drain lets queued sends still go out, dead makes them dead")
  @APIResponse(responseCode = "200", description = "The tombstone (state deleted, purgeAt)")
  @APIResponse(responseCode = "400", description = "invalid_request: queuedSends missing or not drain|dead")
  @APIResponse(responseCode = "404", description = "not_found")
  @APIResponse(responseCode = "409", description = "read_only, tenant_deleted")
  public Uni<TenantView> delete(@RestPath String id, @RestQuery String queuedSends) {
    return answer(this.registry.delete(id, TenantRequests.drain(queuedSends)));
  }

  @POST
  @Path("/{id}/api-tokens")
  @Operation(summary = "Issue a new API token (shown once); earlier ones stay valid for keepPreviousFor (default 24h, 0 revokes them)")
  @APIResponse(responseCode = "201", description = "{token, tokenId, previousValidUntil, tenant}")
  @APIResponse(responseCode = "400", description = "invalid_request: keepPreviousFor")
  @APIResponse(responseCode = "404", description = "not_found")
  @APIResponse(responseCode = "409", description = "too_many_tokens, read_only, tenant_deleted")
  @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantBodies.Issue.class)))
  public Uni<RestResponse<TenantCredentials.IssuedToken>> issueApiToken(@RestPath String id, byte[] body) {
    var keep = TenantRequests.overlap(JsonBody.objectOrEmpty(this.mapper, body), this.config.tenantRegistry().tokenOverlap());
    return answer(this.credentials.issueApiToken(id, keep)).map(issued -> RestResponse.status(RestResponse.Status.CREATED, issued));
  }

  @DELETE
  @Path("/{id}/api-tokens/{tokenId}")
  @Operation(summary = "Revoke one API token now, by its id")
  @APIResponse(responseCode = "200", description = "The tenant")
  @APIResponse(responseCode = "404", description = "not_found: no such tenant or valid token")
  @APIResponse(responseCode = "409", description = "read_only, tenant_deleted")
  public Uni<TenantView> revokeApiToken(@RestPath String id, @RestPath String tokenId) {
    return answer(this.credentials.revokeApiToken(id, tokenId));
  }

  @PUT
  @Path("/{id}/access-token")
  @Operation(summary = "Replace the Graph access token (stored encrypted, never shown)")
  @APIResponse(responseCode = "200", description = "The tenant (accessToken.set, keyId, updatedAt)")
  @APIResponse(responseCode = "400", description = "invalid_request: accessToken")
  @APIResponse(responseCode = "404", description = "not_found")
  @APIResponse(responseCode = "409", description = "encryption_key_missing, read_only, tenant_deleted")
  @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantBodies.AccessToken.class)))
  public Uni<TenantView> replaceAccessToken(@RestPath String id, byte[] body) {
    return answer(this.credentials.replaceAccessToken(id, TenantRequests.accessToken(JsonBody.object(this.mapper, body))));
  }

  @POST
  @Path("/re-encrypt")
  @Operation(summary = "Re-encrypt every tenant's Graph token under the active key (after a key rotation)")
  @APIResponse(responseCode = "200", description = "{keyId, reEncrypted, alreadyCurrent, failed}")
  @APIResponse(responseCode = "409", description = "encryption_key_missing")
  public Uni<TenantCredentials.ReEncryption> reEncrypt() {
    return answer(this.credentials.reEncrypt());
  }

  @POST
  @Path("/import-config")
  @Operation(summary = "Copy the configured tenants into the registry (to move them out of configuration)")
  @APIResponse(responseCode = "200", description = "{imported, skipped}")
  @APIResponse(responseCode = "409", description = "encryption_key_missing, phone_number_taken, api_token_taken")
  public Uni<TenantCredentials.Import> importConfigured() {
    return answer(this.credentials.importConfigured());
  }

  private static <T> Uni<T> answer(Uni<T> work) {
    return work.onFailure(TenantRegistryException.class).transform(failure -> http((TenantRegistryException) failure));
  }

  static ApiException http(TenantRegistryException e) {
    return switch (e.kind()) {
      case NOT_FOUND -> new ApiException(404, "not_found", e.getMessage());
      case EXISTS -> new ApiException(409, "tenant_exists", e.getMessage(), Map.of("field", "id"));
      case READ_ONLY -> new ApiException(409, "read_only", e.getMessage());
      case DELETED -> new ApiException(409, "tenant_deleted", e.getMessage());
      case PHONE_NUMBER_TAKEN -> new ApiException(409, "phone_number_taken", e.getMessage(), Map.of("field", "phoneNumberId"));
      case API_TOKEN_TAKEN -> new ApiException(409, "api_token_taken", e.getMessage(), Map.of("field", "apiToken"));
      case TOO_MANY_TOKENS -> new ApiException(409, "too_many_tokens", e.getMessage());
      case NO_ENCRYPTION_KEY -> new ApiException(409, "encryption_key_missing", e.getMessage());
      case DISABLED -> new ApiException(409, "registry_disabled", e.getMessage());
      case BUSY -> new ApiException(409, "busy", e.getMessage());
    };
  }
}
