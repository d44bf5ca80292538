package dev.switchboard.operations.maintenance;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.redis.RedisClients;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Where maintenance runs are recorded, for every replica to read: one hash per job, {@code <prefix>:maintenance:<job>},
 * on the queue Redis (never evicted). Each write touches that one key.
 */
@ApplicationScoped
public class MaintenanceRuns {

  private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
  };

  private final ReactiveHashCommands<String, String, String> hashes;
  private final ObjectMapper mapper;
  private final String prefix;

  public MaintenanceRuns(@RedisClientName(RedisClients.QUEUE) ReactiveRedisDataSource redis, ObjectMapper mapper, SwitchboardConfig config) {
    this.hashes = redis.hash(String.class);
    this.mapper = mapper;
    this.prefix = config.keyPrefix() + ":maintenance:";
  }

  public Uni<Void> recordFinished(MaintenanceJob job, MaintenanceReport report, String replica) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("lastRunAt", report.startedAt());
    fields.put("durationMs", Long.toString(report.durationMs()));
    fields.put("outcome", report.outcome());
    fields.put("counts", json(report.counts()));
    fields.put("replica", replica);
    fields.put("error", report.error() == null ? "" : report.error());
    boolean success = MaintenanceRun.SUCCESS.equals(report.outcome());
    if (success) {
      fields.put("lastSuccessAt", report.startedAt());
    }
    String key = key(job);
    return this.hashes.hset(key, fields)
        .chain(() -> this.hashes.hincrby(key, "runs", 1))
        .chain(() -> success ? Uni.createFrom().item(0L) : this.hashes.hincrby(key, "failures", 1))
        .replaceWithVoid();
  }

  public Uni<Void> recordSkip(MaintenanceJob job, String replica) {
    String key = key(job);
    return this.hashes.hset(key, Map.of("lastSkipAt", Instant.now().toString(), "lastSkipBy", replica))
        .chain(() -> this.hashes.hincrby(key, "skips", 1)).replaceWithVoid();
  }

  public Uni<MaintenanceRun> read(MaintenanceJob job) {
    return this.hashes.hgetall(key(job)).map(hash -> hash == null || hash.isEmpty() ? MaintenanceRun.never(job) : of(job, hash));
  }

  public Uni<List<MaintenanceRun>> readAll() {
    return Multi.createFrom().items(MaintenanceJob.values()).onItem().transformToUniAndConcatenate(this::read).collect().asList();
  }

  private MaintenanceRun of(MaintenanceJob job, Map<String, String> hash) {
    return new MaintenanceRun(job.id(), blankToNull(hash.get("lastRunAt")), longOrNull(hash.get("durationMs")), blankToNull(hash.get("outcome")),
        counts(hash.get("counts")), blankToNull(hash.get("replica")), blankToNull(hash.get("error")), blankToNull(hash.get("lastSuccessAt")),
        blankToNull(hash.get("lastSkipAt")), blankToNull(hash.get("lastSkipBy")), longOrZero(hash.get("runs")), longOrZero(hash.get("failures")),
        longOrZero(hash.get("skips")));
  }

  private String key(MaintenanceJob job) {
    return this.prefix + job.id();
  }

  private String json(Map<String, Long> counts) {
    try {
      return this.mapper.writeValueAsString(counts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Long> counts(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return new TreeMap<>(this.mapper.readValue(json, COUNTS));
    } catch (JsonProcessingException e) {
      return Map.of(); // a record written by a newer version: its counts are not ours to interpret
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static Long longOrNull(String value) {
    return value == null || value.isBlank() ? null : Long.valueOf(value);
  }

  private static long longOrZero(String value) {
    return value == null || value.isBlank() ? 0 : Long.parseLong(value);
  }
}
