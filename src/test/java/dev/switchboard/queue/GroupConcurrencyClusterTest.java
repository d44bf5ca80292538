package dev.switchboard.queue;

import dev.switchboard.testing.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Group concurrency on a 3-master cluster: at most 5 of a group at once over two consumers, no head-of-line blocking, enqueue order. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class GroupConcurrencyClusterTest extends GroupConcurrencyTest {
}
