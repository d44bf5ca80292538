package dev.switchboard.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.devmode.LocalRedisServer;
import dev.switchboard.testing.ServiceProcess;
import dev.switchboard.testing.TestSettings;

/**
 * A real Prometheus (Debian's {@code prometheus} binary, which .ci/run installs) on loopback scrapes the packaged
 * service as the ServiceMonitor does ({@code job="switchboard"}, {@code /q/metrics}); its query API then holds the
 * {@code switchboard_*} series the alert rules and the dashboard read.
 */
class PrometheusScrapeIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalRedisServer redis;
  private static ServiceProcess service;
  private static Process prometheus;
  private static Path work;
  private static int prometheusPort;

  @BeforeAll
  static void start() throws IOException {
    Path binary = Stream.of("/usr/bin/prometheus", "/usr/local/bin/prometheus").map(Path::of).filter(Files::isExecutable).findFirst()
        .orElseThrow(() -> new IllegalStateException("prometheus is not installed: apt-get install -y prometheus (.ci/run does)"));
    redis = LocalRedisServer.onFreePort(List.of("--appendonly", "no"));
    redis.start();
    service = new ServiceProcess("scraped", Map.of("quarkus.redis.hosts", redis.url(),
        "switchboard.webhook.verify-token", TestSettings.VERIFY_TOKEN, "switchboard.webhook.app-secrets", TestSettings.APP_SECRET,
        "switchboard.admin.token", TestSettings.ADMIN_TOKEN, "switchboard.health.redis-gauge-interval", "1s")).start();

    work = Files.createTempDirectory("prometheus-it");
    prometheusPort = LocalRedisServer.freePort();
    // the PrometheusRule's spec is a rules file; JSON is YAML, so Prometheus reads it as written here
    JsonNode rules = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(Path.of("k8s", "prometheusrule.yaml").toFile()).get("spec");
    Files.writeString(work.resolve("rules.json"), JSON.writeValueAsString(rules));
    Files.writeString(work.resolve("prometheus.yml"), String.join("\n",
        "global:",
        "  scrape_interval: 1s",
        "  evaluation_interval: 1s",
        "rule_files: ['" + work.resolve("rules.json") + "']",
        "scrape_configs:",
        "  - job_name: switchboard",
        "    metrics_path: /q/metrics",
        "    static_configs:",
        "      - targets: ['127.0.0.1:" + service.port() + "']",
        ""));
    prometheus = new ProcessBuilder(binary.toString(), "--config.file=" + work.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort)
        .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.destroy();
      prometheus.waitFor(20, TimeUnit.SECONDS);
    }
    if (service != null) {
      service.stop();
    }
    if (redis != null) {
      redis.stop();
    }
    if (work != null) {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  @Test
  void shouldFindTheServicesSeriesThroughPrometheusQueryApi() throws Exception {
    Set<String> wanted = Set.of("switchboard_build_info", "switchboard_queue_jobs", "switchboard_queue_fetches_total",
        "switchboard_redis_up", "switchboard_redis_memory_used_bytes", "switchboard_redis_memory_max_bytes",
        "switchboard_maintenance_last_run_timestamp_seconds", "switchboard_maintenance_last_success_timestamp_seconds",
        "switchboard_maintenance_last_failed", "switchboard_maintenance_runs_total", "switchboard_cache_fallback_active",
        "switchboard_send_graph_tokens_rejected_total", "switchboard_webhook_deliveries_total");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(names("{__name__=~\"switchboard_.+\", job=\"switchboard\"}")).containsAll(wanted));

    assertThat(scalar("up{job=\"switchboard\"}")).isEqualTo(1);
    // the queue Redis answers: the Redis-unavailable alert's series says so
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(scalar("max by (role) (switchboard_redis_up{role=\"queue\"})")).isEqualTo(1));
    assertThat(scalar("count(switchboard_queue_jobs{state=\"waiting\"})")).isGreaterThanOrEqualTo(5);
  }

  /** The alert rules load into a real Prometheus and evaluate against the real series without errors. */
  @Test
  void shouldLoadAndEvaluateEveryAlertRule() throws Exception {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      JsonNode groups = get("/api/v1/rules").at("/data/groups");
      List<String> healthy = new ArrayList<>();
      groups.forEach(group -> group.get("rules").forEach(rule -> {
        assertThat(rule.get("health").asText()).as(rule.get("name").asText() + ": " + rule.path("lastError").asText()).isNotEqualTo("err");
        if (rule.get("health").asText().equals("ok")) {
          healthy.add(rule.get("name").asText());
        }
      }));
      assertThat(healthy).hasSize(16).contains("SwitchboardRedisUnavailable", "SwitchboardMaintenanceNotRun", "SwitchboardConsumersStalled");
    });
    // the service is fine: none of the operations alerts fires (the maintenance ones wait 25 h before they may)
    JsonNode alerts = get("/api/v1/alerts").at("/data/alerts");
    List<String> firing = new ArrayList<>();
    alerts.forEach(alert -> firing.add(alert.at("/labels/alertname").asText() + " " + alert.get("state").asText()));
    assertThat(firing).noneMatch(alert -> alert.startsWith("SwitchboardRedis") || alert.startsWith("SwitchboardQueue"));
  }

  /**
   * Every metric the Grafana dashboard and the alert rules read is one the service exports: Prometheus holds it, or it
   * is one of the few meters created with its first use (a send's outcome, a Graph call, a pause, a cache operation).
   */
  @Test
  void shouldExportEveryMetricTheDashboardAndTheAlertsRead() throws Exception {
    Set<String> afterFirstUse = Set.of("switchboard_send_messages_total", "switchboard_send_graph_latency_seconds_bucket",
        "switchboard_send_number_paused_seconds_total", "cache_operations_total", "switchboard_webhook_intake_seconds_bucket",
        "switchboard_webhook_messages_total", "switchboard_webhook_statuses_total", "switchboard_template_cache_requests_total");
    Set<String> read = new TreeSet<>();
    for (Path file : List.of(Path.of("k8s", "grafana", "switchboard-dashboard.json"), Path.of("k8s", "prometheusrule.yaml"))) {
      java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\b((?:switchboard|cache)_[a-z_]+)\\b").matcher(Files.readString(file));
      while (names.find()) {
        read.add(names.group(1));
      }
    }
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(names("{__name__=~\"switchboard_.+\", job=\"switchboard\"}")).contains("switchboard_redis_up"));
    Set<String> scraped = names("{__name__=~\"(switchboard|cache)_.+\", job=\"switchboard\"}");
    Set<String> missing = new TreeSet<>(read);
    missing.removeAll(scraped);
    assertThat(read).hasSizeGreaterThan(20);
    assertThat(missing).as("read by the dashboard or the rules, but not exported").isSubsetOf(afterFirstUse);
  }

  /** Every panel's query is PromQL this Prometheus evaluates (with the dashboard's {@code $job} set to the service's job). */
  @Test
  void shouldEvaluateEveryDashboardQuery() throws Exception {
    JsonNode dashboard = JSON.readTree(Files.readString(Path.of("k8s", "grafana", "switchboard-dashboard.json")));
    List<String> queries = new ArrayList<>();
    dashboard.findValues("expr").forEach(expr -> queries.add(expr.asText().replace("$job", "switchboard")));
    assertThat(queries).hasSizeGreaterThan(20);
    for (String expr : queries) {
      query(expr); // a query Prometheus cannot parse or evaluate answers 400, which get() fails on
    }
    // the p99 panels sum histogram buckets over replicas: the service exports them from start-up
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
        query("sum by (le) (switchboard_queue_job_wait_seconds_bucket{job=\"switchboard\"})")).isNotEmpty());
  }

  private static Set<String> names(String selector) throws Exception {
    JsonNode result = query("count by (__name__) (" + selector + ")");
    Set<String> names = new TreeSet<>();
    result.forEach(series -> names.add(series.at("/metric/__name__").asText()));
    return names;
  }

  private static double scalar(String expr) throws Exception {
    JsonNode result = query(expr);
    List<Double> values = new ArrayList<>();
    result.forEach(series -> values.add(Double.parseDouble(series.get("value").get(1).asText())));
    assertThat(values).as(expr).hasSize(1);
    return values.get(0);
  }

  private static JsonNode query(String expr) throws Exception {
    return get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)).at("/data/result");
  }

  private static JsonNode get(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + prometheusPort + path);
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("status").asText()).isEqualTo("success");
    return body;
  }
}
