package dev.switchboard.send.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.send.ratelimit.SenderRateLimiter;
import dev.switchboard.testing.TenantAdminClient;
import dev.switchboard.testing.TestSettings;
import io.quarkus.test.junit.QuarkusTest;

/** The dashboard's view of the sender numbers: a number paused after Graph error 130429 shows the pause and its code. */
@QuarkusTest
class SenderNumbersApiTest {

  @Inject
  SenderRateLimiter limiter;

  @Test
  void shouldShowAPausedNumberWithItsCodeAndAFreeOneWithout() {
    // a tenant of its own: no other test sends from its number
    String tenant = TenantAdminClient.uniqueId("throttled");
    String number = TenantAdminClient.uniqueNumber();
    TenantAdminClient.local().createSendable(tenant, number, "graph-token");
    await().atMost(Duration.ofSeconds(5)).until(() -> numbers().stream().anyMatch(n -> tenant.equals(n.get("tenant"))));
    this.limiter.pause(number, Duration.ofSeconds(20), "130429").await().indefinitely();
    long now = System.currentTimeMillis();
    List<Map<String, Object>> numbers = numbers();
    Map<String, Object> throttled = numbers.stream().filter(n -> tenant.equals(n.get("tenant"))).findFirst().orElseThrow();
    assertThat(throttled).containsEntry("phoneNumberId", number).containsEntry("pauseCode", "130429");
    assertThat(((Number) throttled.get("pausedUntilMillis")).longValue()).isBetween(now + 15_000, now + 21_000);
    assertThat(((Number) throttled.get("nextSlotInMillis")).longValue()).isBetween(15_000L, 20_000L);

    Map<String, Object> acme = numbers.stream().filter(n -> TestSettings.ACME.equals(n.get("tenant"))).findFirst().orElseThrow();
    assertThat(acme.get("pauseCode")).isNull();
    assertThat(acme).containsEntry("ratePerSecond", 80);
  }

  private static List<Map<String, Object>> numbers() {
    return given().header("Authorization", "Bearer " + TestSettings.ADMIN_TOKEN).get("/admin/send/numbers").then().statusCode(200)
        .extract().jsonPath().getList("$");
  }
}
