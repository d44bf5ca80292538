package dev.switchboard.queue;

import dev.switchboard.testing.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Retries on a 3-master cluster: backoff, dead after the last attempt or a permanent failure, retry of dead jobs, clean, remove. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class QueueRetryClusterTest extends QueueRetryTest {
}
