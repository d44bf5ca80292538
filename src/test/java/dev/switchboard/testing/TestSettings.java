package dev.switchboard.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The settings an operator must give (tokens, secrets), with test values. Supplied as a test resource so
 * that {@code @QuarkusIntegrationTest}s run the packaged app with its production profile.
 */
public class TestSettings implements QuarkusTestResourceLifecycleManager {

  public static final String VERIFY_TOKEN = "test-verify-token";
  public static final String APP_SECRET = "test-app-secret";
  public static final String NEXT_APP_SECRET = "test-app-secret-next";
  public static final String ADMIN_TOKEN = "test-admin-token";
  /** Encrypts the Graph tokens of registry tenants in tests (base64 of 32 bytes). */
  public static final String ENCRYPTION_KEY = "c3dpdGNoYm9hcmQtdGVzdC1lbmNyeXB0aW9uLWtleSE=";

  /** Tenant "acme" owns the phone-number id used by most webhook fixtures; "globex" the one in 12_batch. */
  public static final String ACME = "acme";
  public static final String ACME_PHONE_NUMBER_ID = "112233445566778";
  public static final String ACME_API_TOKEN = "acme-api-token";
  public static final String ACME_ACCESS_TOKEN = "acme-graph-token";
  public static final String GLOBEX = "globex";
  public static final String GLOBEX_PHONE_NUMBER_ID = "118899001122334";
  public static final String GLOBEX_API_TOKEN = "globex-api-token";
  public static final String GLOBEX_ACCESS_TOKEN = "globex-graph-token";

  @Override
  public Map<String, String> start() {
    return Map.ofEntries(
        Map.entry("switchboard.webhook.verify-token", VERIFY_TOKEN),
        Map.entry("switchboard.webhook.app-secrets", APP_SECRET + "," + NEXT_APP_SECRET),
        Map.entry("switchboard.admin.token", ADMIN_TOKEN),
        Map.entry("switchboard.secrets.encryption-key", ENCRYPTION_KEY),
        Map.entry("quarkus.shutdown.delay", "0s"),
        Map.entry("switchboard.tenants.acme.phone-number-id", ACME_PHONE_NUMBER_ID),
        Map.entry("switchboard.tenants.acme.waba-id", "102290129340398"),
        Map.entry("switchboard.tenants.acme.api-token", ACME_API_TOKEN),
        Map.entry("switchboard.tenants.acme.access-token", ACME_ACCESS_TOKEN),
        Map.entry("switchboard.tenants.acme.display-name", "Acme Pizza"),
        Map.entry("switchboard.tenants.globex.phone-number-id", GLOBEX_PHONE_NUMBER_ID),
        Map.entry("switchboard.tenants.globex.api-token", GLOBEX_API_TOKEN),
        Map.entry("switchboard.tenants.globex.access-token", GLOBEX_ACCESS_TOKEN));
  }

  @Override
  public void stop() {
  }
}
