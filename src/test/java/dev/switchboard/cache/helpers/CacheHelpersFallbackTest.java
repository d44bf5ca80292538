package dev.switchboard.cache.helpers;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

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
    OwnCacheRedis.Server.server().stop();
    await().atMost(WAIT).untilAsserted(() -> given().get("/health/detailed").then().body("checks.cache.type", equalTo("in-memory")));
  }

  @AfterEach
  void startCacheRedis() {
    OwnCacheRedis.Server.server().start();
    await().atMost(WAIT).untilAsserted(() -> given().get("/health/detailed").then().body("checks.cache.type", equalTo("redis")));
  }
}
