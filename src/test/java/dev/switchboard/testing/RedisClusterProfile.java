package dev.switchboard.testing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs a {@code @QuarkusTest} against the run's 3-master Redis Cluster ({@link RedisClusterTestResource}), with all
 * four Redis clients (default, queue, cache, queue-reader) in cluster mode:
 * {@code @QuarkusTest @TestProfile(RedisClusterProfile.class) class XyzClusterTest extends XyzTest {}}.
 * <p>
 * Why a profile: the global {@link RedisTestResource} still runs and still sets {@code quarkus.redis.hosts} to the
 * single Redis. Test resources' settings all land in one config source (ordinal 399) where the last one started
 * wins, so two resources setting one key would race; a profile's {@link #getConfigOverrides()} has its own source
 * at ordinal {@code Integer.MAX_VALUE - 1000} and wins over every test resource (checked on Quarkus 3.34: with
 * both, the app saw the profile's hosts). The resource is still listed, so Quarkus starts and stops the cluster with
 * the tests that use it. Quarkus restarts once for this profile and orders tests so that those sharing it run
 * together. Quarkus calls the profile in two class loaders, so the ports are fixed before either starts anything
 * (see {@link RedisClusterTestResource}).
 */
public class RedisClusterProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return RedisClusterTestResource.settings();
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(RedisClusterTestResource.class));
  }
}
