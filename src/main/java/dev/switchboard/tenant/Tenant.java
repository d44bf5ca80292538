package dev.switchboard.tenant;

import java.util.Optional;

/**
 * A customer of the gateway: its WhatsApp sender number, the Graph API token we send with, its limits and whether it
 * may use the API. {@link #toString()} leaves the access token out, so a tenant can be logged.
 *
 * @param apiRateLimit send API requests per second, or empty for {@code switchboard.send.api-rate-limit}
 * @param source configuration (read-only) or the registry in Redis
 * @param state active, disabled (403 on the API) or deleted (a tombstone while its queued sends drain or die)
 * @param queuedSends what the send processor does with a queued send of this tenant
 */
public record Tenant(String id, String displayName, Optional<String> phoneNumberId, Optional<String> wabaId,
    Optional<String> accessToken, int rateLimit, int maxConcurrency, Optional<Integer> apiRateLimit, Source source,
    State state, QueuedSends queuedSends) {

  /** Deliveries for phone-number ids no tenant owns are processed under this id, never dropped. */
  public static final String UNKNOWN_ID = "unknown";

  /** An active tenant from configuration. */
  public Tenant(String id, String displayName, Optional<String> phoneNumberId, Optional<String> wabaId, Optional<String> accessToken,
      int rateLimit, int maxConcurrency) {
    this(id, displayName, phoneNumberId, wabaId, accessToken, rateLimit, maxConcurrency, Optional.empty(), Source.CONFIG,
        State.ACTIVE, QueuedSends.SEND);
  }

  public boolean enabled() {
    return this.state == State.ACTIVE;
  }

  @Override
  public String toString() {
    return "Tenant[" + this.id + "]";
  }

  /** Where a tenant is defined. */
  public enum Source {
    /** {@code switchboard.tenants.<id>.*}: read-only at run time. */
    CONFIG,
    /** The registry in Redis, managed through {@code /admin/tenants}. */
    REGISTRY
  }

  /** Whether a tenant may use the API. */
  public enum State {
    ACTIVE, DISABLED, DELETED
  }

  /** What happens to a tenant's queued sends when a worker reaches them. */
  public enum QueuedSends {
    /** They go out (an active tenant, or a deleted one whose sends drain). */
    SEND,
    /** They wait, and go out once the tenant is enabled again (a disabled tenant). */
    HOLD,
    /** They go dead, with the reason (a disabled or deleted tenant). */
    DEAD
  }
}
