package dev.switchboard.operations.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.operations.CacheOperations;
import dev.switchboard.operations.OperationsOverview;
import dev.switchboard.operations.maintenance.MaintenanceJob;
import dev.switchboard.operations.maintenance.MaintenanceReport;
import dev.switchboard.operations.maintenance.MaintenanceRun;
import dev.switchboard.operations.maintenance.MaintenanceRunner;
import dev.switchboard.redis.RedisClients;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.QuarkusApplication;
import io.smallrye.mutiny.Uni;

/**
 * Runs one CLI command on the main thread (blocking is fine here: no event loop waits on it) and answers the exit
 * code. Redis is pinged first: the cache layer would otherwise answer from its in-memory fallback, and a CLI that
 * reports "0 user states" because Redis is down would mislead.
 */
public class CliApplication implements QuarkusApplication {

  static final int EXIT_FAILED = 1;
  static final int EXIT_REDIS = 2;
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);
  static final String BY = "the CLI";

  @Inject
  OperationsOverview overview;

  @Inject
  CacheOperations operations;

  @Inject
  MaintenanceRunner maintenance;

  @Inject
  CliTenants tenants;

  @Inject
  ObjectMapper mapper;

  @Inject
  @RedisClientName(RedisClients.QUEUE)
  ReactiveRedisDataSource queueRedis;

  @Inject
  @RedisClientName(RedisClients.CACHE)
  ReactiveRedisDataSource cacheRedis;

  @Override
  public int run(String... args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    CliArguments command = CliArguments.parse(args).arguments();
    try {
      ping(this.queueRedis);
      ping(this.cacheRedis);
    } catch (RuntimeException e) {
      // stdout and stderr are the CLI's interface (console logging is off in CLI mode): one line, then the exit code
      System.err.println("Redis connection failed: " + oneLine(e) + " (" + redisHosts() + ")");
      return EXIT_REDIS;
    }
    try {
      Object result = execute(command).await().atMost(TIMEOUT);
      out.println(command.json() ? json(result) : CliOutput.text(result));
      return result instanceof MaintenanceReport report && MaintenanceRun.FAILED.equals(report.outcome()) ? EXIT_FAILED : 0;
    } catch (RuntimeException e) {
      System.err.println("switchboard-cli " + command.verb().name().toLowerCase(Locale.ROOT) + " failed: " + oneLine(e));
      return EXIT_FAILED;
    }
  }

  private Uni<?> execute(CliArguments command) {
    return switch (command.verb()) {
      case STATS -> this.overview.stats();
      case ALL -> this.operations.clearAll(command.queues(), BY);
      case OLD -> this.operations.clearOld(command.hours(), BY);
      case USER -> this.operations.clearUser(command.phone(), command.tenant(), BY);
      case MAINTENANCE -> this.maintenance.run(command.weekly() ? MaintenanceJob.WEEKLY : MaintenanceJob.DAILY, BY);
      case TENANTS -> this.tenants.all();
      case TENANT -> this.tenants.one(command.tenant().orElseThrow());
      case HELP -> Uni.createFrom().item(CliArguments.USAGE);
    };
  }

  private static void ping(ReactiveRedisDataSource redis) {
    redis.execute("PING").ifNoItem().after(PING_TIMEOUT).failWith(() -> new IllegalStateException("no answer to PING within " + PING_TIMEOUT.toSeconds() + " s"))
        .await().atMost(PING_TIMEOUT.plusSeconds(1));
  }

  /** Where the CLI looked for Redis, without any password in the URL. */
  static String redisHosts() {
    Config config = ConfigProvider.getConfig();
    String hosts = config.getOptionalValue("quarkus.redis.queue.hosts", String.class)
        .or(() -> config.getOptionalValue("quarkus.redis.hosts", String.class)).orElse("?");
    return hosts.replaceAll("//[^@/]*@", "//");
  }

  private String json(Object result) {
    try {
      return this.mapper.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The innermost message, on one line: operators read it in {@code kubectl exec} output. */
  static String oneLine(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return message.replaceAll("\\s+", " ").trim();
  }
}
