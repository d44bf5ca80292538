package dev.switchboard.queue;

import dev.switchboard.testing.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Pause, delayed jobs, drain and the job timeout on a 3-master cluster, with test-pause and test-delayed on one master and test-timeout on another. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class PauseAndDelayClusterTest extends PauseAndDelayTest {
}
