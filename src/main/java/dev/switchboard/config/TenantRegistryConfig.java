package dev.switchboard.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** The tenant registry in Redis ({@code switchboard.tenant-registry.*}); configured tenants need none of it. */
public interface TenantRegistryConfig {

  /** Read tenants from Redis and serve the {@code /admin/tenants} API. Defaults to {@code true} */
  @WithDefault("true")
  boolean enabled();

  /**
   * How often a replica checks the registry's version for changes it missed on pub/sub (a lost message, a reconnect),
   * so every replica sees a change within this long even then. Defaults to {@code 500ms}
   */
  @WithDefault("500ms")
  Duration resyncInterval();

  /** How long a deleted tenant is kept as a tombstone (its queued sends drain or go dead meanwhile). Defaults to {@code 24h} */
  @WithDefault("24h")
  Duration deletedRetention();

  /** How long the previous API tokens stay valid after a new one is issued, unless the call says. Defaults to {@code 24h} */
  @WithDefault("24h")
  Duration tokenOverlap();

  /**
   * How long a held send of a disabled tenant waits before its job looks again (each look is one of the job's
   * attempts; enabling the tenant releases its held sends at once). Defaults to {@code 24h}
   */
  @WithDefault("24h")
  Duration holdRetry();

  /** How often a replica releases held sends of tenants that are no longer disabled. Defaults to {@code 5s} */
  @WithDefault("5s")
  Duration holdSweepInterval();
}
