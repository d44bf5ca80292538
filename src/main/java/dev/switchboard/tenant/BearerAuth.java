package dev.switchboard.tenant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.error.ApiException;

/** Resolves the {@code Authorization: Bearer <token>} header of a tenant API call, or refuses it (401, or 403 for a disabled tenant). */
@ApplicationScoped
public class BearerAuth {

  private static final String SCHEME = "Bearer ";

  private final TenantDirectory tenants;

  public BearerAuth(TenantDirectory tenants) {
    this.tenants = tenants;
  }

  /** The tenant of the token: 401 when no valid token, 403 when its tenant is disabled. */
  public Tenant tenant(String authorization) {
    Tenant tenant = this.tenants.byApiToken(token(authorization))
        .orElseThrow(() -> new ApiException(401, "unauthorized", "Unknown, expired or revoked API token"));
    if (!tenant.enabled()) {
      throw new ApiException(403, "tenant_disabled", "Tenant " + tenant.id() + " is disabled");
    }
    return tenant;
  }

  /** The token of an {@code Authorization: Bearer <token>} header; 401 when the header is missing or another scheme. */
  public static String token(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw new ApiException(401, "unauthorized", "Missing Authorization header (Bearer token)");
    }
    if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw new ApiException(401, "unauthorized", "Authorization must use the Bearer scheme");
    }
    return authorization.substring(SCHEME.length()).trim();
  }
}
