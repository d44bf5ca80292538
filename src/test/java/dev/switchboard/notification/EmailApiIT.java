package dev.switchboard.notification;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The e-mail API against the packaged application, which sends to the test's SMTP server. */
@QuarkusIntegrationTest
class EmailApiIT extends EmailApiTest {
}
