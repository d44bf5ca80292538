package dev.switchboard.webhook;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The intake checks against the packaged application. */
@QuarkusIntegrationTest
class WebhookIntakeIT extends WebhookIntakeTest {
}
