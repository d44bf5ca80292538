package dev.switchboard.send;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Graph API error handling in the packaged application. */
@QuarkusIntegrationTest
class SendErrorsIT extends SendErrorsTest {
}
