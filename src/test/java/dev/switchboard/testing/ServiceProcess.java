package dev.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.switchboard.devmode.LocalRedisServer;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as its own OS process, as a replica runs in
 * production: started with settings as system properties, waited for until ready, stopped with SIGTERM or killed
 * with SIGKILL. Its log goes to {@code target/service-logs/<name>.log}.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final Map<String, String> settings;
  private final Path log;
  private final Map<String, String> environment = new TreeMap<>();
  private Process process;

  public ServiceProcess(String name, Map<String, String> settings) {
    this.name = name;
    this.port = LocalRedisServer.freePort();
    this.settings = new TreeMap<>(settings);
    this.settings.put("quarkus.http.port", Integer.toString(this.port));
    this.settings.put("switchboard.instance-id", name);
    this.log = Path.of("target", "service-logs", name + ".log");
  }

  /** Sets an environment variable of the process (before {@link #start()}), as Kubernetes passes settings. */
  public ServiceProcess withEnv(String name, String value) {
    this.environment.put(name, value);
    return this;
  }

  public int port() {
    return this.port;
  }

  public String name() {
    return this.name;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + this.port;
  }

  public Path log() {
    return this.log;
  }

  public boolean isAlive() {
    return this.process != null && this.process.isAlive();
  }

  /** Starts the process and returns once {@code /q/health/ready} answers 200 (or fails after a minute). */
  public ServiceProcess start() {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run ./mvnw package (or verify) first");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    this.settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(JAR.toString());
    try {
      Files.createDirectories(this.log.getParent());
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(this.log.toFile()));
      builder.environment().putAll(this.environment);
      this.process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!isReady()) {
      if (!this.process.isAlive() || System.nanoTime() > deadline) {
        kill();
        throw new IllegalStateException("service " + this.name + " did not become ready; see " + this.log);
      }
      try {
        Thread.sleep(100); // polling a starting process, not timing a race
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return this;
  }

  public boolean isReady() {
    try {
      HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
          .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGKILL: no shutdown hooks, in-flight jobs stay pending in Redis. */
  public void kill() {
    if (this.process != null) {
      this.process.destroyForcibly();
      waitForExit();
    }
  }

  /** SIGTERM, as Kubernetes stops a pod: the service finishes what it can within its shutdown timeout. */
  public void stop() {
    if (this.process != null) {
      this.process.destroy();
      waitForExit();
    }
  }

  private void waitForExit() {
    try {
      if (!this.process.waitFor(40, TimeUnit.SECONDS)) {
        this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }
}
