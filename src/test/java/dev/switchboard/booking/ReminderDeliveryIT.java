package dev.switchboard.booking;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Reminders falling due on the packaged application. */
@QuarkusIntegrationTest
class ReminderDeliveryIT extends ReminderDeliveryTest {
}
