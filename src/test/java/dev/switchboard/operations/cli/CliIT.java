package dev.switchboard.operations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.cache.store.Payloads;
import dev.switchboard.devmode.LocalRedisServer;
import dev.switchboard.testing.RespConnection;
import dev.switchboard.testing.TestSettings;

/**
 * The CLI as operators run it: {@code java -jar target/quarkus-app/quarkus-run.jar <verb>} (what {@code bin/switchboard-cli}
 * runs in the image) against a private Redis. Exit codes, readable and {@code --json} output, what each verb removed,
 * and that a command starts neither an HTTP listener nor a queue consumer.
 */
class CliIT {

  private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INDEX = "sb:cache:user-state:_index";
  private static LocalRedisServer redis;

  @BeforeAll
  static void startRedis() {
    redis = LocalRedisServer.onFreePort(List.of("--appendonly", "no"));
    redis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.stop();
  }

  @BeforeEach
  void emptyRedis() throws IOException {
    call("FLUSHALL");
  }

  @Test
  void shouldPrintHelpWithoutRedis() throws Exception {
    Result help = cli("redis://127.0.0.1:1", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.stdout()).startsWith("Usage: switchboard-cli").contains("stats", "all [--queue]", "old [--hours=N]", "user <phone>", "maintenance");
  }

  @Test
  void shouldRefuseAWrongCommandWithOneLine() throws Exception {
    Result wrong = cli(redis.url(), "purge");
    assertThat(wrong.exit()).isEqualTo(64);
    assertThat(wrong.stderr().strip()).isEqualTo("switchboard-cli: unknown command 'purge' (see --help)");
    assertThat(cli(redis.url(), "old", "--hours=x").stderr()).contains("--hours must be a whole number");
  }

  @Test
  void shouldFailWithOneLineWhenRedisIsDown() throws Exception {
    int closed = freePort();
    Result down = cli("redis://:hunter2@127.0.0.1:" + closed, "stats", "--json");
    assertThat(down.exit()).isEqualTo(2);
    assertThat(down.stdout()).isEmpty();
    assertThat(down.stderr().strip().lines()).singleElement().asString()
        .startsWith("Redis connection failed: ").contains("127.0.0.1:" + closed).doesNotContain("hunter2");
  }

  @Test
  void shouldReportStatsAsTextAndJsonWithoutServingOrConsuming() throws Exception {
    Instant now = Instant.now();
    seedState("acme", "4917000000001", now.minus(Duration.ofHours(30)));
    seedState("acme", "4917000000002", now.minus(Duration.ofMinutes(1)));
    call("CONFIG", "RESETSTAT");

    try (ServerSocket taken = new ServerSocket(0)) {
      // the HTTP port is in use: a CLI that started the HTTP server would fail to start
      Result text = cli(redis.url(), List.of("-Dquarkus.http.port=" + taken.getLocalPort()), "stats");
      assertThat(text.exit()).as(text.stderr()).isZero();
      assertThat(text.stdout()).contains("User states: 2", "whatsapp-send", "daily   never run");
    }
    String commands = call("INFO", "commandstats").toString();
    assertThat(commands).as("no consumer read a queue").doesNotContain("cmdstat_xread");

    Result json = cli(redis.url(), "stats", "--json");
    assertThat(json.exit()).isZero();
    JsonNode stats = JSON.readTree(json.stdout());
    assertThat(stats.get("userStates").asLong()).isEqualTo(2);
    assertThat(stats.get("cacheType").asText()).isEqualTo("redis");
    assertThat(stats.at("/redisMemory/queue/usedBytes").asLong()).isPositive();
    assertThat(stats.get("queues").findValuesAsText("queue")).contains("whatsapp-send", "whatsapp:webhook");
    assertThat(stats.get("maintenance").findValuesAsText("job")).containsExactly("daily", "weekly");
  }

  @Test
  void shouldListAndShowTenantsWithoutTheirTokens() throws Exception {
    List<String> acme = List.of("-Dswitchboard.tenants.acme.phone-number-id=100000000000777", "-Dswitchboard.tenants.acme.max-concurrency=4",
        "-Dswitchboard.tenants.acme.api-token=cli-test-api-token", "-Dswitchboard.tenants.acme.access-token=cli-test-graph-token");

    Result list = cli(redis.url(), acme, "tenants", "list");
    assertThat(list.exit()).as(list.stderr()).isZero();
    assertThat(list.stdout()).contains("1 tenant(s)", "acme", "config", "active", "100000000000777");

    Result shown = cli(redis.url(), acme, "tenants", "show", "acme", "--json");
    assertThat(shown.exit()).as(shown.stderr()).isZero();
    JsonNode tenant = JSON.readTree(shown.stdout());
    assertThat(tenant.get("id").asText()).isEqualTo("acme");
    assertThat(tenant.get("maxConcurrency").asInt()).isEqualTo(4);
    assertThat(tenant.at("/accessToken/set").asBoolean()).isTrue();
    assertThat(shown.stdout() + list.stdout()).doesNotContain("cli-test-api-token", "cli-test-graph-token");

    Result missing = cli(redis.url(), acme, "tenants", "show", "nobody");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.stderr().strip()).isEqualTo("switchboard-cli tenant failed: no tenant 'nobody'");
  }

  @Test
  void shouldClearOldStatesOneUserAndEverything() throws Exception {
    Instant now = Instant.now();
    seedState("acme", "4917000000011", now.minus(Duration.ofHours(50)));
    seedState("acme", "4917000000012", now.minus(Duration.ofHours(26)));
    seedState("acme", "4917000000013", now.minus(Duration.ofHours(2)));
    seedState("globex", "4917000000013", now.minus(Duration.ofHours(3)));
    seedState("globex", "4917000000014", now.minus(Duration.ofHours(4)));

    Result old = cli(redis.url(), "old", "--hours=24", "--json");
    assertThat(old.exit()).isZero();
    assertThat(JSON.readTree(old.stdout()).get("userStatesRemoved").asLong()).isEqualTo(2);
    assertThat(call("EXISTS", stateKey("acme", "4917000000012"))).isEqualTo(0L);
    assertThat(call("EXISTS", stateKey("acme", "4917000000013"))).isEqualTo(1L);

    Result user = cli(redis.url(), "user", "+4917000000013");
    assertThat(user.exit()).isZero();
    assertThat(user.stdout().strip()).isEqualTo("Cleared user 49*******0013 (every tenant): 2 state(s), 0 cached view(s)");
    assertThat(call("ZCARD", INDEX)).isEqualTo(1L);

    call("SET", "sb:cache:salon:s1", Payloads.encode(0, "{\"name\":\"Salon\"}"));
    Result all = cli(redis.url(), "all", "--json");
    assertThat(all.exit()).isZero();
    JsonNode cleared = JSON.readTree(all.stdout());
    assertThat(cleared.at("/namespaces/salon").asLong()).isEqualTo(1);
    assertThat(cleared.get("userStates").asLong()).isEqualTo(1);
    assertThat(cleared.get("queuesCleared").asBoolean()).isFalse();
    assertThat(call("EXISTS", "sb:cache:salon:s1", stateKey("globex", "4917000000014"))).isEqualTo(0L);

    Result withQueues = cli(redis.url(), "all", "--queue");
    assertThat(withQueues.exit()).isZero();
    assertThat(withQueues.stdout()).contains("queue whatsapp-send").contains("0 running left");
  }

  @Test
  void shouldRunMaintenanceOrSkipItWhileAnotherReplicaHoldsTheLock() throws Exception {
    seedState("acme", "4917000000021", Instant.now().minus(Duration.ofHours(25)));

    Result ran = cli(redis.url(), "maintenance", "--json");
    assertThat(ran.exit()).isZero();
    JsonNode report = JSON.readTree(ran.stdout());
    assertThat(report.get("outcome").asText()).isEqualTo("success");
    assertThat(report.at("/counts/userStatesRemoved").asLong()).isEqualTo(1);

    call("SET", "sb:lock:maintenance:daily", "another-replica", "PX", "60000");
    Result skipped = cli(redis.url(), "maintenance");
    assertThat(skipped.exit()).isZero();
    assertThat(skipped.stdout().strip()).isEqualTo("Maintenance daily skipped: another replica is running it");
    assertThat(call("GET", "sb:lock:maintenance:daily")).isEqualTo("another-replica");

    JsonNode daily = JSON.readTree(cli(redis.url(), "stats", "--json").stdout()).get("maintenance").get(0);
    assertThat(daily.get("job").asText()).isEqualTo("daily");
    assertThat(daily.get("runs").asLong()).isEqualTo(1);
    assertThat(daily.get("skips").asLong()).isEqualTo(1);
    assertThat(daily.get("outcome").asText()).isEqualTo("success");
    assertThat(daily.get("lastRunAt").asText()).isEqualTo(report.get("startedAt").asText());
    assertThat(cli(redis.url(), "stats").stdout()).contains("daily   last run " + report.get("startedAt").asText());
  }

  /** A user state as the store writes it: the JSON entry with its logical expiry, and its index entry. */
  private static void seedState(String tenant, String phone, Instant updatedAt) throws IOException {
    long expiry = updatedAt.plus(Duration.ofDays(7)).toEpochMilli();
    String json = String.format("{\"tenant\":\"%s\",\"phone\":\"%s\",\"data\":{\"step\":1},\"updatedAt\":%d}", tenant, phone, updatedAt.toEpochMilli());
    call("SET", stateKey(tenant, phone), Payloads.encode(expiry, json), "PXAT", Long.toString(expiry));
    call("ZADD", INDEX, Long.toString(updatedAt.toEpochMilli()), tenant + ":" + phone);
  }

  private static String stateKey(String tenant, String phone) {
    return "sb:cache:user-state:" + tenant + ":" + phone;
  }

  private static Object call(String... command) throws IOException {
    try (RespConnection connection = new RespConnection(redis.port())) {
      return connection.call(command);
    }
  }

  private static Result cli(String redisUrl, String... args) throws Exception {
    return cli(redisUrl, List.of(), args);
  }

  private static Result cli(String redisUrl, List<String> jvmArgs, String... args) throws Exception {
    assertThat(JAR).as("run ./mvnw package first").isRegularFile();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx192m");
    // states live a week here, as the seeded ones do, so that some older than a day exist (production keeps them a day)
    command.add("-Dswitchboard.cache.ttl.user-state=7d");
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("cli-out", ".txt");
    Path err = Files.createTempFile("cli-err", ".txt");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().put("REDIS_URL", redisUrl);
      builder.environment().put("SWITCHBOARD_WEBHOOK_VERIFY_TOKEN", TestSettings.VERIFY_TOKEN);
      builder.environment().put("SWITCHBOARD_WEBHOOK_APP_SECRETS", TestSettings.APP_SECRET);
      Process process = builder.start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the CLI did not exit within 60 s: " + command);
      }
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private record Result(int exit, String stdout, String stderr) {
  }
}
