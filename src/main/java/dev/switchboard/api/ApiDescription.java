package dev.switchboard.api;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

import dev.switchboard.error.ErrorResponse;

/**
 * The API description's header, the three ways a caller proves who it is, and the error answers many endpoints
 * share. Endpoints name the scheme they need with {@code @SecurityRequirement(name = ApiDescription.TENANT)} (or
 * {@link #ADMIN}, {@link #META}) and a shared answer with {@code @APIResponse(responseCode = "401", ref = ApiDescription.TENANT_UNAUTHORIZED)}.
 */
@OpenAPIDefinition(info = @Info(title = "Switchboard API", version = "0.1.0"),
    components = @Components(responses = {
        @APIResponse(name = ApiDescription.TENANT_UNAUTHORIZED, responseCode = "401",
            description = "unauthorized: missing, unknown, expired or revoked tenant API token",
            content = @Content(mediaType = ApiDescription.JSON, schema = @Schema(implementation = ErrorResponse.class))),
        @APIResponse(name = ApiDescription.TENANT_DISABLED, responseCode = "403", description = "tenant_disabled: the tenant is disabled",
            content = @Content(mediaType = ApiDescription.JSON, schema = @Schema(implementation = ErrorResponse.class))),
        @APIResponse(name = ApiDescription.ADMIN_UNAUTHORIZED, responseCode = "401", description = "unauthorized: missing or wrong admin token",
            content = @Content(mediaType = ApiDescription.JSON, schema = @Schema(implementation = ErrorResponse.class))),
        @APIResponse(name = ApiDescription.ADMIN_FORBIDDEN, responseCode = "403",
            description = "forbidden: the JWT has no group that may do this (viewer only reads); admin_disabled: neither an admin token nor a JWT key is configured, so the admin API is off",
            content = @Content(mediaType = ApiDescription.JSON, schema = @Schema(implementation = ErrorResponse.class))),
        @APIResponse(name = ApiDescription.UNAVAILABLE, responseCode = "503",
            description = "unavailable: Redis cannot be reached; nothing was changed. Retry after Retry-After seconds",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = ApiDescription.JSON, schema = @Schema(implementation = ErrorResponse.class)))
    }))
@SecuritySchemes({
    @SecurityScheme(securitySchemeName = ApiDescription.TENANT, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A tenant's API token (switchboard.tenants.<id>.api-token, or one issued by the tenant registry)"),
    @SecurityScheme(securitySchemeName = ApiDescription.ADMIN, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The static admin token (switchboard.admin.token), or a JWT with group admin (acts) or viewer (reads)"),
    @SecurityScheme(securitySchemeName = ApiDescription.META, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = "X-Hub-Signature-256",
        description = "sha256= and the HMAC-SHA256 of the raw body under the app secret (switchboard.webhook.app-secrets)")
})
public class ApiDescription extends Application {

  public static final String TENANT = "tenantToken";
  public static final String ADMIN = "adminToken";
  public static final String META = "metaSignature";

  /** Shared answers under {@code #/components/responses}. */
  public static final String TENANT_UNAUTHORIZED = "TenantUnauthorized";
  public static final String TENANT_DISABLED = "TenantDisabled";
  public static final String ADMIN_UNAUTHORIZED = "AdminUnauthorized";
  public static final String ADMIN_FORBIDDEN = "AdminForbidden";
  public static final String UNAVAILABLE = "RedisUnavailable";

  public static final String JSON = "application/json";
}
