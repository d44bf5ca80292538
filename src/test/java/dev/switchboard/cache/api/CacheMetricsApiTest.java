package dev.switchboard.cache.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.switchboard.cache.CacheNamespaces;
import dev.switchboard.cache.CacheService;
import dev.switchboard.cache.template.TemplateCache;
import dev.switchboard.cache.template.TemplateCreation;
import dev.switchboard.testing.Metrics;
import dev.switchboard.testing.TestSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** {@code GET /api/cache/metrics} and the Prometheus series of the cache layer. */
@QuarkusTest
class CacheMetricsApiTest {

  static final Duration WAIT = Duration.ofSeconds(10);
  static final String ADMIN = "Bearer " + TestSettings.ADMIN_TOKEN;

  @Inject
  TemplateCache templates;

  @Inject
  CacheService cache;

  @Test
  void shouldRequireTheAdminToken() {
    given().get("/api/cache/metrics").then().statusCode(401).body("error", equalTo("unauthorized"));
    given().header("Authorization", "Bearer " + TestSettings.ACME_API_TOKEN).get("/api/cache/metrics").then().statusCode(401);
  }

  @Test
  void shouldAnswerTemplateFiguresHealthAndLevels() {
    String key = "metrics-" + UUID.randomUUID();
    for (int i = 0; i < 3; i++) {
      this.templates.getOrCreate(key, Map.of("i", 1), String.class, () -> Uni.createFrom().item(new TemplateCreation<>("text", "tpl-m", "test")))
          .await().atMost(WAIT);
    }

    given().header("Authorization", ADMIN).get("/api/cache/metrics").then().statusCode(200)
        .body("runtime.totalRequests", greaterThanOrEqualTo(3))
        .body("runtime.hitRate", notNullValue())
        .body("runtime.byKey.'" + key + "'.hits", equalTo(2))
        .body("runtime.byKey.'" + key + "'.misses", equalTo(1))
        .body("runtime.byKey.'" + key + "'.creations", equalTo(1))
        .body("runtime.byKey.'" + key + "'.templateId", equalTo("tpl-m"))
        .body("window.windowSeconds", equalTo(300))
        .body("window.totalRequests", greaterThanOrEqualTo(3))
        .body("window.missSpike", notNullValue())
        .body("health.status", equalTo("healthy"))
        .body("health.type", equalTo("redis"))
        .body("health.latencyMs", greaterThanOrEqualTo(0))
        .body("levels.inProcess.namespaces", hasItems("flag", "auth"))
        .body("levels.inProcess.serving", equalTo(true))
        .body("levels.fallback.maxEntries", equalTo(1000))
        .body("levels.fallback.serving", equalTo(false))
        .body("levels.redis.hits", greaterThanOrEqualTo(2));
  }

  @Test
  void shouldExportOperationsByLevelOutcomeAndNamespaceWithFixedTags() {
    String key = UUID.randomUUID().toString();
    double hitsBefore = Metrics.value("cache_operations_total", "operation=\"hit\",resource=\"salon\",type=\"redis\"");
    double otherBefore = Metrics.value("cache_operations_total", "operation=\"set\",resource=\"other\",type=\"redis\"");
    this.cache.set(CacheNamespaces.SALON, key, "x").await().atMost(WAIT);
    this.cache.get(CacheNamespaces.SALON, key, String.class).await().atMost(WAIT);
    // a namespace of its own: counted under "other", so tag values stay a fixed set
    this.cache.set("my-feature-" + UUID.randomUUID().toString().substring(0, 6), key, "x").await().atMost(WAIT);

    assertThat(Metrics.value("cache_operations_total", "operation=\"hit\",resource=\"salon\",type=\"redis\"") - hitsBefore).isEqualTo(1);
    assertThat(Metrics.value("cache_operations_total", "operation=\"set\",resource=\"other\",type=\"redis\"") - otherBefore).isEqualTo(1);
    String page = given().accept("text/plain; version=0.0.4").get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(page).contains("switchboard_template_cache_requests_total{outcome=\"hit\"", "switchboard_template_cache_creations_total",
        "switchboard_template_cache_miss_spike ", "switchboard_template_cache_window_miss_ratio", "switchboard_cache_loads_total",
        "cache_operations_total{operation=\"stale\",resource=\"conversation\",type=\"memory\",");
    assertThat(page).doesNotContain("resource=\"my-feature");
  }
}
