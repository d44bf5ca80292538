package dev.switchboard.webhook;

import dev.switchboard.testing.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Webhook intake on a 3-master cluster: a signed delivery is answered 200 once its job is on the cluster. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class WebhookIntakeClusterTest extends WebhookIntakeTest {
}
