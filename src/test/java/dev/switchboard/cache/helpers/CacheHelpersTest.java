package dev.switchboard.cache.helpers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.switchboard.cache.CacheNamespaces;
import dev.switchboard.cache.OwnCacheRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The helpers on Redis, and the start-up warming of the {@link TestWarmup} bean. */
@QuarkusTest
@TestProfile(OwnCacheRedis.class)
class CacheHelpersTest extends CacheHelpersContract {

  @Test
  void shouldHaveWarmedTheWarmupBeansEntriesAtStartUp() {
    assertThat(this.cache.get(CacheNamespaces.SALON, TestWarmup.KEY, String.class).await().atMost(Duration.ofSeconds(5)))
        .contains(TestWarmup.VALUE);
  }
}
