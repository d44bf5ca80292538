package dev.switchboard.queue;

import dev.switchboard.testing.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Priorities on a 3-master cluster: high bands first, a low-priority job never starved. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class PriorityClusterTest extends PriorityTest {
}
