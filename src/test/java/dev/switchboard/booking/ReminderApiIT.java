package dev.switchboard.booking;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The reminder API against the packaged application. */
@QuarkusIntegrationTest
class ReminderApiIT extends ReminderApiTest {
}
