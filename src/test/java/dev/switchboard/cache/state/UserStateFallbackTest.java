package dev.switchboard.cache.state;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

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
    OwnCacheRedis.Server.server().stop();
    await().atMost(WAIT).untilAsserted(() -> given().get("/health/detailed").then().body("checks.cache.type", equalTo("in-memory")));
  }

  @AfterEach
  void startCacheRedis() {
    OwnCacheRedis.Server.server().start();
    await().atMost(WAIT).untilAsserted(() -> given().get("/health/detailed").then().body("checks.cache.type", equalTo("redis")));
  }
}
