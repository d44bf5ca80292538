package dev.switchboard.cache.flag;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.cache.CacheNamespaces;
import dev.switchboard.cache.CacheService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * On/off switches shared by all replicas, in the {@code flag} namespace ({@code <prefix>:cache:flag:<name>}, no TTL).
 * Reads come from the in-process level (the namespace opts in by default), so checking a flag costs no round trip
 * once known; a change reaches every replica's in-process level within milliseconds. A flag never set, or lost to
 * an eviction of the cache Redis, reads as the caller's default.
 */
@ApplicationScoped
public class FeatureFlags {

  private final CacheService cache;

  public FeatureFlags(CacheService cache) {
    this.cache = cache;
  }

  public Uni<Boolean> isEnabled(String flag, boolean defaultValue) {
    return this.cache.get(CacheNamespaces.FLAG, flag, Boolean.class).map(value -> value.orElse(defaultValue));
  }

  public Uni<Void> set(String flag, boolean enabled) {
    return this.cache.set(CacheNamespaces.FLAG, flag, enabled).invoke(() -> Log.infof("Feature flag %s set to %s", flag, enabled ? "on" : "off"));
  }

  /** Back to each caller's default. */
  public Uni<Boolean> clear(String flag) {
    return this.cache.delete(CacheNamespaces.FLAG, flag).invoke(existed -> Log.infof("Feature flag %s cleared (%s)", flag,
        existed ? "it was set" : "it was not set"));
  }
}
