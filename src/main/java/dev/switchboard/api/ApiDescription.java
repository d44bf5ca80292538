package dev.switchboard.api;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/**
 * The API description's header and the three ways a caller proves who it is. Endpoints name the scheme they
 * need with {@code @SecurityRequirement(name = ApiDescription.TENANT)} (or {@link #ADMIN}, {@link #META}).
 */
@OpenAPIDefinition(info = @Info(title = "Switchboard API", version = "0.1.0"))
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
}
