package dev.switchboard.message;

import dev.switchboard.testing.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The message status store on a 3-master cluster, where a message's record and its wamid link live in different slots. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class MessageStatusStoreClusterTest extends MessageStatusStoreTest {
}
