package dev.switchboard.booking;

import dev.switchboard.testing.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The booking reminder API on a 3-master cluster: one reminder hash per booking and type, its delayed job on the queue. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class ReminderApiClusterTest extends ReminderApiTest {
}
