package dev.switchboard.send.api;

import dev.switchboard.testing.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A number's limiter state and pause on a 3-master cluster: both keys in the number's slot. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class SenderNumbersApiClusterTest extends SenderNumbersApiTest {
}
