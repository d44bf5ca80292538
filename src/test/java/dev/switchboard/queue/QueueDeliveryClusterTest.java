package dev.switchboard.queue;

import dev.switchboard.testing.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Queue delivery on a 3-master cluster: each job once, one job per id, the outgoing channel, retention. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class QueueDeliveryClusterTest extends QueueDeliveryTest {
}
