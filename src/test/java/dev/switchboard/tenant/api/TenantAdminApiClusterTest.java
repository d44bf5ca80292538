package dev.switchboard.tenant.api;

import dev.switchboard.testing.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The tenant registry's admin API on a 3-master cluster: every registry key in the one {tenants} slot. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class TenantAdminApiClusterTest extends TenantAdminApiTest {
}
