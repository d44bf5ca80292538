package dev.switchboard.cache.helpers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import dev.switchboard.cache.OwnCacheRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The same helpers while the cache Redis is stopped: everything from the in-memory fallback. */
@QuarkusTest
@TestProfile(OwnCacheRedis.class)
class CacheHelpersFallbackTest extends CacheHelpersContract {

  @BeforeEach
  void stopCacheRedis() {
    OwnCacheRedis.stopAndAwaitFallback();
  }

  @AfterEach
  void startCacheRedis() {
    OwnCacheRedis.startAndAwaitRedis();
  }
}
