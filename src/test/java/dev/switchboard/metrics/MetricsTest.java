package dev.switchboard.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MetricsTest {

  /** The classic Prometheus text format, the one promtool and older scrapers parse. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4";

  private static final Pattern SAMPLE = Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*\\})? (-?[0-9.eE+\\-]+|NaN|[+-]Inf)( -?[0-9]+)?$");

  @Test
  void shouldExposeBuildInfoJvmAndHttpMetrics() {
    given().when().get("/health/detailed").then().statusCode(200);

    String body = given().accept(PROMETHEUS_TEXT).when().get("/q/metrics")
        .then().statusCode(200).extract().asString();

    assertThat(body).containsPattern("(?m)^switchboard_build_info\\{.*version=\"[^\"]+\".*\\} 1\\.0$");
    assertThat(body).contains("# TYPE switchboard_build_info gauge");
    assertThat(body).contains("jvm_memory_used_bytes");
    assertThat(body).containsPattern("http_server_requests_seconds_count\\{.*uri=\"/health/detailed\"");
  }

  @Test
  void shouldServeOnlyWellFormedSamples() {
    String body = given().accept(PROMETHEUS_TEXT).when().get("/q/metrics")
        .then().statusCode(200).extract().asString();

    List<String> malformed = body.lines()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .filter(line -> !SAMPLE.matcher(line).matches())
        .toList();
    assertThat(malformed).isEmpty();
  }
}
