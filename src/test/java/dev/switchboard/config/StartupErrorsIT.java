package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.switchboard.devmode.LocalRedisServer;

/**
 * The packaged application (production profile) started the way an operator might first start it: with required
 * settings missing. It must say which, one line each with the environment variable and the property, print no
 * stack trace, and exit non-zero.
 */
class StartupErrorsIT {

  private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

  @Test
  void shouldNameEveryMissingSettingOnItsOwnLineAndExitNonZero() throws Exception {
    Started started = start(Map.of());

    assertThat(started.exitCode()).isNotZero();
    assertThat(started.lines()).containsExactly(
        "Missing required setting REDIS_URL (property quarkus.redis.hosts): the Redis of queues and cache, e.g. redis://redis:6379",
        "Missing required setting SWITCHBOARD_WEBHOOK_VERIFY_TOKEN (property switchboard.webhook.verify-token): the token Meta sends in "
            + "the webhook verification handshake",
        "Missing required setting SWITCHBOARD_WEBHOOK_APP_SECRETS (property switchboard.webhook.app-secrets): the Meta app secret that "
            + "signs webhook deliveries (comma-separated during a rotation)");
  }

  @Test
  void shouldSayInOneLineThatOnlyRedisIsMissing() throws Exception {
    Started started = start(Map.of("SWITCHBOARD_WEBHOOK_VERIFY_TOKEN", "verify", "SWITCHBOARD_WEBHOOK_APP_SECRETS", "secret"));

    assertThat(started.exitCode()).isNotZero();
    assertThat(started.lines()).hasSize(1);
    assertThat(started.lines().get(0)).contains("REDIS_URL").contains("quarkus.redis.hosts").doesNotContain("Exception");
  }

  @Test
  void shouldNameTheOneRedisClientLeftWithoutAServer() throws Exception {
    Started started = start(Map.of("SWITCHBOARD_WEBHOOK_VERIFY_TOKEN", "verify", "SWITCHBOARD_WEBHOOK_APP_SECRETS", "secret",
        "QUARKUS_REDIS_QUEUE_HOSTS", "redis://127.0.0.1:1", "QUARKUS_REDIS_QUEUE_READER_HOSTS", "redis://127.0.0.1:1"));

    assertThat(started.exitCode()).isNotZero();
    assertThat(started.lines()).containsExactly("Missing required setting QUARKUS_REDIS_CACHE_HOSTS (property quarkus.redis.cache.hosts): "
        + "the Redis of the 'cache' client (or set REDIS_URL for all of them)");
  }

  private record Started(int exitCode, List<String> lines) {
  }

  /** Runs the jar with only {@code env} of our settings (none inherited) and answers its exit code and non-blank output lines. */
  private static Started start(Map<String, String> env) throws IOException, InterruptedException {
    assertThat(JAR).as("the packaged application (./mvnw package)").isRegularFile();
    Path output = Files.createTempFile("switchboard-startup-", ".log");
    try {
      List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
          "-Dquarkus.http.port=" + LocalRedisServer.freePort(), "-jar", JAR.toString());
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("SWITCHBOARD_") || name.startsWith("QUARKUS_")
          || name.startsWith("REDIS_") || name.equals("WHATSAPP_SEND_QUEUE_ENABLED"));
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("the service did not exit within 60 s: " + Files.readString(output));
      }
      List<String> lines = new ArrayList<>();
      for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
      return new Started(process.exitValue(), lines);
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
