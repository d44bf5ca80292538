package dev.switchboard.webhook;

import dev.switchboard.testing.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Webhook processing on a 3-master cluster: messages stored once in their conversations, redeliveries dropped,
 * statuses moving a sent message forward (its record and its wamid link in different slots).
 */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class WebhookProcessingClusterTest extends WebhookProcessingTest {
}
