package dev.switchboard.tenant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.error.ApiException;

/** Resolves the {@code Authorization: Bearer <token>} header of a tenant API call, or refuses it with 401. */
@ApplicationScoped
public class BearerAuth {

  private static final String SCHEME = "Bearer ";

  private final TenantDirectory tenants;

  public BearerAuth(TenantDirectory tenants) {
    this.tenants = tenants;
  }

  public Tenant tenant(String authorization) {
    return this.tenants.byApiToken(token(authorization))
        .orElseThrow(() -> new ApiException(401, "unauthorized", "Unknown or revoked API token"));
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
