package dev.switchboard.cache.state;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import dev.switchboard.cache.OwnCacheRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The same user-state operations while the cache Redis is stopped: the states live in the fallback. */
@QuarkusTest
@TestProfile(OwnCacheRedis.class)
class UserStateFallbackTest extends UserStateContract {

  @BeforeEach
  void stopCacheRedis() {
    OwnCacheRedis.stopAndAwaitFallback();
  }

  @AfterEach
  void startCacheRedis() {
    OwnCacheRedis.startAndAwaitRedis();
  }
}
