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

  @Override
  public Map<String, String> start() {
    return Map.of(
        "switchboard.webhook.verify-token", VERIFY_TOKEN,
        "switchboard.webhook.app-secrets", APP_SECRET + "," + NEXT_APP_SECRET,
        "switchboard.admin.token", ADMIN_TOKEN,
        "quarkus.shutdown.delay", "0s");
  }

  @Override
  public void stop() {
  }
}
