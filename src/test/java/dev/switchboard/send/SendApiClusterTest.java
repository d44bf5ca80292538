package dev.switchboard.send;

import dev.switchboard.testing.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The send API on a 3-master cluster: sends, templates, validation, the API rate limit, Idempotency-Keys, tenant scope. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class SendApiClusterTest extends SendApiTest {
}
