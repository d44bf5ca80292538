package dev.switchboard.webhook;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Redis outage under intake, against the packaged application. */
@QuarkusIntegrationTest
class WebhookOutageIT extends WebhookOutageTest {
}
