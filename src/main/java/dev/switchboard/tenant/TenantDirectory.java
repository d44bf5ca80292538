package dev.switchboard.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.config.SwitchboardConfig;
import io.quarkus.logging.Log;

/**
 * The configured tenants, found by the Bearer token they present or by the phone-number id Meta reports.
 * API tokens are kept only as SHA-256 digests and compared in constant time.
 */
@ApplicationScoped
public class TenantDirectory {

  private final Map<String, Tenant> byId = new TreeMap<>();
  private final Map<String, Tenant> byPhoneNumberId = new HashMap<>();
  private final Map<String, byte[]> tokenDigests = new HashMap<>();
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
        byte[] digest = sha256(token);
        String key = hex(digest);
        if (this.byTokenDigest.put(key, tenant) != null) {
          throw new IllegalStateException("Two tenants share an API token (tenant " + id + ")");
        }
        this.tokenDigests.put(key, digest);
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

  /** The tenant whose API token this is. The lookup key is a digest; the final comparison is constant time. */
  public Optional<Tenant> byApiToken(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    byte[] presented = sha256(token);
    String key = hex(presented);
    byte[] expected = this.tokenDigests.get(key);
    if (expected == null || !MessageDigest.isEqual(expected, presented)) {
      return Optional.empty();
    }
    return Optional.of(this.byTokenDigest.get(key));
  }

  public Collection<Tenant> all() {
    return this.byId.values();
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(bytes);
  }
}
