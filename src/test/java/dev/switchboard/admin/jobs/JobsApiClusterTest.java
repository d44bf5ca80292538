package dev.switchboard.admin.jobs;

import dev.switchboard.testing.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The paged listing, search, promote, test jobs, drain and audit on a 3-master cluster: page.lua and drain.lua in the queue's slot. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class JobsApiClusterTest extends JobsApiTest {
}
