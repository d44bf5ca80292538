package dev.switchboard.health;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of {@code GET /health/detailed}: the state of the service in one look, for operators and dashboards. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DetailedHealth(String status, String version, long uptimeSeconds, Checks checks) {

  public static final String HEALTHY = "healthy";
  public static final String DEGRADED = "degraded";
  public static final String UNHEALTHY = "unhealthy";

  public record Checks(Redis redis, Cache cache, List<Queue> queues, Memory memory) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Redis(String status, Long latencyMs, String maxmemoryPolicy, String warning, String error) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Cache(String type, Long latencyMs, String error) {
  }

  /** The consumers of one incoming channel: {@code up}, or {@code down} with the last error since when. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Queue(String queue, String channel, String status, String error, Instant failingSince) {
  }

  public record Memory(long heapUsedBytes, long heapMaxBytes, long nonHeapUsedBytes, long rssBytes) {
  }
}
