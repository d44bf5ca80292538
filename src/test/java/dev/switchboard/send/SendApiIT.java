package dev.switchboard.send;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The send API against the packaged application. */
@QuarkusIntegrationTest
class SendApiIT extends SendApiTest {
}
