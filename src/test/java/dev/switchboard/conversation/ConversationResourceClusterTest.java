package dev.switchboard.conversation;

import dev.switchboard.testing.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The conversation read API on a 3-master cluster. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class ConversationResourceClusterTest extends ConversationResourceTest {
}
