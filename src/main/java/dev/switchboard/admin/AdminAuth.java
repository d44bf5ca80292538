package dev.switchboard.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.error.ApiException;
import dev.switchboard.support.Digests;
import dev.switchboard.tenant.BearerAuth;

/**
 * Guards the operator API: every path under {@code /admin} (and the other admin-only endpoints that call
 * {@link #check}) needs {@code Authorization: Bearer <switchboard.admin.token>}. With no token configured the
 * admin API is switched off rather than open.
 */
@ApplicationScoped
public class AdminAuth {

  private final Optional<byte[]> token;

  public AdminAuth(SwitchboardConfig config) {
    this.token = config.admin().token().filter(value -> !value.isBlank()).map(AdminAuth::sha256);
  }

  /** Throws a 401/403 {@link ApiException} unless the header carries the admin token. */
  public void check(String authorization) {
    if (this.token.isEmpty()) {
      throw new ApiException(403, "admin_disabled", "The admin API is disabled: set switchboard.admin.token to enable it");
    }
    // digests of equal length, so the comparison time says nothing about the token, not even its length
    byte[] presented = sha256(BearerAuth.token(authorization));
    if (!MessageDigest.isEqual(presented, this.token.get())) {
      throw new ApiException(401, "unauthorized", "Wrong admin token");
    }
  }

  private static byte[] sha256(String value) {
    return Digests.sha256(value.getBytes(StandardCharsets.UTF_8));
  }

  /** Applies {@link #check} to every request for {@code /admin/**}, whatever resource serves it. */
  @ServerRequestFilter
  public void guardAdminPaths(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (path.equals("/admin") || path.startsWith("/admin/")) {
      check(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    }
  }
}
