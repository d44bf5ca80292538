package dev.switchboard.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.error.ApiException;
import dev.switchboard.support.Digests;
import dev.switchboard.tenant.BearerAuth;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Guards the operator API, the one place its rule lives: every path under {@code /admin}, and the operators' metrics
 * outside it ({@link #OPERATOR_METRICS}), needs {@code Authorization: Bearer <token>}, where the token is the static
 * {@code switchboard.admin.token} (full rights, compared in constant time) or a JWT ({@link AdminJwt}) with group {@code admin} (acts) or {@code viewer} (reads: GET
 * and HEAD). No or a wrong token answers 401, a role that may not do this 403. With neither configured the admin API is
 * switched off rather than open. The dashboard's shell page ({@value #DASHBOARD}) carries no data and is served to
 * anyone, so a browser can load it and then call the API with the token; its static assets are outside the REST layer.
 * The caller is left in the request ({@link AdminPrincipal#REQUEST_PROPERTY}) for the audit log.
 */
@ApplicationScoped
public class AdminAuth {

  public static final String DASHBOARD = "/admin/queues";
  /** Operator reads outside {@code /admin}, under the same rule (a viewer JWT may read them). */
  static final Set<String> OPERATOR_METRICS = Set.of("/api/queue/metrics", "/api/cache/metrics");
  private static final Set<String> READS = Set.of("GET", "HEAD");

  private final Optional<byte[]> token;
  private final AdminJwt jwt;

  public AdminAuth(SwitchboardConfig config, AdminJwt jwt) {
    this.token = config.admin().token().filter(value -> !value.isBlank()).map(AdminAuth::sha256);
    this.jwt = jwt;
  }

  /**
   * For endpoints that serve tenants and the admin alike (they look at the token themselves): throws a 401/403
   * {@link ApiException} unless the header carries the static admin token.
   */
  public void check(String authorization) {
    requireEnabled();
    if (!isStaticToken(BearerAuth.token(authorization))) {
      throw new ApiException(401, "unauthorized", "Wrong admin token");
    }
  }

  /** Applies the rule to every request for {@code /admin/**} and the operator metrics, whatever resource serves it. */
  @ServerRequestFilter
  public Uni<Void> guardAdminPaths(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    boolean guarded = path.equals("/admin") || path.startsWith("/admin/") || OPERATOR_METRICS.contains(path);
    if (!guarded || isShellPage(request, path)) {
      return null;
    }
    requireEnabled();
    String presented = BearerAuth.token(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    if (isStaticToken(presented)) {
      request.setProperty(AdminPrincipal.REQUEST_PROPERTY, new AdminPrincipal(AdminPrincipal.STATIC_TOKEN, AdminPrincipal.Role.ADMIN));
      return null;
    }
    if (!this.jwt.isConfigured() || !looksLikeJwt(presented)) {
      throw new ApiException(401, "unauthorized", "Wrong admin token");
    }
    boolean reading = READS.contains(request.getMethod());
    // verifying may load the key (a file, a JWKS URL): off the event loop
    return Uni.createFrom().item(() -> this.jwt.verify(presented))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .onFailure(AdminJwt.NoRoleException.class)
        .transform(e -> new ApiException(403, "forbidden", "The token's groups hold neither admin nor viewer"))
        .map(verified -> {
          AdminPrincipal principal = verified.orElseThrow(() -> new ApiException(401, "invalid_token",
              "The JWT is not valid here (signature, issuer or expiry)"));
          if (!reading && !principal.mayAct()) {
            throw new ApiException(403, "forbidden", "Group viewer may read; acting needs group admin");
          }
          request.setProperty(AdminPrincipal.REQUEST_PROPERTY, principal);
          return null;
        });
  }

  private void requireEnabled() {
    if (this.token.isEmpty() && !this.jwt.isConfigured()) {
      throw new ApiException(403, "admin_disabled",
          "The admin API is disabled: set switchboard.admin.token or mp.jwt.verify.publickey.location to enable it");
    }
  }

  private boolean isStaticToken(String presented) {
    if (this.token.isEmpty()) {
      return false;
    }
    // digests of equal length, so the comparison time says nothing about the token, not even its length
    return MessageDigest.isEqual(sha256(presented), this.token.get());
  }

  private static boolean isShellPage(ContainerRequestContext request, String path) {
    return READS.contains(request.getMethod()) && (path.equals(DASHBOARD) || path.equals(DASHBOARD + "/"));
  }

  private static boolean looksLikeJwt(String token) {
    int first = token.indexOf('.');
    return first > 0 && token.indexOf('.', first + 1) > first + 1 && token.length() < 16_384;
  }

  private static byte[] sha256(String value) {
    return Digests.sha256(value.getBytes(StandardCharsets.UTF_8));
  }
}
