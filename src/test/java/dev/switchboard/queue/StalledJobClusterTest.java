package dev.switchboard.queue;

import dev.switchboard.queue.redis.QueueKeys;
import dev.switchboard.testing.RedisClusterProfile;
import dev.switchboard.testing.RedisClusterTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Stalled-job reclaim and fencing on a 3-master cluster. The other process plays a replica on a bare connection to the
 * master that owns the queue's slot, as a cluster client would route its scripts (and its MULTI) there.
 */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class StalledJobClusterTest extends StalledJobTest {

  @Override
  protected int redisPortOf(String queue) {
    return RedisClusterTestResource.cluster().ownerOf(new QueueKeys(this.registry.prefix(), queue).paused()).port();
  }
}
