package dev.switchboard.tenant;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.support.Digests;
import io.quarkus.logging.Log;

/**
 * The configured tenants, found by the Bearer token they present or by the phone-number id Meta reports.
 * API tokens are kept only as SHA-256 digests, and a presented token is looked up by its digest: how long the
 * lookup takes depends on digests only, which say nothing about any token.
 */
@ApplicationScoped
public class TenantDirectory {

  private final Map<String, Tenant> byId = new TreeMap<>();
  private final Map<String, Tenant> byPhoneNumberId = new HashMap<>();
  private final Map<String, Tenant> byTokenDigest = new HashMap<>();

  public TenantDirectory(SwitchboardConfig config) {
    config.tenants().forEach((id, settings) -> {
      Tenant tenant = new Tenant(id, settings.displayName().orElse(id), settings.phoneNumberId(), settings.wabaId(),
          settings.accessToken(), settings.rateLimit(), settings.maxConcurrency());
      this.byId.put(id, tenant);
      settings.phoneNumberId().ifPresent(number -> {
        Tenant previous = this.byPhoneNumberId.put(number, tenant);
        if (previous != null) {
          throw new IllegalStateException("Tenants " + previous.id() + " and " + id + " share a phone-number id");
        }
      });
      settings.apiToken().ifPresent(token -> {
        if (this.byTokenDigest.put(Digests.sha256Hex(token), tenant) != null) {
          throw new IllegalStateException("Two tenants share an API token (tenant " + id + ")");
        }
      });
    });
    Log.infof("%d tenant(s) configured", this.byId.size());
  }

  public Optional<Tenant> byId(String id) {
    return Optional.ofNullable(this.byId.get(id));
  }

  public Optional<Tenant> byPhoneNumberId(String phoneNumberId) {
    return Optional.ofNullable(this.byPhoneNumberId.get(phoneNumberId));
  }

  /** The tenant whose API token this is. */
  public Optional<Tenant> byApiToken(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(this.byTokenDigest.get(Digests.sha256Hex(token)));
  }

  public Collection<Tenant> all() {
    return this.byId.values();
  }
}
