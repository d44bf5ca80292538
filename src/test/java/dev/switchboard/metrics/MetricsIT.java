package dev.switchboard.metrics;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged application. */
@QuarkusIntegrationTest
class MetricsIT extends MetricsTest {
}
