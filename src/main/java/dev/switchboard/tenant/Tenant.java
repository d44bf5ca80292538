package dev.switchboard.tenant;

import java.util.Optional;

/**
 * A customer of the gateway: its WhatsApp sender number, the Graph API token we send with, and its limits.
 * {@link #toString()} leaves the access token out, so a tenant can be logged.
 */
public record Tenant(String id, String displayName, Optional<String> phoneNumberId, Optional<String> wabaId,
    Optional<String> accessToken, int rateLimit, int maxConcurrency) {

  /** Deliveries for phone-number ids no tenant owns are processed under this id, never dropped. */
  public static final String UNKNOWN_ID = "unknown";

  @Override
  public String toString() {
    return "Tenant[" + this.id + "]";
  }
}
