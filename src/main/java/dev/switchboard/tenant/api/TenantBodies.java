package dev.switchboard.tenant.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The tenant admin API's request bodies as the API description shows them. Documentation only: {@link TenantRequests}
 * reads each body field by field and refuses unknown fields, naming them.
 */
final class TenantBodies {

  private TenantBodies() {
  }

  @Schema(name = "NewTenant", description = "A tenant to create; unknown fields are refused")
  record Create(
      @Schema(required = true, description = "1 to 63 lowercase letters, digits, - or _, starting with a letter or digit") String id,
      @Schema(description = "Name for logs and the dashboard, 1 to 200 characters; default: the id") String displayName,
      @Schema(description = "WhatsApp phone-number id, digits; one tenant per number") String phoneNumberId,
      @Schema(description = "WhatsApp Business Account id, digits") String wabaId,
      @Schema(description = "Sends per second for its number, 1 to 1000; default 80") Integer rateLimit,
      @Schema(description = "Send jobs in flight, 1 to 1000; default 5") Integer maxConcurrency,
      @Schema(description = "Send API requests per second, 0 to 1000000; default switchboard.send.api-rate-limit") Integer apiRateLimit,
      @Schema(description = "Graph API access token, stored encrypted, never shown") String accessToken,
      @Schema(description = "Its first API token, 16 to 512 visible characters; default: one is issued and shown once") String apiToken,
      @Schema(description = "false creates it disabled; default true") Boolean enabled) {
  }

  @Schema(name = "TenantChange", description = "The fields given change (at least one); null clears phoneNumberId, wabaId, apiRateLimit")
  record Update(String displayName, String phoneNumberId, String wabaId, Integer rateLimit, Integer maxConcurrency, Integer apiRateLimit) {
  }

  @Schema(name = "TenantDisable")
  record Disable(@Schema(description = "hold (default: they wait until enabled) or dead (they go dead)", enumeration = { "hold", "dead" })
      String queuedSends) {
  }

  @Schema(name = "TokenIssue")
  record Issue(@Schema(description = "How long earlier API tokens stay valid: 0 (revoke now) to 30d, e.g. 10m or PT1H; "
      + "default switchboard.tenant-registry.token-overlap") String keepPreviousFor) {
  }

  @Schema(name = "AccessTokenChange")
  record AccessToken(@Schema(required = true, description = "The new Graph API access token, 1 to 4096 characters") String accessToken) {
  }
}
