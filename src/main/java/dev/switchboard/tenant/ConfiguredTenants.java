package dev.switchboard.tenant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.support.Digests;

/** The tenants of {@code switchboard.tenants.<id>.*}: read-only entries, checked for shared numbers and tokens at start-up. */
final class ConfiguredTenants {

  private ConfiguredTenants() {
  }

  static List<TenantEntry> read(SwitchboardConfig config) {
    List<TenantEntry> entries = new ArrayList<>();
    Map<String, String> numbers = new HashMap<>();
    Map<String, String> digests = new HashMap<>();
    config.tenants().forEach((id, settings) -> {
      Tenant tenant = new Tenant(id, settings.displayName().orElse(id), settings.phoneNumberId(), settings.wabaId(),
          settings.accessToken(), settings.rateLimit(), settings.maxConcurrency(), settings.apiRateLimit(), Tenant.Source.CONFIG,
          Tenant.State.ACTIVE, Tenant.QueuedSends.SEND);
      settings.phoneNumberId().ifPresent(number -> {
        String previous = numbers.put(number, id);
        if (previous != null) {
          throw new IllegalStateException("Tenants " + previous + " and " + id + " share a phone-number id");
        }
      });
      Optional<ApiToken> token = settings.apiToken().filter(value -> !value.isEmpty()).map(value -> new ApiToken(Digests.sha256Hex(value), 0, 0));
      token.ifPresent(t -> {
        if (digests.put(t.digest(), id) != null) {
          throw new IllegalStateException("Two tenants share an API token (tenant " + id + ")");
        }
      });
      entries.add(new TenantEntry(tenant, token.map(List::of).orElse(List.of()), 0, 0, 0));
    });
    return entries;
  }
}
